import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { discover } from '../../src/content/discover.ts'
import { rules } from '../../src/diagnostics/rules.ts'
import { corpusExternalRoots, corpusRules } from '../../scripts/corpus-settings.ts'
import { hrefTarget } from '../helpers/build-site.ts'
import { countByWhere, deadRefsInFolder, type DeadRefs } from '../helpers/dead-hrefs.ts'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'
import { createPageChecker, formatLosses } from '../helpers/text-preservation.ts'

const seedPage = 'nl-nl/microsoft-365/security/defender/first-incident-post/index.html'
// A page with a relative `.md#anchor` link to a DocFX `<a name="summary">` heading.
const goHuntPage = 'nl-nl/microsoft-365/security/defender/advanced-hunting-go-hunt/index.html'

/**
 * One full build of the corpus, written to a temp folder with the documented
 * rule settings (`npm run build:corpus`): the site must be complete and no
 * link in it may lead nowhere.
 */
describeWithShared(corpusDir)('building the Dutch corpus as a single-locale site', function () {
  let result: BuildResult
  let dead: DeadRefs
  let articles: number
  const outputs = new Set<string>()
  let seed: Root
  let goHunt: Root
  const anchorsOf = new Map<string, Root>()
  /** Words lost without a diagnostic, checked on the same build (see tests/helpers/text-preservation.ts). */
  let losses: string[]
  let checkedPages: number

  beforeAll(async function () {
    // Root-relative links outside the corpus (/azure/, /windows/ …) live on Microsoft Learn.
    const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-corpus-')), 'dist')
    const { config } = await loadConfig({
      locales: [`nl-nl=${corpusDir}`],
      externalRoots: corpusExternalRoots,
      rules: Object.entries(corpusRules).map(([id, setting]) => `${id}=${setting}`),
      outDir,
    })
    articles = discover(config!.locales[0]!).articles.length
    // The page watchdog guards against hangs, not slowness: the corpus's largest
    // article (480 KB) renders in about 13 s alone, but test machines are shared
    // and the suite runs beside this build, so allow it ten times that.
    config!.pageTimeout = Math.max(config!.pageTimeout, 600)
    const checker = createPageChecker(config!)
    result = await build(config!, {
      write: true,
      onPage(page) {
        checker.onPage(page)
        outputs.add(page.outputFile)
        if (page.outputFile === seedPage) seed = fromHtml(page.html)
        if (page.outputFile === goHuntPage) goHunt = fromHtml(page.html)
        if (page.outputFile === 'nl-nl/microsoft-365/security/defender/investigate-incidents/index.html') {
          anchorsOf.set(page.outputFile, fromHtml(page.html))
        }
      },
    })
    const checked = checker.finish(result)
    checkedPages = checked.pages
    losses = formatLosses(checked.losses, corpusDir)
    console.info(`text preservation: ${checkedPages} pages, ${losses.length} lines with words lost without a diagnostic`)
    const counts: Record<string, number> = {}
    for (const message of result.messages) counts[message.ruleId!] = (counts[message.ruleId!] ?? 0) + 1
    console.info(`corpus: ${result.pages} pages, diagnostics by rule: ${JSON.stringify(counts)}`)
    if (result.written) dead = deadRefsInFolder(outDir, config!.base)
    if (dead) console.info(`corpus: ${dead.checked.hrefs} hrefs, ${dead.hrefs.length} dead; ${dead.checked.srcs} srcs, ${dead.srcs.length} dead (missing images)`)
  }, 1_800_000)

  it('should write a complete site under the documented rule settings, with errors only for what they leave as errors', function () {
    expect(result.messages.filter((message) => message.fatal).map(String)).toEqual([])
    expect(result.written).toBe(true)
  })

  it('should lose no word of any article without a diagnostic at its place (includes expanded)', function () {
    expect(checkedPages).toBeGreaterThan(2_500)
    expect(losses).toEqual([])
  })

  it('should write no href that lands on no written file', function () {
    expect(dead, 'the site was not written').toBeDefined()
    expect(dead.hrefs.map((ref) => `${ref.file}: ${ref.where} ${ref.url}`)).toEqual([])
    expect(dead.checked.hrefs).toBeGreaterThan(100_000)
  })

  it('should keep every missing image as an <img> with its src, each reported as a missing asset (translation trees ship no media)', function () {
    expect(dead, 'the site was not written').toBeDefined()
    expect(Object.keys(countByWhere(dead.srcs))).toEqual(['img src'])
    const missingAssets = result.messages.filter((message) => message.ruleId === 'missing-asset')
    expect(missingAssets.every((message) => message.fatal === false)).toBe(true)
    // An image used twice on a page, or from an include on many pages, is one message but several `src`s.
    expect(dead.srcs.length).toBeGreaterThan(0)
    expect(new Set(dead.srcs.map((ref) => path.posix.basename(ref.target))).size).toBeLessThanOrEqual(missingAssets.length)
  })

  it('should render every article into one page, with no crash', function () {
    expect(articles).toBeGreaterThan(2500)
    expect(result.pages).toBe(articles)
    expect(outputs.size).toBe(articles)
    expect(result.messages.filter((message) => message.ruleId === 'internal-error').map(String)).toEqual([])
  })

  it('should only report known rules, each with a position', function () {
    for (const message of result.messages) {
      expect(Object.keys(rules)).toContain(message.ruleId)
      expect(message.line).toBeGreaterThan(0)
      expect(message.column).toBeGreaterThan(0)
    }
  })

  it('should publish the corpus SVGs without a warning, and refuse only the video that is not on a video host', function () {
    expect(result.messages.filter((message) => message.ruleId === 'unsafe-svg' || message.ruleId === 'invalid-svg').map(String)).toEqual([])
    // An `aka.ms` short link: a redirector, whose target the host check cannot see.
    expect(result.messages.filter((message) => message.ruleId === 'docfx-video-url').map((message) => message.reason)).toEqual([
      'Video host `aka.ms` is not in `videoHosts`; add it to the config if it is a video player you trust, and the video is left out',
    ])
  })

  it('should expand the include on the seed page', function () {
    const article = select('article', seed)!
    expect(toString(article)).not.toContain('[!INCLUDE')
    // The included file is a single IMPORTANT alert.
    expect(selectAll('div.alert.alert-important[role=note]', article)).toHaveLength(1)
  })

  it('should give the seed page its DocFX heading ids without leftover anchors', function () {
    expect(select('h2#next-step', seed)).not.toBeNull()
    expect(select('h2#see-also', seed)).not.toBeNull()
    expect(select('h1#step-3-perform-a-post-incident-review-of-your-first-incident', seed)).not.toBeNull()
    expect(selectAll('article a[name]', seed)).toEqual([])
  })

  it('should resolve a relative .md#anchor link to a DocFX <a name> heading on the built page', function () {
    const link = selectAll('article a', goHunt).find((node) => String(node.properties.href).endsWith('#summary'))!
    expect(link.properties.href).toBe('../investigate-incidents/#summary')
    const target = anchorsOf.get(hrefTarget(goHuntPage, String(link.properties.href)))!
    expect(select('h2#summary', target)).not.toBeNull()
    const reported = result.messages.filter((message) => String(message.file).endsWith('advanced-hunting-go-hunt.md'))
    expect(reported.filter((message) => message.ruleId === 'broken-anchor' || message.ruleId === 'broken-link')).toEqual([])
  })

  it('should map root-relative links outside the corpus to Microsoft Learn in the page locale', function () {
    const hrefs = selectAll('article a', seed).map((node) => String(node.properties.href))
    expect(hrefs).toContain('https://attack.mitre.org/')
    const external = result.messages.filter((message) => /`\/(azure|windows|powershell)\//.test(message.reason))
    expect(external).toEqual([])
  })

  it('should point the seed page links at built pages', function () {
    // Section headings sit in a wrapper with their `#` link (rehype-heading-links.ts).
    const links = selectAll('.heading-wrapper:has(> h2#see-also) ~ ul a, .heading-wrapper:has(> h2#next-step) ~ ul a', seed).map((link) => String(link.properties.href))
    expect(links).toContain('../first-incident-path-phishing/')
    expect(links).toContain('../incidents-overview/')
    for (const href of links) expect(outputs, href).toContain(hrefTarget(seedPage, href))
  })
})
