import { expect, test, type Page } from '@playwright/test'
import { apiAs, createConsultation, login, watchConsole, type Fixture } from './helpers'

let fx: Fixture
const tag = `e${Date.now().toString(36)}`

test.beforeAll(async ({ baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin.tinh')
  fx = await createConsultation(admin, tag)
  await admin.dispose()
})

async function openEntry(page: Page) {
  await login(page, 'nhaplieu.khupho1')
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await openSetup(page)
  const consultationSelect = page.getByTestId('comment-consultation')
  if (await consultationSelect.count()) await consultationSelect.selectOption({ label: fx.consultation.title })
  await page.getByTestId('comment-document').selectOption({ label: fx.document.title })
}

/** Opens the "common details" block (consultation, document, channel, meeting, date) if it is folded. */
async function openSetup(page: Page) {
  const setup = page.getByTestId('entry-setup')
  if ((await setup.getAttribute('open')) === null) await setup.locator('summary').click()
  await expect(page.getByTestId('comment-document')).toBeVisible()
}

/** The comments of Khu phố 1 whose text contains `marker`, as the server has them. */
async function serverComments(baseURL: string, marker: string) {
  const api = await apiAs(baseURL, 'nhaplieu.khupho1')
  const res = await api.get(`/api/v1/comments?q=${encodeURIComponent(marker)}&limit=500`)
  expect(res.status()).toBe(200)
  const items = (await res.json()).items as { id: string; content: string; section_id: number | null; stance: string; people: number; meeting_id: number | null; unit_id: number }[]
  await api.dispose()
  return items
}

test('a residential board types comments fast: Ctrl+Enter sends, choices stick, entries are listed and editable', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  await openEntry(page)
  const marker = `${tag}-fast`
  const section = fx.document.sections[0]!.children[0]!

  await page.getByTestId('comment-section').selectOption(String(section.id))
  await page.getByTestId('comment-stance').selectOption('amend')
  await page.getByTestId('comment-category').selectOption('party_member')
  await page.getByTestId('comment-people').fill('4')
  await page.getByTestId('comment-content').fill(`Đề nghị làm rõ chỉ tiêu tăng trưởng ${marker} một`)
  await page.getByTestId('comment-content').press('Control+Enter')
  await expect(page.getByTestId('entry-notice')).toHaveText('Đã gửi.')
  await expect(page.getByTestId('comment-content')).toHaveValue('')
  await expect(page.getByTestId('comment-people')).toHaveValue('1')
  // The choices stay for the next comment, which goes with the button.
  await expect(page.getByTestId('comment-stance')).toHaveValue('amend')
  await expect(page.getByTestId('comment-section')).toHaveValue(String(section.id))
  await page.getByTestId('comment-content').fill(`Bổ sung giải pháp chuyển đổi số ${marker} hai`)
  await page.getByTestId('comment-submit').click()
  await expect(page.getByTestId('recent-item').filter({ hasText: `${marker} hai` })).toHaveAttribute('data-state', 'sent')
  await expect(page.getByTestId('pending-count')).toHaveText('0')

  let stored = await serverComments(baseURL!, marker)
  expect(stored).toHaveLength(2)
  for (const c of stored) {
    expect(c.section_id).toBe(section.id)
    expect(c.stance).toBe('amend')
  }
  expect(stored.find((c) => c.content.endsWith('một'))!.people).toBe(4)

  // Edit the first one from the list below the form.
  const firstId = await page.getByTestId('recent-item').filter({ hasText: `${marker} một` }).getAttribute('data-id')
  const first = page.locator(`[data-testid="recent-item"][data-id="${firstId}"]`)
  await first.getByTestId('recent-edit').click()
  await first.getByTestId('recent-edit-content').fill(`Đề nghị làm rõ chỉ tiêu GRDP ${marker} một (đã sửa)`)
  await first.getByTestId('recent-save').click()
  await expect(page.getByTestId('recent-item').filter({ hasText: '(đã sửa)' })).toBeVisible()
  stored = await serverComments(baseURL!, marker)
  expect(stored).toHaveLength(2)
  expect(stored.map((c) => c.content)).toContain(`Đề nghị làm rõ chỉ tiêu GRDP ${marker} một (đã sửa)`)

  // The sticky choices survive a reload.
  await page.reload()
  await expect(page.getByTestId('comment-stance')).toHaveValue('amend')
  await expect(page.getByTestId('comment-category')).toHaveValue('party_member')
  console.assertNone()
})

