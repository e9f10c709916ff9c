import AxeBuilder from '@axe-core/playwright'
import { expect, request, test } from '@playwright/test'
import { apiAs, login, watchConsole } from './helpers'

const HEADER = 'username,full_name,role,unit_code,password'
const csv = (lines: string[]) => ({ name: 'tai-khoan.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\n') + '\n') })

test('an administrator imports accounts from CSV (a bad row is named, nothing is created), then resets a password with confirmation', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const tag = Date.now().toString(36)
  const admin = await apiAs(baseURL!, 'admin.tinh')
  const areas = (await (await admin.get('/api/v1/units', { params: { q: 'Khu phố', level: 'residential_area', limit: 50 } })).json()).items as { code: string; name: string }[]
  expect(areas.length).toBeGreaterThan(1)
  const [a, b] = areas
  const one = `kp1.${tag}`
  const two = `kp2.${tag}`
  const listed = async () => ((await (await admin.get('/api/v1/users', { params: { limit: 500 } })).json()).items as { username: string; id: number }[])

  await login(page, 'admin.tinh')
  await page.goto('/#/admin/users')
  await expect(page.getByTestId('admin-user-row').first()).toBeVisible()

  // Line 3 has a short password and line 4 an unknown unit: both are named, in Vietnamese, and no account is made.
  await page.getByTestId('users-csv').setInputFiles(
    csv([`${one},Thư ký Khu phố A,entry,${a!.code},mat-khau-dai-du`, `${two},Thư ký Khu phố B,entry,${b!.code},ngan`, `kp3.${tag},Không có đơn vị,entry,KHONG-CO-${tag},mat-khau-dai-du`]),
  )
  await page.getByTestId('users-import').click()
  const error = page.getByTestId('users-import-error')
  await expect(error).toContainText('Không tạo tài khoản nào: 2 lỗi.')
  await expect(page.getByTestId('users-import-row-error')).toHaveText(['Dòng 3 · Mật khẩu: cần ít nhất 10 ký tự', /^Dòng 4 · Đơn vị: không truy cập được/])
  await expect(error).not.toContainText('body.')
  expect((await listed()).some((u) => u.username === one)).toBe(false)

  // Fixed, the file goes through whole and the list shows the new accounts.
  await page.getByTestId('users-csv').setInputFiles(csv([`${one},Thư ký Khu phố A,entry,${a!.code},mat-khau-dai-du`, `${two},Thư ký Khu phố B,viewer,${b!.code},mat-khau-dai-du`]))
  await page.getByTestId('users-import').click()
  await expect(page.getByTestId('users-import-notice')).toHaveText('Đã tạo 2 tài khoản.')
  await expect(page.getByTestId('users-import-error')).toHaveCount(0)
  await page.getByTestId('user-search').fill(tag)
  await expect(page.getByTestId('admin-user-row')).toHaveCount(2)

  // A password reset: a short one is refused beside the field; the confirmation dismissed changes nothing; accepted, the new one works.
  const row = page.locator(`[data-testid=admin-user-row][data-username="${one}"]`)
  await row.getByTestId('reset-password').click()
  const form = row.getByTestId('reset-password-form')
  await form.getByLabel('Mật khẩu mới').fill('ngan')
  page.once('dialog', (d) => void d.accept())
  await form.getByRole('button', { name: 'Đặt mật khẩu' }).click()
  await expect(form.getByRole('alert')).toContainText('cần ít nhất 10 ký tự')
  await form.getByLabel('Mật khẩu mới').fill('mat-khau-moi-2025')
  page.once('dialog', (d) => {
    expect(d.message()).toContain(one)
    void d.dismiss()
  })
  await form.getByRole('button', { name: 'Đặt mật khẩu' }).click()
  await expect(form).toBeVisible()
  const tryLogin = async (password: string) => {
    const ctx = await request.newContext({ baseURL })
    const status = (await ctx.post('/api/v1/auth/session', { data: { username: one, password } })).status()
    await ctx.dispose()
    return status
  }
  expect(await tryLogin('mat-khau-dai-du')).toBe(200)
  page.once('dialog', (d) => void d.accept())
  await form.getByRole('button', { name: 'Đặt mật khẩu' }).click()
  await expect(page.getByTestId('password-reset-notice')).toHaveText(`Đã đặt mật khẩu mới cho ${one}.`)
  await expect(form).toHaveCount(0)
  expect(await tryLogin('mat-khau-moi-2025')).toBe(200)
  expect(await tryLogin('mat-khau-dai-du')).toBe(401)

  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations, JSON.stringify(axe.violations.map((v) => v.id))).toEqual([])
  console.assertNone()
  await admin.dispose()
})
