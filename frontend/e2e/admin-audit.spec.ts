import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { apiAs, login, PASSWORD, watchConsole } from './helpers'

test('an administrator reads the audit log, filters it and pages it; others are refused', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  // Something to find: a user created, then made a secretary.
  const admin = await apiAs(baseURL!, 'admin.tinh')
  const me = await (await admin.get('/api/v1/me')).json()
  const username = `audit.${Date.now().toString(36)}`
  const created = await admin.post('/api/v1/users', { data: { username, full_name: 'Người Thử Nhật Ký', password: PASSWORD, role: 'entry', unit_id: me.unit_id } })
  expect(created.status(), await created.text()).toBe(201)
  const user = await created.json()
  expect((await admin.patch(`/api/v1/users/${user.id}`, { data: { role: 'secretary' } })).status()).toBe(200)
  await admin.dispose()

  await login(page, 'admin.tinh')
  await page.goto('/#/admin/users')
  await page.getByTestId('admin-audit-tab').click()
  await expect(page).toHaveURL(/#\/admin\/audit/)
  await expect(page.getByTestId('audit-row').first()).toBeVisible()
  // Newest first, times as dd/mm/yyyy HH:mm, actions said in Vietnamese (the admin's own login is there).
  await expect(page.getByTestId('audit-row').first().locator('td').first()).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/)
  await expect(page.locator('[data-testid=audit-row][data-action=login]').first()).toContainText('Đăng nhập')

  // Filtered to that user: its update (role entry → secretary, by admin.tinh) then its creation.
  await page.getByTestId('audit-entity').selectOption('user')
  await page.getByTestId('audit-entity-id').fill(String(user.id))
  await page.getByTestId('audit-apply').click()
  await expect(page.getByTestId('audit-row')).toHaveCount(2)
  const update = page.getByTestId('audit-row').first()
  await expect(update).toHaveAttribute('data-action', 'update')
  await expect(update).toContainText('Sửa')
  await expect(update).toContainText('admin.tinh')
  await expect(update).toContainText('role: entry → secretary')
  await expect(page.getByTestId('audit-row').nth(1)).not.toContainText('— →')
  await expect(page.getByTestId('audit-row').nth(1)).toHaveAttribute('data-action', 'create')
  expect(await page.getByTestId('audit-row').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-entity') === 'user'))).toBe(true)

  // A date range that ends before today finds nothing.
  await page.getByTestId('audit-entity-id').fill('')
  await page.getByLabel('Đến ngày').fill('01/01/2020')
  await page.getByTestId('audit-apply').click()
  await expect(page.getByTestId('audit-empty')).toBeVisible()

  // Cleared, the log pages with "Xem thêm".
  await page.getByRole('button', { name: 'Bỏ lọc' }).click()
  await expect(page.getByTestId('audit-row')).toHaveCount(50)
  await expect(page.getByTestId('audit-more')).toBeVisible()
  await page.getByTestId('audit-more').click()
  await expect.poll(() => page.getByTestId('audit-row').count()).toBeGreaterThan(50)

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: 'e2e-screenshots/admin-audit-desktop.png', fullPage: false })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect(page.getByTestId('audit-more')).toBeVisible()
  await page.screenshot({ path: 'e2e-screenshots/admin-audit-phone-top.png', fullPage: false })
  await page.getByTestId('audit-row').first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e-screenshots/admin-audit-phone.png', fullPage: false })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  console.assertNone()
})

test('a secretary has no audit tab and the API refuses them', async ({ page, baseURL }) => {
  await login(page, 'thuky.tinh')
  await page.goto('/#/admin/audit')
  await expect(page).not.toHaveURL(/#\/admin/)
  await expect(page.getByTestId('admin-audit-tab')).toHaveCount(0)
  const secretary = await apiAs(baseURL!, 'thuky.tinh')
  expect((await secretary.get('/api/v1/audit-events')).status()).toBe(403)
  await secretary.dispose()
})
