/**
 * The web app on a weak connection (issue 18), in the real Chromium against the real server:
 * compressed files with the right cache headers, the entry screen's requests (few, and sent
 * together), and the screens left out of the service worker's precache still reachable.
 * The timings themselves are measured by bench/weak_connection.py, not here.
 */
import { expect, test, type Request } from '@playwright/test'
import { login } from './helpers'

test('the scripts come compressed and cached for a year; the page and the worker are revalidated', async ({ page, request }) => {
  const scripts: { url: string; encoding?: string; cache?: string; vary?: string; length?: string }[] = []
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/assets/') && r.url().endsWith('.js')) {
      const h = r.headers()
      scripts.push({ url: r.url(), encoding: h['content-encoding'], cache: h['cache-control'], vary: h['vary'], length: h['content-length'] })
    }
  })
  const html = await page.goto('/')
  expect(html!.headers()['cache-control']).toBe('no-cache')
  await expect(page.getByTestId('login-submit')).toBeEnabled()
  expect(scripts.length).toBeGreaterThan(0)
  for (const s of scripts) {
    expect(s.cache, s.url).toBe('public, max-age=31536000, immutable')
    // Chromium asks for gzip (and brotli over HTTPS); the build compresses every file over 1 KB
    // (a few tiny shared chunks stay as they are: compressing them would not save a packet).
    if (!s.encoding && Number(s.length) < 1024) continue
    expect(s.encoding, s.url).toMatch(/^(br|gzip)$/)
    expect(s.vary, s.url).toBe('Accept-Encoding')
  }
  // Brotli, when asked for, is smaller still than gzip.
  const main = scripts.find((s) => /\/assets\/index-[^/]+\.js$/.test(s.url))!.url
  const br = await request.get(main, { headers: { 'Accept-Encoding': 'br' } })
  const gz = await request.get(main, { headers: { 'Accept-Encoding': 'gzip' } })
  expect(br.headers()['content-encoding']).toBe('br')
  expect(gz.headers()['content-encoding']).toBe('gzip')
  expect(Number(br.headers()['content-length'])).toBeLessThan(Number(gz.headers()['content-length']))
  expect((await br.body()).toString()).toEqual((await gz.body()).toString()) // both decoded to the same script
  const sw = await request.get('/sw.js', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(sw.headers()['cache-control']).toBe('no-cache')
  // JSON over 1 KB is compressed too.
  const spec = await request.get('/api/v1/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } })
  expect(spec.headers()['content-encoding']).toBe('gzip')
})

test('the entry screen asks for what it needs in one round trip after the login, all at once', async ({ page }) => {
  // Every API answer held back 300 ms (still the real server's): requests sent one after
  // another would show up as answers coming back before the next question left.
  await page.route('**/api/v1/**', async (route) => {
    await new Promise((r) => setTimeout(r, 300))
    await route.continue()
  })
  const sent: { path: string; at: number }[] = []
  const done: { path: string; at: number }[] = []
  const path = (r: Request) => {
    const u = new URL(r.url())
    return u.pathname + u.search
  }
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/')) sent.push({ path: path(r), at: Date.now() })
  })
  page.on('requestfinished', (r) => {
    if (r.url().includes('/api/v1/')) done.push({ path: path(r), at: Date.now() })
  })
  await login(page, 'nhaplieu.khupho1')
  await expect(page).toHaveURL(/#\/entry/)
  await expect.poll(async () => page.getByTestId('comment-section').locator('option').count()).toBeGreaterThan(1)
  await expect(page.getByTestId('comment-document').locator('option')).not.toHaveCount(0)

  const loginAt = sent.find((s) => s.path === '/api/v1/auth/session')!.at
  const loggedIn = done.find((d) => d.path === '/api/v1/auth/session')!.at
  const after = sent.filter((s) => s.at >= loginAt && s.path !== '/api/v1/auth/session')
  expect(after.map((s) => s.path.split('?')[0]).sort()).toEqual(['/api/v1/consultations', '/api/v1/documents', '/api/v1/meetings'])
  expect(after.find((s) => s.path.startsWith('/api/v1/documents'))!.path).toContain('include=sections')
  // One round trip: all of them left after the login answer and before any of them came back.
  const firstAnswer = Math.min(...done.filter((d) => after.some((s) => s.path === d.path)).map((d) => d.at))
  for (const s of after) {
    expect(s.at, s.path).toBeGreaterThanOrEqual(loggedIn)
    expect(s.at, s.path).toBeLessThan(firstAnswer)
  }
})

test('screens left out of the precache load when first opened, and are kept for offline use after', async ({ page }) => {
  await login(page, 'admin.tinh')
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller)
  const cached = () =>
    page.evaluate(async () => {
      const names = await caches.keys()
      const urls: string[] = []
      for (const n of names.filter((k) => k.startsWith('ykien-'))) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname)
      return urls
    })
  await expect.poll(async () => (await cached()).some((u) => /\/assets\/index-.*\.js$/.test(u))).toBe(true)
  // The worker precaches the shell only: no chart library, dashboard, admin or synthesis code.
  const sw = await (await page.request.get('/sw.js')).text()
  const precache = JSON.parse(/const PRECACHE = (\[[^\]]*\])/.exec(sw)![1]!) as string[]
  expect(precache).toContain('/')
  expect(precache.some((u) => /\/assets\/index-.*\.js$/.test(u))).toBe(true)
  expect(precache.filter((u) => /chartjs|DashboardView|UnitsAdmin|SynthesisView|AdminLayout|en-/.test(u))).toEqual([])
  expect((await cached()).filter((u) => /UnitsAdmin|SynthesisView/.test(u))).toEqual([])

  await page.goto('/#/dashboard')
  await expect(page.getByTestId('stats-total-comments')).not.toHaveText('–')
  await page.goto('/#/admin/units')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.goto('/#/synthesis')
  await expect(page.getByTestId('synthesis-heading')).toBeVisible()
  await expect
    .poll(async () => {
      const now = await cached()
      // Opened once (the dashboard is where an admin lands), each is now in the worker's cache.
      return ['DashboardView', 'UnitsAdmin', 'SynthesisView'].every((name) => now.some((u) => u.includes(name)))
    })
    .toBe(true)
})
