/**
 * The browser database (IndexedDB via `idb`): the comment outbox, the comments
 * sent from this device, and a small key/value cache of reference data (user,
 * consultations, documents, meetings) so the entry screen works offline.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Comment, CommentCreate } from '@/api/types'

export interface OutboxEntry {
  /** The client UUID, also the comment id sent to the server (idempotent retries). */
  id: string
  /** Who typed it: entries are only ever sent with that user's session. */
  owner: string
  body: CommentCreate & { id: string }
  state: 'pending' | 'rejected'
  attempts: number
  /** Epoch ms before which no resend is tried (backoff). */
  nextAttemptAt: number
  createdAt: number
  /** Server's message when rejected (4xx other than 401), field errors by name. */
  error?: string
  fieldErrors?: Record<string, string>
}

export interface SentEntry {
  id: string
  owner: string
  comment: Comment
  sentAt: number
}

interface YkienDB extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { owner: string } }
  sent: { key: string; value: SentEntry; indexes: { owner: string } }
  cache: { key: string; value: unknown }
}

export type Db = IDBPDatabase<YkienDB>

let dbPromise: Promise<Db> | null = null

export function openYkienDb(name = 'ykien'): Promise<Db> {
  return openDB<YkienDB>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' })
      outbox.createIndex('owner', 'owner')
      const sent = db.createObjectStore('sent', { keyPath: 'id' })
      sent.createIndex('owner', 'owner')
      db.createObjectStore('cache')
    },
  })
}

export function db(): Promise<Db> {
  dbPromise ??= openYkienDb()
  return dbPromise
}

export async function cacheGet<T>(key: string): Promise<T | undefined> {
  try {
    return (await (await db()).get('cache', key)) as T | undefined
  } catch {
    return undefined
  }
}

export async function cachePut(key: string, value: unknown): Promise<void> {
  try {
    await (await db()).put('cache', JSON.parse(JSON.stringify(value)), key)
  } catch {
    /* private mode or quota: the cache is a convenience */
  }
}
