/**
 * No silent loss on the real Dutch corpus: every word of every article
 * (includes expanded) reaches its page, or a diagnostic at its place says why.
 * See tests/helpers/text-preservation.ts for what counts as a word and what
 * legitimately disappears.
 */
import { beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load-config.ts'
import { corpusExternalRoots, corpusRules } from '../../scripts/corpus-settings.ts'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'
import { checkSite, formatLosses } from '../helpers/text-preservation.ts'

describeWithShared(corpusDir)('text preservation on the Dutch corpus', function () {
  let lines: string[]
  let pages: number

  beforeAll(async function () {
    const { config } = await loadConfig({
      locales: [`nl-nl=${corpusDir}`],
      externalRoots: corpusExternalRoots,
      rules: Object.entries(corpusRules).map(([id, setting]) => `${id}=${setting}`),
    })
    // A guard against hangs, not slowness: the machine is shared with the rest of the suite.
    config!.pageTimeout = Math.max(config!.pageTimeout, 600)
    const checked = await checkSite(config!)
    pages = checked.pages
    lines = formatLosses(checked.losses, corpusDir)
    console.info(`text preservation: ${pages} pages, ${lines.length} lines with words lost without a diagnostic`)
  }, 1_800_000)

  it('should lose no word of any article without a diagnostic at its place', function () {
    expect(pages).toBeGreaterThan(2_500)
    expect(lines).toEqual([])
  })
})
