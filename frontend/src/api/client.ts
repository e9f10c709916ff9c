/**
 * The one HTTP client of the SPA: openapi-fetch over the types generated from the
 * backend's OpenAPI document (src/api/schema.ts — never edit by hand).
 *
 * Auth is the HttpOnly cookie session; every request carries
 * `X-Requested-With: XMLHttpRequest`, which the server requires for cookie-authenticated writes.
 */
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError, NetworkError, type Problem } from './problem'

const csrfHeader: Middleware = {
  onRequest({ request }) {
    request.headers.set('X-Requested-With', 'XMLHttpRequest')
    return request
  },
}

/** Listeners told when the session is gone (any 401), so the shell can show the login screen. */
const unauthorizedListeners = new Set<() => void>()
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn)
  return () => unauthorizedListeners.delete(fn)
}
const watch401: Middleware = {
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.includes('/auth/session')) {
      unauthorizedListeners.forEach((fn) => fn())
    }
    return response
  },
}

export const api = createClient<paths, 'application/json'>({
  // Absolute, so the same code runs under Node's fetch in unit tests.
  baseUrl: typeof location === 'undefined' ? '' : location.origin,
  credentials: 'same-origin',
  querySerializer: { array: { style: 'form', explode: true } },
  // Resolved at call time so tests (and fake timers) can replace globalThis.fetch.
  fetch: (input: Request) => globalThis.fetch(input),
})
api.use(csrfHeader, watch401)

type Result<T> = { data?: T; error?: unknown; response: Response }

/**
 * Unwraps an openapi-fetch result: returns the data, or throws ApiError (an HTTP
 * problem) / NetworkError (no answer at all: offline, DNS, connection reset).
 */
export async function call<T>(promise: Promise<Result<T>>): Promise<T> {
  let result: Result<T>
  try {
    result = await promise
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new NetworkError(e instanceof Error ? e.message : String(e))
  }
  const { data, error, response } = result
  if (!response.ok) {
    throw new ApiError(response.status, (error ?? {}) as Partial<Problem>)
  }
  return data as T
}

/** Builds a same-origin URL for links that the browser downloads itself (exports, DOCX). */
export function downloadUrl(path: string, query: Record<string, string | number | undefined | null | (string | number)[]>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)))
    else params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

/** The imports whose body is a file as it is (CSV/JSON units and users, the paper form's XLSX), not JSON. */
type UploadPath = '/api/v1/units/import' | '/api/v1/users/import' | '/api/v1/comments/import' | '/api/v1/works/import'
type Created<P extends UploadPath> = paths[P]['post']['responses'][201]['content']['application/json']

/**
 * POSTs a file's content with its own media type through the same client (cookie,
 * X-Requested-With, the 401 watch) and the same errors as `call`.
 */
export function postFile<P extends UploadPath>(
  path: P,
  file: Blob | string,
  contentType: string,
  query: Record<string, number | null | undefined> = {},
): Promise<Created<P>> {
  const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v != null))
  // openapi-fetch types a JSON body; this body goes out untouched with the given media type.
  const post = api.POST as unknown as (path: string, init: object) => Promise<Result<Created<P>>>
  return call(post(path, { params: { query: params }, body: file, bodySerializer: (b: unknown) => b, headers: { 'Content-Type': contentType } }))
}
