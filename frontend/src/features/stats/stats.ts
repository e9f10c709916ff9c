/** Aggregates of a unit's subtree (GET /units/{id}/stats) and what the dashboard derives from them. */
import { api, call, downloadUrl } from '@/api/client'
import type { components } from '@/api/schema'
import type { Stats, StatsGroup } from '@/api/types'

/** The groupings the API offers (generated from its OpenAPI document). */
export type GroupBy = components['schemas']['GroupBy']

export interface StatsFilter {
  consultation_id?: number
  document_id?: number
  from?: string
  to?: string
  /** `current`: an old consultation's counts on today's tree (stats/eras.py). */
  tree?: 'original' | 'current'
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

/** The day after an ISO date (YYYY-MM-DD), computed in UTC so no time zone shifts it. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Day bars on a time axis: every day from `from` to `to` (widened to the days that have
 * comments), a day without comments as a zero bar; at most `maxDays`, the latest kept.
 */
export function fillDays(bars: Bar[], from: string | null, to: string | null, label: (day: string) => string, maxDays = 366): Bar[] {
  const keys = bars.map((b) => b.key).filter((k) => /^\d{4}-\d{2}-\d{2}$/.test(k)).sort()
  const first = [from, keys[0]].filter((x): x is string => !!x).sort()[0]
  const last = [to, keys[keys.length - 1]].filter((x): x is string => !!x).sort().pop()
  if (!first || !last) return bars
  const byDay = new Map(bars.map((b) => [b.key, b]))
  const out: Bar[] = []
  for (let day = first; day <= last; day = nextDay(day)) out.push(byDay.get(day) ?? { key: day, label: label(day), comments: 0, people: 0 })
  return out.slice(-maxDays)
}

/** A label broken into lines of at most `width` characters at spaces (a chart axis shows them one under the other). */
export function wrapLabel(label: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

/** The progress of a unit's direct children in one consultation (GET /units/{id}/progress). */
export type Progress = components['schemas']['Progress']
export type ProgressRow = components['schemas']['ProgressRow']

export function fetchProgress(unitId: number, consultationId: number): Promise<Progress> {
  return call(
    api.GET('/api/v1/units/{unit_id}/progress', {
      params: { path: { unit_id: unitId }, query: { consultation_id: consultationId } },
    }),
  )
}

/**
 * How many direct children have held a meeting or entered a comment, of how many. `kind` says
 * what is counted: `areas` when every child is a residential area (a commune's view: exact),
 * else `children` (only the direct children, not the areas below them).
 */
export interface Coverage {
  kind: 'areas' | 'children'
  active: number
  total: number
}
export function coverage(
  rows: Pick<ProgressRow, 'unit' | 'meetings' | 'comments'>[],
  areas?: { total: number; active: number } | null,
): Coverage | null {
  // The server counts the residential areas of the whole subtree (at any level) when it can.
  if (areas && areas.total > 0) return { kind: 'areas', active: areas.active, total: areas.total }
  if (!rows.length) return null
  const kind = rows.every((r) => r.unit.level === 'residential_area') ? 'areas' : 'children'
  return { kind, active: rows.filter((r) => r.meetings > 0 || r.comments > 0).length, total: rows.length }
}
