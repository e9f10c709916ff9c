import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { apiAs, createConsultation, login } from './helpers'

test.beforeAll(async ({ baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin.tinh')
  await createConsultation(admin, `a11y${Date.now().toString(36)}`)
  await admin.dispose()
})

/** WCAG 2 A/AA rules (labels, names, contrast…) on a rendered screen. */
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

test('the login screen meets WCAG 2.1 AA', async ({ page }) => {
  await page.goto('/#/login')
  await expect(page.getByTestId('login-submit')).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test('the entry screen meets WCAG 2.1 AA', async ({ page }) => {
  await login(page, 'nhaplieu.khupho1')
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await violations(page)).toEqual([])
})

test('the dashboard meets WCAG 2.1 AA', async ({ page }) => {
  await login(page, 'thuky.tinh')
  await page.goto('/#/dashboard')
  await expect(page.getByTestId('child-row').first()).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await violations(page)).toEqual([])
})

test('the administration screens meet WCAG 2.1 AA', async ({ page }) => {
  await login(page, 'admin.tinh')
  for (const path of ['/admin/units', '/admin/users', '/admin/api-keys', '/admin/consultations']) {
    await page.goto(`/#${path}`)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(300)
    expect(await violations(page), path).toEqual([])
  }
})

test('the synthesis and comments screens meet WCAG 2.1 AA', async ({ page }) => {
  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/synthesis')
  await expect(page.getByTestId('synthesis-heading')).not.toHaveAttribute('data-consultation', '')
  await page.waitForTimeout(500)
  expect(await violations(page), 'synthesis').toEqual([])
  await page.goto('/#/comments')
  await expect(page.getByTestId('comment-row').first()).toBeVisible()
  expect(await violations(page), 'comments').toEqual([])
})
