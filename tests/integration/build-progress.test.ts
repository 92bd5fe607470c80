/**
 * The build reports its progress page by page (what `tolk build` shows):
 * one call per page done, counting up to the number of pages, with that
 * total in every call.
 */
import { expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { repoRoot } from '../helpers/build-site.ts'

it('should report each page done of the total, ending at the number of pages built', { timeout: 120_000 }, async function () {
  const { config } = await loadConfig({}, repoRoot)
  const calls: Array<[number, number]> = []
  const result = await build(config!, { write: false, onProgress: (done, total) => calls.push([done, total]) })
  expect(result.pages).toBeGreaterThan(0)
  expect(calls).toEqual(Array.from({ length: result.pages }, (_, index) => [index + 1, result.pages]))
})
