/**
 * The logged-in user. The session itself is an HttpOnly cookie the SPA never
 * sees; we only keep the user's public profile, also cached in IndexedDB so the
 * entry screen can open offline.
 */
import { reactive } from 'vue'
import { api, call, onUnauthorized } from '@/api/client'
import { NetworkError } from '@/api/problem'
import type { User } from '@/api/types'
import { cacheGet, cachePut } from '@/lib/db'
import { startOutbox, stopOutbox } from '@/features/comments/offline/store'

export const session = reactive({
  user: null as User | null,
  /** True once we know whether someone is logged in. */
  ready: false,
  /** The user comes from the device cache because the server could not be reached. */
  offline: false,
  expired: false,
})

const CACHE_KEY = 'me'

async function becomeUser(user: User, offline = false): Promise<void> {
  session.user = user
  session.offline = offline
  session.expired = false
  await cachePut(CACHE_KEY, user)
  await startOutbox(user.username)
}

export async function loadSession(): Promise<void> {
  try {
    const me = await call(api.GET('/api/v1/me'))
    await becomeUser(me)
  } catch (e) {
    const cached = e instanceof NetworkError ? await cacheGet<User>(CACHE_KEY) : undefined
    if (cached) await becomeUser(cached, true)
    else session.user = null
  } finally {
    session.ready = true
  }
}

export async function login(username: string, password: string): Promise<User> {
  const user = await call(api.POST('/api/v1/auth/session', { body: { username, password } }))
  await becomeUser(user)
  return user
}

export async function logout(): Promise<void> {
  try {
    await call(api.DELETE('/api/v1/auth/session'))
  } finally {
    session.user = null
    session.offline = false
    stopOutbox()
    await cachePut(CACHE_KEY, null)
  }
}

onUnauthorized(() => {
  if (session.user && !session.offline) session.expired = true
})

export function hasRole(...roles: User['role'][]): boolean {
  return !!session.user && roles.includes(session.user.role)
}
