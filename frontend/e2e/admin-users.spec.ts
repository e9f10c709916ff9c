import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { apiAs, login, PASSWORD, watchConsole } from './helpers'

test('an administrator finds a user without diacritics, sees its unit with its ancestry, and confirms role and active changes', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const tag = Date.now().toString(36)
  const admin = await apiAs(baseURL!, 'admin.tinh')
  const area = (await (await admin.get('/api/v1/units', { params: { q: 'Khu phố 1', level: 'residential_area', limit: 50 } })).json()).items.find((u: { level: string }) => u.level === 'residential_area')
  expect(area).toBeTruthy()
  const username = `dao.${tag}`
  const created = await admin.post('/api/v1/users', { data: { username, full_name: `Phạm Thị Đào ${tag}`, password: PASSWORD, role: 'entry', unit_id: area.id } })
  expect(created.status(), await created.text()).toBe(201)
  const user = await created.json()
  const stored = async () => (await (await admin.get(`/api/v1/users/${user.id}`)).json()) as { role: string; is_active: boolean }

  await login(page, 'admin.tinh')
  await page.goto('/#/admin/users')
  await expect(page.getByTestId('admin-user-row').first()).toBeVisible()
  const total = await page.getByTestId('admin-user-row').count()
  expect(total).toBeGreaterThan(3)

  // Typed without diacritics (and in capitals), the search finds the one user.
  await page.getByTestId('user-search').fill(`PHAM THI DAO ${tag}`)
  await expect(page.getByTestId('admin-user-row')).toHaveCount(1)
  await expect(page.getByTestId('user-count')).toHaveText(`Hiện 1 / ${total} người dùng`)
  const row = page.locator(`[data-testid=admin-user-row][data-username="${username}"]`)
  // The unit column names the area and the ward above it.
  await expect(row.getByTestId('user-unit')).toContainText(area.name)
  await expect(row.getByTestId('user-unit')).toContainText(' — ')
  // The unit's words find users too.
  await page.getByTestId('user-search').fill(area.name.normalize('NFD').replace(/\p{M}/gu, ''))
  await expect(row).toBeVisible()
  await page.getByTestId('user-search').fill(`zzz${tag}`)
  await expect(page.getByTestId('admin-user-row')).toHaveCount(0)
  await expect(page.getByText('Không có người dùng nào khớp.')).toBeVisible()
  await page.getByTestId('user-search').fill(username)

  // A role change asks first; dismissed, the select goes back and nothing is stored.
  const role = row.getByLabel(`Vai trò ${username}`)
  page.once('dialog', (d) => {
    expect(d.message()).toContain(username)
    void d.dismiss()
  })
  await role.selectOption('secretary')
  await expect(role).toHaveValue('entry')
  expect((await stored()).role).toBe('entry')
  page.once('dialog', (d) => void d.accept())
  await role.selectOption('secretary')
  await expect.poll(async () => (await stored()).role).toBe('secretary')

  // Deactivation asks first too.
  const active = row.getByRole('checkbox')
  page.once('dialog', (d) => {
    expect(d.message()).toContain('Ngừng hoạt động')
    void d.dismiss()
  })
  await active.click()
  await expect(active).toBeChecked()
  expect((await stored()).is_active).toBe(true)
  page.once('dialog', (d) => void d.accept())
  await active.click()
  await expect.poll(async () => (await stored()).is_active).toBe(false)
  await expect(active).not.toBeChecked()

  await page.getByTestId('user-search').fill('')
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  await page.screenshot({ path: 'e2e-screenshots/admin-users-desktop.png' })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: 'e2e-screenshots/admin-users-phone.png' })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await admin.dispose()
  console.assertNone()
})
