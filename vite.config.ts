import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Builds are CPU-bound; two cores here.
    fileParallelism: true,
    maxWorkers: 2,
  },
})
