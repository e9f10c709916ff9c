/** Periodic reports (month, quarter, final): the API calls, the periods a unit may report on, who may act. */
import { api, call } from '@/api/client'
import type { paths } from '@/api/schema'
import { allPages } from '@/api/pages'

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never
export type PeriodicReport = Ok<paths['/api/v1/periodic-reports/{report_id}']['get']>
export type PeriodicSummary = Ok<paths['/api/v1/periodic-reports']['get']>['items'][number]
export type PeriodKind = PeriodicSummary['period_kind']
export type SectionKey = 'I' | 'II' | 'III' | 'IV' | 'V'
export const SECTION_KEYS: SectionKey[] = ['I', 'II', 'III', 'IV', 'V']
export const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'final']
/** The levels that file periodic reports. */
export const REPORTING_LEVELS = ['province', 'district', 'commune']

const path = (id: string) => ({ path: { report_id: id } })

export const unitReports = (unitId: number) =>
  allPages((cursor) => call(api.GET('/api/v1/periodic-reports', { params: { query: { unit_id: unitId, limit: 100, cursor } } })))
export const childrenReports = (parentId: number, period: string) =>
  allPages((cursor) => call(api.GET('/api/v1/periodic-reports', { params: { query: { parent_id: parentId, period, limit: 100, cursor } } })))
export const createReport = (unitId: number, period: string) => call(api.POST('/api/v1/periodic-reports', { body: { unit_id: unitId, period } }))
export const getReport = (id: string) => call(api.GET('/api/v1/periodic-reports/{report_id}', { params: path(id) }))
/** Saves the sections; `revision` is the one read (sent as If-Match: a stale edit is refused with 412). */
export const saveSections = (id: string, revision: number, sections: Partial<Record<SectionKey, string>>) =>
  call(api.PATCH('/api/v1/periodic-reports/{report_id}', { params: { ...path(id), header: { 'if-match': `"${revision}"` } }, body: sections }))
export const submitReport = (id: string, revision: number) =>
  call(api.POST('/api/v1/periodic-reports/{report_id}/submit', { params: { ...path(id), header: { 'if-match': `"${revision}"` } } }))
export const acceptReport = (id: string) => call(api.POST('/api/v1/periodic-reports/{report_id}/accept', { params: path(id) }))
export const returnReport = (id: string, reason: string) => call(api.POST('/api/v1/periodic-reports/{report_id}/return', { params: path(id), body: { reason } }))
export const docxUrl = (id: string) => `/api/v1/periodic-reports/${id}/report.docx`

/** A key's parts: its year and "11", "Q4" or "final". */
function split(key: string): { y: number; rest: string } {
  const dash = key.indexOf('-')
  return { y: Number(key.slice(0, dash)), rest: key.slice(dash + 1) }
}

/** "2026-11", "2026-Q4", "2026-final" for the period of `kind` holding the day `iso` (yyyy-mm-dd). */
export function periodOf(kind: PeriodKind, iso: string): string {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  if (kind === 'month') return `${y}-${String(m).padStart(2, '0')}`
  if (kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`
  return `${y}-final`
}

/** The period before `key` (same kind). */
export function previousPeriod(key: string): string {
  const { y, rest } = split(key)
  if (rest === 'final') return `${y - 1}-final`
  if (rest.startsWith('Q')) {
    const q = Number(rest.slice(1))
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`
  }
  const m = Number(rest)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The latest periods of `kind` up to the one holding `todayIso`, newest first (`count`; 2 final ones). */
export function recentPeriods(kind: PeriodKind, todayIso: string, count = 6): string[] {
  let key = periodOf(kind, todayIso)
  const out = [key]
  while (out.length < (kind === 'final' ? 2 : count)) {
    key = previousPeriod(key)
    out.push(key)
  }
  return out
}

const ROMAN = ['I', 'II', 'III', 'IV']
/** What a label needs: the kind, the year, and the month's number or the quarter's numeral. */
export function periodParts(key: string): { kind: PeriodKind; year: string; n: string } {
  const { y, rest } = split(key)
  const year = String(y)
  if (rest === 'final') return { kind: 'final', year, n: '' }
  if (rest.startsWith('Q')) return { kind: 'quarter', year, n: ROMAN[Number(rest.slice(1)) - 1] ?? '' }
  return { kind: 'month', year, n: String(Number(rest)) }
}

/** The unit's own secretaries and admins draft, edit and submit; only drafts and returned reports change. */
export function canWrite(user: { role: string; unit_id: number | null; is_superuser?: boolean } | null, report: Pick<PeriodicReport, 'unit' | 'status'>): boolean {
  if (!user || !['admin', 'secretary'].includes(user.role)) return false
  if (!(user.is_superuser || user.unit_id === report.unit.id)) return false
  return report.status === 'draft' || report.status === 'returned'
}

/** The secretaries and admins of the unit above judge a submitted report. */
export function canJudge(user: { role: string; unit_id: number | null; is_superuser?: boolean } | null, report: Pick<PeriodicReport, 'parent_unit_id' | 'status'>): boolean {
  if (!user || !['admin', 'secretary'].includes(user.role) || report.status !== 'submitted') return false
  return !!user.is_superuser || (report.parent_unit_id !== null && user.unit_id === report.parent_unit_id)
}
