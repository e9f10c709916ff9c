/**
 * Screenshots of every screen at phone (390×844, touch) and desktop (1366×900) sizes,
 * for looking at, not for asserting: `npm run screens` (needs a running server,
 * YKIEN_E2E_BASE_URL, default http://127.0.0.1:8765). Output in e2e-screenshots/.
 */
import { test, type Page } from '@playwright/test'

const PASSWORD = 'ykien-demo-2025'
const shots: [string, string, string][] = (process.env.SCREENS ?? 'login::/login,entry:nhaplieu.khupho1:/entry,dashboard:thuky.tinh:/dashboard,comments:thuky.tinh:/comments,synthesis:thuky.vinhthanhvan:/synthesis,admin:admin.tinh:/admin/units,users:admin.tinh:/admin/users')
  .split(',')
  .map((s) => s.split(':') as [string, string, string])

async function login(page: Page, user: string) {
  await page.goto('/#/login')
  await page.getByTestId('login-username').fill(user)
  await page.getByTestId('login-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('current-unit').waitFor()
}

for (const [size, options] of [
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ['desktop', { viewport: { width: 1366, height: 900 } }],
] as const) {
  test.describe(size, () => {
    test.use(options)
    for (const [name, user, path] of shots) {
      test(`${name} ${size}`, async ({ page }) => {
        if (user) await login(page, user)
        await page.goto(`/#${path}`)
        await page.waitForTimeout(1500)
        await page.screenshot({ path: `e2e-screenshots/${name}-${size}.png`, fullPage: true })
        // What the first screen shows, at its real size.
        await page.screenshot({ path: `e2e-screenshots/${name}-${size}-top.png` })
      })
    }
  })
}
