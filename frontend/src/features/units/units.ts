/** Units: cached look-ups, children, and the path from the user's unit down to any unit. */
import { api, call } from '@/api/client'
import type { Unit } from '@/api/types'
import { allPages } from '@/api/pages'

const byId = new Map<number, Promise<Unit>>()

export function getUnit(id: number): Promise<Unit> {
  let p = byId.get(id)
  if (!p) {
    p = call(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: id } } }))
    p.catch(() => byId.delete(id))
    byId.set(id, p)
  }
  return p
}

export async function childrenOf(parentId: number): Promise<Unit[]> {
  const units = await allPages((cursor) => call(api.GET('/api/v1/units', { params: { query: { parent_id: parentId, limit: 500, cursor } } })))
  units.forEach((u) => byId.set(u.id, Promise.resolve(u)))
  return units
}

export async function searchUnits(q: string, limit = 20): Promise<Unit[]> {
  const page = await call(api.GET('/api/v1/units', { params: { query: { q, limit } } }))
  return page.items
}

/**
 * The units from `top` (the user's unit, or the root when null) down to `unitId`,
 * both included. Stops at `top`, so a user never sees above its own unit.
 */
export async function pathTo(unitId: number, top: number | null): Promise<Unit[]> {
  const chain: Unit[] = []
  let current: Unit | null = await getUnit(unitId)
  for (let i = 0; current && i < 10; i++) {
    chain.unshift(current)
    if (current.id === top || current.parent_id == null) break
    current = await getUnit(current.parent_id)
  }
  return chain
}
