import { mergeConfig, defineConfig } from 'vitest/config'
import viteConfig from './vite.config'

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.ts'],
      pool: 'threads',
      maxWorkers: 1,
      // One jsdom for all the files instead of one per file (which took most of the run): the
      // files share module state, so a test restores what it changes (stubs, timers, storage).
      isolate: false,
      // A hang guard, not a speed bar: 5 s (the default) fails mounted views on a loaded machine.
      testTimeout: 30_000,
    },
  }),
)
