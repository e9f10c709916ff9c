/* Ykien service worker (hand-made; the build fills in the precache list and the version).
 *
 * - Precaches the app shell and the entry screen only (index.html, the entry chunk and what
 *   it imports statically: vite.config.ts, shellFiles), so the entry screen opens offline once
 *   visited without an entry clerk's phone downloading the charts and admin screens.
 * - Navigations: network first, the cached shell when offline.
 * - /assets/*: cache first (file names are content hashes); a screen left out of the precache
 *   (dashboard, charts, admin, synthesis editor) is cached the first time it is opened, so it
 *   works offline after. The files come from the HTTP cache when the page has just loaded them
 *   (they are `immutable`), so precaching costs no second download.
 * - /api/*: never touched; the app keeps its own offline data in IndexedDB.
 */
const VERSION = '__VERSION__'
const PRECACHE = __PRECACHE__
const CACHE = `ykien-${VERSION}`

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('ykien-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  if (req.method !== 'GET') return
  const url = new URL(req.url)
  if (url.origin !== self.location.origin) return
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz' || url.pathname === '/readyz') return

  if (req.mode === 'navigate') {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok && (url.pathname === '/' || url.pathname === '/index.html')) {
            const copy = res.clone()
            caches.open(CACHE).then((c) => c.put('/', copy))
          }
          return res
        })
        .catch(() => caches.match('/', { cacheName: CACHE }).then((r) => r || caches.match('/index.html'))),
    )
    return
  }

  if (url.pathname.startsWith('/assets/') || PRECACHE.includes(url.pathname)) {
    event.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ||
          fetch(req).then((res) => {
            if (res.ok) {
              const copy = res.clone()
              caches.open(CACHE).then((c) => c.put(req, copy))
            }
            return res
          }),
      ),
    )
  }
})
