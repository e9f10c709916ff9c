/**
 * Names for the API shapes the UI passes around, all derived from the generated
 * `paths` (so they follow the backend's OpenAPI document, whatever its schema names).
 */
import type { paths } from './schema'

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never
type Ok<Op> = Op extends { responses: infer R } ? (200 extends keyof R ? Json<R[200]> : 201 extends keyof R ? Json<R[201]> : never) : never
type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never
type Item<T> = T extends { items: (infer I)[] } ? I : T extends Record<string, (infer J)[] | undefined> ? J : never

export type User = Ok<paths['/api/v1/me']['get']>
export type Unit = Ok<paths['/api/v1/units/{unit_id}']['get']>
export type UnitLevel = Unit['level']
export type Role = User['role']
export type Consultation = Ok<paths['/api/v1/consultations/{consultation_id}']['get']>
export type DocumentFull = Ok<paths['/api/v1/documents/{document_id}']['get']>
export type Section = DocumentFull['sections'][number]
export type Meeting = Item<Ok<paths['/api/v1/meetings']['get']>>
export type MeetingCreate = Body<paths['/api/v1/meetings']['post']>
export type MeetingKind = Meeting['kind']
export type Comment = Ok<paths['/api/v1/comments/{comment_id}']['get']>
export type CommentCreate = Body<paths['/api/v1/comments']['post']>
export type CommentUpdate = Body<paths['/api/v1/comments/{comment_id}']['patch']>
export type CommentHistoryEntry = Item<Ok<paths['/api/v1/comments/{comment_id}/history']['get']>>
export type Channel = CommentCreate['channel']
export type Category = CommentCreate['category']
export type Stance = CommentCreate['stance']
export type Stats = Ok<paths['/api/v1/units/{unit_id}/stats']['get']>
export type StatsGroup = Stats['groups'][number]
export type Submission = Item<Ok<paths['/api/v1/units/{unit_id}/submissions']['get']>>
export type Synthesis = Ok<paths['/api/v1/syntheses/{synthesis_id}']['get']>
export type SynthesisItem = Ok<paths['/api/v1/syntheses/{synthesis_id}/items']['post']>
export type Suggestion = Item<Ok<paths['/api/v1/syntheses/{synthesis_id}/suggestions']['get']>>
export type ApiKeyCreated = Ok<paths['/api/v1/api-keys']['post']>
export type ApiKey = Item<Ok<paths['/api/v1/api-keys']['get']>>

export const LEVELS = ['central', 'province', 'district', 'commune', 'residential_area'] as const satisfies readonly UnitLevel[]
export const ROLES = ['admin', 'secretary', 'entry', 'viewer'] as const satisfies readonly Role[]
export const CHANNELS = ['meeting', 'written', 'online', 'media', 'other'] as const satisfies readonly Channel[]
export const CATEGORIES = [
  'citizen',
  'front_committee_member',
  'advisory_council',
  'notable_person',
  'cadre',
  'member_organization',
  'party_member',
  'other',
] as const satisfies readonly Category[]
export const STANCES = ['agree', 'amend', 'add', 'disagree', 'other'] as const satisfies readonly Stance[]
export const MEETING_KINDS = [
  'residential_area_meeting',
  'committee_conference',
  'advisory_council',
  'staff_conference',
  'other',
] as const satisfies readonly MeetingKind[]
export type PaperImportResult = Ok<paths['/api/v1/comments/import']['post']>
export type SynthesisSummary = Item<Ok<paths['/api/v1/syntheses']['get']>>
export type Feedback = NonNullable<SynthesisItem['feedback']>['status']
export const FEEDBACKS = ['taken_up', 'noted', 'not_taken_up'] as const satisfies readonly Feedback[]
