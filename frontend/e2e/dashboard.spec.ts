import { expect, test } from '@playwright/test'
import { apiAs, isoDay, login, watchConsole } from './helpers'

const num = (text: string | null) => Number((text ?? '').replace(/\D/g, ''))

test('the dashboard totals follow a new comment at every level, and the drill-down parts add up', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const board = await apiAs(baseURL!, 'nhaplieu.khupho1')
  const me = await (await board.get('/api/v1/me')).json()
  const consultations = (await (await board.get('/api/v1/consultations')).json()).items as { id: number; status: string }[]
  // The demo consultation (the oldest open one), which has comments all over the province.
  const consultation = consultations.filter((c) => c.status === 'open').sort((a, b) => a.id - b.id)[0]!
  const document = ((await (await board.get(`/api/v1/documents?consultation_id=${consultation.id}`)).json()).items as { id: number }[])[0]!

  await login(page, 'thuky.tinh')
  await page.goto('/#/dashboard')
  await page.getByLabel('Đợt lấy ý kiến').selectOption(String(consultation.id))
  const total = page.getByTestId('stats-total-comments')
  await expect(total).not.toHaveText('–')
  // The UI shows what the API says.
  const secretary = await apiAs(baseURL!, 'thuky.tinh')
  const stats = await (await secretary.get(`/api/v1/units/${(await (await secretary.get('/api/v1/me')).json()).unit_id}/stats?group_by=child&consultation_id=${consultation.id}`)).json()
  await expect(total).toHaveText(stats.totals.comments.toLocaleString('vi-VN'))
  // The child rows add up to the total (plus whatever was entered at the province itself).
  const rows = page.getByTestId('child-row')
  await expect(rows).toHaveCount(15)
  let sum = 0
  for (const row of await rows.all()) sum += num(await row.locator('td').nth(1).textContent())
  const own = page.getByTestId('own-row')
  if (await own.count()) sum += num(await own.locator('td').nth(1).textContent())
  expect(sum).toBe(stats.totals.comments)
  // Sorted by comments at a click: largest first.
  await page.getByTestId('sort-comments').click()
  const counts: number[] = []
  for (const row of await rows.all()) counts.push(num(await row.locator('td').nth(1).textContent()))
  expect(counts).toEqual([...counts].sort((a, b) => b - a))
  await expect(page.getByTestId('stats-updated')).toContainText('cập nhật lúc')

  // The drill-down table exports as CSV (UTF-8 with BOM, one header row, one row per group).
  const csv = await page.request.get((await page.getByTestId('export-stats-csv').getAttribute('href'))!)
  expect(csv.status()).toBe(200)
  const csvText = (await csv.body()).toString('utf8')
  expect(csvText.charCodeAt(0)).toBe(0xfeff)
  const lines = csvText.slice(1).trim().split(/\r?\n/)
  expect(lines.length).toBe(1 + stats.groups.length)
  expect(csvText).toContain('Thành phố Rạch Giá')

  const before = num(await total.textContent())
  const rachGiaBefore = num(await rows.filter({ hasText: 'Thành phố Rạch Giá' }).locator('td').nth(1).textContent())

  // Khu phố 1 (in Phường Vĩnh Thanh Vân, Thành phố Rạch Giá) enters one comment from 5 people.
  const res = await board.post('/api/v1/comments', {
    data: { document_id: document.id, unit_id: me.unit_id, channel: 'meeting', category: 'citizen', stance: 'agree', people: 5, content: `Tán thành dự thảo ${Date.now()}`, collected_on: isoDay(0) },
  })
  expect(res.status(), await res.text()).toBe(201)

  await page.reload()
  await expect(total).toHaveText((before + 1).toLocaleString('vi-VN'))
  await expect(rows.filter({ hasText: 'Thành phố Rạch Giá' }).locator('td').nth(1)).toHaveText((rachGiaBefore + 1).toLocaleString('vi-VN'))

  // Drill down to the commune: Khu phố 1 is one of its rows, with at least this comment.
  await rows.filter({ hasText: 'Thành phố Rạch Giá' }).getByRole('link').click()
  await page.getByTestId('child-row').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phường Vĩnh Thanh Vân')
  const khuPho1 = page.getByTestId('child-row').filter({ has: page.getByRole('link', { name: 'Khu phố 1', exact: true }) })
  await expect(khuPho1).toHaveCount(1)
  // The row is drawn with the children, its count when the stats answer: wait for it.
  await expect.poll(async () => num(await khuPho1.locator('td').nth(1).textContent())).toBeGreaterThanOrEqual(1)
  // The charts load lazily and render.
  await expect(page.getByTestId('chart-stance').locator('canvas')).toBeVisible()
  await board.dispose()
  await secretary.dispose()
  console.assertNone()
})

