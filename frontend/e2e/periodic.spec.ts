import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiAs, isoDay, login, watchConsole } from './helpers'

/** The comments of the unit's subtree collected this month (Vietnam's calendar), counted from the comment list itself. */
async function commentsThisMonth(api: APIRequestContext, unitId: number): Promise<{ comments: number; people: number }> {
  const today = isoDay(0)
  let cursor: string | undefined
  let comments = 0
  let people = 0
  do {
    const params = new URLSearchParams({ unit_id: String(unitId), from: `${today.slice(0, 8)}01`, to: today, limit: '500' })
    if (cursor) params.set('cursor', cursor)
    const page = await (await api.get(`/api/v1/comments?${params}`)).json()
    for (const c of page.items as { people: number }[]) {
      comments += 1
      people += c.people
    }
    cursor = page.next_cursor ?? undefined
  } while (cursor)
  return { comments, people }
}

async function signOut(page: Page) {
  await page.getByTestId('logout').click()
  await expect(page).toHaveURL(/#\/login/)
}

async function openChildReport(page: Page, name: string) {
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  const row = page.getByTestId('periodic-child-row').filter({ hasText: name })
  await expect(row).toHaveCount(1)
  await row.getByRole('link').click()
  await expect(page.getByTestId('periodic-report-heading')).toContainText(name)
}

test("the commune's monthly report drafts itself with true figures and goes up to the district, which returns it once and accepts it", async ({ page, baseURL }) => {
  test.slow() // four sign-ins
  const console = watchConsole(page)
  page.on('dialog', (d) => d.accept())

  // Two comments of Khu phố 1 this month, so the month has figures of its own.
  const board = await apiAs(baseURL!, 'nhaplieu.khupho1')
  const consultations = (await (await board.get('/api/v1/consultations')).json()).items as { id: number; status: string }[]
  const open = consultations.filter((c) => c.status === 'open').sort((a, b) => a.id - b.id)[0]!
  const document = ((await (await board.get(`/api/v1/documents?consultation_id=${open.id}`)).json()).items as { id: number }[])[0]!
  const me = await (await board.get('/api/v1/me')).json()
  for (const people of [2, 3]) {
    const r = await board.post('/api/v1/comments', {
      data: { document_id: document.id, unit_id: me.unit_id, channel: 'meeting', category: 'citizen', stance: 'add', people, content: `Đề nghị quan tâm chỉnh trang đô thị ven biển (${people})`, collected_on: isoDay(0) },
    })
    expect(r.status(), await r.text()).toBe(201)
  }
  await board.dispose()
  const commune = await apiAs(baseURL!, 'thuky.vinhthanhvan')
  const communeId = (await (await commune.get('/api/v1/me')).json()).unit_id as number
  const truth = await commentsThisMonth(commune, communeId)
  await commune.dispose()
  expect(truth.comments).toBeGreaterThanOrEqual(2)

  // The commune drafts its report of this month: the figures are there, true.
  await login(page, 'thuky.vinhthanhvan')
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  await expect(page.getByTestId('periodic-heading')).toHaveText('Báo cáo định kỳ')
  await page.getByTestId('periodic-open').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'draft')
  await expect(page.getByTestId('periodic-figure-comments')).toHaveText(truth.comments.toLocaleString('vi-VN'))
  await expect(page.getByTestId('periodic-figure-people')).toHaveText(truth.people.toLocaleString('vi-VN'))
  await expect(page.getByTestId('periodic-by-child')).toContainText('Khu phố 1')
  await page.getByTestId('periodic-section-I').fill('Tuyên truyền về Đại hội trên loa truyền thanh phường.')
  await page.getByTestId('periodic-section-II').fill('Các khu phố tổ chức lấy ý kiến dự thảo văn kiện.')
  await page.getByTestId('periodic-save').click()
  await expect(page.getByTestId('periodic-notice')).toHaveText('Đã lưu.')
  await page.getByTestId('periodic-submit').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'submitted')
  await expect(page.getByTestId('periodic-figures-state')).toHaveText('Số liệu đã chốt khi gửi báo cáo.')
  await signOut(page)

  // The district finds it among its communes' reports and returns it with a reason.
  await login(page, 'thuky.rachgia')
  await openChildReport(page, 'Phường Vĩnh Thanh Vân')
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'submitted')
  await expect(page.getByTestId('periodic-section-I')).toHaveText('Tuyên truyền về Đại hội trên loa truyền thanh phường.')
  await page.getByTestId('periodic-reason').fill('Bổ sung kết quả giám sát nhân sự (mục III).')
  await page.getByTestId('periodic-return').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'returned')
  await signOut(page)

  // The commune sees why, completes section III and submits again: version 2.
  await login(page, 'thuky.vinhthanhvan')
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  await page.getByTestId('periodic-open').click()
  await expect(page.getByTestId('periodic-return-reason')).toContainText('Bổ sung kết quả giám sát nhân sự (mục III).')
  await page.getByTestId('periodic-section-III').fill('Phối hợp giám sát niêm yết danh sách nhân sự tại 5 khu phố.')
  await page.getByTestId('periodic-submit').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'submitted')
  await expect(page.getByTestId('periodic-version')).toHaveText('Lần 2')
  await signOut(page)

  // The district accepts it; both submissions stay on record, and the Word report downloads.
  await login(page, 'thuky.rachgia')
  await openChildReport(page, 'Phường Vĩnh Thanh Vân')
  await page.getByTestId('periodic-accept').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'accepted')
  await expect(page.getByTestId('periodic-version-row')).toHaveCount(2)
  await expect(page.getByTestId('periodic-version-row').first()).toContainText('Bổ sung kết quả giám sát nhân sự')
  await expect(page.getByTestId('periodic-section-III')).toHaveText('Phối hợp giám sát niêm yết danh sách nhân sự tại 5 khu phố.')
  const download = page.waitForEvent('download')
  await page.getByTestId('periodic-docx').click()
  expect((await download).suggestedFilename()).toMatch(/^bao-cao-.*-lan-2\.docx$/)
  console.assertNone()
})

test('the periodic screens meet WCAG 2.1 AA (the demo: last month of Rạch Giá, the commune returned once and accepted)', async ({ page }) => {
  const violations = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  await login(page, 'thuky.rachgia')
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click()
  await page.getByTestId('periodic-period').selectOption({ index: 1 }) // last month
  const row = page.getByTestId('periodic-child-row').filter({ hasText: 'Phường Vĩnh Thanh Vân' })
  await expect(row).toContainText('Đã tiếp nhận')
  await page.waitForLoadState('networkidle')
  expect(await violations(), 'list').toEqual([])
  await row.getByRole('link').click()
  await expect(page.getByTestId('periodic-status')).toHaveAttribute('data-status', 'accepted')
  await expect(page.getByTestId('periodic-version-row')).toHaveCount(2)
  await page.waitForLoadState('networkidle')
  expect(await violations(), 'report').toEqual([])
})
