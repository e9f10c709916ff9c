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
/** Set while this device has signed in and not out: without it no session cookie is expected. */
const SIGNED_IN_KEY = 'ykien.signedIn'

function markSignedIn(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1')
    else localStorage.removeItem(SIGNED_IN_KEY)
  } catch {
    /* storage blocked: the app then always asks the server first */
  }
}

/**
 * Whether a session may exist on this device. When not (a first visit, or after signing out),
 * the login screen is shown at once instead of after a round trip to /me (0.4 s on a weak link);
 * `probeSession` still asks in the background.
 */
export function maybeSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1'
  } catch {
    return true
  }
}

async function becomeUser(user: User, offline = false): Promise<void> {
  session.user = user
  session.offline = offline
  session.expired = false
  markSignedIn(true)
  await cachePut(CACHE_KEY, user)
  await startOutbox(user.username)
}

/** Who is signed in (or, offline, who was): asked before the app is shown. */
export async function loadSession(): Promise<void> {
  try {
    const me = await call(api.GET('/api/v1/me'))
    await becomeUser(me)
  } catch (e) {
    const cached = e instanceof NetworkError ? await cacheGet<User>(CACHE_KEY) : undefined
    if (cached) await becomeUser(cached, true)
    else {
      session.user = null
      markSignedIn(false)
    }
  } finally {
    session.ready = true
  }
}

/**
 * The same question asked while the login screen is already shown: adopts a session found
 * (a cookie from before this flag existed, or the cached user when offline) and never clears
 * one made by a login in the meantime. True when a user was adopted.
 */
export async function probeSession(): Promise<boolean> {
  session.ready = true
  try {
    const me = await call(api.GET('/api/v1/me'))
    if (session.user) return false
    await becomeUser(me)
    return true
  } catch (e) {
    const cached = e instanceof NetworkError ? await cacheGet<User>(CACHE_KEY) : undefined
    if (!cached || session.user) return false
    await becomeUser(cached, true)
    return true
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
    markSignedIn(false)
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
