import { expect, test } from '@playwright/test'
import { login, watchConsole } from './helpers'

test('an administrator creates an API key that is shown once and works read-only', async ({ page, request }) => {
  const console = watchConsole(page)
  const name = `Báo cáo tỉnh ${Date.now().toString(36)}`
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/api-keys')
  await page.getByLabel('Tên khóa').fill(name)
  await page.getByRole('button', { name: 'Tạo khóa' }).click()
  const secret = (await page.getByTestId('api-key-secret').textContent())!.trim()
  expect(secret.length).toBeGreaterThan(20)
  await expect(page.getByTestId('api-key-row').filter({ hasText: name })).toHaveCount(1)

  // The key reads with a bearer header, and cannot write.
  const read = await request.get('/api/v1/units?limit=1', { headers: { Authorization: `Bearer ${secret}` } })
  expect(read.status()).toBe(200)
  const write = await request.post('/api/v1/units', { headers: { Authorization: `Bearer ${secret}` }, data: { code: 'X1', name: 'X', level: 'commune', parent_id: 1 } })
  expect(write.status()).toBe(403)

  // Shown once: after a reload only its name is listed.
  await page.reload()
  await expect(page.getByTestId('api-key-row').filter({ hasText: name })).toHaveCount(1)
  await expect(page.getByTestId('api-key-secret')).toHaveCount(0)
  await expect(page.locator('body')).not.toContainText(secret)

  // Revoked, it no longer opens anything.
  page.once('dialog', (d) => d.accept())
  await page.getByTestId('api-key-row').filter({ hasText: name }).getByRole('button', { name: 'Thu hồi' }).click()
  await expect(page.getByTestId('api-key-row').filter({ hasText: name })).toHaveCount(0)
  expect((await request.get('/api/v1/units?limit=1', { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401)
  console.assertNone()
})

test('an administrator adds a user; a too-short password is refused next to the field', async ({ page }) => {
  const username = `nhaplieu.${Date.now().toString(36)}`
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/users')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Họ tên').fill('Nguyễn Thị Thử')
  await page.getByLabel('Mật khẩu').fill('short')
  await page.getByLabel('Vai trò', { exact: true }).selectOption('entry')
  await page.getByRole('button', { name: 'Thêm người dùng' }).click()
  await expect(page.locator('#user-password').locator('xpath=..').locator('.err')).toHaveText('cần ít nhất 10 ký tự')
  await expect(page.locator('#user-password')).toHaveAttribute('aria-invalid', 'true')
  // Said in Vietnamese, naming the field by its label: no "body.password", no pydantic English.
  await expect(page.getByRole('alert')).toHaveText('Mật khẩu: cần ít nhất 10 ký tự')

  await page.getByLabel('Mật khẩu').fill('mot-mat-khau-du-dai')
  await page.getByRole('button', { name: 'Thêm người dùng' }).click()
  await expect(page.getByTestId('admin-user-row').filter({ hasText: username })).toHaveCount(1)
  await page.getByTestId('logout').click()
  await login(page, username, 'mot-mat-khau-du-dai')
  await expect(page.getByTestId('current-unit')).toHaveText('Tỉnh Kiên Giang')
  await expect(page.getByTestId('current-role')).toHaveText('Nhập liệu')
})

test('an administrator imports residential areas from a CSV file, all at once', async ({ page }) => {
  const tag = Date.now().toString(36)
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/units')
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(15)
  await page.getByTestId('admin-unit-row').filter({ hasText: 'Thành phố Rạch Giá' }).getByRole('link').click()
  await page.getByTestId('admin-unit-row').filter({ hasText: 'Phường Vĩnh Thanh Vân' }).getByRole('link').click()
  await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Phường Vĩnh Thanh Vân')
  await expect(page.getByTestId('admin-unit-row').filter({ hasText: 'Khu phố 1' })).toHaveCount(1)
  const before = await page.getByTestId('admin-unit-row').count()
  const csv = `code,name,level,parent_code\n30742-T${tag}a,Khu phố Thử A ${tag},residential_area,30742\n30742-T${tag}b,Khu phố Thử B ${tag},residential_area,30742\n`
  await page.getByLabel('Nhập từ tệp').setInputFiles({ name: 'khu-pho.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByTestId('unit-import').click()
  await expect(page.getByRole('status')).toHaveText('Đã nhập 2 đơn vị.')
  await expect(page.getByTestId('admin-unit-row')).toHaveCount(before + 2)
  await expect(page.getByTestId('admin-unit-row').filter({ hasText: `Khu phố Thử A ${tag}` })).toHaveCount(1)
})

test('an administrator opens a consultation with per-level deadlines and adds a document with its section tree', async ({ page }) => {
  const tag = Date.now().toString(36)
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/consultations')
  await page.getByLabel('Tên đợt').fill(`Đợt góp ý ${tag}`)
  await page.locator('#c-opens').fill('01/08/2025')
  await page.locator('#c-closes').fill('30/09/2025')
  await page.locator('#c-deadline-residential_area').fill('25/08/2025')
  await page.locator('#c-deadline-commune').fill('01/09/2025')
  await page.getByRole('button', { name: 'Tạo đợt lấy ý kiến' }).click()
  const row = page.getByTestId('consultation-row').filter({ hasText: `Đợt góp ý ${tag}` })
  await expect(row).toContainText('01/08/2025')
  await expect(row).toContainText('30/09/2025')

  // The document form opens for the new consultation; build I (with I.1) and II.
  await page.getByLabel('Mã văn kiện').fill(`BCCT-${tag}`)
  await page.getByLabel('Tên văn kiện').fill(`Dự thảo Báo cáo chính trị ${tag}`)
  const nodes = page.getByTestId('section-node')
  await nodes.nth(0).getByLabel('Số').first().fill('I')
  await nodes.nth(0).getByLabel('Tiêu đề').first().fill('Đánh giá kết quả')
  await nodes.nth(0).getByRole('button', { name: '+ Thêm mục con' }).click()
  await nodes.nth(1).getByLabel('Số').fill('I.1')
  await nodes.nth(1).getByLabel('Tiêu đề').fill('Kinh tế')
  await page.getByRole('button', { name: '+ Thêm mục', exact: true }).click()
  await nodes.nth(2).getByLabel('Số').fill('II')
  await nodes.nth(2).getByLabel('Tiêu đề').fill('Phương hướng')
  await page.getByRole('button', { name: 'Thêm văn kiện' }).click()
  await expect(page.getByText(`Dự thảo Báo cáo chính trị ${tag}`)).toBeVisible()

  // The server has the consultation's deadlines and the tree, in order.
  const headers = { 'X-Requested-With': 'XMLHttpRequest' }
  const consultation = ((await (await page.request.get('/api/v1/consultations', { headers })).json()).items as { id: number; title: string; deadlines: Record<string, string> }[]).find((c) => c.title === `Đợt góp ý ${tag}`)!
  expect(consultation.deadlines).toMatchObject({ residential_area: '2025-08-25', commune: '2025-09-01' })
  const docs = (await (await page.request.get(`/api/v1/documents?consultation_id=${consultation.id}`, { headers })).json()).items as { id: number }[]
  expect(docs).toHaveLength(1)
  const doc = await (await page.request.get(`/api/v1/documents/${docs[0]!.id}`, { headers })).json()
  const shape = (ns: { number: string; heading: string; children?: unknown[] }[]): unknown => ns.map((n) => [n.number, n.heading, shape((n.children ?? []) as never)])
  expect(shape(doc.sections)).toEqual([['I', 'Đánh giá kết quả', [['I.1', 'Kinh tế', []]]], ['II', 'Phương hướng', []]])
})

test('the unit picker tells apart units of the same name by their ancestry', async ({ page }) => {
  await login(page, 'admin.tinh')
  await page.goto('/#/admin/users')
  await page.locator('#user-unit').fill('Khu phố 1')
  const options = page.getByTestId('unit-picker-option')
  await expect(options.first()).toBeVisible()
  await expect(options.filter({ hasText: 'Khu phố 1 — Phường Vĩnh Thanh Vân — Thành phố Rạch Giá' })).toHaveCount(1)
  // No two options read the same.
  await expect.poll(async () => (await options.allTextContents()).every((text) => text.includes(' — '))).toBe(true)
  const texts = await options.allTextContents()
  expect(new Set(texts).size).toBe(texts.length)
  await options.filter({ hasText: 'Khu phố 1 — Phường Vĩnh Thanh Vân' }).click()
  await expect(page.getByTestId('unit-picker-chosen')).toContainText('Khu phố 1 — Phường Vĩnh Thanh Vân — Thành phố Rạch Giá')
})
