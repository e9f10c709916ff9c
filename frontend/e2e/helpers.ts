import { expect, request, type APIRequestContext, type Page } from '@playwright/test'

export const PASSWORD = 'ykien-demo-2025'

/** Signs in through the login form and waits for the header to show the user's unit. */
export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/#/login')
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('current-unit')).toBeVisible()
  // Let the post-login redirect finish before the test navigates elsewhere.
  await expect(page).not.toHaveURL(/#\/login/)
}

/** Collects console errors and uncaught exceptions; call `assertNone()` at the end of a test. */
export function watchConsole(page: Page) {
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const text = msg.text()
    // The browser itself logs every non-2xx fetch (expected 401s after logout, endpoints not built yet);
    // those are network logs, not errors of the app's code, which are still caught here.
    if (/Failed to load resource/.test(text)) return
    errors.push(text)
  })
  page.on('pageerror', (err) => errors.push(String(err)))
  return {
    errors,
    assertNone: () => expect(errors, errors.join('\n')).toEqual([]),
  }
}

const XRW = { 'X-Requested-With': 'XMLHttpRequest' }

/** An API session for one demo user (cookie login), for setting up and checking data. */
export async function apiAs(baseURL: string, username: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: XRW })
  const res = await ctx.post('/api/v1/auth/session', { data: { username, password: PASSWORD } })
  expect(res.status(), await res.text()).toBe(200)
  return ctx
}

export function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)
}

export interface Fixture {
  consultation: { id: number; title: string }
  document: { id: number; title: string; sections: { id: number; number: string; heading: string; children: { id: number; number: string; heading: string }[] }[] }
}

/** A fresh open consultation of the province (dates around today) with one document and a small section tree. */
export async function createConsultation(admin: APIRequestContext, tag: string): Promise<Fixture> {
  const provinceId = (await (await admin.get('/api/v1/me')).json()).unit_id as number
  const c = await admin.post('/api/v1/consultations', {
    data: {
      title: `Đợt thử ${tag}`,
      unit_id: provinceId,
      opens_on: isoDay(-30),
      closes_on: isoDay(30),
      deadlines: { residential_area: isoDay(5), commune: isoDay(10), district: isoDay(15), province: isoDay(20) },
    },
  })
  expect(c.status(), await c.text()).toBe(201)
  const consultation = await c.json()
  const d = await admin.post('/api/v1/documents', {
    data: {
      consultation_id: consultation.id,
      code: `DT-${tag}`,
      title: `Dự thảo Báo cáo chính trị ${tag}`,
      sections: [
        { number: 'I', heading: 'Đánh giá kết quả nhiệm kỳ', children: [{ number: 'I.1', heading: 'Kinh tế', children: [] }] },
        { number: 'II', heading: 'Phương hướng, nhiệm vụ', children: [] },
      ],
    },
  })
  expect(d.status(), await d.text()).toBe(201)
  return { consultation, document: await d.json() }
}
