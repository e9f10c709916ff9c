/**
 * What the entry screen needs to know before a clerk types: the open
 * consultations, their documents (with section trees) and the unit's meetings.
 * Fetched when online and kept on the device, so the screen works offline.
 *
 * On a weak connection each round trip costs ~0.4 s: everything is asked at once, in
 * parallel (one round trip after the login), and the documents come with their section
 * trees in one answer (`include=sections`), not one request per document.
 */
import { api, call } from '@/api/client'
import { allPages } from '@/api/pages'
import type { Consultation, DocumentFull, Meeting, Unit, User } from '@/api/types'
import { childrenOf, getUnit } from '@/features/units/units'
import { cacheGet, cachePut } from '@/lib/db'

export interface EntryContext {
  consultations: Consultation[]
  documents: DocumentFull[]
  meetings: Meeting[]
  /** The units a comment may be entered for: the user's unit, then its direct children. */
  units: Pick<Unit, 'id' | 'name' | 'level'>[]
  fetchedAt: number
}

let consultationsInFlight: Promise<Consultation[]> | null = null
let consultationsPrefetched: Promise<Consultation[]> | null = null
let prefetchedAt = 0
/** A prefetch nobody used (the navigation was cancelled) is not served later as fresh. */
const PREFETCH_TTL_MS = 10_000

/**
 * The consultations the caller can see (the server scopes them to the caller's subtree and
 * ancestors). Callers asking at the same moment (the menu and the entry screen after a login)
 * share one request; a prefetched answer is used once, by the next caller.
 */
export function listConsultations(filter: { kind?: Consultation['kind']; period?: string } = {}): Promise<Consultation[]> {
  if (filter.kind || filter.period) {
    // Only those of a kind and month ("yyyy-mm"): a question of its own, never shared.
    const query = { kind: filter.kind || undefined, period: filter.period || undefined }
    return call(api.GET('/api/v1/consultations', { params: { query } })).then((page) => page.items ?? [])
  }
  if (consultationsPrefetched) {
    const prefetched = consultationsPrefetched
    consultationsPrefetched = null
    if (Date.now() - prefetchedAt < PREFETCH_TTL_MS) return prefetched
  }
  consultationsInFlight ??= call(api.GET('/api/v1/consultations'))
    .then((page) => page.items ?? [])
    .finally(() => {
      consultationsInFlight = null
    })
  return consultationsInFlight
}

/**
 * Asks for the consultations now, for a screen whose code is still on its way (the dashboard):
 * the answer and the screen's chunk then travel at the same time.
 */
export function prefetchConsultations(): void {
  if (consultationsPrefetched) return
  const p = listConsultations()
  p.catch(() => {
    if (consultationsPrefetched === p) consultationsPrefetched = null
  })
  consultationsPrefetched = p
  prefetchedAt = Date.now()
}

/** Documents with their section trees, in one answer (all pages); of one consultation, or of all the caller sees. */
export async function listDocuments(consultationId?: number): Promise<DocumentFull[]> {
  const docs = await allPages((cursor) =>
    call(api.GET('/api/v1/documents', { params: { query: { consultation_id: consultationId, include: 'sections', limit: 100, cursor } } })),
  )
  return docs.map((d) => ({ ...d, sections: d.sections ?? [] }))
}

export async function listMeetings(unitId: number, consultationId?: number): Promise<Meeting[]> {
  return (await call(api.GET('/api/v1/meetings', { params: { query: { unit_id: unitId, consultation_id: consultationId } } }))).items ?? []
}

const key = (user: User) => `entry-context:${user.username}`

export async function loadEntryContext(user: User): Promise<EntryContext> {
  const unitId = user.unit_id
  // All at once: the documents of every consultation the caller sees (one answer) are fewer
  // round trips than asking per open consultation after the consultations have come.
  const [allConsultations, allDocuments, own, children, meetings] = await Promise.all([
    listConsultations(),
    listDocuments(),
    unitId == null ? null : user.unit ?? getUnit(unitId),
    // A residential area has no children: not asked (the login answer says the level).
    unitId == null || user.unit?.level === 'residential_area' ? [] : childrenOf(unitId).catch(() => []),
    unitId == null ? [] : listMeetings(unitId).catch(() => []),
  ])
  const consultations = allConsultations.filter((c) => c.status === 'open')
  const open = new Set(consultations.map((c) => c.id))
  const documents = allDocuments.filter((d) => open.has(d.consultation_id))
  const units: EntryContext['units'] = []
  if (own) {
    units.push({ id: own.id, name: own.name, level: own.level })
    if (own.level !== 'residential_area') units.push(...children.map((c) => ({ id: c.id, name: c.name, level: c.level })))
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
