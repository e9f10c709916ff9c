/**
 * The synthesis editor end to end, on units, users and a consultation of its own (so the demo's
 * syntheses and the other specs are untouched): a residential area whose level submits compiles
 * its synthesis (suggestion members, one taken out; uncovered comments merged one by one; items
 * edited, reordered and marked as recommendations; the checks before submitting); its commune
 * pages its suggestions, must confirm an empty report, is returned and sees the reason atop Lần 2,
 * navigates between versions; areas whose level does not submit show what they entered.
 */
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { apiAs, createConsultation, isoDay, login, PASSWORD, watchConsole, type Fixture } from './helpers'

const tag = Date.now().toString(36)
const names = { commune: `Phường Thử Nghiệm ${tag}`, areaA: `Khu phố A ${tag}`, areaB: `Khu phố B ${tag}` }
const users = { secretary: `tk.${tag}`, entryA: `nla.${tag}`, entryB: `nlb.${tag}` }
/** Twelve topics, two comments each, entered at area B: twelve suggestions, more than a page. */
const TOPICS = [
  'xây dựng thêm trường mầm non công lập cho con em công nhân',
  'nạo vét kênh thoát nước chống ngập úng mùa mưa',
  'hỗ trợ ngư dân vay vốn đóng tàu đánh bắt xa bờ',
  'cải cách thủ tục hành chính theo cơ chế một cửa liên thông',
  'phòng chống ma túy trong trường học và thanh thiếu niên',
  'bảo tồn tôn tạo di tích lịch sử văn hóa cấp quốc gia',
  'quy hoạch phát triển du lịch sinh thái biển đảo bền vững',
  'kè chống sạt lở bờ biển bảo vệ nhà dân ven biển',
  'nâng cao chất lượng khám chữa bệnh tại trạm y tế phường',
  'tăng trợ cấp cho người có công và cựu chiến binh',
  'phân loại xử lý rác thải sinh hoạt tại nguồn',
  'chuyển đổi số trong sản xuất nông nghiệp công nghệ cao',
]
const GROUP = `Đề nghị nâng cấp tuyến đường ven biển và lắp thêm đèn chiếu sáng công cộng ${tag}`
const SINGLE = `Cần quan tâm đào tạo nghề và giải quyết việc làm cho thanh niên địa phương ${tag}`
const REASON = `Đề nghị tổng hợp ý kiến của các khu phố rồi gửi lại ${tag}`

/** WCAG 2.1 A/AA violations of the screen as it stands (suggestion members open, checks shown…). */
async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

let fx: Fixture
let ids: { commune: number; areaA: number; areaB: number }

async function created(res: Awaited<ReturnType<APIRequestContext['post']>>): Promise<{ id: number }> {
  expect(res.status(), await res.text()).toBe(201)
  return (await res.json()) as { id: number }
}

async function comment(api: APIRequestContext, unitId: number, content: string, extra: Record<string, unknown> = {}) {
  return created(await api.post('/api/v1/comments', { data: { document_id: fx.document.id, unit_id: unitId, channel: 'meeting', category: 'citizen', stance: 'add', people: 1, content, collected_on: isoDay(-1), ...extra } }))
}

async function openSynthesis(page: Page) {
  await page.goto('/#/synthesis')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổng hợp ý kiến')
  // The first consultation's data is on screen; the choice is offered when several are open.
  await expect(page.getByTestId('synthesis-heading')).not.toHaveAttribute('data-consultation', '')
  const choice = page.locator('#syn-consultation')
  if (await choice.count()) await choice.selectOption(String(fx.consultation.id))
  await expect(page.getByTestId('synthesis-heading')).toHaveAttribute('data-consultation', String(fx.consultation.id))
}