test('offline: comments wait in the browser (counted, surviving a reload) and are sent once when the connection returns', async ({ page, context, baseURL }) => {
  const console = watchConsole(page)
  await openEntry(page)
  await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller)
  const marker = `${tag}-offline`
  await expect(page.getByTestId('pending-count')).toHaveText('0')

  await context.setOffline(true)
  for (const n of ['một', 'hai', 'ba']) {
    await page.getByTestId('comment-content').fill(`Ý kiến khi mất mạng ${marker} ${n}`)
    await page.getByTestId('comment-content').press('Control+Enter')
  }
  await expect(page.getByTestId('pending-count')).toHaveText('3')
  await expect(page.getByTestId('recent-item').filter({ hasText: marker })).toHaveCount(3)
  for (const item of await page.getByTestId('recent-item').filter({ hasText: marker }).all()) await expect(item).toHaveAttribute('data-state', 'pending')

  // Still offline, the page reloads from the service worker and the queue is still there.
  await page.reload()
  await expect(page.getByTestId('pending-count')).toHaveText('3')
  expect(await serverComments(baseURL!, marker).catch(() => [])).toHaveLength(0)

  await context.setOffline(false)
  await expect(page.getByTestId('pending-count')).toHaveText('0', { timeout: 30_000 })
  await expect(page.getByTestId('recent-item').filter({ hasText: marker })).toHaveCount(3)
  const stored = await serverComments(baseURL!, marker)
  expect(stored.map((c) => c.content).sort()).toEqual([`Ý kiến khi mất mạng ${marker} ba`, `Ý kiến khi mất mạng ${marker} hai`, `Ý kiến khi mất mạng ${marker} một`])

  // A reload after sending sends nothing again.
  await page.reload()
  await expect(page.getByTestId('pending-count')).toHaveText('0')
  expect(await serverComments(baseURL!, marker)).toHaveLength(3)
  console.assertNone()
})

test('record a meeting and enter its comments in one flow', async ({ page, baseURL }) => {
  await openEntry(page)
  const marker = `${tag}-meeting`
  await page.getByTestId('meeting-new').click()
  await page.getByTestId('meeting-title').fill(`Hội nghị khu phố ${marker}`)
  await page.getByTestId('meeting-participants').fill('42')
  await page.getByTestId('meeting-save').click()
  await expect(page.getByTestId('comment-meeting').locator('option:checked')).toContainText(`Hội nghị khu phố ${marker}`)
  await expect(page.getByTestId('comment-channel')).toHaveValue('meeting')
  await expect(page.getByTestId('comment-content')).toBeFocused()
  await page.keyboard.type(`Ý kiến tại hội nghị ${marker}`)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('entry-notice')).toHaveText('Đã gửi.')

  const stored = await serverComments(baseURL!, marker)
  expect(stored).toHaveLength(1)
  const api = await apiAs(baseURL!, 'nhaplieu.khupho1')
  const meetings = (await (await api.get(`/api/v1/meetings?unit_id=${stored[0]!.unit_id}&consultation_id=${fx.consultation.id}`)).json()).items as { id: number; title: string; participants: number }[]
  const meeting = meetings.find((m) => m.title === `Hội nghị khu phố ${marker}`)!
  expect(meeting.participants).toBe(42)
  expect(stored[0]!.meeting_id).toBe(meeting.id)
  await api.dispose()
})

test('a refused comment shows the reason next to the field', async ({ page }) => {
  await openEntry(page)
  await page.getByTestId('comment-content').fill('   ')
  await page.getByTestId('comment-submit').click()
  await expect(page.locator('#comment-content-err')).toHaveText('bắt buộc')
  await expect(page.getByTestId('comment-content')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByTestId('pending-count')).toHaveText('0')
})

test('the paper form of the consultation downloads as a spreadsheet for this unit', async ({ page }) => {
  await openEntry(page)
  await page.getByTestId('paper-form').locator('summary').click()
  const href = await page.getByTestId('paper-template').getAttribute('href')
  expect(href).toContain(`consultation_id=${fx.consultation.id}`)
  const res = await page.request.get(href!)
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('spreadsheetml')
  expect((await res.body()).subarray(0, 2).toString()).toBe('PK')
})

