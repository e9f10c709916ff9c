#!/usr/bin/env node
// Prints the gzipped size of the JavaScript a first visit downloads: the entry
// script of dist/index.html plus every chunk it imports statically (transitively).
// Lazily-loaded chunks (charts, admin) are listed apart. Fails above the budget.
import { readFileSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_KB = 200
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1])
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1])

const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const staticImports = (file) => {
  const src = readFileSync(join(dist, file), 'utf8')
  // Static imports only: `import ... from "./x.js"` / `import "./x.js"` (not `import("./x.js")`).
  const found = [...src.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g)]
  return found.map((m) => join('assets', m[1]))
}

const initial = new Set()
const queue = [...entries, ...preloads]
while (queue.length) {
  const f = queue.shift()
  if (initial.has(f)) continue
  initial.add(f)
  queue.push(...staticImports(f))
}
let total = 0
console.log('First-load JavaScript (gzip):')
for (const f of initial) {
  const s = gz(f)
  total += s
  console.log(`  ${(s / 1024).toFixed(1).padStart(7)} KB  ${f}`)
}
console.log(`  ${(total / 1024).toFixed(1).padStart(7)} KB  TOTAL (budget ${BUDGET_KB} KB)`)
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !initial.has(join('assets', f)))
let lazyTotal = 0
for (const f of lazy) lazyTotal += gz(join('assets', f))
console.log(`Lazy chunks: ${lazy.length}, ${(lazyTotal / 1024).toFixed(1)} KB gzip in all`)
if (total / 1024 > BUDGET_KB) {
  console.error(`First-load JS ${(total / 1024).toFixed(1)} KB exceeds the ${BUDGET_KB} KB budget`)
  process.exit(1)
}
