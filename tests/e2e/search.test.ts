/**
 * The header's search box in Debian's Chromium, over the sample guide's
 * Pagefind indexes: an inflected Danish and Dutch word finds the article
 * that has the base form (the locale's stemmer), results are marked when
 * they are fallback pages, the keyboard reaches and opens them, nothing of
 * Pagefind loads before the box gets focus, and the site works under a base
 * path. A slice of the real Dutch corpus is searched the same way.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithBrowser } from '../helpers/browser.ts'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { corpusExternalRoots, corpusRules } from '../../scripts/corpus-settings.ts'
import { buildSite, listFiles, repoRoot } from '../helpers/build-site.ts'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'
import { axeViolations } from '../helpers/page-checks.ts'
import { useServedSite } from '../helpers/served-site.ts'
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts'

interface Shown {
  status: string
  message: string
  results: Array<{ title: string; href: string; lang: string; marker: string; breadcrumb: string; marks: string[] }>
}

/** Type `query` into the box and wait for the announced result count. */
async function search(tab: Page, query: string): Promise<Shown> {
  await tab.locator('#tolk-search-input').focus()
  // An empty box clears the announcement, so the wait below sees this query's.
  await tab.locator('#tolk-search-input').fill('')
  await tab.waitForFunction(() => document.querySelector('.site-search-status')?.textContent === '')
  await tab.locator('#tolk-search-input').fill(query)
  await tab.waitForFunction((term) => {
    const status = document.querySelector('.site-search-status')?.textContent ?? ''
    const input = document.querySelector<HTMLInputElement>('#tolk-search-input')
    return status !== '' && input?.value === term
  }, query)
  return tab.evaluate(() => ({
    status: document.querySelector('.site-search-status')!.textContent ?? '',
    message: document.querySelector<HTMLElement>('.site-search-message')!.hidden ? '' : (document.querySelector('.site-search-message')!.textContent ?? ''),
    results: [...document.querySelectorAll('.site-search-result')].map((item) => {
      const link = item.querySelector<HTMLAnchorElement>('a')!
      return {
        title: link.textContent ?? '',
        href: link.href,
        lang: link.lang,
        marker: item.querySelector('.site-search-marker')?.textContent ?? '',
        breadcrumb: item.querySelector('.site-search-result-breadcrumb')?.textContent ?? '',
        marks: [...item.querySelectorAll('.site-search-result-excerpt mark')].map((mark) => mark.textContent ?? ''),
      }
    }),
  }))
}

