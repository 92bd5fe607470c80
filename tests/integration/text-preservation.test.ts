/**
 * No silent loss on the sample guide: every word of every article in every
 * locale reaches its page, or a diagnostic at its place says why.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.ts'
import { repoRoot } from '../helpers/build-site.ts'
import { checkSite, formatLosses } from '../helpers/text-preservation.ts'

describe('text preservation on the sample guide', function () {
  it('should render every source word of every article in every locale', async function () {
    const { config } = await loadConfig({}, repoRoot)
    const { losses, pages } = await checkSite(config!)
    expect(pages).toBeGreaterThanOrEqual(28)
    expect(formatLosses(losses, repoRoot)).toEqual([])
  }, 600_000)
})
