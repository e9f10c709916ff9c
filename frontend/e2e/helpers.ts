import { expect, type Page } from '@playwright/test'

export const PASSWORD = 'ykien-demo-2025'

/** Signs in through the login form and waits for the header to show the user's unit. */
export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto('/#/login')
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('current-unit')).toBeVisible()
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
