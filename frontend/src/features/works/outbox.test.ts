import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { nextStatuses, type WorkCreate } from './types'
import { queueWork, startWorksOutbox, worksOutbox } from './outbox'

const body = (title: string): WorkCreate => ({ unit_id: 3, kind: 'project', title, registered_on: '2025-08-01', due_on: '2025-09-04' })

/** A fake server behind fetch: stores by id like the real one (201, then 200 for a resend). */
const posted: { id: string; title: string }[] = []
const stored = new Set<string>()
let mode: 'up' | 'down' | 'lose-answer' = 'up'
beforeEach(() => {
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request
    if (mode === 'down') throw new TypeError('Failed to fetch')
    const b = (await request.json()) as WorkCreate & { id: string }
    posted.push({ id: b.id, title: b.title })
    const status = stored.has(b.id) ? 200 : 201
    stored.add(b.id)
    if (mode === 'lose-answer') {
      mode = 'up'
      throw new TypeError('connection reset')
    }
    return new Response(JSON.stringify({ ...b, status: 'registered', overdue: false }), { status, headers: { 'content-type': 'application/json' } })
  }
})

describe('the works outbox (the comments outbox, reused)', () => {
  it('keeps a work typed offline and sends it once when the network returns, even after a lost answer', async () => {
    await startWorksOutbox('thuky.rachgia')
    mode = 'down'
    await queueWork(body('Cầu giao thông'))
    expect(worksOutbox.pending).toBe(1)
    expect(posted).toEqual([])
    mode = 'lose-answer'
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(posted.length).toBe(1), { timeout: 5000 })
    expect(stored.size).toBe(1) // stored, but the answer was lost: still waiting on the device
    await vi.waitFor(() => expect(worksOutbox.pending).toBe(1), { timeout: 5000 })
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(worksOutbox.pending).toBe(0), { timeout: 5000 })
    expect(posted.map((p) => p.title)).toEqual(['Cầu giao thông', 'Cầu giao thông'])
    expect(new Set(posted.map((p) => p.id)).size).toBe(1) // the same client id: stored once
    expect(stored.size).toBe(1)
  })
})

describe('status moves', () => {
  it('offers what the server allows: final states only to an admin', () => {
    expect(nextStatuses('registered', false)).toEqual(['in_progress', 'done', 'dropped'])
    expect(nextStatuses('done', false)).toEqual([])
    expect(nextStatuses('done', true)).toEqual(['registered', 'in_progress', 'dropped'])
  })
})
