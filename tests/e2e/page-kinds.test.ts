/**
 * Issue #13's page-kind matrix: every kind of page tolk writes (article with
 * a TOC entry, article without one, DocFX Landing page, the locale's home,
 * a generated home, fallback page, right-to-left page, 404, translation
 * status, redirect, root language page), in every locale of the sample guide,
 * at 360, 768 and 1280 px, light and dark, in Debian's Chromium:
 * - the document never scrolls sideways (`scrollWidth <= innerWidth`);
 * - above 60rem (at 1280 px) `main` is at least 60 % of the viewport wide;
 * - on a phone (360×740) the h1 starts within the first screen;
 * - axe-core finds no WCAG 2.0/2.1 A/AA violation (tags in page-checks.ts).
 * One build and one browser for the file, two pages at a time. Each page is
 * loaded once and checked at every width and scheme in place (resized, its
 * colour scheme switched); one test per page reports the problems of each
 * width and scheme. A full-page screenshot of every width and scheme goes to
 * test-artifacts/screenshots/ (git-ignored).
 * The same checks run on a slice of the real corpus (nl-nl with tr-tr beside
 * it) at 360 and 1280 px, light.
 */
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { buildSite, repoRoot } from '../helpers/build-site.ts'
import { checkOpenPage, checkPage, limiter, noProblems, openPage, viewports, type PageChecks, type Scheme } from '../helpers/page-checks.ts'
import { corpusRules, corpusExternalRoots } from '../../scripts/corpus-settings.ts'
import { corpusSlice, generatedHomeSite, pageKindSample, type KindPage } from '../helpers/page-kind-sites.ts'
import { describeWithShared, sharedDir } from '../helpers/shared.ts'
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts'

export const screenshotDir = path.join(repoRoot, 'test-artifacts/screenshots')
type SiteName = 'sample' | 'home' | 'corpus'

/** One page of a site, checked at each of `widths` in each of `schemes` on one load. */
interface PageCheck {
  name: string
  site: SiteName
  page: KindPage
  widths: number[]
  schemes: Scheme[]
  folder: string
}

function checksOf(site: SiteName, pages: KindPage[], widths: number[], schemes: Scheme[], folder: string): PageCheck[] {
  return pages.map((page) => ({ name: `${page.kind} /${page.path}`, site, page, widths, schemes, folder }))
}

/** The key a result is filed under, so a failure names the width and scheme: `360px light`. */
const comboName = (width: number, scheme: Scheme): string => `${width}px ${scheme}`

const sample = pageKindSample()
const home = generatedHomeSite()
const sampleChecks = [
  ...checksOf('sample', sample.pages, [360, 768, 1280], ['light', 'dark'], 'sample'),
  ...checksOf('home', home.pages, [360, 768, 1280], ['light', 'dark'], 'sample'),
]
const corpusRoot = path.join(sharedDir, 'corpus')
const slice = existsSync(path.join(corpusRoot, 'nl-nl')) ? corpusSlice(corpusRoot, corpusRules, corpusExternalRoots) : undefined
const corpusChecks = slice ? checksOf('corpus', slice.pages, [360, 1280], ['light'], 'corpus') : []

