import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { apiAs, createConsultation, isoDay, login, watchConsole } from './helpers'

const dmy = (iso: string) => iso.split('-').reverse().join('/')

test('an administrator corrects a consultation, closes it after confirming, and reopens it', async ({ page, baseURL }) => {
  const console = watchConsole(page)
  const tag = `c${Date.now().toString(36)}`
  const admin = await apiAs(baseURL!, 'admin.tinh')
  const { consultation } = await createConsultation(admin, tag)

  await login(page, 'admin.tinh')
  await page.goto('/#/admin/consultations')
  const row = page.locator(`[data-testid=consultation-row][data-id="${consultation.id}"]`)
  await expect(row).toBeVisible()

  // Edit: title, closing date, the commune's deadline changed and the residential areas' removed.
  await row.getByTestId('consultation-edit').click()
  const form = page.getByTestId('consultation-edit-form')
  await expect(form.getByLabel('Tên đợt')).toBeFocused()
  await form.getByLabel('Tên đợt').fill(`Đợt đã sửa ${tag}`)
  await form.getByTestId('e-closes').fill(dmy(isoDay(45)))
  await form.getByTestId('e-deadline-commune').fill(dmy(isoDay(12)))
  await form.getByTestId('e-deadline-residential_area').fill('')
  await form.getByTestId('consultation-save').click()
  await expect(form).toHaveCount(0)
  await expect(row).toContainText(`Đợt đã sửa ${tag}`)
  await expect(row).toContainText(dmy(isoDay(45)))
  const saved = await (await admin.get(`/api/v1/consultations/${consultation.id}`)).json()
  expect(saved.title).toBe(`Đợt đã sửa ${tag}`)
  expect(saved.closes_on).toBe(isoDay(45))
  expect(saved.deadlines).toEqual({ commune: isoDay(12), district: isoDay(15), province: isoDay(20) })

  // A closing date before the opening date is refused next to the field, in Vietnamese.
  await row.getByTestId('consultation-edit').click()
  await form.getByTestId('e-closes').fill(dmy(isoDay(-60)))
  await form.getByTestId('consultation-save').click()
  await expect(form.locator('.err, .form-error').first()).toBeVisible()
  await expect(form).not.toContainText('body.')
  await page.getByRole('button', { name: 'Hủy' }).click()

  // Closing asks first: dismissed, nothing changes.
  page.once('dialog', (d) => {
    expect(d.message()).toContain(`Đợt đã sửa ${tag}`)
    void d.dismiss()
  })
  await row.getByTestId('consultation-close').click()
  await expect(row).toHaveAttribute('data-status', 'open')
  page.once('dialog', (d) => void d.accept())
  await row.getByTestId('consultation-close').click()
  await expect(row).toHaveAttribute('data-status', 'closed')
  await expect(row.getByTestId('consultation-reopen')).toBeVisible()
  expect((await (await admin.get(`/api/v1/consultations/${consultation.id}`)).json()).status).toBe('closed')

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  await row.scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'e2e-screenshots/admin-consultations-desktop.png' })

  // Reopening asks too.
  page.once('dialog', (d) => {
    expect(d.message()).toContain('Mở lại')
    void d.accept()
  })
  await row.getByTestId('consultation-reopen').click()
  await expect(row).toHaveAttribute('data-status', 'open')
  expect((await (await admin.get(`/api/v1/consultations/${consultation.id}`)).json()).status).toBe('open')

  await page.setViewportSize({ width: 390, height: 844 })
  await row.getByTestId('consultation-edit').click()
  await expect(page.getByTestId('consultation-edit-form')).toBeVisible()
  await page.screenshot({ path: 'e2e-screenshots/admin-consultations-phone.png' })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await admin.dispose()
  console.assertNone()
})
