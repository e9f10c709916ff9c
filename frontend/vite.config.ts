import { fileURLToPath, URL } from 'node:url'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin, type Rolldown } from 'vite'
import vue from '@vitejs/plugin-vue'

/**
 * The files the first screen needs: the entry chunks, what they import statically (not the
 * screens behind a dynamic import: charts, dashboard, admin, synthesis editor), their CSS and
 * assets, and the static files of public/.
 */
export function shellFiles(bundle: Rolldown.OutputBundle): string[] {
  const keep = new Set<string>()
  const visit = (name: string) => {
    const item = bundle[name]
    if (!item || keep.has(name)) return
    keep.add(name)
    if (item.type !== 'chunk') return
    item.imports.forEach(visit)
    const meta = (item as { viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> } }).viteMetadata
    meta?.importedCss.forEach(visit)
    meta?.importedAssets.forEach(visit)
  }
  Object.values(bundle).forEach((item) => item.type === 'chunk' && item.isEntry && visit(item.fileName))
  return [...keep].filter((f) => /\.(js|css|svg|png|woff2?)$/.test(f) && f !== 'sw.js').sort()
}

/**
 * Emits dist/sw.js from sw/sw.js with the list of files to precache: the shell and the entry
 * screen only. The other screens are cached by the worker when first opened (sw/sw.js).
 */
function serviceWorker(): Plugin {
  return {
    name: 'ykien-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const publicFiles = readdirSync(new URL('./public', import.meta.url)).filter((f) => /\.(svg|png|ico|webmanifest)$/.test(f))
      const precache = ['/', ...[...shellFiles(bundle), ...publicFiles].map((f) => `/${f}`)]
      const version = createHash('sha256').update(precache.join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(new URL('./sw/sw.js', import.meta.url), 'utf8')
        .replace('__PRECACHE__', JSON.stringify(precache))
        .replace('__VERSION__', version)
      this.emitFile({ type: 'asset', fileName: 'sw.js', source })
    },
  }
}

/**
 * Writes a .br and a .gz beside every text file of dist/ over 1 KB, once at build time; the
 * backend sends the one the browser accepts as it is (backend/ykien/core/static.py). Node's own
 * zlib does the work: the sw.js this config emits is compressed like the rest.
 */
function precompress(): Plugin {
  let outDir = 'dist'
  return {
    name: 'ykien-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
      for (const file of walk(outDir)) {
        if (!/\.(js|mjs|css|html|svg|json|webmanifest|txt)$/.test(file) || statSync(file).size < 1024) continue
        const source = readFileSync(file)
        writeFileSync(`${file}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }))
        writeFileSync(`${file}.gz`, gzipSync(source, { level: 9 }))
      }
    },
  }
}

// The backend serves dist/ at "/" with assets under "/assets/" and a strict CSP
// (script-src 'self'): Vite's output has no inline scripts, and we keep the
// module-preload polyfill off so it stays that way.
export default defineConfig({
  plugins: [vue(), serviceWorker(), precompress()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    modulePreload: { polyfill: false },
    target: 'es2020',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8000', '/healthz': 'http://127.0.0.1:8000' },
  },
})
