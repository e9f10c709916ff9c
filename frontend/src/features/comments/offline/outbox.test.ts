import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from '@/api/problem'
import type { Comment, CommentCreate } from '@/api/types'
import { openYkienDb, type Db } from '@/lib/db'
import { BASE_DELAY_MS, MAX_DELAY_MS, Outbox, backoffDelay } from './outbox'

const body = (content: string): CommentCreate => ({
  document_id: 1,
  unit_id: 7,
  channel: 'meeting',
  category: 'citizen',
  stance: 'agree',
  content,
  collected_on: '2025-08-20',
})

/** A fake server: stores by id, idempotent like the real one. */
function fakeServer() {
  const stored = new Map<string, CommentCreate>()
  let mode: 'up' | 'down' | 'reject' | 'lose-answer' | 'error500' = 'up'
  const send = async (b: CommentCreate & { id: string }): Promise<Comment> => {
    if (mode === 'down') throw new NetworkError('Failed to fetch')
    if (mode === 'error500') throw new ApiError(503, { title: 'Unavailable' })
    if (mode === 'reject') throw new ApiError(422, { title: 'Invalid', detail: 'content too long', errors: [{ loc: ['body', 'content'], msg: 'too long' }] })
    stored.set(b.id, b)
    if (mode === 'lose-answer') {
      mode = 'up'
      throw new NetworkError('connection reset')
    }
    return { ...b, section_id: null, meeting_id: null, organization: 'front', people: 1, created_at: '2025-08-20T00:00:00Z' } as Comment
  }
  return { stored, send, setMode: (m: typeof mode) => (mode = m) }
}

let n = 0
let database: Db
let clock = 1_000_000
let online = true
beforeEach(async () => {
  database = await openYkienDb(`test-${++n}`)
  clock = 1_000_000
  online = true
})

function outbox(server: ReturnType<typeof fakeServer>) {
  return new Outbox({ db: async () => database, send: server.send, now: () => clock, random: () => 0.5, isOnline: () => online })
}

describe('backoff', () => {
  it('doubles from 2 s and caps at 60 s', () => {
    expect(backoffDelay(1, () => 0.5)).toBe(BASE_DELAY_MS)
    expect(backoffDelay(2, () => 0.5)).toBe(2 * BASE_DELAY_MS)
    expect(backoffDelay(3, () => 0.5)).toBe(4 * BASE_DELAY_MS)
    expect(backoffDelay(30, () => 0.5)).toBe(MAX_DELAY_MS)
    expect(backoffDelay(1, () => 0)).toBe(0.8 * BASE_DELAY_MS)
  })
})

describe('the outbox', () => {
  it('keeps entries while offline and sends each exactly once when back', async () => {
    const server = fakeServer()
    const box = outbox(server)
    online = false
    await box.enqueue('ann', body('một'))
    await box.enqueue('ann', body('hai'))
    expect(await box.flush('ann')).toBe('offline')
    expect(await box.pendingCount('ann')).toBe(2)
    online = true
    expect(await box.flush('ann')).toBe('sent-all')
    expect(await box.pendingCount('ann')).toBe(0)
    expect(server.stored.size).toBe(2)
    expect((await box.sent('ann')).map((s) => s.comment.content).sort()).toEqual(['hai', 'một'])
  })

  it('survives a reload: a new Outbox over the same database sees the entries', async () => {
    const server = fakeServer()
    online = false
    await outbox(server).enqueue('ann', body('before reload'))
    online = true
    const again = outbox(server)
    expect(await again.pendingCount('ann')).toBe(1)
    await again.flush('ann')
    expect([...server.stored.values()].map((b) => b.content)).toEqual(['before reload'])
  })

  it('resends with the same client id when the answer was lost, so nothing is duplicated', async () => {
    const server = fakeServer()
    const box = outbox(server)
    const e = await box.enqueue('ann', body('lost answer'))
    server.setMode('lose-answer')
    expect(await box.flush('ann')).toBe('offline')
    expect(await box.pendingCount('ann')).toBe(1)
    clock += MAX_DELAY_MS
    expect(await box.flush('ann')).toBe('sent-all')
    expect(server.stored.size).toBe(1)
    expect(server.stored.has(e.id)).toBe(true)
  })

  it('waits for the backoff before retrying after a server error', async () => {
    const server = fakeServer()
    const box = outbox(server)
    await box.enqueue('ann', body('x'))
    server.setMode('error500')
    expect(await box.flush('ann')).toBe('waiting')
    const [entry] = await box.list('ann')
    expect(entry!.attempts).toBe(1)
    expect(entry!.nextAttemptAt).toBe(clock + BASE_DELAY_MS)
    server.setMode('up')
    expect(await box.flush('ann')).toBe('waiting')
    expect(server.stored.size).toBe(0)
    clock += BASE_DELAY_MS
    expect(await box.flush('ann')).toBe('sent-all')
    expect(server.stored.size).toBe(1)
  })

  it('marks refused entries rejected with the field errors, and keeps sending the others', async () => {
    const server = fakeServer()
    const box = outbox(server)
    await box.enqueue('ann', body('bad'))
    server.setMode('reject')
    expect(await box.flush('ann')).toBe('sent-all')
    const [entry] = await box.list('ann')
    expect(entry!.state).toBe('rejected')
    expect(entry!.fieldErrors).toEqual({ content: 'too long' })
    expect(await box.pendingCount('ann')).toBe(0)
    server.setMode('up')
    await box.update(entry!.id, body('fixed'))
    expect(await box.pendingCount('ann')).toBe(1)
    await box.flush('ann')
    expect([...server.stored.values()].map((b) => b.content)).toEqual(['fixed'])
  })

  it('stops on 401 and keeps everything for after the next login', async () => {
    const box = new Outbox({
      db: async () => database,
      send: async () => {
        throw new ApiError(401, { title: 'Unauthorized' })
      },
      now: () => clock,
      isOnline: () => true,
    })
    await box.enqueue('ann', body('x'))
    expect(await box.flush('ann')).toBe('unauthorized')
    expect(await box.pendingCount('ann')).toBe(1)
  })

  it("never sends one user's entries with another user's session", async () => {
    const server = fakeServer()
    const box = outbox(server)
    await box.enqueue('ann', body('ann wrote'))
    expect(await box.flush('bob')).toBe('idle')
    expect(server.stored.size).toBe(0)
    expect(await box.pendingCount('bob')).toBe(0)
  })
})
