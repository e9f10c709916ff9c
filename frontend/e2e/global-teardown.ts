import { rmSync } from 'node:fs'

/** Removes the throw-away database directory the config created (never one given from outside). */
export default function globalTeardown(): void {
  const dir = process.env.YKIEN_E2E_DB_DIR
  if (dir && process.env.YKIEN_E2E_DB_DIR_OWNED === '1' && /ykien-e2e-/.test(dir)) rmSync(dir, { recursive: true, force: true })
}
