import { expect, test } from '@playwright/test'
import { apiAs, login, watchConsole } from './helpers'

/** Units of both eras (issue #17): the demo's old Kiên Giang and the An Giang of 1 July 2025. */

const num = (text: string | null) => Number((text ?? '').replace(/\D/g, ''))

test('an old commune’s 2020 figures appear under the commune it merged into', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const newAdmin = await apiAs(baseURL!, 'admin.angiang')
  const oldAdmin = await apiAs(baseURL!, 'admin.tinh')
  // The consultation of the old tree, read by today's province through the lineage.
  const consultations = (await (await newAdmin.get('/api/v1/consultations')).json()).items as { id: number; title: string }[]
  const consultation = consultations.sort((a, b) => a.id - b.id)[0]!
  const rachGia = ((await (await newAdmin.get(`/api/v1/units?q=${encodeURIComponent('Phường Rạch Giá')}&level=commune`)).json()).items as { id: number; name: string }[])[0]!
  const lineage = await (await newAdmin.get(`/api/v1/units/${rachGia.id}/lineage`)).json()
  const olds = lineage.predecessors as { unit: { id: number; name: string } }[]
  expect(olds.map((p) => p.unit.name)).toContain('Phường Vĩnh Thanh Vân')
  // What the old communes entered, counted on the old tree by the old province.
  let expected = 0
  for (const p of olds) expected += (await (await oldAdmin.get(`/api/v1/units/${p.unit.id}/stats?consultation_id=${consultation.id}`)).json()).totals.comments
  expect(expected).toBeGreaterThan(0)

  await login(page, 'admin.angiang')
  await page.goto('/#/dashboard')
  await page.getByLabel('Đợt lấy ý kiến').selectOption(String(consultation.id))
  const row = page.getByTestId('child-row').filter({ hasText: 'Phường Rạch Giá' })
  await expect(row).toHaveCount(1)
  // On the tree the comments were entered on, today's commune has none of them...
  await expect(row.locator('td').nth(1)).toHaveText('0')
  // ...by current units, it holds its old communes' figures.
  await page.getByTestId('stats-current-tree').check()
  await expect(row.locator('td').nth(1)).toHaveText(expected.toLocaleString('vi-VN'))
  const total = num(await page.getByTestId('stats-total-comments').textContent())
  const oldTotal = (await (await oldAdmin.get(`/api/v1/units/${(await (await oldAdmin.get('/api/v1/me')).json()).unit_id}/stats?consultation_id=${consultation.id}`)).json()).totals.comments
  expect(total).toBe(oldTotal) // the province loses nothing on the way

  // The commune's page shows where its figures came from.
  await row.getByRole('link', { name: 'Phường Rạch Giá' }).click()
  await expect(page.getByTestId('unit-predecessors')).toContainText('Phường Vĩnh Thanh Vân')
  console.assertNone()
})

test('the units tree of a day, and a merge by the administrator', async ({ page }) => {
  const console = watchConsole(page)
  // The old province's board sees its own tree; the tree before 01/7/2025 is a click away.
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/units')
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(15)
  await page.getByTestId('tree-today').click()
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(0) // districts were abolished
  await page.getByTestId('tree-before-2025').click()
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(15)
  await expect(page.getByTestId('unit-validity')).toContainText('30/06/2025')
  await expect(page.getByTestId('unit-successors')).toContainText('Tỉnh An Giang')

  // Today's province merges two residential areas of Phú Quốc into a new one.
  await page.getByTestId('logout').click()
  await login(page, 'admin.angiang')
  await page.goto('/#/admin/units')
  await page.getByTestId('admin-unit-row').getByRole('link', { name: 'Đặc khu Phú Quốc' }).click()
  await expect(page.getByTestId('unit-predecessors')).toContainText('Hợp nhất từ')
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(4)
  await page.getByLabel('Chọn Khu phố 3').check()
  await page.getByLabel('Chọn Khu phố 4').check()
  const form = page.getByTestId('merge-form')
  await form.getByLabel('Mã', { exact: true }).fill(`2025.31078-M${Date.now().toString(36).slice(-4)}`)
  await form.getByLabel('Tên', { exact: true }).fill('Khu phố 3 mới')
  await page.getByTestId('merge-submit').click()
  await expect(page.getByText('Đã sáp nhập 2 đơn vị vào Khu phố 3 mới')).toBeVisible()
  // Today's tree: the new area, without the merged ones (still readable on the tree of yesterday).
  const rows = page.getByTestId('admin-unit-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.filter({ hasText: 'Khu phố 3 mới' })).toHaveCount(1)
  console.assertNone()
})
