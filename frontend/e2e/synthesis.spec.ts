import { expect, test, type Page } from '@playwright/test'
import { apiAs, isoDay, login, watchConsole } from './helpers'

/** The demo consultation (the first open one), so the test works whatever other consultations exist. */
async function demoConsultation(baseURL: string) {
  const api = await apiAs(baseURL, 'thuky.vinhthanhvan')
  const items = (await (await api.get('/api/v1/consultations')).json()).items as { id: number; status: string }[]
  await api.dispose()
  const open = items.filter((c) => c.status === 'open').sort((a, b) => a.id - b.id)
  return { ...open[0]!, openCount: open.length }
}

async function chooseConsultation(page: Page, c: { id: number; openCount: number }) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp ý kiến')
  // The choice is offered only when several consultations are open.
  if (c.openCount > 1) await page.locator('#syn-consultation').selectOption(String(c.id))
  await expect(page.getByTestId('synthesis-heading')).toHaveAttribute('data-consultation', String(c.id))
}

test('a commune compiles its synthesis (a suggestion merged in one click, an item typed), submits it; the district sees it and returns it with a reason', async ({ page, baseURL }) => {
  // Three sign-ins and a dozen API calls: on a shared runner the default minute is short.
  test.slow()
  const console = watchConsole(page)
  const consultation = await demoConsultation(baseURL!)
  const tag = Date.now().toString(36)

  // Two near-identical comments from Khu phố 1, to be suggested as one group.
  const board = await apiAs(baseURL!, 'nhaplieu.khupho1')
  const me = await (await board.get('/api/v1/me')).json()
  const document = ((await (await board.get(`/api/v1/documents?consultation_id=${consultation.id}`)).json()).items as { id: number }[])[0]!
  for (const n of [1, 2]) {
    const r = await board.post('/api/v1/comments', {
      data: { document_id: document.id, unit_id: me.unit_id, channel: 'meeting', category: 'citizen', stance: 'add', people: n, content: `Đề nghị bổ sung giải pháp phát triển kinh tế biển đảo Kiên Giang ${tag}`, collected_on: isoDay(0) },
    })
    expect(r.status(), await r.text()).toBe(201)
  }
  await board.dispose()

  // A synthesis left submitted by an earlier run against the same database goes back first.
  const commune = await apiAs(baseURL!, 'thuky.vinhthanhvan')
  const communeId = (await (await commune.get('/api/v1/me')).json()).unit_id
  const earlier = (await (await commune.get(`/api/v1/syntheses?unit_id=${communeId}&consultation_id=${consultation.id}`)).json()).items as { id: string; status: string }[]
  // A draft left by a failed run starts empty again.
  for (const d of earlier.filter((x) => x.status === 'draft')) {
    const full = await (await commune.get(`/api/v1/syntheses/${d.id}`)).json()
    for (const item of full.items as { id: string }[]) expect((await commune.delete(`/api/v1/syntheses/${d.id}/items/${item.id}`)).status()).toBeLessThan(300)
  }
  await commune.dispose()
  const district = await apiAs(baseURL!, 'thuky.rachgia')
  for (const s of earlier.filter((x) => x.status === 'submitted')) expect((await district.post(`/api/v1/syntheses/${s.id}/return`, { data: { reason: 'reset' } })).status()).toBe(200)
  // …and a district draft left by an earlier run gives back what it merged.
  const districtId = (await (await district.get('/api/v1/me')).json()).unit_id
  const drafts = (await (await district.get(`/api/v1/syntheses?unit_id=${districtId}&consultation_id=${consultation.id}&status=draft`)).json()).items as { id: string }[]
  for (const d of drafts) {
    const full = await (await district.get(`/api/v1/syntheses/${d.id}`)).json()
    for (const item of full.items as { id: string }[]) expect((await district.delete(`/api/v1/syntheses/${d.id}/items/${item.id}`)).status()).toBeLessThan(300)
  }
  await district.dispose()

  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/synthesis')
  await chooseConsultation(page, consultation)
  const status = page.getByTestId('synthesis-status')
  const open = page.getByTestId('synthesis-create').or(page.getByRole('button', { name: 'Mở bản tổng hợp mới' }))
  await expect(open.or(status.and(page.locator('[data-status="draft"]')))).toBeVisible()
  if (await open.count()) await open.click()
  await expect(status).toHaveAttribute('data-status', 'draft')

  // Merge the suggested group holding our two comments (on a database reused by earlier runs the
  // group also holds their identical comments; the merged item must carry the group's counts).
  const phrase = 'phát triển kinh tế biển đảo Kiên Giang'
  const suggestion = page.getByTestId('suggestion').filter({ hasText: phrase })
  await expect(suggestion).toHaveCount(1)
  const counts = (await suggestion.locator('.meta strong').textContent())!.trim()
  const [comments, people] = counts.match(/\d+/g)!.map(Number)
  expect(comments).toBeGreaterThanOrEqual(2)
  expect(people).toBeGreaterThanOrEqual(3)
  await suggestion.getByTestId('suggestion-merge').click()
  const merged = page.getByTestId('synthesis-item').filter({ hasText: phrase })
  await expect(merged).toHaveCount(1)
  await expect(merged).toContainText(counts)
  // Document, section and stance come prefilled from the group's comments (stance "add").
  await expect(merged.locator('.meta')).toContainText('Đề nghị bổ sung')
  await expect(page.getByTestId('suggestion').filter({ hasText: phrase })).toHaveCount(0)

  // And one item typed by hand.
  await page.getByTestId('item-summary').fill(`Đa số ý kiến tán thành dự thảo ${tag}`)
  await page.getByTestId('item-add').click()
  await expect(page.getByTestId('synthesis-item').filter({ hasText: `Đa số ý kiến tán thành dự thảo ${tag}` })).toHaveCount(1)

  // Submitting shows the checks first, then sends.
  await page.getByTestId('synthesis-submit').click()
  await expect(page.getByTestId('submit-checks')).toBeVisible()
  await page.getByTestId('synthesis-submit-confirm').click()
  await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'submitted')
  await expect(page.getByTestId('synthesis-submit')).toHaveCount(0)
  // The official report downloads as a Word document.
  const docx = await page.request.get((await page.getByTestId('synthesis-docx').getAttribute('href'))!)
  expect(docx.status()).toBe(200)
  expect(docx.headers()['content-type']).toContain('wordprocessingml')
  expect((await docx.body()).subarray(0, 2).toString()).toBe('PK')

  // The district sees the submission and the synthesis among its incoming ones, and returns it.
  await page.getByTestId('logout').click()
  await login(page, 'thuky.rachgia')
  await page.goto('/#/synthesis')
  await chooseConsultation(page, consultation)
  const incoming = page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' })
  await expect(incoming).toHaveCount(1)
  await expect(incoming).toContainText('Đã gửi')

  // The district merges the commune's item into its own synthesis; the counts carry up.
  const districtOpen = page.getByTestId('synthesis-create').or(page.getByRole('button', { name: 'Mở bản tổng hợp mới' }))
  if (await districtOpen.count()) await districtOpen.click()
  await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'draft')
  const childItem = page.locator('label').filter({ has: page.getByTestId('child-item-pick') }).filter({ hasText: phrase })
  await childItem.first().getByTestId('child-item-pick').check()
  await page.getByTestId('item-summary').fill(`Nhiều ý kiến đề nghị phát triển kinh tế biển ${tag}`)
  await page.getByTestId('item-add').click()
  const carried = page.getByTestId('synthesis-item').filter({ hasText: `Nhiều ý kiến đề nghị phát triển kinh tế biển ${tag}` })
  await expect(carried).toHaveCount(1)
  await expect(carried).toContainText(counts)
  // Merged once, it cannot be picked again.
  await expect(childItem.first().getByTestId('child-item-pick')).toBeDisabled()

  // It answers the commune's other item: not taken up, with a reason (the merged one is taken up by itself).
  await incoming.locator('summary').click()
  const typedItem = incoming.getByTestId('incoming-item').filter({ hasText: `Đa số ý kiến tán thành dự thảo ${tag}` })
  await typedItem.getByTestId('feedback-select').selectOption('not_taken_up')
  await typedItem.getByLabel('Lý do (bắt buộc khi không tiếp thu)').fill(`Trùng nội dung cấp huyện ${tag}`)
  await typedItem.getByTestId('feedback-save').click()
  await expect(page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).getByTestId('incoming-item').filter({ hasText: `Đa số ý kiến tán thành dự thảo ${tag}` })).toContainText('Không tiếp thu')
  await expect(page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).getByTestId('incoming-item').filter({ hasText: phrase })).toContainText('Đã tiếp thu')

  await incoming.getByPlaceholder('Lý do trả lại').fill(`Cần bổ sung số liệu hội nghị ${tag}`)
  await incoming.getByRole('button', { name: 'Trả lại' }).click()
  await expect(page.getByTestId('incoming-synthesis').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).filter({ hasText: 'Đã gửi' })).toHaveCount(0)

  // Back at the commune: returned, with the reason, and a new version may be opened.
  await page.getByTestId('logout').click()
  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/synthesis')
  await chooseConsultation(page, consultation)
  await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'returned')
  await expect(page.getByText(`Cần bổ sung số liệu hội nghị ${tag}`)).toBeVisible()
  await expect(page.getByTestId('synthesis-item').filter({ hasText: `Đa số ý kiến tán thành dự thảo ${tag}` }).getByTestId('item-feedback')).toContainText(`Không tiếp thu — Trùng nội dung cấp huyện ${tag}`)
  await expect(page.getByRole('button', { name: 'Mở bản tổng hợp mới' })).toBeVisible()
  console.assertNone()
})
