import { expect, test, type Page } from '@playwright/test'
import { apiAs, isoDay, login, watchConsole } from './helpers'

interface Month { id: number; title: string; period: string; status: string }

/** The demo's sentiment consultations, newest month first. */
async function sentimentMonths(baseURL: string): Promise<Month[]> {
  const api = await apiAs(baseURL, 'thuky.vinhthanhvan')
  const items = (await (await api.get('/api/v1/consultations?kind=sentiment')).json()).items as Month[]
  await api.dispose()
  return items
}

async function chooseSynthesisConsultation(page: Page, id: number) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp ý kiến')
  // The consultations have arrived (one is loaded) before asking whether there is a choice.
  await expect(page.getByTestId('synthesis-heading')).not.toHaveAttribute('data-consultation', '')
  const select = page.locator('#syn-consultation')
  if (await select.count()) await select.selectOption(String(id))
  await expect(page.getByTestId('synthesis-heading')).toHaveAttribute('data-consultation', String(id))
}

test('a residential area enters the month’s sentiment and the commune compiles it up', async ({ page, baseURL }) => {
  test.slow()
  const console = watchConsole(page)
  const tag = Date.now().toString(36)
  const thisMonth = isoDay(0).slice(0, 7)
  const months = await sentimentMonths(baseURL!)
  const month = months.find((m) => m.period === thisMonth)!
  expect(month, 'the demo opens this month’s sentiment consultation').toBeTruthy()

  // The administrator finds the months by kind and month; opening the month after the oldest
  // one finds it open already (idempotent) and selects it.
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/consultations')
  await page.getByTestId('filter-kind').selectOption('sentiment')
  await page.getByTestId('filter-apply').click()
  await expect(page.getByTestId('consultation-row')).toHaveCount(months.length)
  const [y, m] = thisMonth.split('-')
  await page.getByTestId('filter-period').fill(`${m}/${y}`)
  await page.getByTestId('filter-apply').click()
  await expect(page.getByTestId('consultation-row')).toHaveCount(1)
  await expect(page.getByTestId('consultation-kind')).toHaveText(`Tháng ${m}/${y}`)
  await page.getByTestId('filter-period').fill('')
  await page.getByTestId('filter-apply').click()
  const oldest = months[months.length - 1]!
  await page.locator(`[data-testid=consultation-row][data-id="${oldest.id}"]`).getByTestId('consultation-next').click()
  await expect(page.getByRole('status')).toContainText('đã có')
  await page.getByTestId('logout').click()

  // Khu phố 1 enters what people raised this month, topic by topic.
  await login(page, 'nhaplieu.khupho1')
  await expect(page.getByTestId('comment-form')).toBeVisible()
  const setup = page.getByTestId('entry-setup')
  if ((await setup.getAttribute('open')) === null) await setup.locator('summary').click()
  await page.getByTestId('comment-consultation').selectOption({ label: month.title })
  await expect(page.locator('label[for="comment-document"]')).toHaveText('Danh mục chủ đề')
  await expect(page.locator('label[for="comment-section"]')).toHaveText('Chủ đề')
  const topic = page.getByTestId('comment-section')
  await topic.selectOption({ label: '1 · Đất đai' })
  await page.getByTestId('comment-stance').selectOption('other')
  // What areas say every month (the demo's words): this month's joins the same group.
  const phrase = 'Bà con phản ánh việc cấp giấy chứng nhận quyền sử dụng đất còn chậm'
  for (const [n, people] of [['một', '3'], ['hai', '2']] as const) {
    await page.getByTestId('comment-people').fill(people)
    await page.getByTestId('comment-content').fill(`${phrase} (${tag} ${n})`)
    await page.getByTestId('comment-submit').click()
    await expect(page.getByTestId('recent-item').filter({ hasText: `${tag} ${n}` })).toHaveAttribute('data-state', 'sent')
  }
  await page.getByTestId('logout').click()

  // The commune compiles the month: its areas' land comments, ours among them, are suggested
  // as one item of the topic.
  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/synthesis')
  await chooseSynthesisConsultation(page, month.id)
  const open = page.getByTestId('synthesis-create').or(page.getByRole('button', { name: 'Mở bản tổng hợp mới' }))
  const status = page.getByTestId('synthesis-status')
  await expect(open.or(status.and(page.locator('[data-status="draft"]')))).toBeVisible()
  if (await open.count()) await open.click()
  await expect(status).toHaveAttribute('data-status', 'draft')
  const suggestion = page.getByTestId('suggestion').filter({ hasText: '1 Đất đai' }).filter({ hasText: 'giấy chứng nhận' }).filter({ hasText: 'Khác' })
  await expect(suggestion).toHaveCount(1)
  await suggestion.getByRole('button', { name: /Xem \d+ ý kiến trong nhóm/ }).click()
  await expect(suggestion).toContainText(`${tag} một`)
  await expect(suggestion).toContainText(`${tag} hai`)
  await suggestion.getByTestId('suggestion-merge').click()
  const merged = page.getByTestId('synthesis-item').filter({ hasText: 'giấy chứng nhận' })
  await expect(merged).toHaveCount(1)
  await expect(merged).toContainText('Đất đai')
  await page.getByTestId('synthesis-submit').click()
  await expect(page.getByTestId('submit-checks')).toBeVisible()
  await page.getByTestId('synthesis-submit-confirm').click()
  await expect(status).toHaveAttribute('data-status', 'submitted')
  const docx = await page.request.get((await page.getByTestId('synthesis-docx').getAttribute('href'))!)
  expect(docx.status()).toBe(200)
  await page.getByTestId('logout').click()

  // Up the chain: the city sees the commune's month and accepts it.
  await login(page, 'thuky.rachgia')
  await page.goto('/#/synthesis')
  await chooseSynthesisConsultation(page, month.id)
  const incoming = page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' })
  await expect(incoming).toHaveCount(1)
  await expect(incoming).toContainText('Đã gửi')
  await incoming.getByRole('button', { name: 'Tiếp nhận' }).click()
  await expect(page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' })).toContainText('Đã tiếp nhận')

  // The dashboard answers for the month chosen, as the API does.
  await page.goto('/#/dashboard')
  await page.getByLabel('Đợt lấy ý kiến').selectOption(String(month.id))
  const city = await apiAs(baseURL!, 'thuky.rachgia')
  const cityId = (await (await city.get('/api/v1/me')).json()).unit_id
  const stats = await (await city.get(`/api/v1/units/${cityId}/stats?group_by=section&consultation_id=${month.id}`)).json()
  await city.dispose()
  expect(stats.groups.map((g: { key: { section: { heading: string } | null } }) => g.key.section?.heading)).toContain('Đất đai')
  await expect(page.getByTestId('stats-total-comments')).toHaveText(stats.totals.comments.toLocaleString('vi-VN'))
  console.assertNone()
})