test('the organisation that gathered the comments is stored and sticks; a date after today is refused before queueing; a sent comment’s date can be corrected', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  await openEntry(page)
  const marker = `${tag}-org`
  await page.getByTestId('comment-organization').selectOption('womens_union')
  // Tomorrow is refused next to the date, nothing is queued.
  const tomorrow = new Date(Date.now() + 86_400_000)
  const dd = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d)
  await page.getByTestId('comment-date').fill(dd(tomorrow))
  await page.getByTestId('comment-content').fill(`Ý kiến Hội Phụ nữ ${marker}`)
  await page.getByTestId('comment-submit').click()
  await expect(page.locator('#comment-date-err')).toContainText('Ngày không được sau hôm nay')
  await expect(page.getByTestId('pending-count')).toHaveText('0')
  await page.getByTestId('comment-date').fill(dd(new Date()))
  await page.getByTestId('comment-people').fill('3')
  await page.getByTestId('comment-submit').click()
  const item = page.getByTestId('recent-item').filter({ hasText: marker })
  await expect(item).toHaveAttribute('data-state', 'sent')
  // The list says "3 người" and the document's short code.
  await expect(item.getByTestId('recent-people')).toHaveText('3 người')
  await expect(item).toContainText(`DT-${tag}`)
  const [stored] = await serverComments(baseURL!, marker)
  expect((stored as unknown as { organization: string }).organization).toBe('womens_union')
  // The organisation sticks for the next comment.
  await expect(page.getByTestId('comment-organization')).toHaveValue('womens_union')

  // The date of a comment entered with the wrong day is corrected from the list.
  const yesterday = new Date(Date.now() - 86_400_000)
  // While edited, the text is in a field: find the entry by its id from now on.
  const editing = page.locator(`[data-testid="recent-item"][data-id="${await item.getAttribute('data-id')}"]`)
  await editing.getByTestId('recent-edit').click()
  await editing.getByTestId('recent-edit-date').fill(dd(yesterday))
  await editing.getByTestId('recent-save').click()
  await expect(editing.getByTestId('recent-edit')).toBeVisible()
  const [edited] = await serverComments(baseURL!, marker)
  expect((edited as unknown as { collected_on: string }).collected_on).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(yesterday))
  console.assertNone()
})

test('a comment the server refused for its date is fixed in its edit form, date included, and then sent', async ({ page, baseURL }) => {
  await openEntry(page)
  const marker = `${tag}-refused`
  // The server refuses the first sending as a consultation closed to that day would.
  let refused = false
  await page.route('**/api/v1/comments', async (route) => {
    if (route.request().method() !== 'POST' || refused) return route.fallback()
    refused = true
    await route.fulfill({
      status: 422,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'urn:ykien:problem:validation', title: 'Unprocessable Content', status: 422, detail: 'body.collected_on: must not be before the consultation opened', errors: [{ loc: ['body', 'collected_on'], msg: 'must not be before the consultation opened (01/01/2025)', type: 'value_error' }] }),
    })
  })
  await page.getByTestId('comment-content').fill(`Ý kiến bị từ chối ${marker}`)
  await page.getByTestId('comment-submit').click()
  const item = page.getByTestId('recent-item').filter({ hasText: marker })
  await expect(item).toHaveAttribute('data-state', 'rejected')
  // The reason is said in Vietnamese, by the field's label.
  await expect(item.getByRole('alert')).toHaveText('Ngày lấy ý kiến: phải trong thời gian của đợt lấy ý kiến')
  const id = await item.getAttribute('data-id')
  const row = page.locator(`[data-testid="recent-item"][data-id="${id}"]`)
  await row.getByTestId('recent-edit').click()
  await expect(row.getByTestId('recent-edit-date').locator('xpath=..').locator('.err')).toHaveText('phải trong thời gian của đợt lấy ý kiến')
  const yesterday = new Date(Date.now() - 86_400_000)
  await row.getByTestId('recent-edit-date').fill(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(yesterday))
  await row.getByTestId('recent-save').click()
  await expect(row).toHaveAttribute('data-state', 'sent')
  const [stored] = await serverComments(baseURL!, marker)
  expect((stored as unknown as { collected_on: string }).collected_on).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(yesterday))
})
