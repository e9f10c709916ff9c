/** Syntheses: find or open this unit's current one, and the actions on it. */
import { api, call } from '@/api/client'
import type { paths } from '@/api/schema'
import type { Comment, Consultation, Feedback, SynthesisSummary } from '@/api/types'
import { allPages } from '@/api/pages'

const ORDER = { draft: 0, returned: 1, submitted: 2, accepted: 3 } as const

/** The unit's syntheses for a consultation, newest version first. */
export async function unitSyntheses(unitId: number, consultationId: number): Promise<SynthesisSummary[]> {
  const all = await allPages((cursor) => call(api.GET('/api/v1/syntheses', { params: { query: { unit_id: unitId, consultation_id: consultationId, limit: 100, cursor } } })))
  return all.sort((a, b) => b.version - a.version || ORDER[a.status] - ORDER[b.status])
}

/** Whether the unit may open a new version: none yet, or the latest was returned. */
export function canOpenNew(list: Pick<SynthesisSummary, 'status'>[]): boolean {
  return !list.length || list.every((s) => s.status === 'returned')
}

export const createSynthesis = (unitId: number, consultationId: number) => call(api.POST('/api/v1/syntheses', { body: { unit_id: unitId, consultation_id: consultationId } }))
export const getSynthesis = (id: string) => call(api.GET('/api/v1/syntheses/{synthesis_id}', { params: { path: { synthesis_id: id } } }))
export const suggestions = (id: string) => call(api.GET('/api/v1/syntheses/{synthesis_id}/suggestions', { params: { path: { synthesis_id: id } } }))
export const submitSynthesis = (id: string, confirmEmpty = false) =>
  call(api.POST('/api/v1/syntheses/{synthesis_id}/submit', { params: { path: { synthesis_id: id } }, body: { confirm_empty: confirmEmpty } }))
export const acceptSynthesis = (id: string) => call(api.POST('/api/v1/syntheses/{synthesis_id}/accept', { params: { path: { synthesis_id: id } } }))
export const returnSynthesis = (id: string, reason: string) => call(api.POST('/api/v1/syntheses/{synthesis_id}/return', { params: { path: { synthesis_id: id } }, body: { reason } }))
export const incoming = (unitId: number, consultationId: number) =>
  call(api.GET('/api/v1/units/{unit_id}/incoming', { params: { path: { unit_id: unitId }, query: { consultation_id: consultationId } } }))
export const addItem = (id: string, body: paths['/api/v1/syntheses/{synthesis_id}/items']['post']['requestBody']['content']['application/json']) =>
  call(api.POST('/api/v1/syntheses/{synthesis_id}/items', { params: { path: { synthesis_id: id } }, body }))
export const submissions = (unitId: number, consultationId: number) =>
  call(api.GET('/api/v1/units/{unit_id}/submissions', { params: { path: { unit_id: unitId }, query: { consultation_id: consultationId } } }))
export const deleteItem = (id: string, itemId: string) => call(api.DELETE('/api/v1/syntheses/{synthesis_id}/items/{item_id}', { params: { path: { synthesis_id: id, item_id: itemId } } }))
export const setFeedback = (id: string, itemId: string, feedback: Feedback, reason: string | null) =>
  call(api.PUT('/api/v1/syntheses/{synthesis_id}/items/{item_id}/feedback', { params: { path: { synthesis_id: id, item_id: itemId } }, body: { feedback, reason } }))
export const docxUrl = (id: string) => `/api/v1/syntheses/${id}/report.docx`

type Ok<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never
export type ItemPatch = NonNullable<paths['/api/v1/syntheses/{synthesis_id}/items/{item_id}']['patch']['requestBody']>['content']['application/json']
export type Check = Ok<paths['/api/v1/syntheses/{synthesis_id}/checks']['get']>['items'][number]
export type ProgressRow = Ok<paths['/api/v1/units/{unit_id}/progress']['get']>['items'][number]

export const patchItem = (id: string, itemId: string, body: ItemPatch) =>
  call(api.PATCH('/api/v1/syntheses/{synthesis_id}/items/{item_id}', { params: { path: { synthesis_id: id, item_id: itemId } }, body }))
export const checks = (id: string) => call(api.GET('/api/v1/syntheses/{synthesis_id}/checks', { params: { path: { synthesis_id: id } } }))
export const uncovered = (id: string, cursor?: string, limit = 20) =>
  call(api.GET('/api/v1/syntheses/{synthesis_id}/uncovered', { params: { path: { synthesis_id: id }, query: { limit, cursor } } }))
export const progress = (unitId: number, consultationId: number) =>
  call(api.GET('/api/v1/units/{unit_id}/progress', { params: { path: { unit_id: unitId }, query: { consultation_id: consultationId } } }))

const commentCache = new Map<string, Promise<Comment>>()
/** One comment, fetched once per screen visit (suggestion members are opened and closed again). */
export function getComment(id: string): Promise<Comment> {
  let p = commentCache.get(id)
  if (!p) {
    p = call(api.GET('/api/v1/comments/{comment_id}', { params: { path: { comment_id: id } } }))
    p.catch(() => commentCache.delete(id))
    commentCache.set(id, p)
  }
  return p
}

/** Whether a unit of this level compiles a synthesis for the consultation (its level has a deadline). */
export function levelSubmits(consultation: Pick<Consultation, 'deadlines'> | null | undefined, level: string | null | undefined): boolean {
  return !!consultation && !!level && !!consultation.deadlines?.[level]
}

/** Who may edit the unit's synthesis: admins and secretaries; at a residential area whose level submits, its entry users too. */
export function canCompile(role: string | null | undefined, level: string | null | undefined, consultation: Pick<Consultation, 'deadlines'> | null | undefined): boolean {
  if (role === 'admin' || role === 'secretary') return true
  return role === 'entry' && level === 'residential_area' && levelSubmits(consultation, level)
}

/** The slice of a list shown on page `page` (0-based) of `size`, and how many pages there are. */
export function pageOf<T>(list: T[], page: number, size: number): { rows: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(list.length / size))
  const p = Math.min(Math.max(0, page), pages - 1)
  return { rows: list.slice(p * size, p * size + size), pages, page: p }
}

/** An empty report over a subtree with comments needs an explicit confirmation (`confirm_empty`). */
export function needsEmptyConfirmation(itemCount: number, list: Pick<Check, 'code' | 'count'>[]): boolean {
  return itemCount === 0 && list.some((c) => c.code === 'uncovered_comments' && (c.count ?? 0) > 0)
}

/** The version a returned version's successor copies: the one named by `previous_id`, if returned. */
export function returnedPredecessor<T extends Pick<SynthesisSummary, 'id' | 'status'>>(versions: T[], previousId: string | null | undefined): T | null {
  const prev = previousId ? versions.find((v) => v.id === previousId) : undefined
  return prev && prev.status === 'returned' ? prev : null
}

/** A summary a single comment starts with: its text, within the item's 10,000-character limit. */
export function summaryFromComment(content: string): string {
  const text = content.trim()
  return text.length > 10000 ? text.slice(0, 9999) + '…' : text
}