describeWithBrowser()('search in the built sample guide', function () {
  const site = useServedSite(async () => (await buildSite(repoRoot)).outDir)
  let base: StaticServer

  beforeAll(async function () {
    // The same site under a base path (`/docs/`), as on a project page.
    const parent = mkdtempSync(path.join(os.tmpdir(), 'tolk-search-base-'))
    symlinkSync(site.outDir, path.join(parent, 'docs'))
    base = await startStaticServer(parent)
  })

  afterAll(async function () {
    await base?.close()
  })

  it('should fetch nothing of Pagefind before the box gets focus, and its own locale’s index after', { timeout: 60_000 }, async function () {
    const tab = await site.browser.newPage()
    const requests: string[] = []
    tab.on('request', (request) => requests.push(request.url()))
    await tab.goto(`${site.server.baseUrl}da-dk/incident-response/analyze/`)
    await tab.locator('search.site-search:not([hidden])').waitFor()
    await tab.waitForLoadState('networkidle')
    expect(requests.filter((url) => /pagefind|\/search\//.test(url))).toEqual([])
    // Pagefind asks for its entry file with a cache-busting query.
    const entry = tab.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/pagefind-entry.json'))
    await tab.locator('#tolk-search-input').focus()
    await entry
    const fetched = requests.filter((url) => url.includes('/_tolk/search/'))
    expect(fetched.length).toBeGreaterThan(0)
    expect(fetched.filter((url) => !url.startsWith(`${site.server.baseUrl}_tolk/search/da-dk/`))).toEqual([])
    await tab.close()
  })

  it('should find the Danish article with the base form of an inflected query, and open it with Enter', { timeout: 60_000 }, async function () {
    const tab = await site.browser.newPage()
    await tab.goto(`${site.server.baseUrl}da-dk/incident-response/analyze/`)
    // "kampagnerne" (the campaigns) is nowhere in the guide; only the phishing article has "kampagne", "kampagnen", "kampagnens".
    const shown = await search(tab, 'kampagnerne')
    expect(shown.results.map((result) => result.href)).toEqual([`${site.server.baseUrl}da-dk/incident-response/investigate-phishing/`])
    expect(shown.status).toBe('Resultater: 1')
    expect(shown.results[0]!.title).toBe('Undersøg phishing')
    expect(shown.results[0]!.breadcrumb).toBe('Hændelseshåndtering › Undersøgelsesforløb')
    expect(shown.results[0]!.marks.length).toBeGreaterThan(0)
    expect(shown.results[0]!.marks.every((mark) => /^kampagne/i.test(mark))).toBe(true)
    await tab.keyboard.press('Enter')
    await tab.waitForURL(`${site.server.baseUrl}da-dk/incident-response/investigate-phishing/`)
    await tab.close()
  })

  it('should find the Dutch article under a base path, reachable with the arrow keys', { timeout: 60_000 }, async function () {
    const tab = await site.browser.newPage()
    await tab.goto(`${base.baseUrl}docs/nl-nl/incident-response/`)
    // "bijeenkomsten" (meetings) is nowhere in the guide; the review article has "bijeenkomst".
    const shown = await search(tab, 'bijeenkomsten')
    expect(shown.results.map((result) => result.href)).toEqual([`${base.baseUrl}docs/nl-nl/incident-response/post-incident-review/`])
    expect(shown.status).toBe('Resultaten: 1')
    await tab.keyboard.press('ArrowDown')
    expect(await tab.evaluate(() => document.activeElement?.closest('.site-search-result') !== null)).toBe(true)
    await tab.keyboard.press('Escape')
    expect(await tab.evaluate(() => document.activeElement?.id)).toBe('tolk-search-input')
    expect(await tab.locator('.site-search-panel').isHidden()).toBe(true)
    await tab.keyboard.press('ArrowDown')
    await tab.keyboard.press('ArrowDown')
    await tab.keyboard.press('Enter')
    await tab.waitForURL(`${base.baseUrl}docs/nl-nl/incident-response/post-incident-review/`)
    await tab.close()
  })

  it('should mark a fallback page among the results, in its own language, and say when nothing is found', { timeout: 60_000 }, async function () {
    const tab = await site.browser.newPage()
    await tab.goto(`${site.server.baseUrl}nl-nl/`)
    // The identity-attacks article has no Dutch translation: nl-nl shows (and indexes) the English text.
    const shown = await search(tab, 'spraying')
    const fallback = shown.results.find((result) => result.href === `${site.server.baseUrl}nl-nl/incident-response/investigate-identity-attacks/`)
    expect(fallback).toMatchObject({ marker: 'Niet vertaald', lang: 'en-US' })
    expect(shown.results.filter((result) => result.marker !== '').map((result) => result.href)).toEqual([fallback!.href])
    const none = await search(tab, 'zzqxj')
    expect(none).toMatchObject({ status: 'Resultaten: 0', message: 'Geen resultaten', results: [] })
    await tab.close()
  })

  it('should index every article of each locale, and no 404, status or root page', function () {
    const files = listFiles(site.outDir)
    for (const locale of ['en-us', 'da-dk', 'nl-nl', 'ar-sa']) {
      const indexed = files
        .filter((name) => new RegExp(`^_tolk/search/${locale}/(part-\\d+/)?fragment/`).test(name))
        .map((name) => {
          const text = gunzipSync(readFileSync(path.join(site.outDir, name))).toString('utf8')
          return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url
        })
      // The sample guide has no redirects; each of its articles is a folder's index.html.
      const articles = files.filter((name) => name.startsWith(`${locale}/`) && name.endsWith('/index.html')).map((name) => `/${name.replace(/index\.html$/, '')}`)
      expect(indexed.sort()).toEqual(articles.sort())
    }
  })

  it('should have no axe violations with the results open', { timeout: 60_000 }, async function () {
    const tab = await site.browser.newPage()
    await tab.goto(`${site.server.baseUrl}ar-sa/`)
    await search(tab, 'phishing')
    const violations = await axeViolations(tab)
    expect(await tab.locator('.site-search-result').count()).toBeGreaterThan(0)
    expect(violations).toEqual([])
    await tab.close()
  })

  it('should not offer the box without JavaScript', { timeout: 60_000 }, async function () {
    const context = await site.browser.newContext({ javaScriptEnabled: false })
    const tab = await context.newPage()
    await tab.goto(`${site.server.baseUrl}da-dk/incident-response/analyze/`)
    expect(await tab.locator('search.site-search').count()).toBe(1)
    expect(await tab.locator('search.site-search').isHidden()).toBe(true)
    await context.close()
  })
})

describeWithBrowser()('search over an index in parts', function () {
  // One page per part: every Danish article is an index of its own, merged by the browser.
  const site = useServedSite(async function () {
    const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-search-parts-')), 'dist')
    const { config } = await loadConfig({ outDir, cacheDir: false }, repoRoot)
    expect((await build(config!, { write: true, searchPagesPerPart: 1 })).written).toBe(true)
    return outDir
  })

  it('should find an article that is in a later part, and only it', { timeout: 60_000 }, async function () {
    const files = listFiles(site.outDir)
    const parts = (JSON.parse(readFileSync(path.join(site.outDir, '_tolk/search/da-dk/tolk-parts.json'), 'utf8')) as { parts: number }).parts
    expect(parts).toBe(files.filter((name) => /^_tolk\/search\/da-dk\/(part-\d+\/)?pagefind-entry\.json$/.test(name)).length)
    // Which part holds the phishing article: not the first.
    const holder = files.find((name) => {
      if (!/^_tolk\/search\/da-dk\/(part-\d+\/)?fragment\//.test(name)) return false
      const text = gunzipSync(readFileSync(path.join(site.outDir, name))).toString('utf8')
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url === '/da-dk/incident-response/investigate-phishing/'
    })
    expect(holder).toMatch(/^_tolk\/search\/da-dk\/part-\d+\//)
    const tab = await site.browser.newPage()
    await tab.goto(`${site.server.baseUrl}da-dk/incident-response/analyze/`)
    const shown = await search(tab, 'kampagnerne')
    expect(shown.results.map((result) => result.href)).toEqual([`${site.server.baseUrl}da-dk/incident-response/investigate-phishing/`])
    expect(shown.results[0]!.title).toBe('Undersøg phishing')
    // A word in several articles: found across the parts.
    const several = await search(tab, 'phishing')
    expect(several.results.length).toBeGreaterThan(1)
    await tab.close()
  })
})

describeWithShared(corpusDir)('search in a slice of the Dutch corpus', function () {
  describeWithBrowser()('in Chromium', function () {
    const site = useServedSite(async function () {
      const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-search-corpus-out-')), 'dist')
      const { config } = await loadConfig({
        locales: [`nl-nl=${corpusSlice()}`],
        externalRoots: corpusExternalRoots,
        rules: Object.entries(corpusRules).map(([id, setting]) => `${id}=${setting}`),
        outDir,
      })
      const result = await build(config!, { write: true })
      expect(result.written).toBe(true)
      return outDir
    }, 300_000)

    it('should find the articles with the base form of an inflected Dutch query', { timeout: 60_000 }, async function () {
      const tab = await site.browser.newPage()
      await tab.goto(`${site.server.baseUrl}nl-nl/`)
      // "apparaat" (device) is in these articles; its plural "apparaten" is searched.
      const shown = await search(tab, 'apparaten')
      expect(shown.results.length).toBeGreaterThan(0)
      expect(shown.results.every((result) => result.href.startsWith(`${site.server.baseUrl}nl-nl/`))).toBe(true)
      const marked = shown.results.flatMap((result) => result.marks.map((mark) => mark.toLowerCase()))
      expect(marked).toContain('apparaat')
      await tab.close()
    })
  })
})

/**
 * A slice of the corpus as a one-locale site: the first 60 articles of
 * microsoft-365/security/defender-endpoint at their own paths, every
 * `includes` folder they may use, and a TOC listing the articles.
 */
function corpusSlice(): string {
  const site = mkdtempSync(path.join(os.tmpdir(), 'tolk-search-corpus-'))
  const folder = 'microsoft-365/security/defender-endpoint'
  const articles = readdirSync(path.join(corpusDir, folder)).filter((name) => name.endsWith('.md') && name !== 'TOC.md').sort().slice(0, 60)
  mkdirSync(path.join(site, folder), { recursive: true })
  for (const name of articles) cpSync(path.join(corpusDir, folder, name), path.join(site, folder, name))
  const includes = (dir: string): void => {
    for (const entry of readdirSync(path.join(corpusDir, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const relDir = path.join(dir, entry.name)
      if (entry.name === 'includes') cpSync(path.join(corpusDir, relDir), path.join(site, relDir), { recursive: true })
      else includes(relDir)
    }
  }
  includes('.')
  writeFileSync(path.join(site, 'TOC.yml'), articles.map((name) => `- name: ${name}\n  href: ${folder}/${name}\n`).join(''))
  return site
}
