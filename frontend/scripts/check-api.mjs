#!/usr/bin/env node
// Fails when src/api/schema.d.ts is not what openapi-typescript generates from
// src/api/openapi.json (the committed snapshot of the backend's OpenAPI document).
// With --live, first compares the snapshot with `uv run ykien openapi`.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const here = dirname(fileURLToPath(import.meta.url))
const apiDir = join(here, '..', 'src', 'api')
const snapshotPath = join(apiDir, 'openapi.json')
let failed = false

if (process.argv.includes('--live')) {
  const live = execFileSync('uv', ['run', 'ykien', 'openapi'], { cwd: join(here, '..', '..') }).toString()
  const a = JSON.stringify(JSON.parse(live))
  const b = JSON.stringify(JSON.parse(readFileSync(snapshotPath, 'utf8')))
  if (a !== b) {
    console.error('src/api/openapi.json is stale: run `npm run gen:api`')
    failed = true
  }
}

const schema = JSON.parse(readFileSync(snapshotPath, 'utf8'))
const generated = astToString(await openapiTS(schema))
// openapi-typescript's CLI prefixes a banner; compare the bodies.
const strip = (s) => s.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim()
const current = readFileSync(join(apiDir, 'schema.d.ts'), 'utf8')
if (strip(generated) !== strip(current)) {
  console.error('src/api/schema.d.ts is stale: run `npm run gen:types` (or `npm run gen:api`)')
  failed = true
}
if (failed) process.exit(1)
console.log('API types are up to date')
