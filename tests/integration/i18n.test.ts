/**
 * Localization readers and translators can trust: notices where they apply,
 * in the page's language; dates in the page's language; right to left;
 * hreflang, sitemap, robots, 404 pages and the language-choice root page.
 */
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSite, builtStylesheet, copyOfSampleGuide, hrefTarget, readHtml, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)

describe('localization of the sample guide', function () {
  let outDir: string
  const page = (file: string) => readHtml(outDir, file)

  beforeAll(async function () {
    outDir = (await buildSite(repoRoot)).outDir
  })

  it('should show a machine-translation notice in Danish, linking the English original', function () {
    const file = 'da-dk/incident-response/prepare/index.html'
    const notices = selectAll('aside.notice', page(file))
    expect(notices.map((notice) => notice.properties.className)).toEqual([['notice', 'notice-machine']])
    expect(toString(notices[0]!).trim()).toBe('Denne artikel er maskinoversat og kan indeholde fejl. Læs originalen på engelsk')
    const link = select('a', notices[0]!)!
    expect(link.properties.hrefLang).toBe('en-US')
    expect(hrefTarget(file, String(link.properties.href))).toBe('en-us/incident-response/prepare/index.html')
  })

  it('should show no notice on an up-to-date human translation or in the default locale', function () {
    expect(selectAll('aside.notice', page('da-dk/incident-response/analyze/index.html'))).toEqual([])
    expect(selectAll('aside.notice', page('en-us/incident-response/prepare/index.html'))).toEqual([])
  })

  it('should show an outdated notice where the English source changed after translation', function () {
    const notices = selectAll('aside.notice-outdated', page('da-dk/incident-response/remediate/index.html'))
    expect(notices).toHaveLength(1)
    expect(toString(notices[0]!).trim()).toBe(
      'Originalen på engelsk er blevet opdateret, efter denne oversættelse blev lavet. Læs den opdaterede original',
    )
  })

  it('should show ms.date in each page language', function () {
    const dates = ['en-us', 'da-dk', 'nl-nl', 'ar-sa'].map((locale) => {
      const time = select('.page-meta time', page(`${locale}/incident-response/analyze/index.html`))!
      return [time.properties.dateTime, toString(time)]
    })
    expect(dates).toEqual([
      ['2026-03-08', new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 8))],
      ['2026-03-08', '8. marts 2026'],
      ['2026-03-08', '8 maart 2026'],
      ['2026-03-08', new Intl.DateTimeFormat('ar-SA', { dateStyle: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 8))],
    ])
  })

  it('should render Arabic pages right to left, with the English fallback text marked left to right', function () {
    const own = page('ar-sa/incident-response/index.html')
    expect(select('html', own)!.properties).toMatchObject({ lang: 'ar-SA', dir: 'rtl' })
    expect(select('article', own)!.properties.lang).toBeUndefined()
    const fallback = page('ar-sa/incident-response/analyze/index.html')
    expect(select('html', fallback)!.properties.dir).toBe('rtl')
    expect(select('article', fallback)!.properties).toMatchObject({ lang: 'en-US', dir: 'ltr' })
    expect(toString(select('aside.notice-untranslated', fallback)!)).toContain('العربية')
  })

  it('should style with logical properties only, keeping code left to right', function () {
    const css = builtStylesheet(outDir).text.replace(/\/\*[\s\S]*?\*\//g, '')
    expect(css).not.toMatch(/(margin|padding|border)-(left|right)|[\s;{](left|right)\s*:|float\s*:/)
    expect(css).toMatch(/\.article pre,\.article code\{[^}]*direction:ltr/)
  })

  it('should link every language version with hreflang and x-default, and none from a fallback page', function () {
    const alternates = selectAll('link[rel=alternate]', page('nl-nl/incident-response/analyze/index.html')).map((link) => [
      link.properties.hrefLang,
      link.properties.href,
    ])
    expect(alternates).toEqual([
      ['en-US', 'https://ir-guide.example.org/en-us/incident-response/analyze/'],
      ['da-DK', 'https://ir-guide.example.org/da-dk/incident-response/analyze/'],
      ['nl-NL', 'https://ir-guide.example.org/nl-nl/incident-response/analyze/'],
      ['x-default', 'https://ir-guide.example.org/en-us/incident-response/analyze/'],
    ])
    expect(select('link[rel=canonical]', page('nl-nl/incident-response/analyze/index.html'))!.properties.href).toBe(
      'https://ir-guide.example.org/nl-nl/incident-response/analyze/',
    )
    const fallback = page('nl-nl/incident-response/investigate-identity-attacks/index.html')
    expect(selectAll('link[rel=alternate]', fallback).map((link) => link.properties.hrefLang)).toEqual(['en-US', 'da-DK', 'x-default'])
    expect(select('link[rel=canonical]', fallback)!.properties.href).toBe('https://ir-guide.example.org/en-us/incident-response/investigate-identity-attacks/')
  })

  it('should list in the sitemap exactly the translated pages, each with the same alternates as its page', function () {
    const sitemap = fromHtml(readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8'), { fragment: true, space: 'svg' })
    const urls = selectAll('url', sitemap)
    const locs = urls.map((url) => toString(select('loc', url)!))
    expect(locs).toContain('https://ir-guide.example.org/da-dk/incident-response/analyze/')
    expect(locs).not.toContain('https://ir-guide.example.org/nl-nl/incident-response/investigate-identity-attacks/')
    expect(locs).toHaveLength(new Set(locs).size)
    for (const url of urls) {
      const loc = toString(select('loc', url)!)
      const file = `${loc.replace('https://ir-guide.example.org/', '')}index.html`
      expect(existsSync(path.join(outDir, file)), loc).toBe(true)
      const inSitemap = selectAll('[rel=alternate]', url).map((link) => `${link.properties.hrefLang}=${link.properties.href}`)
      const inPage = selectAll('link[rel=alternate]', page(file)).map((link) => `${link.properties.hrefLang}=${link.properties.href}`)
      expect(inSitemap, loc).toEqual(inPage)
    }
    expect(readFileSync(path.join(outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\nSitemap: https://ir-guide.example.org/sitemap.xml\n')
  })

  it('should write a 404 page per locale, in its language, with links that work from any depth', function () {
    for (const [locale, lang, title] of [
      ['en-us', 'en-US', 'Page not found'],
      ['da-dk', 'da-DK', 'Siden blev ikke fundet'],
      ['ar-sa', 'ar-SA', 'الصفحة غير موجودة'],
    ] as const) {
      const tree = page(`${locale}/404.html`)
      expect(select('html', tree)!.properties.lang).toBe(lang)
      expect(toString(select('article h1', tree)!)).toBe(title)
      expect(select('article a', tree)!.properties.href).toBe(`/${locale}/`)
      for (const link of selectAll('a[href], link[href]', tree)) expect(String(link.properties.href)).toMatch(/^(\/|#)/)
    }
    expect(readFileSync(path.join(outDir, '404.html'), 'utf8')).toBe(readFileSync(path.join(outDir, 'en-us/404.html'), 'utf8'))
  })

  it('should offer every language on the root page, readable without JavaScript', function () {
    const tree = page('index.html')
    const links = selectAll('#languages a', tree).map((link) => [toString(link), link.properties.lang, link.properties.href])
    expect(links).toEqual([
      ['English', 'en-US', './en-us/'],
      ['Dansk', 'da-DK', './da-dk/'],
      ['Nederlands', 'nl-NL', './nl-nl/'],
      ['العربية', 'ar-SA', './ar-sa/'],
    ])
    // The language chooser is a module script (deferred by nature), built by Vite with a hashed name.
    const script = select('script[type=module][src^="./_tolk/root-"]', tree)
    expect(script).not.toBeNull()
    expect(existsSync(path.join(outDir, String(script!.properties.src)))).toBe(true)
  })

  it('should write a translation-status page linking what needs work', function () {
    const tree = page('translation-status/index.html')
    const rows = selectAll('tbody tr', tree).map((row) => selectAll('th, td', row).map((cell) => toString(cell)))
    expect(rows).toEqual([
      ['da-dk', '7', '1', '0', '0', '0', '4'],
      ['nl-nl', '7', '0', '0', '0', '1', '3'],
      ['ar-sa', '2', '0', '0', '0', '6', '1'],
    ])
  })
})

describe('tolk status', function () {
  async function status(cwd: string) {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), 'status', '--format', 'json'], { cwd })
    return JSON.parse(stdout) as { locales: Array<{ locale: string; upToDate: string[]; outdated: string[]; missing: string[]; machine: string[] }> }
  }

  it('should print the status table of the sample guide', async function () {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), 'status'], { cwd: repoRoot })
    expect(stdout.split('\n').slice(0, 7)).toEqual([
      'Translations of en-us',
      '',
      'locale  up to date  outdated  newer  unknown  missing  machine',
      'da-dk   7/8         1         0      0        0        4',
      'nl-nl   7/8         0         0      0        1        3',
      'ar-sa   2/8         0         0      0        6        1',
      '',
    ])
    expect(stdout).toContain('\nda-dk outdated:\n  incident-response/remediate.md\n')
    expect(stdout).toContain('\nnl-nl missing:\n  incident-response/investigate-identity-attacks.md\n')
  })

  it('should report the sample guide', async function () {
    const report = await status(repoRoot)
    const danish = report.locales.find((entry) => entry.locale === 'da-dk')!
    expect(danish.outdated).toEqual(['incident-response/remediate.md'])
    expect(danish.missing).toEqual([])
    expect(report.locales.find((entry) => entry.locale === 'nl-nl')!.missing).toEqual(['incident-response/investigate-identity-attacks.md'])
  })

  it('should see translations become outdated when their English source changes', async function () {
    const dir = copyOfSampleGuide('tolk-outdated-')
    const before = await status(dir)
    expect(before.locales.find((entry) => entry.locale === 'nl-nl')!.outdated).toEqual([])
    const source = path.join(dir, 'content/en-us/incident-response/analyze.md')
    writeFileSync(source, `${readFileSync(source, 'utf8')}\nA new closing paragraph.\n`)
    const after = await status(dir)
    for (const locale of ['da-dk', 'nl-nl']) {
      expect(after.locales.find((entry) => entry.locale === locale)!.outdated).toContain('incident-response/analyze.md')
    }
    const site = await buildSite(dir)
    const notice = select('aside.notice-outdated', readHtml(site.outDir, 'nl-nl/incident-response/analyze/index.html'))
    expect(toString(notice!).trim()).toMatch(/^Het Engelse origineel is bijgewerkt nadat deze vertaling is gemaakt\./)
  })
})
