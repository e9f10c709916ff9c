import { expect, test } from '@playwright/test'
import { PASSWORD, login, watchConsole } from './helpers'

test('a residential board signs in, sees its unit and role, and signs out', async ({ page }) => {
  const console = watchConsole(page)
  await page.goto('/')
  await expect(page).toHaveURL(/#\/login/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi')

  await login(page, 'nhaplieu.khupho1')
  await expect(page.getByTestId('current-unit')).toHaveText('Khu phố 1')
  await expect(page.getByTestId('current-role')).toHaveText('Nhập liệu')
  // An entry user lands on the entry screen.
  await expect(page).toHaveURL(/#\/entry/)
  await expect(page.getByTestId('pending-count')).toHaveText('0')

  // The session is a cookie: a reload keeps the user signed in.
  await page.reload()
  await expect(page.getByTestId('current-unit')).toHaveText('Khu phố 1')

  await page.getByTestId('logout').click()
  await expect(page).toHaveURL(/#\/login/)
  await expect(page.getByTestId('current-unit')).toHaveCount(0)
  // And the server agrees: /me is 401 now.
  const me = await page.request.get('/api/v1/me', { headers: { 'X-Requested-With': 'XMLHttpRequest' } })
  expect(me.status()).toBe(401)
  // Protected screens send back to the login form.
  await page.goto('/#/dashboard')
  await expect(page).toHaveURL(/#\/login/)
  console.assertNone()
})

test('a wrong password is refused with a message and no session', async ({ page }) => {
  await page.goto('/#/login')
  await page.getByTestId('login-username').fill('thuky.tinh')
  await page.getByTestId('login-password').fill('not-the-password')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('login-error')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.')
  await expect(page.getByTestId('current-unit')).toHaveCount(0)
  await page.getByTestId('login-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('current-unit')).toHaveText('Tỉnh Kiên Giang')
})

test('the interface switches to English and back', async ({ page }) => {
  await login(page, 'xem.tinh')
  await expect(page.getByTestId('current-role')).toHaveText('Xem')
  await page.getByLabel('Ngôn ngữ').selectOption('en')
  await expect(page.getByTestId('current-role')).toHaveText('Viewer')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByLabel('Language').selectOption('vi')
  await expect(page.getByTestId('logout')).toHaveText('Đăng xuất')
})
