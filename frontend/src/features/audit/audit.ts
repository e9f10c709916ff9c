/** The audit trail: query building from the screen's filters and the display of changed values. */
import type { paths } from '@/api/schema'

type Query = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>
export type AuditPage = paths['/api/v1/audit-events']['get']['responses'][200]['content']['application/json']
export type AuditEvent = AuditPage['items'][number]

/** Entities the backend records (offered in the filter; any other name can still be typed). */
export const AUDIT_ENTITIES = ['user', 'api_key', 'unit', 'consultation', 'document', 'comment', 'meeting', 'synthesis', 'synthesis_item'] as const

export interface AuditFilters {
  unit_id: number | null
  entity: string
  entity_id: string
  actor_id: string
  /** YYYY-MM-DD (a day in Vietnam), inclusive */
  from: string | null
  /** YYYY-MM-DD (a day in Vietnam), inclusive */
  to: string | null
}

export function emptyFilters(): AuditFilters {
  return { unit_id: null, entity: '', entity_id: '', actor_id: '', from: null, to: null }
}

/** The day after an ISO date ("2025-08-31" → "2025-09-01"). */
export function nextDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/**
 * The API's query for the filters: days are Vietnam days (UTC+7, no daylight saving), `to` includes
 * its whole day (the API's `to` is exclusive). Empty filters are left out.
 */
export function auditQuery(f: AuditFilters, cursor?: string, limit = 50): Query {
  const q: Query = { limit }
  if (f.unit_id != null) q.unit_id = f.unit_id
  if (f.entity.trim()) q.entity = f.entity.trim()
  if (f.entity_id.trim()) q.entity_id = f.entity_id.trim()
  const actor = Number(f.actor_id.trim())
  if (f.actor_id.trim() && Number.isInteger(actor) && actor > 0) q.actor_id = actor
  if (f.from) q.from = `${f.from}T00:00:00+07:00`
  if (f.to) q.to = `${nextDay(f.to)}T00:00:00+07:00`
  if (cursor) q.cursor = cursor
  return q
}

/** A changed value as a short text: null/absent → "—", dates dd/mm/yyyy, objects as JSON. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
    return m ? `${m[3]}/${m[2]}/${m[1]}` : v
  }
  if (typeof v === 'boolean' || typeof v === 'number') return String(v)
  return JSON.stringify(v)
}

/** The event's changes as rows, fields in name order. */
export function changeRows(e: Pick<AuditEvent, 'changes'>): { field: string; before: string; after: string }[] {
  return Object.keys(e.changes ?? {})
    .sort()
    .map((field) => ({ field, before: formatValue(e.changes[field]?.before), after: formatValue(e.changes[field]?.after) }))
}
