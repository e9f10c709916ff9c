/**
 * What the entry screen needs to know before a clerk types: the open
 * consultations, their documents (with section trees) and the unit's meetings.
 * Fetched when online and kept on the device, so the screen works offline.
 */
import { api, call } from '@/api/client'
import type { Consultation, DocumentFull, Meeting, Unit, User } from '@/api/types'
import { childrenOf } from '@/features/units/units'
import { cacheGet, cachePut } from '@/lib/db'

export interface EntryContext {
  consultations: Consultation[]
  documents: DocumentFull[]
  meetings: Meeting[]
  /** The units a comment may be entered for: the user's unit, then its direct children. */
  units: Pick<Unit, 'id' | 'name' | 'level'>[]
  fetchedAt: number
}

/** The consultations the caller can see (the server scopes them to the caller's subtree and
 * ancestors); optionally only those of a kind and month ("yyyy-mm"). */
export async function listConsultations(filter: { kind?: Consultation['kind']; period?: string } = {}): Promise<Consultation[]> {
  const query = { kind: filter.kind || undefined, period: filter.period || undefined }
  return (await call(api.GET('/api/v1/consultations', { params: { query } }))).items ?? []
}

export async function listDocuments(consultationId: number): Promise<DocumentFull[]> {
  const docs = (await call(api.GET('/api/v1/documents', { params: { query: { consultation_id: consultationId } } }))).items ?? []
  // The list gives summaries; the single-document answer has the section tree.
  return Promise.all(docs.map((d) => call(api.GET('/api/v1/documents/{document_id}', { params: { path: { document_id: d.id } } }))))
}

export async function listMeetings(unitId: number, consultationId?: number): Promise<Meeting[]> {
  return (await call(api.GET('/api/v1/meetings', { params: { query: { unit_id: unitId, consultation_id: consultationId } } }))).items ?? []
}

const key = (user: User) => `entry-context:${user.username}`

export async function loadEntryContext(user: User): Promise<EntryContext> {
  const consultations = (await listConsultations()).filter((c) => c.status === 'open')
  const documents = (await Promise.all(consultations.map((c) => listDocuments(c.id)))).flat()
  const units: EntryContext['units'] = []
  let meetings: Meeting[] = []
  if (user.unit_id != null) {
    const own = user.unit ?? (await call(api.GET('/api/v1/units/{unit_id}', { params: { path: { unit_id: user.unit_id } } })))
    units.push({ id: own.id, name: own.name, level: own.level })
    if (own.level !== 'residential_area') {
      const children = await childrenOf(own.id).catch(() => [])
      units.push(...children.map((c) => ({ id: c.id, name: c.name, level: c.level })))
    }
    meetings = await listMeetings(user.unit_id).catch(() => [])
  }
  const ctx: EntryContext = { consultations, documents, meetings, units, fetchedAt: Date.now() }
  await cachePut(key(user), ctx)
  return ctx
}

export function cachedEntryContext(user: User): Promise<EntryContext | undefined> {
  return cacheGet<EntryContext>(key(user))
}

export async function rememberMeeting(user: User, meeting: Meeting): Promise<void> {
  const ctx = await cachedEntryContext(user)
  if (ctx) await cachePut(key(user), { ...ctx, meetings: [meeting, ...ctx.meetings.filter((m) => m.id !== meeting.id)] })
}
