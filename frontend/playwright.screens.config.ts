import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: './screens',
  workers: 1,
  reporter: 'line',
  use: {
    baseURL: process.env.YKIEN_E2E_BASE_URL ?? 'http://127.0.0.1:8765',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
})
