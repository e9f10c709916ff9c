/**
 * The offline outbox: every comment typed on the entry screen is first stored in
 * IndexedDB with its own client UUID, then sent. Sending is idempotent on the
 * server (same id + same body → 200, stored once), so a resend after a lost answer
 * never duplicates. Failed sends are retried with exponential backoff; an `online`
 * event or a new entry retries at once. Answers that no resend can fix (422, 403,
 * 404, 409) mark the entry `rejected` for the clerk to correct or discard.
 */
import { ApiError, NetworkError, fieldErrors } from '@/api/problem'
import type { Comment, CommentCreate } from '@/api/types'
import type { Db, OutboxEntry, SentEntry } from '@/lib/db'
import { newUuid } from '@/lib/uuid'

export const BASE_DELAY_MS = 2_000
export const MAX_DELAY_MS = 60_000
/** How many sent comments per user the device keeps to list under the form. */
export const SENT_KEPT = 100

/** Delay before attempt n+1 after n failures: 2 s, 4 s, 8 s … capped at 60 s, ±20 % jitter. */
export function backoffDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}

export interface OutboxDeps {
  db: () => Promise<Db>
  send: (body: CommentCreate & { id: string }) => Promise<Comment>
  now?: () => number
  random?: () => number
  isOnline?: () => boolean
}

export type FlushOutcome = 'idle' | 'sent-all' | 'offline' | 'unauthorized' | 'waiting'

export class Outbox {
  private readonly deps: Required<OutboxDeps>
  private flushing: Promise<FlushOutcome> | null = null
  /** The entry being sent right now (not editable meanwhile). */
  inFlight: string | null = null

  constructor(deps: OutboxDeps) {
    this.deps = {
      now: () => Date.now(),
      random: Math.random,
      isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
      ...deps,
    }
  }

  async enqueue(owner: string, body: CommentCreate): Promise<OutboxEntry> {
    const id = body.id ?? newUuid()
    const entry: OutboxEntry = {
      id,
      owner,
      body: { ...body, id },
      state: 'pending',
      attempts: 0,
      nextAttemptAt: 0,
      createdAt: this.deps.now(),
    }
    await (await this.deps.db()).put('outbox', entry)
    return entry
  }

  async list(owner: string): Promise<OutboxEntry[]> {
    const all = await (await this.deps.db()).getAllFromIndex('outbox', 'owner', owner)
    return all.sort((a, b) => a.createdAt - b.createdAt)
  }

  async sent(owner: string): Promise<SentEntry[]> {
    const all = await (await this.deps.db()).getAllFromIndex('sent', 'owner', owner)
    return all.sort((a, b) => b.sentAt - a.sentAt)
  }

  async pendingCount(owner: string): Promise<number> {
    return (await this.list(owner)).filter((e) => e.state === 'pending').length
  }

  /**
   * Changes an entry not yet accepted by the server; it becomes pending again with
   * the same client id. (If the old body had reached the server after all, the
   * resend answers 409 and `send` turns it into an edit: see sendComment.)
   */
  async update(id: string, body: CommentCreate): Promise<OutboxEntry | undefined> {
    if (this.inFlight === id) throw new Error('busy')
    const db = await this.deps.db()
    const old = await db.get('outbox', id)
    if (!old) return undefined
    const entry: OutboxEntry = { ...old, body: { ...body, id }, state: 'pending', attempts: 0, nextAttemptAt: 0, error: undefined, fieldErrors: undefined }
    await db.put('outbox', entry)
    return entry
  }

  async discard(id: string): Promise<void> {
    if (this.inFlight === id) throw new Error('busy')
    await (await this.deps.db()).delete('outbox', id)
  }

  async rememberSent(owner: string, comment: Comment): Promise<void> {
    const db = await this.deps.db()
    await db.put('sent', { id: comment.id, owner, comment, sentAt: this.deps.now() })
    const all = await this.sent(owner)
    for (const old of all.slice(SENT_KEPT)) await db.delete('sent', old.id)
  }

  async forgetSent(id: string): Promise<void> {
    await (await this.deps.db()).delete('sent', id)
  }

  /** Earliest time a pending entry of `owner` may be retried, or null when none waits. */
  async nextAttemptAt(owner: string): Promise<number | null> {
    const pending = (await this.list(owner)).filter((e) => e.state === 'pending')
    if (!pending.length) return null
    return Math.min(...pending.map((e) => e.nextAttemptAt))
  }

  /** Sends every due pending entry of `owner`, oldest first. Single-flight. */
  flush(owner: string, opts: { force?: boolean } = {}): Promise<FlushOutcome> {
    this.flushing ??= this.doFlush(owner, opts.force ?? false).finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  private async doFlush(owner: string, force: boolean): Promise<FlushOutcome> {
    const { now, send, random, isOnline } = this.deps
    let entries = (await this.list(owner)).filter((e) => e.state === 'pending')
    if (!entries.length) return 'idle'
    if (!isOnline()) return 'offline'
    entries = entries.filter((e) => force || e.nextAttemptAt <= now())
    if (!entries.length) return 'waiting'
    const db = await this.deps.db()
    for (const entry of entries) {
      this.inFlight = entry.id
      try {
        const comment = await send(entry.body)
        await db.delete('outbox', entry.id)
        await this.rememberSent(owner, comment)
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return 'unauthorized'
        if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429) {
          await db.put('outbox', {
            ...entry,
            state: 'rejected',
            error: e.message,
            fieldErrors: fieldErrors(e.problem.errors ?? []),
          })
          continue
        }
        // Network failure, timeout, 429 or 5xx: back off, and stop this round (the
        // next entries would most likely fail the same way).
        const attempts = entry.attempts + 1
        await db.put('outbox', { ...entry, attempts, nextAttemptAt: now() + backoffDelay(attempts, random) })
        return e instanceof NetworkError ? 'offline' : 'waiting'
      } finally {
        this.inFlight = null
      }
    }
    return 'sent-all'
  }
}
