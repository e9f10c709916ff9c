import { expect, test } from '@playwright/test'
import { login, watchConsole } from './helpers'

test('the province drills down to its 15 districts, then into Rạch Giá, with breadcrumbs back', async ({ page }) => {
  const console = watchConsole(page)
  await login(page, 'thuky.tinh')
  await page.goto('/#/dashboard')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tỉnh Kiên Giang')

  // The rows are the province's direct children as the API lists them.
  const me = await (await page.request.get('/api/v1/me', { headers: { 'X-Requested-With': 'XMLHttpRequest' } })).json()
  const children = await (await page.request.get(`/api/v1/units?parent_id=${me.unit_id}&limit=500`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })).json()
  expect(children.items).toHaveLength(15)

  const rows = page.getByTestId('child-row')
  await expect(rows).toHaveCount(15)
  for (const child of children.items) await expect(rows.filter({ hasText: child.name })).toHaveCount(1)

  await rows.filter({ hasText: 'Thành phố Rạch Giá' }).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Thành phố Rạch Giá')
  await expect(page.getByTestId('breadcrumb-current')).toHaveText('Thành phố Rạch Giá')
  const rachGia = children.items.find((u: { name: string }) => u.name === 'Thành phố Rạch Giá')
  const communes = await (await page.request.get(`/api/v1/units?parent_id=${rachGia.id}&limit=500`, { headers: { 'X-Requested-With': 'XMLHttpRequest' } })).json()
  expect(communes.items.length).toBeGreaterThan(0)
  await expect(page.getByTestId('child-row')).toHaveCount(communes.items.length)
  await expect(page.getByTestId('child-row').filter({ hasText: 'Phường Vĩnh Thanh Vân' })).toHaveCount(1)

  await page.getByTestId('breadcrumb').filter({ hasText: 'Tỉnh Kiên Giang' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tỉnh Kiên Giang')
  await expect(page.getByTestId('child-row')).toHaveCount(15)
  console.assertNone()
})

test('a commune secretary cannot climb above its own commune', async ({ page }) => {
  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/dashboard')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phường Vĩnh Thanh Vân')
  await expect(page.getByTestId('breadcrumb')).toHaveCount(0)
  await expect(page.getByRole('navigation', { name: 'Đường dẫn đơn vị' })).toHaveCount(0)
  await expect(page.getByTestId('child-row').first()).toBeVisible()
})
