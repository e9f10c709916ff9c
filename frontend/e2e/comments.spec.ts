import { expect, test } from '@playwright/test'
import { apiAs, createConsultation, isoDay, login, watchConsole } from './helpers'

test('the commune finds a residential area comment by typing without diacritics, and reads its history', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const tag = `c${Date.now().toString(36)}`
  const admin = await apiAs(baseURL!, 'admin.tinh')
  const fx = await createConsultation(admin, tag)
  await admin.dispose()

  // Khu phố 1 enters a comment, then corrects it.
  const board = await apiAs(baseURL!, 'nhaplieu.khupho1')
  const me = await (await board.get('/api/v1/me')).json()
  const created = await board.post('/api/v1/comments', {
    data: { document_id: fx.document.id, unit_id: me.unit_id, channel: 'meeting', category: 'citizen', stance: 'add', content: `Đề nghị Đảng bộ tăng cường đối thoại với nhân dân ${tag}`, collected_on: isoDay(0), people: 3 },
  })
  expect(created.status(), await created.text()).toBe(201)
  const comment = await created.json()
  const patched = await board.patch(`/api/v1/comments/${comment.id}`, { data: { content: `Đề nghị Đảng bộ tăng cường đối thoại trực tiếp với nhân dân ${tag}` } })
  expect(patched.status(), await patched.text()).toBe(200)
  await board.dispose()

  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/comments')
  // Without a search, the count is the commune's whole (the same as its roll-ups).
  const commune = await apiAs(baseURL!, 'thuky.vinhthanhvan')
  const communeId = (await (await commune.get('/api/v1/me')).json()).unit_id
  const whole = (await (await commune.get(`/api/v1/units/${communeId}/stats`)).json()).totals.comments as number
  await commune.dispose()
  await expect(page.getByTestId('comments-total')).toHaveText(`${whole.toLocaleString('vi-VN')} ý kiến`)
  await page.getByTestId('comments-search').fill(`dang bo tang cuong doi thoai truc tiep ${tag}`)
  const rows = page.getByTestId('comment-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(`Đề nghị Đảng bộ tăng cường đối thoại trực tiếp với nhân dân ${tag}`)
  await expect(rows.first()).toContainText('Đề nghị bổ sung')
  await expect(page.getByTestId('comments-total')).toHaveText('1 ý kiến')

  // The list downloads with the same filters: a header and our one comment.
  const csv = await page.request.get((await page.getByRole('link', { name: 'Tải danh sách (CSV)' }).getAttribute('href'))!)
  expect(csv.status()).toBe(200)
  const lines = (await csv.body()).toString('utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/)
  expect(lines).toHaveLength(2)
  expect(lines[1]).toContain(tag)

  await page.getByTestId('comments-search').fill(`khong co y kien nao nhu the ${tag}`)
  await expect(page.getByTestId('comments-empty')).toBeVisible()

  await page.getByTestId('comments-search').fill(`DANG BO ${tag}`)
  await expect(rows).toHaveCount(1)
  // The row names the area with its commune, and "3 người" for the people who voiced it.
  await expect(rows.first().getByTestId('comment-row-unit')).toHaveText('Khu phố 1 · Phường Vĩnh Thanh Vân')
  await expect(rows.first()).toContainText('3 người')
  await rows.first().getByRole('link').click()
  await expect(page.getByTestId('comment-detail-content')).toHaveText(`Đề nghị Đảng bộ tăng cường đối thoại trực tiếp với nhân dân ${tag}`)
  // Everything known about it: where, on what, gathered by whom.
  await expect(page.getByTestId('comment-detail-unit')).toHaveText('Phường Vĩnh Thanh Vân › Khu phố 1')
  await expect(page.getByTestId('comment-detail-document')).toHaveText(`DT-${tag} — Dự thảo Báo cáo chính trị ${tag}`)
  await expect(page.getByTestId('comment-detail-section')).toHaveText('(Toàn văn kiện)')
  await expect(page.getByTestId('comment-detail-organization')).toHaveText('Mặt trận')
  await expect(page.getByTestId('history-entry')).toHaveCount(2)
  await expect(page.getByTestId('history-entry').nth(1)).toContainText('đối thoại với nhân dân')

  // Back to the list: the search is as it was left, and so is the result.
  await page.getByTestId('comment-back').click()
  await expect(page.getByTestId('comments-search')).toHaveValue(`DANG BO ${tag}`)
  await expect(rows).toHaveCount(1)
  // …and so with the browser's own back button.
  await rows.first().getByRole('link').click()
  await expect(page.getByTestId('comment-detail-content')).toBeVisible()
  await page.goBack()
  await expect(page.getByTestId('comments-search')).toHaveValue(`DANG BO ${tag}`)
  await expect(rows).toHaveCount(1)
  console.assertNone()
})
