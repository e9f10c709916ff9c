/**
 * The reactive face of the outbox for the UI: the pending counter in the header,
 * the list under the entry form, and the automatic resend loop (timer with
 * backoff, `online` events, start-up after a reload).
 */
import { reactive } from 'vue'
import { api, call } from '@/api/client'
import { ApiError } from '@/api/problem'
import type { Comment, CommentCreate } from '@/api/types'
import { db, type OutboxEntry, type SentEntry } from '@/lib/db'
import { Outbox } from './outbox'

/** POST with the client id; a 409 means that id is stored with an older body (edited while the answer was lost): make it an edit. */
export async function sendComment(body: CommentCreate & { id: string }): Promise<Comment> {
  try {
    // The OpenAPI document leaves the 201 body untyped; it is the stored comment (API.md).
    return (await call(api.POST('/api/v1/comments', { body }))) as Comment
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      const { id, ...changes } = body
      return await call(api.PATCH('/api/v1/comments/{comment_id}', { params: { path: { comment_id: id } }, body: changes }))
    }
    throw e
  }
}

export const outbox = new Outbox({ db, send: sendComment })

export const outboxState = reactive({
  owner: null as string | null,
  pending: 0,
  entries: [] as OutboxEntry[],
  sent: [] as SentEntry[],
  sending: false,
  lastOutcome: 'idle' as string,
})

let timer: ReturnType<typeof setTimeout> | null = null

export async function refreshOutbox(): Promise<void> {
  const owner = outboxState.owner
  if (!owner) return
  const [entries, sent] = await Promise.all([outbox.list(owner), outbox.sent(owner)])
  outboxState.entries = entries
  outboxState.sent = sent
  outboxState.pending = entries.filter((e) => e.state === 'pending').length
}

/** Sends what is due now, then sets the timer for the next due entry. */
export async function pump(force = false): Promise<void> {
  const owner = outboxState.owner
  if (!owner) return
  if (timer) clearTimeout(timer)
  timer = null
  outboxState.sending = true
  try {
    outboxState.lastOutcome = await outbox.flush(owner, { force })
  } catch {
    outboxState.lastOutcome = 'error'
  } finally {
    outboxState.sending = false
    await refreshOutbox()
  }
  if (outboxState.lastOutcome === 'unauthorized') return
  const next = await outbox.nextAttemptAt(owner)
  if (next !== null && outboxState.owner === owner) {
    timer = setTimeout(() => void pump(), Math.max(250, next - Date.now()))
  }
}

const onOnline = () => void pump(true)

/** Starts the loop for a logged-in user (after login or on reload). */
export async function startOutbox(owner: string): Promise<void> {
  outboxState.owner = owner
  window.removeEventListener('online', onOnline)
  window.addEventListener('online', onOnline)
  await refreshOutbox()
  await pump(true)
}

export function stopOutbox(): void {
  if (timer) clearTimeout(timer)
  timer = null
  window.removeEventListener('online', onOnline)
  outboxState.owner = null
  outboxState.pending = 0
  outboxState.entries = []
  outboxState.sent = []
}

export async function queueComment(body: CommentCreate): Promise<OutboxEntry> {
  if (!outboxState.owner) throw new Error('not logged in')
  const entry = await outbox.enqueue(outboxState.owner, body)
  await refreshOutbox()
  void pump(true)
  return entry
}

export async function updateQueued(id: string, body: CommentCreate): Promise<void> {
  await outbox.update(id, body)
  await refreshOutbox()
  void pump(true)
}

export async function discardQueued(id: string): Promise<void> {
  await outbox.discard(id)
  await refreshOutbox()
}

/** Edits a comment the server already has, and updates the device's copy. */
export async function editSent(id: string, changes: Partial<CommentCreate>): Promise<Comment> {
  const { id: _ignored, ...rest } = changes
  const comment = await call(api.PATCH('/api/v1/comments/{comment_id}', { params: { path: { comment_id: id } }, body: rest }))
  if (outboxState.owner) await outbox.rememberSent(outboxState.owner, comment)
  await refreshOutbox()
  return comment
}

export async function deleteSent(id: string): Promise<void> {
  await call(api.DELETE('/api/v1/comments/{comment_id}', { params: { path: { comment_id: id } } }))
  await outbox.forgetSent(id)
  await refreshOutbox()
}
