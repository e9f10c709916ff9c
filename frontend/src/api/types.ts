/**
 * Names for the API shapes the UI passes around, all derived from the generated
 * `paths` (so they follow the backend's OpenAPI document, whatever its schema names),
 * and the enumerations' values, generated from the same document (never listed by hand).
 */
import type { paths } from './schema'

export {
  categoryValues as CATEGORIES,
  channelValues as CHANNELS,
  feedbackValues as FEEDBACKS,
  meetingKindValues as MEETING_KINDS,
  organizationValues as ORGANIZATIONS,
  roleValues as ROLES,
  stanceValues as STANCES,
  unitLevelValues as LEVELS,
} from './schema'

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
export type Organization = NonNullable<CommentCreate['organization']>
export type Stats = Ok<paths['/api/v1/units/{unit_id}/stats']['get']>
export type StatsGroup = Stats['groups'][number]
export type Submission = Item<Ok<paths['/api/v1/units/{unit_id}/submissions']['get']>>
export type Synthesis = Ok<paths['/api/v1/syntheses/{synthesis_id}']['get']>
export type SynthesisItem = Ok<paths['/api/v1/syntheses/{synthesis_id}/items']['post']>
export type Suggestion = Item<Ok<paths['/api/v1/syntheses/{synthesis_id}/suggestions']['get']>>
export type ApiKeyCreated = Ok<paths['/api/v1/api-keys']['post']>
export type ApiKey = Item<Ok<paths['/api/v1/api-keys']['get']>>

export type PaperImportResult = Ok<paths['/api/v1/comments/import']['post']>
export type SynthesisSummary = Item<Ok<paths['/api/v1/syntheses']['get']>>
export type Feedback = NonNullable<SynthesisItem['feedback']>['status']