test('the dashboard shows coverage (the residential areas of the subtree, at every level) and meetings per child, as the progress says', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const secretary = await apiAs(baseURL!, 'thuky.tinh')
  const provinceId = (await (await secretary.get('/api/v1/me')).json()).unit_id as number
  const consultations = (await (await secretary.get('/api/v1/consultations')).json()).items as { id: number; status: string }[]
  const consultation = consultations.filter((c) => c.status === 'open').sort((a, b) => a.id - b.id)[0]!
  type Row = { unit: { id: number; name: string; level: string }; meetings: number; participants: number; comments: number }
  const progressOf = async (id: number) => (await (await secretary.get(`/api/v1/units/${id}/progress?consultation_id=${consultation.id}`)).json()).items as Row[]
  const areasOf = async (id: number) => (await (await secretary.get(`/api/v1/units/${id}/progress?consultation_id=${consultation.id}`)).json()).areas as { total: number; active: number }
  const covered = (items: Row[]) => items.filter((r) => r.meetings > 0 || r.comments > 0).length

  await login(page, 'thuky.tinh')
  await page.goto('/#/dashboard')
  await page.getByLabel('Đợt lấy ý kiến').selectOption(String(consultation.id))
  // The province: every residential area of its subtree, counted by the server.
  const province = await progressOf(provinceId)
  const provinceAreas = await areasOf(provinceId)
  expect(provinceAreas.total).toBeGreaterThan(province.length)
  const coverage = page.getByTestId('coverage')
  await expect(coverage).toContainText(`${provinceAreas.active.toLocaleString('vi-VN')} / ${provinceAreas.total.toLocaleString('vi-VN')} khu dân cư đã họp hoặc đã nhập ý kiến`)
  // Meetings and participants per child, as the progress has them.
  const rows = page.getByTestId('child-row')
  for (const p of province) {
    const row = rows.filter({ has: page.getByRole('link', { name: p.unit.name, exact: true }) })
    await expect(row.getByTestId('cell-meetings')).toHaveText(p.meetings.toLocaleString('vi-VN'))
    await expect(row.getByTestId('cell-participants')).toHaveText(p.participants.toLocaleString('vi-VN'))
  }
  // Sortable like the others: most meetings first.
  await page.getByTestId('sort-meetings').click()
  const meetings: number[] = []
  for (const row of await rows.all()) meetings.push(num(await row.getByTestId('cell-meetings').textContent()))
  expect(meetings).toEqual([...meetings].sort((a, b) => b - a))
  expect(meetings.length).toBe(province.length)

  // A commune: its children are the residential areas, counted exactly.
  await rows.filter({ hasText: 'Thành phố Rạch Giá' }).getByRole('link').click()
  await page.getByTestId('child-row').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Phường Vĩnh Thanh Vân')
  const communeId = Number(new URL(page.url()).hash.split('/').pop())
  const areas = await progressOf(communeId)
  expect(areas.length).toBeGreaterThan(0)
  expect(areas.every((r) => r.unit.level === 'residential_area')).toBe(true)
  await expect(coverage).toContainText(`${covered(areas)} / ${areas.length} khu dân cư đã họp hoặc đã nhập ý kiến`)
  await expect(coverage).not.toContainText('đơn vị trực thuộc')
  await secretary.dispose()
  console.assertNone()
})
