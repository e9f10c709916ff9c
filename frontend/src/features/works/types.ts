/** The works API's shapes, named from the generated `paths` (src/api/schema.ts). */
import type { paths } from '@/api/schema'
export { workKindValues as WORK_KINDS, workStatusValues as WORK_STATUSES } from '@/api/schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never

export type WorkDetail = Json<paths['/api/v1/works/{work_id}']['get']['responses'][200]>
export type Work = Json<paths['/api/v1/works/{work_id}']['patch']['responses'][200]>
export type WorkCreate = Json<NonNullable<paths['/api/v1/works']['post']['requestBody']>>
export type WorkUpdate = Json<NonNullable<paths['/api/v1/works/{work_id}']['patch']['requestBody']>>
export type WorkSummary = Json<paths['/api/v1/works/summary']['get']['responses'][200]>
export type Totals = WorkSummary['totals']
export type WorkNote = WorkDetail['notes'][number]
export type WorksImportResult = Json<paths['/api/v1/works/import']['post']['responses'][201]>
export type WorkKind = Work['kind']
export type WorkStatus = Work['status']
export type Due = 'overdue' | 'soon'

/** The moves a status allows (the server's rule, works/changes.py); done and dropped are final but for an admin. */
export function nextStatuses(status: WorkStatus, isAdmin: boolean): WorkStatus[] {
  if (status === 'done' || status === 'dropped') return isAdmin ? (['registered', 'in_progress', 'done', 'dropped'] as WorkStatus[]).filter((s) => s !== status) : []
  const all: WorkStatus[] = ['registered', 'in_progress', 'done', 'dropped']
  return all.filter((s) => s !== status)
}
