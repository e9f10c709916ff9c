/** Aggregates of a unit's subtree (GET /units/{id}/stats) and what the dashboard derives from them. */
import { api, call, downloadUrl } from '@/api/client'
import type { Stats, StatsGroup } from '@/api/types'

export type GroupBy = 'child' | 'section' | 'category' | 'stance' | 'channel' | 'organization' | 'day' | 'level'

export interface StatsFilter {
  consultation_id?: number
  document_id?: number
  from?: string
  to?: string
}

export function fetchStats(unitId: number, groupBy: GroupBy[], filter: StatsFilter = {}): Promise<Stats> {
  return call(
    api.GET('/api/v1/units/{unit_id}/stats', {
      params: { path: { unit_id: unitId }, query: { ...filter, group_by: groupBy } },
    }),
  )
}

export function statsExportUrl(unitId: number, format: 'csv' | 'xlsx', groupBy: GroupBy[], filter: StatsFilter = {}): string {
  return downloadUrl(`/api/v1/units/${unitId}/stats`, { ...filter, group_by: groupBy, format })
}

/** The value of one grouping key of a group, whatever shape the server gives it. */
export function keyOf(group: StatsGroup, by: GroupBy): unknown {
  return (group.key as Record<string, unknown> | undefined)?.[by] ?? null
}

export interface Bar {
  key: string
  label: string
  comments: number
  people: number
}

/** Turns groups into labelled bars, sorted as asked (day: by date; others: largest first). */
export function toBars(groups: StatsGroup[], by: GroupBy, label: (key: unknown) => string): Bar[] {
  const bars = groups.map((g) => {
    const k = keyOf(g, by)
    const id = k && typeof k === 'object' && 'id' in k ? String((k as { id: unknown }).id) : String(k)
    return { key: id, label: label(k), comments: g.comments, people: g.people }
  })
  if (by === 'day') bars.sort((a, b) => a.key.localeCompare(b.key))
  else bars.sort((a, b) => b.comments - a.comments)
  return bars
}

/** Share of a part in a whole, as a rounded percentage (0 when the whole is 0). */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0
}
