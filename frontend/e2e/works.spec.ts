import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { apiAs, isoDay, login, watchConsole } from './helpers'

const tag = `w${Date.now().toString(36)}`
const dmy = (iso: string) => iso.split('-').reverse().join('/')

/** The district's roll-up as the server has it (the figures the screen must show). */
async function districtTotals(baseURL: string): Promise<{ count: number; youth: number }> {
  const api = await apiAs(baseURL, 'thuky.rachgia')
  const s = await (await api.get('/api/v1/works/summary')).json()
  await api.dispose()
  const youth = s.by_organization.find((o: { organization: string }) => o.organization === 'youth_union')
  return { count: s.totals.count, youth: youth?.totals.count ?? 0 }
}

test('a district board registers its works and a member organisation’s, sees them roll up, and the province lists what is overdue', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const before = await districtTotals(baseURL!)
  await login(page, 'thuky.rachgia')

  // The board's own work, then the Youth Union's, on the phone-sized form.
  await page.goto('/#/works/new')
  await expect(page.getByTestId('work-form')).toBeVisible()
  await page.getByTestId('work-kind-project').check()
  await page.getByTestId('work-title').fill(`Kè chống sạt lở bờ biển ${tag}`)
  await page.getByTestId('work-value').fill('1200000000')
  await page.getByTestId('work-due').fill(dmy(isoDay(60)))
  await page.getByTestId('work-submit').click()
  await expect(page.getByTestId('work-message')).toContainText('Đã gửi')

  await page.getByTestId('work-organization').selectOption('youth_union')
  await page.getByTestId('work-kind-task').check()
  await page.getByTestId('work-title').fill(`Thắp sáng đường quê ${tag}`)
  await page.getByTestId('work-registered').fill(dmy(isoDay(-40)))
  await page.getByTestId('work-due').fill(dmy(isoDay(-3)))
  await page.getByTestId('work-submit').click()
  await expect(page.getByTestId('work-message')).toContainText('Đã gửi')
  await expect(page.getByTestId('work-outbox')).toHaveCount(0)

  // The district's roll-up counts both, the Youth Union's in its row.
  await page.goto('/#/works')
  const after = await districtTotals(baseURL!)
  expect(after).toEqual({ count: before.count + 2, youth: before.youth + 1 })
  await expect(page.getByTestId('works-total-count')).toHaveText(new Intl.NumberFormat('vi-VN').format(after.count))
  await expect(page.getByTestId('works-byOrganization').getByRole('row', { name: /Đoàn Thanh niên/ }).locator('td').first()).toHaveText(new Intl.NumberFormat('vi-VN').format(after.youth))
  await expect(page.getByTestId('works-list')).toContainText(`Kè chống sạt lở bờ biển ${tag}`)

  // The district marks its own work under way, with a progress note.
  await page.getByRole('link', { name: `Kè chống sạt lở bờ biển ${tag}` }).click()
  await page.getByTestId('work-next-status').selectOption('in_progress')
  await page.getByTestId('work-save-status').click()
  await expect(page.getByTestId('work-status')).toHaveText('Đang thực hiện')
  await page.getByTestId('work-note-text').fill('Đã khởi công, đạt 20% khối lượng.')
  await page.getByTestId('work-add-note').click()
  await expect(page.getByTestId('work-notes')).toContainText('Đã khởi công')

  // The province lists what is overdue: the Youth Union's task is there, the district's work is not.
  await page.getByTestId('logout').click()
  await login(page, 'admin.tinh')
  await page.goto('/#/works?due=overdue')
  const list = page.getByTestId('works-list')
  await expect(list.getByRole('row', { name: new RegExp(`Thắp sáng đường quê ${tag}`) })).toContainText('Quá hạn')
  await expect(list).not.toContainText(`Kè chống sạt lở bờ biển ${tag}`)
  const rows = list.getByTestId('work-row')
  expect(await rows.count()).toBeGreaterThan(1) // the demo's overdue works too
  for (const row of await rows.all()) await expect(row).toContainText('Quá hạn')
  console.assertNone()
})

test('on a phone, the works screens meet WCAG 2.1 AA and the form fits the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const violations = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  await login(page, 'thuky.rachgia')
  await page.goto('/#/works/new')
  await expect(page.getByTestId('work-form')).toBeVisible()
  await page.waitForLoadState('networkidle')
  for (const id of ['work-title', 'work-organization', 'work-submit']) {
    const box = (await page.getByTestId(id).boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(390)
  }
  expect(await violations(), 'form').toEqual([])
  await page.goto('/#/works')
  await expect(page.getByTestId('works-totals')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await violations(), 'list').toEqual([])
  await page.getByTestId('work-row').first().getByRole('link').click()
  await expect(page.getByTestId('work-heading')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await violations(), 'detail').toEqual([])
})
