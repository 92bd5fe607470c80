/**
 * `../shared` (the Dutch corpus and the seed pages) sits beside the repo in CI
 * but not on a user's fresh clone. Tests that need it skip with a printed
 * reason when it is absent, unless TOLK_REQUIRE_SHARED=1 (set by .ci/run)
 * makes its absence a failure.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe } from 'vitest'
import { repoRoot } from './build-site.ts'

export const sharedDir = path.resolve(repoRoot, '../shared')
export const corpusDir = path.join(sharedDir, 'corpus/nl-nl')
export const seedsDir = path.join(sharedDir, 'seeds')

/** `describe` when `dir` exists; otherwise a skip with a reason, or a failure in CI. */
export function describeWithShared(dir: string) {
  if (existsSync(dir)) return describe
  if (process.env['TOLK_REQUIRE_SHARED'] === '1') {
    throw new Error(`${dir} is missing but TOLK_REQUIRE_SHARED=1 requires it`)
  }
  console.warn(`skipping: ${dir} not found (it sits beside the repo in CI)`)
  return describe.skip
}
