import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { login } from './helpers'

// A phone held upright, with a touch screen and no keyboard shortcut to offer.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

test('on a phone, a secretary sees every tab of the menu and a header that leaves room for the work', async ({ page }) => {
  await login(page, 'thuky.vinhthanhvan')
  const header = await page.locator('.app-header').boundingBox()
  expect(header!.height).toBeLessThanOrEqual(90)
  const links = page.getByRole('navigation', { name: 'Menu' }).getByRole('link')
  await expect(links).toHaveCount(6)
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
  }
  await expect(links.last()).toHaveText('Báo cáo')
})

test('on a phone, the entry form offers no Ctrl+Enter and shows the stance and category whole', async ({ page }) => {
  await login(page, 'nhaplieu.khupho1')
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await expect(page.locator('#comment-content-hint')).toBeHidden()
  for (const id of ['comment-stance', 'comment-category']) {
    const box = (await page.getByTestId(id).boundingBox())!
    // The whole width of the card: "Đề nghị sửa đổi" and "Nhân sĩ, trí thức…" are not cut.
    expect(box.width).toBeGreaterThan(300)
  }
})

test('on a phone, the entry and synthesis screens meet WCAG 2.1 AA', async ({ page }) => {
  const violations = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  await login(page, 'thuky.vinhthanhvan')
  await page.goto('/#/entry')
  await expect(page.getByTestId('comment-form')).toBeVisible()
  await page.waitForLoadState('networkidle')
  expect(await violations(), 'entry').toEqual([])
  await page.goto('/#/synthesis')
  await expect(page.getByTestId('synthesis-heading')).not.toHaveAttribute('data-consultation', '')
  expect(await violations(), 'synthesis').toEqual([])
})
