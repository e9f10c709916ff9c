import { expect, test } from '@playwright/test'
import { login } from './helpers'

test('once visited, the entry screen opens without a connection (service worker + saved sign-in)', async ({ page, context }) => {
  await login(page, 'nhaplieu.khupho1')
  await expect(page).toHaveURL(/#\/entry/)
  // Wait until the service worker controls the page and has cached the app shell.
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready
    return !!reg.active && !!navigator.serviceWorker.controller
  })
  await page.waitForFunction(async () => (await caches.keys()).some((k) => k.startsWith('ykien-')))

  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhập ý kiến')
  await expect(page.getByTestId('current-unit')).toHaveText('Khu phố 1')
  await expect(page.getByTestId('pending-count')).toHaveText('0')
  await expect(page.getByRole('status').filter({ hasText: 'mất kết nối' })).toBeVisible()
  await context.setOffline(false)
})
