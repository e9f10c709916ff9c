/**
 * End-to-end tests against the REAL backend.
 *
 * The web server is `uv run ykien serve` started from the repository root on a
 * free port, with a throw-away SQLite database under /tmp and the demo data set
 * (YKIEN_DEMO=1). The SPA must be built first (`npm run build`): the backend
 * serves frontend/dist at "/".
 *
 * Override with YKIEN_E2E_PORT, YKIEN_E2E_BASE_URL (skip starting a server),
 * CHROMIUM_PATH.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// The config is evaluated by the runner and again by each worker; workers inherit
// the runner's environment, so the port and database are chosen once.
if (!process.env.YKIEN_E2E_PORT) {
  process.env.YKIEN_E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ])
    .toString()
    .trim()
}
if (!process.env.YKIEN_E2E_DB_DIR && !process.env.YKIEN_E2E_BASE_URL) {
  process.env.YKIEN_E2E_DB_DIR = mkdtempSync(join(tmpdir(), 'ykien-e2e-'))
  process.env.YKIEN_E2E_DB_DIR_OWNED = '1'
}

const port = process.env.YKIEN_E2E_PORT
const externalBaseUrl = process.env.YKIEN_E2E_BASE_URL
const baseURL = externalBaseUrl ?? `http://127.0.0.1:${port}`
const repoRoot = resolve(import.meta.dirname, '..')

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1366, height: 768 } } },
  ],
  webServer: externalBaseUrl
    ? undefined
    : {
        command: `uv run ykien serve --port ${port}`,
        cwd: repoRoot,
        url: `${baseURL}/healthz`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          YKIEN_DATABASE_URL: `sqlite:///${process.env.YKIEN_E2E_DB_DIR}/ykien.db`,
          YKIEN_DEMO: '1',
          // argon2 at its floor, as in the backend suite: the demo accounts' hashes are made at
          // load time with it, so that each test's login costs nothing (the cost is for production).
          YKIEN_PASSWORD_HASH_COST: 'minimal',
          YKIEN_HOST: '127.0.0.1',
          YKIEN_PORT: port!,
        },
      },
})
