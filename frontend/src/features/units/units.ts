/** Units: cached look-ups, children, and the path from the user's unit down to any unit. */
import { api, call } from '@/api/client'
import type { components } from '@/api/schema'
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

/** The children of a unit in the tree valid on `on` (YYYY-MM-DD; default: the server's, today's tree or the parent's last one). */
export async function childrenOf(parentId: number, on?: string | null): Promise<Unit[]> {
  const query = on ? { parent_id: parentId, limit: 500, on } : { parent_id: parentId, limit: 500 }
  const units = await allPages((cursor) => call(api.GET('/api/v1/units', { params: { query: { ...query, cursor } } })))
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

/** The ids of a unit's ancestors, nearest first, from its materialised path ("/1/5/30/" → [5, 1] for 30). */
export function ancestorIds(unit: Pick<Unit, 'id' | 'path'>): number[] {
  return unit.path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((id) => Number.isInteger(id) && id !== unit.id)
    .reverse()
}

/**
 * The names of a unit's ancestors, nearest first, up to (not including) `top` (the user's
 * own unit) or `max` of them; each ancestor is fetched once (cached) and one the caller
 * may not read is left out.
 */
export async function ancestorNames(unit: Pick<Unit, 'id' | 'path'>, top: number | null, max = 3): Promise<string[]> {
  const ids: number[] = []
  for (const id of ancestorIds(unit)) {
    if (id === top || ids.length >= max) break
    ids.push(id)
  }
  const found = await Promise.all(ids.map((id) => getUnit(id).then((u) => u.name, () => null)))
  return found.filter((n): n is string => !!n)
}

/** Administrative words a unit's name starts with, and what they are called (i18n `unitKind.*`). */
const KINDS: [string, string][] = [
  ['Thành phố', 'city'],
  ['Thị xã', 'town'],
  ['Thị trấn', 'township'],
  ['Quận', 'urbanDistrict'],
  ['Huyện', 'district'],
  ['Phường', 'ward'],
  ['Đặc khu', 'specialZone'],
  ['Xã', 'commune'],
  ['Tỉnh', 'province'],
]
const RESIDENTIAL = /^(Khu phố|Tổ dân phố|Khóm|Ấp|Thôn|Bản|Làng|Buôn|Sóc|Khu|Tổ)\s/u

/** The kind of unit its name says ("Thành phố Rạch Giá" → "city"), or null when the name has no such word. */
export function unitKind(name: string): string | null {
  const n = name.normalize('NFC').trim()
  return KINDS.find(([word]) => n === word || n.startsWith(`${word} `))?.[1] ?? null
}

/** Whether the name already says the unit's kind (no need to repeat its level beside it). */
export function nameSaysKind(unit: Pick<Unit, 'name' | 'level'>): boolean {
  return unitKind(unit.name) !== null || (unit.level === 'residential_area' && RESIDENTIAL.test(unit.name.normalize('NFC')))
}

/** The i18n key naming a unit's kind: from its name where it says it (Thành phố, Thị xã, Phường, Thị trấn…), else from its level. */
export function levelKey(unit: Pick<Unit, 'name' | 'level'>): string {
  const kind = unitKind(unit.name)
  return kind ? `unitKind.${kind}` : `level.${unit.level}`
}

// --- eras: validity, lineage and merges (units of both eras, issue #17) --------------------------

/** The last day of the tree before the 2025 reform (1 July 2025: two levels of local government). */
export const BEFORE_2025 = '2025-06-30'

export type UnitLineage = components['schemas']['UnitLineagePublic']
export type UnitMergeRequest = components['schemas']['UnitMergeRequest']

/** Whether the unit is part of today's tree (`today`: YYYY-MM-DD). */
export function isCurrent(unit: Pick<Unit, 'valid_from' | 'valid_to'>, today: string): boolean {
  return (!unit.valid_from || unit.valid_from <= today) && (!unit.valid_to || unit.valid_to >= today)
}

export function fetchLineage(unitId: number): Promise<UnitLineage> {
  return call(api.GET('/api/v1/units/{unit_id}/lineage', { params: { path: { unit_id: unitId } } }))
}

export function mergeUnits(body: UnitMergeRequest) {
  return call(api.POST('/api/v1/units/merge', { body }))
}
