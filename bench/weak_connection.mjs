/**
 * The web app on a weak connection, in a real Chromium (driven by bench/weak_connection.py).
 *
 *   node --experimental-websocket bench/weak_connection.mjs BASE_URL [RUNS] [off]
 *
 * Every run is a fresh browser (cold HTTP cache, no service worker, empty storage) at phone size,
 * throttled through the DevTools protocol: Network.emulateNetworkConditions with 400 ms latency
 * and 400 kbit/s down and up. The throttle is set on every target of the browser (the page AND
 * the service worker, whose own fetches a page-level throttle would leave at full speed), through
 * a browser-level CDP connection that auto-attaches to each target before it runs.
 *
 * Screens timed:
 *  - login: from navigating to "/" until the login form can be used (Vue mounted, button enabled);
 *  - entry: from submitting the login (entry user) until the entry form shows the documents and
 *    the chosen document's sections;
 *  - dashboard: from submitting the login (province secretary) until the totals show a number.
 * For each screen: bytes received (encoded, as on the wire, page + service worker) and requests.
 * Prints one JSON line per run; WEAK_DEBUG=1 also prints every request (start, end, bytes) to stderr.
 */
import { createRequire } from 'node:module'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(new URL('../frontend/package.json', import.meta.url))
const { chromium } = require('@playwright/test')

const BASE = process.argv[2]
const RUNS = Number(process.argv[3] ?? 3)
// "off": no throttling, to see what the server and the browser's CPU take alone on a busy machine.
const THROTTLE = process.argv[4] !== 'off'
const PASSWORD = 'ykien-demo-2025'
const CONDITIONS = THROTTLE
  ? { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 }
  : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 }
const PHONE = { width: 390, height: 844 }

/**
 * Throttles the page (a CDP session of its own, opened after Playwright's, whose settings it
 * overrides) and every service worker (a browser-level CDP connection that attaches to each one
 * as it appears), and counts what they receive.
 */
async function throttleEverything(port, context, page) {
  const counters = { bytes: 0, requests: 0, api: 0 }
  const t0 = Date.now()
  const urls = new Map()
  const count = (method, params) => {
    if (process.env.WEAK_DEBUG && method === 'Network.requestWillBeSent') urls.set(params.requestId, [params.request.url, Date.now() - t0])
    if (process.env.WEAK_DEBUG && method === 'Network.loadingFinished' && urls.has(params.requestId)) {
      const [url, start] = urls.get(params.requestId)
      console.error(`${String(start).padStart(6)} ${String(Date.now() - t0).padStart(6)} ${String(params.encodedDataLength).padStart(7)} ${url}`)
    }
    if (method === 'Network.requestWillBeSent' && !params.request.url.startsWith('data:')) {
      counters.requests++
      if (params.request.url.includes('/api/')) counters.api++
    }
    else if (method === 'Network.loadingFinished') counters.bytes += params.encodedDataLength
  }
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', CONDITIONS)
  cdp.on('Network.requestWillBeSent', (p) => count('Network.requestWillBeSent', p))
  cdp.on('Network.loadingFinished', (p) => count('Network.loadingFinished', p))

  const version = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()
  const ws = new WebSocket(version.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => {
    ws.onopen = resolve
    ws.onerror = reject
  })
  let nextId = 1
  const pending = new Map()
  const workers = new Set()
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }))
    })
  ws.onmessage = async (event) => {
    const msg = JSON.parse(event.data)
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)(msg.result ?? msg.error)
      pending.delete(msg.id)
      return
    }
    if (msg.method === 'Target.targetCreated' && msg.params.targetInfo.type === 'service_worker') {
      const { sessionId } = await send('Target.attachToTarget', { targetId: msg.params.targetInfo.targetId, flatten: true })
      workers.add(sessionId)
      await send('Network.enable', {}, sessionId)
      await send('Network.emulateNetworkConditions', CONDITIONS, sessionId)
      if (process.env.WEAK_DEBUG) console.error('throttled', msg.params.targetInfo.url)
    } else if (msg.sessionId && workers.has(msg.sessionId)) {
      count(msg.method, msg.params)
    }
  }
  await send('Target.setDiscoverTargets', { discover: true })
  return {
    snapshot: () => ({ ...counters }),
    close: () => ws.close(),
  }
}

const since = (a, b) => ({ bytes: b.bytes - a.bytes, requests: b.requests - a.requests, api: b.api - a.api })

async function freshBrowser() {
  const port = 9300 + Math.floor(Math.random() * 600)
  const userDataDir = mkdtempSync(join(tmpdir(), 'ykien-weak-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', `--remote-debugging-port=${port}`],
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const net = await throttleEverything(port, context, page)
  return {
    page,
    net,
    close: async () => {
      net.close()
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Loads "/" and waits for a usable login form. */
async function openLogin(page, net) {
  const before = net.snapshot()
  const t0 = Date.now()
  await page.goto(BASE + '/', { waitUntil: 'commit' })
  await page.getByTestId('login-submit').waitFor({ state: 'visible', timeout: 60_000 })
  await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid=login-submit]')
    return b && !b.disabled
  })
  return { ms: Date.now() - t0, ...since(before, net.snapshot()) }
}

async function submitLogin(page, username) {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
}

async function entryRun() {
  const b = await freshBrowser()
  try {
    const login = await openLogin(b.page, b.net)
    const before = b.net.snapshot()
    const t0 = Date.now()
    await submitLogin(b.page, 'nhaplieu.khupho1')
    await b.page.waitForFunction(
      () => {
        const doc = document.querySelector('[data-testid=comment-document]')
        const sec = document.querySelector('[data-testid=comment-section]')
        return !!doc && doc.options.length > 0 && !!sec && sec.options.length > 1
      },
      null,
      { timeout: 60_000, polling: 50 },
    )
    const entry = { ms: Date.now() - t0, ...since(before, b.net.snapshot()) }
    // What the service worker goes on to fetch while the clerk types (precache), for 15 s at most.
    const afterEntry = b.net.snapshot()
    await b.page
      .waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated', null, { timeout: 15_000, polling: 200 })
      .catch(() => {})
    const background = since(afterEntry, b.net.snapshot())
    return { login, entry, background }
  } finally {
    await b.close()
  }
}

async function dashboardRun() {
  const b = await freshBrowser()
  try {
    await openLogin(b.page, b.net)
    const before = b.net.snapshot()
    const t0 = Date.now()
    await submitLogin(b.page, 'thuky.tinh')
    await b.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid=stats-total-comments]')
        return !!el && /\d/.test(el.textContent ?? '')
      },
      null,
      { timeout: 60_000, polling: 50 },
    )
    return { dashboard: { ms: Date.now() - t0, ...since(before, b.net.snapshot()) } }
  } finally {
    await b.close()
  }
}

for (let i = 0; i < RUNS; i++) {
  const e = await entryRun()
  const d = await dashboardRun()
  console.log(JSON.stringify({ run: i + 1, ...e, ...d }))
}
