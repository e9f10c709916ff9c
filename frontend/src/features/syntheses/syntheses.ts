/** Syntheses: find or open this unit's current one, and the actions on it. */
import { api, call } from '@/api/client'
import type { paths } from '@/api/schema'
import type { Feedback, SynthesisSummary } from '@/api/types'
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
export const submitSynthesis = (id: string) => call(api.POST('/api/v1/syntheses/{synthesis_id}/submit', { params: { path: { synthesis_id: id } } }))
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