describeWithBrowser()('page kinds at every width, light and dark', function () {
  let browser: Browser
  const servers: Partial<Record<SiteName, StaticServer>> = {}
  // Two pages at a time: the checks run as concurrent tests, and this keeps two of them in the browser.
  const run = limiter(2)

  async function serve(site: SiteName, siteDir: string): Promise<void> {
    const { outDir, messages, result } = await buildSite(siteDir)
    if (!result.written) throw new Error(`the ${site} site did not build:\n${messages.join('\n')}`)
    servers[site] = await startStaticServer(outDir)
  }

  function matrix(checks: PageCheck[]): void {
    for (const check of checks) {
      const combos = check.widths.flatMap((width) => check.schemes.map((scheme) => ({ width, scheme })))
      it.concurrent(`should fit and pass axe at ${check.widths.join(', ')} px, ${check.schemes.join(' and ')}: ${check.name}`, async function ({ expect }) {
        const url = `${servers[check.site]!.baseUrl}${check.page.path}`
        const results = await run(async () => {
          const first = combos[0]!
          const opened = await openPage(browser, url, { viewport: viewports[first.width]!, scheme: first.scheme, stay: check.page.kind === 'root' || check.page.kind === 'redirect' })
          try {
            const byCombo: Record<string, PageChecks> = {}
            for (const { width, scheme } of combos) {
              const screenshot = path.join(screenshotDir, check.folder, `${check.page.kind}-${check.page.locale || 'site'}-${width}-${scheme}.png`)
              byCombo[comboName(width, scheme)] = await checkOpenPage(opened.page, { viewport: viewports[width]!, scheme, screenshot })
            }
            return byCombo
          } finally {
            await opened.close()
          }
        })
        expect(results).toEqual(Object.fromEntries(combos.map(({ width, scheme }) => [comboName(width, scheme), noProblems])))
      }, 300_000)
    }
  }

  beforeAll(async function () {
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, 60_000)

  afterAll(async function () {
    await browser?.close()
    await Promise.all(Object.values(servers).map((server) => server.close()))
  })

  describe('the sample guide, with a Landing page, a page no TOC lists and a redirect added, and a site with generated home pages', function () {
    beforeAll(async function () {
      rmSync(path.join(screenshotDir, 'sample'), { recursive: true, force: true })
      await serve('sample', sample.siteDir)
      await serve('home', home.siteDir)
    }, 180_000)

    it('should catch each problem when a page has it', async function () {
      const server = servers.sample!.baseUrl
      const article = sample.pages.find((page) => page.kind === 'article' && page.locale === 'en-us')!
      const phone = await checkPage(browser, `${server}${article.path}`, {
        viewport: viewports[360]!,
        scheme: 'light',
        prepare: `{
          const article = document.querySelector('article')
          article.append(Object.assign(document.createElement('img'), { src: 'x.png' }))
          document.body.append(Object.assign(document.createElement('div'), { style: 'inline-size: 900px; block-size: 1px' }))
          document.querySelector('main').prepend(Object.assign(document.createElement('div'), { style: 'block-size: 900px' }))
        }`,
      })
      expect(phone.overflow[0]).toMatch(/^document is \d+px wide in a 360px viewport$/)
      expect(phone.overflow).toEqual(expect.arrayContaining([expect.stringMatching(/(^|> )div \(900px\)$/)]))
      expect(phone.h1).toEqual([expect.stringMatching(/^h1 starts \d+px down, below the first 740px$/)])
      expect(phone.axe.some((line) => line.startsWith('image-alt (critical):'))).toBe(true)
      const desktop = await checkPage(browser, `${server}${article.path}`, {
        viewport: viewports[1280]!,
        scheme: 'dark',
        prepare: `document.querySelector('main').style.cssText += '; box-sizing: border-box; inline-size: 400px; max-inline-size: 400px'`,
      })
      expect(desktop.mainWidth).toEqual(['main is 400px, 31 % of 1280px'])
    })

    it('should check a loaded page again at another width and scheme, as the media queries then apply', async function () {
      const article = sample.pages.find((page) => page.kind === 'article' && page.locale === 'en-us')!
      const opened = await openPage(browser, `${servers.sample!.baseUrl}${article.path}`, { viewport: viewports[1280]!, scheme: 'light' })
      try {
        // Rules that only a phone width or the dark scheme turn on.
        await opened.page.addStyleTag({ content: '@media (max-width: 30rem) { body { min-inline-size: 900px } } @media (prefers-color-scheme: dark) and (min-width: 60rem) { main { box-sizing: border-box; inline-size: 400px; max-inline-size: 400px } }' })
        expect(await checkOpenPage(opened.page, { viewport: viewports[1280]!, scheme: 'light' })).toEqual(noProblems)
        const phone = await checkOpenPage(opened.page, { viewport: viewports[360]!, scheme: 'light' })
        expect(phone.overflow[0]).toMatch(/^document is \d+px wide in a 360px viewport$/)
        const dark = await checkOpenPage(opened.page, { viewport: viewports[1280]!, scheme: 'dark' })
        expect(dark.mainWidth).toEqual(['main is 400px, 31 % of 1280px'])
      } finally {
        await opened.close()
      }
    })

    matrix(sampleChecks)
  })

  describeWithShared(corpusRoot)('a slice of the real corpus (nl-nl, with tr-tr beside it) at 360 and 1280 px, light', function () {
    beforeAll(async function () {
      rmSync(path.join(screenshotDir, 'corpus'), { recursive: true, force: true })
      await serve('corpus', slice!.siteDir)
    }, 180_000)

    matrix(corpusChecks)
  })
})
