/**
 * Vite configuration: tolk's dev plugin (so `npx vite` serves the site too,
 * exactly as `tolk dev` does) and the Vitest settings for `npm test`.
 */
import { defineConfig } from 'vitest/config'
import { loadConfig } from './src/config/load-config.ts'
import tolkDev from './src/dev/vite-plugin.ts'

export default defineConfig({
  // Vitest starts a Vite server of its own; the site is not needed there.
  plugins: process.env['VITEST'] ? [] : [tolkDev({ loadConfig: () => loadConfig({}) })],
  appType: 'custom',
  // The plugin watches the site itself (src/dev/content-watcher.ts), as `tolk dev` does.
  ...(process.env['VITEST'] ? {} : { server: { watch: null } }),
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Builds are CPU-bound; two cores here.
    fileParallelism: true,
    maxWorkers: 2,
  },
})