test.describe.serial('the synthesis editor', () => {
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(180_000)
    const admin = await apiAs(baseURL!, 'admin.tinh')
    fx = await createConsultation(admin, tag)
    const district = await apiAs(baseURL!, 'thuky.rachgia')
    const districtId = (await (await district.get('/api/v1/me')).json()).unit_id as number
    await district.dispose()
    const commune = await created(await admin.post('/api/v1/units', { data: { code: `T${tag}`, name: names.commune, level: 'commune', parent_id: districtId } }))
    const areaA = await created(await admin.post('/api/v1/units', { data: { code: `T${tag}-A`, name: names.areaA, level: 'residential_area', parent_id: commune.id } }))
    const areaB = await created(await admin.post('/api/v1/units', { data: { code: `T${tag}-B`, name: names.areaB, level: 'residential_area', parent_id: commune.id } }))
    ids = { commune: commune.id, areaA: areaA.id, areaB: areaB.id }
    for (const [username, role, unit] of [
      [users.secretary, 'secretary', commune.id],
      [users.entryA, 'entry', areaA.id],
      [users.entryB, 'entry', areaB.id],
    ] as const) {
      await created(await admin.post('/api/v1/users', { data: { username, password: PASSWORD, full_name: `Người thử ${username}`, unit_id: unit, role } }))
    }
    await admin.dispose()

    const section = fx.document.sections[0]!.children[0]!
    const a = await apiAs(baseURL!, users.entryA)
    for (const n of [1, 2, 3]) await comment(a, ids.areaA, GROUP, { people: n, section_id: section.id })
    await comment(a, ids.areaA, SINGLE, { stance: 'amend' })
    await a.dispose()
    const b = await apiAs(baseURL!, users.entryB)
    for (const topic of TOPICS) {
      await comment(b, ids.areaB, `Đề nghị ${topic} ${tag}`)
      await comment(b, ids.areaB, `Kiến nghị ${topic} ${tag}`)
    }
    await b.dispose()
  })

  test('an area whose level submits compiles its own synthesis: members of a suggestion, uncovered comments, items edited, reordered and marked, checks before submitting', async ({ page }) => {
    test.slow()
    const console = watchConsole(page)
    await login(page, users.entryA)
    // Entry users of an area whose level submits reach the synthesis from the menu.
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /Tổng hợp/ }).click()
    await openSynthesis(page)
    await page.getByTestId('synthesis-create').click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'draft')

    // The suggestion of the three near-identical comments: its members, with unit and section.
    const suggestion = page.getByTestId('suggestion').filter({ hasText: 'tuyến đường ven biển' })
    await expect(suggestion).toHaveCount(1)
    await expect(suggestion.locator('.meta').first()).toContainText('3 ý kiến, 6 lượt người')
    await suggestion.getByTestId('suggestion-members-toggle').click()
    const members = suggestion.getByTestId('suggestion-member')
    await expect(members).toHaveCount(3)
    await expect(members.first()).toContainText(names.areaA)
    await expect(members.first()).toContainText('Kinh tế')
    expect(await axe(page), 'members open').toEqual([])
    // One taken out before merging: the item carries the other two.
    await members.nth(0).getByTestId('suggestion-member-remove').click()
    await expect(suggestion.getByTestId('suggestion-merge')).toHaveText('Gộp 2 ý kiến còn lại thành một nội dung')
    await suggestion.getByTestId('suggestion-merge').click()
    const merged = page.getByTestId('synthesis-item').filter({ hasText: 'tuyến đường ven biển' })
    await expect(merged).toHaveCount(1)
    await expect(merged).toContainText(/2 ý kiến, [0-9]+ lượt người/)

    // The comment taken out and the single one are uncovered: each merged as an item of its own.
    await page.getByTestId('uncovered-show').click()
    const uncovered = page.getByTestId('uncovered-comment')
    await expect(uncovered).toHaveCount(2)
    await expect(uncovered.filter({ hasText: SINGLE })).toContainText(names.areaA)
    await uncovered.filter({ hasText: SINGLE }).getByTestId('uncovered-merge').click()
    await expect(uncovered).toHaveCount(1)
    await uncovered.first().getByTestId('uncovered-merge').click()
    await expect(page.getByTestId('uncovered-none')).toBeVisible()
    const items = page.getByTestId('synthesis-item')
    await expect(items).toHaveCount(3)

    // Edit the single comment's item: summary and stance.
    // (Being edited, its text is in a field, so it is found by its place: merged second.)
    await expect(items.nth(1)).toContainText(SINGLE)
    const single = items.nth(1)
    await single.getByTestId('item-edit').click()
    await single.getByTestId('item-edit-summary').fill(`Một số ý kiến đề nghị quan tâm đào tạo nghề cho thanh niên ${tag}`)
    await single.getByTestId('item-edit-stance').selectOption('add')
    expect(await axe(page), 'item edited, uncovered shown').toEqual([])
    await single.getByTestId('item-edit-save').click()
    const edited = items.filter({ hasText: `Một số ý kiến đề nghị quan tâm đào tạo nghề cho thanh niên ${tag}` })
    await expect(edited).toHaveCount(1)
    await expect(edited.locator('.meta')).toContainText('Đề nghị bổ sung')

    // Reorder: the edited item (second) goes first, then back down.
    await expect(items.nth(1)).toContainText('đào tạo nghề')
    await items.nth(1).getByTestId('item-up').click()
    await expect(items.nth(0)).toContainText('đào tạo nghề')
    await expect(items.nth(0).getByTestId('item-up')).toBeDisabled()
    await items.nth(0).getByTestId('item-down').click()
    await expect(items.nth(1)).toContainText('đào tạo nghề')

    // A recommendation (kiến nghị).
    await items.nth(1).getByTestId('item-recommendation').check()
    await expect(items.nth(1)).toHaveAttribute('data-recommendation', 'true')
    await expect(items.nth(1).getByTestId('item-recommendation-badge')).toHaveText('Kiến nghị')

    // Submitting shows the checks (nothing left uncovered), then sends.
    await page.getByTestId('synthesis-submit').click()
    await expect(page.getByTestId('submit-checks')).toBeVisible()
    await expect(page.getByTestId('checks-clean')).toBeVisible()
    await expect(page.getByTestId('confirm-empty')).toHaveCount(0)
    await page.getByTestId('synthesis-submit-confirm').click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'submitted')
    console.assertNone()
  })

  test('a commune: suggestions paged, an empty report confirmed explicitly, returned, Lần 2 shows the reason and Lần 1 is one click away', async ({ page, baseURL }) => {
    test.slow()
    const console = watchConsole(page)
    await login(page, users.secretary)
    await openSynthesis(page)
    await page.getByTestId('synthesis-create').click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'draft')

    // Area B's twelve topics (and A's submitted items) make more suggestions than one page holds.
    await expect(page.getByTestId('suggestion')).toHaveCount(10)
    await expect(page.getByTestId('suggestion-page')).toHaveText(/Trang 1\/2/)
    await page.getByTestId('suggestion-next').click()
    await expect(page.getByTestId('suggestion-page')).toHaveText(/Trang 2\/2/)
    await expect(page.getByTestId('suggestion').first()).toBeVisible()

    // The children: A submitted, B missing.
    await expect(page.getByTestId('progress-row').filter({ hasText: names.areaA })).toHaveAttribute('data-status', 'submitted')
    await expect(page.getByTestId('progress-row').filter({ hasText: names.areaB })).toHaveAttribute('data-status', 'missing')

    // Submit with no item while the areas have comments: the checks say so, and an explicit yes is needed.
    await page.getByTestId('synthesis-submit').click()
    const checks = page.getByTestId('submit-checks')
    await expect(checks.locator('[data-code="child_missing"]')).toContainText(`${names.areaB} chưa gửi báo cáo tổng hợp.`)
    await expect(checks.locator('[data-code="uncovered_comments"]')).toContainText('24 ý kiến')
    const send = page.getByTestId('synthesis-submit-confirm')
    await expect(send).toBeDisabled()
    // At phone size too: the checks, the pages of suggestions, the children as cards.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await axe(page), 'checks at phone size').toEqual([])
    await page.setViewportSize({ width: 1366, height: 768 })
    await page.getByTestId('confirm-empty').check()
    await send.click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'submitted')

    // The district returns it.
    const district = await apiAs(baseURL!, 'thuky.rachgia')
    const mine = (await (await district.get(`/api/v1/syntheses?unit_id=${ids.commune}&consultation_id=${fx.consultation.id}`)).json()).items as { id: string }[]
    expect((await district.post(`/api/v1/syntheses/${mine[0]!.id}/return`, { data: { reason: REASON } })).status()).toBe(200)
    await district.dispose()

    await page.reload()
    await openSynthesis(page)
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'returned')
    await page.getByRole('button', { name: 'Mở bản tổng hợp mới' }).click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'draft')
    await expect(page.getByTestId('synthesis-version-label')).toHaveText('Lần 2')
    await expect(page.getByTestId('previous-return-reason')).toContainText(`Lần 1 bị trả lại: ${REASON}`)

    // Versions: Lần 1 (returned) and Lần 2 (draft), each one click away.
    const versions = page.getByTestId('synthesis-version')
    await expect(versions).toHaveText(['Lần 1 · Bị trả lại', 'Lần 2 · Đang soạn'])
    await versions.nth(0).click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'returned')
    await expect(page.getByText(`Bị trả lại: ${REASON}`)).toBeVisible()
    await expect(page.getByTestId('synthesis-submit')).toHaveCount(0)
    await versions.nth(1).click()
    await expect(page.getByTestId('synthesis-status')).toHaveAttribute('data-status', 'draft')
    console.assertNone()
  })

  test('areas whose level does not submit show their comments, people and last entry, not "missing"', async ({ page, baseURL }) => {
    const admin = await apiAs(baseURL!, 'admin.tinh')
    const r = await admin.patch(`/api/v1/consultations/${fx.consultation.id}`, { data: { deadlines: { commune: isoDay(10), district: isoDay(15), province: isoDay(20) } } })
    expect(r.status(), await r.text()).toBe(200)
    await admin.dispose()
    await login(page, users.secretary)
    await openSynthesis(page)
    const b = page.getByTestId('progress-row').filter({ hasText: names.areaB })
    await expect(b).toHaveAttribute('data-status', 'not_required')
    await expect(b).toContainText('Không phải gửi báo cáo')
    await expect(b).toContainText('24')
    await expect(b).toContainText(/Nhập gần nhất \d{2}\/\d{2}\/\d{4}/)
    await expect(b).not.toContainText('Chưa có')
  })
})
