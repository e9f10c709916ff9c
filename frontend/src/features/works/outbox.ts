/**
 * Works registered offline: the comments' outbox (features/comments/offline/outbox.ts) reused
 * as it is — client UUID, IndexedDB, backoff, rejected entries kept for correction — over its
 * own IndexedDB database ("ykien-works", the same stores), so that the comment counters stay
 * the comments'. The server recognises a resent work by its id (201 then 200), never twice.
 */
import { reactive } from 'vue'
import { api, call } from '@/api/client'
import { Outbox, type OutboxDeps } from '@/features/comments/offline/outbox'
import { openYkienDb, type Db, type OutboxEntry } from '@/lib/db'
import type { Work, WorkCreate } from './types'

let dbPromise: Promise<Db> | null = null
const worksDb = (): Promise<Db> => (dbPromise ??= openYkienDb('ykien-works'))

export async function sendWork(body: WorkCreate & { id: string }): Promise<Work> {
  return (await call(api.POST('/api/v1/works', { body }))) as Work
}

// The outbox stores and sends bodies as they are; only its types name the comment's shapes.
const outbox = new Outbox({ db: worksDb, send: sendWork as unknown as OutboxDeps['send'] })

export interface QueuedWork extends Omit<OutboxEntry, 'body'> {
  body: WorkCreate & { id: string }
}

export const worksOutbox = reactive({ owner: null as string | null, entries: [] as QueuedWork[], pending: 0, sent: 0 })
let timer: ReturnType<typeof setTimeout> | null = null

async function refresh(): Promise<void> {
  if (!worksOutbox.owner) return
  worksOutbox.entries = (await outbox.list(worksOutbox.owner)) as unknown as QueuedWork[]
  worksOutbox.pending = worksOutbox.entries.filter((e) => e.state === 'pending').length
}

/** Sends what is due, then waits for the next due entry (or the `online` event). */
export async function pumpWorks(force = false): Promise<void> {
  const owner = worksOutbox.owner
  if (!owner) return
  if (timer) clearTimeout(timer)
  timer = null
  const before = worksOutbox.pending
  const outcome = await outbox.flush(owner, { force }).catch(() => 'error')
  await refresh()
  if (outcome === 'sent-all') worksOutbox.sent += before - worksOutbox.pending
  const next = await outbox.nextAttemptAt(owner)
  if (next !== null && outcome !== 'unauthorized') timer = setTimeout(() => void pumpWorks(), Math.max(250, next - Date.now()))
}

const onOnline = () => void pumpWorks(true)

export async function startWorksOutbox(owner: string): Promise<void> {
  worksOutbox.owner = owner
  window.removeEventListener('online', onOnline)
  window.addEventListener('online', onOnline)
  await refresh()
  await pumpWorks(true)
}

export async function queueWork(body: WorkCreate): Promise<void> {
  if (!worksOutbox.owner) throw new Error('not logged in')
  await outbox.enqueue(worksOutbox.owner, body as never)
  await refresh()
  await pumpWorks(true)
}

export async function discardWork(id: string): Promise<void> {
  await outbox.discard(id)
  await refresh()
}
