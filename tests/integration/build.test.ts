import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import matter from 'gray-matter'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSite, hrefTarget, listFiles, readHtml, repoRoot } from '../helpers/build-site.ts'

const locales = { 'en-us': 'en-US', 'da-dk': 'da-DK', 'nl-nl': 'nl-NL', 'ar-sa': 'ar-SA' } as const
/** Locales whose translation is complete enough for per-article checks below. */
const fullLocales = ['en-us', 'da-dk', 'nl-nl'] as const

describe('building the sample guide', function () {
  let site: Awaited<ReturnType<typeof buildSite>>
  let pages: string[]

  beforeAll(async function () {
    site = await buildSite(repoRoot)
    // Article pages only: 404 pages, the root page and the status page link differently.
    pages = listFiles(site.outDir).filter((file) => /^[a-z]{2}-[a-z]{2}\/(.+\/)?index\.html$/.test(file))
  })

  it('should build with only the warnings about the article left untranslated on purpose', function () {
    expect(site.messages.length).toBeGreaterThan(0)
    for (const message of site.messages) {
      // Dutch lacks one article on purpose; Arabic has two of eight.
      expect(message).toMatch(
        /^content\/(nl-nl|ar-sa)\/[\w/-]+\.md:\d+:\d+: warning: `[\w./-]+\.md(#[\w-]+)?` is not translated into `(nl-nl|ar-sa)`; readers get the `en-us` text \[link-to-fallback\]$/,
      )
      if (message.startsWith('content/nl-nl/')) expect(message).toContain('investigate-identity-attacks.md')
    }
    expect(site.result.written).toBe(true)
  })

  it('should write one page per article per locale', function () {
    for (const locale of fullLocales) {
      const articles = listFiles(path.join(repoRoot, 'content', locale)).filter(
        (file) => file.endsWith('.md') && !file.includes('includes/'),
      )
      expect(articles.length).toBeGreaterThanOrEqual(locale === 'nl-nl' ? 7 : 8)
      // Every English article has a page in every locale, translated or not.
      if (locale === 'en-us') {
        for (const other of Object.keys(locales)) {
          for (const article of articles) {
            const page = article === 'index.md' ? 'index.html' : article.replace(/(\/index)?\.md$/, '/index.html')
            expect(pages).toContain(`${other}/${page}`)
          }
        }
      }
      for (const article of articles) {
        const page = article === 'index.md' ? 'index.html' : article.replace(/(\/index)?\.md$/, '/index.html')
        expect(pages).toContain(`${locale}/${page}`)
      }
    }
  })

  it('should set lang, dir, title and description from locale and front matter', function () {
    for (const locale of fullLocales) {
      const lang = locales[locale]
      const source = matter(readFileSync(path.join(repoRoot, 'content', locale, 'incident-response/analyze.md'), 'utf8'), {})
      const tree = readHtml(site.outDir, `${locale}/incident-response/analyze/index.html`)
      const html = select('html', tree)!
      expect(html.properties.lang).toBe(lang)
      expect(html.properties.dir).toBe('ltr')
      expect(toString(select('title', tree)!)).toMatch(new RegExp(`^${escapeRegExp(source.data.title as string)} \\| `))
      expect(select('meta[name=description]', tree)!.properties.content).toBe(source.data.description)
    }
  })

  it('should link every switcher entry to the same article, marking the current locale', function () {
    for (const page of pages) {
      const tree = readHtml(site.outDir, page)
      const links = selectAll('nav.language-switcher a', tree)
      // The language's name is the link's first text; a fallback marker may follow it (layout.test.ts).
      expect(links.map((link) => toString(link.children[0]!))).toEqual(['English', 'Dansk', 'Nederlands', 'العربية'])
      const current = links.filter((link) => link.properties.ariaCurrent === 'true')
      expect(current).toHaveLength(1)
      expect(current[0]!.properties.hrefLang).toBe(locales[page.split('/')[0] as keyof typeof locales])
      const pagePath = page.slice(page.indexOf('/') + 1)
      for (const link of links) {
        const target = hrefTarget(page, String(link.properties.href))
        expect(existsSync(path.join(site.outDir, target)), `${page} → ${target}`).toBe(true)
        expect(target.slice(target.indexOf('/') + 1)).toBe(pagePath)
      }
    }
  })

  it('should send the switcher to the Dutch fallback page where Dutch has no translation', function () {
    const tree = readHtml(site.outDir, 'da-dk/incident-response/investigate-identity-attacks/index.html')
    const dutch = selectAll('nav.language-switcher a', tree).find((link) => toString(link.children[0]!) === 'Nederlands')!
    expect(hrefTarget('da-dk/incident-response/investigate-identity-attacks/index.html', String(dutch.properties.href))).toBe(
      'nl-nl/incident-response/investigate-identity-attacks/index.html',
    )
  })

  it('should build the untranslated article in Dutch chrome, with English text marked and a Dutch notice', function () {
    const tree = readHtml(site.outDir, 'nl-nl/incident-response/investigate-identity-attacks/index.html')
    expect(select('html', tree)!.properties.lang).toBe('nl-NL')
    expect(select('article', tree)!.properties.lang).toBe('en-US')
    const notice = select('aside.notice-untranslated[role=note]', tree)!
    expect(toString(notice).trim()).toMatch(/^Dit artikel is nog niet beschikbaar in het Nederlands en wordt daarom in het Engels getoond\./)
    const link = select('a', notice)!
    expect(hrefTarget('nl-nl/incident-response/investigate-identity-attacks/index.html', String(link.properties.href))).toBe(
      'en-us/incident-response/investigate-identity-attacks/index.html',
    )
    expect(toString(select('nav.sidebar', tree)!)).toContain('Overzicht')
    expect(select('meta[name=robots]', tree)!.properties.content).toBe('noindex')
  })

  it('should point every cross-link at a page or asset that exists, and every anchor at an id on it', function () {
    let checked = 0
    for (const page of pages) {
      const tree = readHtml(site.outDir, page)
      for (const link of selectAll('article a[href], article img[src]', tree)) {
        const url = String(link.properties.href ?? link.properties.src)
        if (/^[a-z]+:/i.test(url)) continue
        const target = hrefTarget(page, url)
        expect(existsSync(path.join(site.outDir, target)), `${page} → ${url}`).toBe(true)
        const hash = url.split('#')[1]
        if (hash) expect(select(`[id="${hash}"]`, readHtml(site.outDir, target)), `${page} → ${url}`).not.toBeNull()
        checked++
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('should expand includes, nested ones too, and render alerts in the page language', function () {
    const tree = readHtml(site.outDir, 'nl-nl/incident-response/analyze/index.html')
    expect(toString(select('article', tree)!)).not.toContain('[!INCLUDE')
    const titles = selectAll('div.alert[role=note] > p.alert-title', tree).map((node) => toString(node))
    expect(titles).toContain('Notitie')
    expect(select('article table', tree)).not.toBeNull()
  })

  it('should give DocFX anchors as heading ids and drop the empty anchors', function () {
    const tree = readHtml(site.outDir, 'da-dk/incident-response/analyze/index.html')
    expect(select('h2#triage-steps', tree)).not.toBeNull()
    expect(selectAll('article a[name]', tree)).toEqual([])
  })

  it('should give every page a sidebar marking itself, breadcrumbs and previous/next links that exist', function () {
    let withPrevious = 0
    let withNext = 0
    for (const page of pages) {
      const tree = readHtml(site.outDir, page)
      const current = selectAll('nav.sidebar a[aria-current=page]', tree)
      expect(current, page).toHaveLength(1)
      expect(current[0]!.properties.href, page).toBe('./')
      for (const link of selectAll('nav.sidebar a, nav.breadcrumbs a, nav.pagination a', tree)) {
        const target = hrefTarget(page, String(link.properties.href))
        expect(existsSync(path.join(site.outDir, target)), `${page} → ${target}`).toBe(true)
      }
      if (page.includes('/incident-response/') && !page.endsWith('incident-response/index.html')) {
        expect(selectAll('nav.breadcrumbs li', tree).length, page).toBeGreaterThanOrEqual(2)
      }
      if (select('a[rel=prev]', tree)) withPrevious++
      if (select('a[rel=next]', tree)) withNext++
    }
    // Every page of a locale's TOC but the first has a previous link, and all but the last a next link.
    const localeCount = Object.keys(locales).length
    expect(withPrevious).toBe(pages.length - localeCount)
    expect(withNext).toBe(pages.length - localeCount)
  })

  it('should list the article sections under "In this article" in the page language', function () {
    const tree = readHtml(site.outDir, 'da-dk/incident-response/analyze/index.html')
    const outline = select('nav.in-this-article', tree)!
    expect(toString(select('.in-this-article-title', outline)!)).toBe('I denne artikel')
    const sections = selectAll('article h2', tree).map((heading) => [`#${heading.properties.id}`, toString(heading)])
    expect(selectAll('a', outline).map((link) => [link.properties.href, toString(link)])).toEqual(sections)
    expect(sections.length).toBeGreaterThan(2)
  })

  it('should follow TOC order with previous and next', function () {
    const tree = readHtml(site.outDir, 'en-us/incident-response/prepare/index.html')
    expect(select('a[rel=prev]', tree)!.properties.href).toBe('../')
    expect(select('a[rel=next]', tree)!.properties.href).toBe('../analyze/')
  })

  it('should use the English image where Arabic ships none, and write identical images once', function () {
    const img = selectAll('article img', readHtml(site.outDir, 'ar-sa/incident-response/index.html')).find((node) =>
      String(node.properties.src).endsWith('response-lifecycle.svg'),
    )!
    expect(hrefTarget('ar-sa/incident-response/index.html', String(img.properties.src))).toBe('en-us/incident-response/media/response-lifecycle.svg')
    expect(existsSync(path.join(site.outDir, 'ar-sa/incident-response/media'))).toBe(false)
    // shield-alert.svg has the same bytes in every locale: written once, under the default locale.
    expect(listFiles(site.outDir).filter((file) => file.endsWith('shield-alert.svg'))).toEqual(['en-us/incident-response/media/shield-alert.svg'])
  })

  it('should copy assets next to the articles that use them', function () {
    for (const locale of fullLocales) {
      expect(existsSync(path.join(site.outDir, locale, 'incident-response/media/response-lifecycle.svg'))).toBe(true)
    }
    const stylesheet = select('link[rel=stylesheet]', readHtml(site.outDir, 'en-us/incident-response/analyze/index.html'))!.properties.href
    expect(existsSync(path.join(site.outDir, 'en-us/incident-response/analyze', String(stylesheet)))).toBe(true)
  })
})

describe('building untrusted titles', function () {
  it('should escape a title containing <script> everywhere it is shown', async function () {
    const site = await buildSite(path.join(repoRoot, 'tests/fixtures/sites/escaping'))
    expect(site.messages).toEqual([
      'content/da-dk/index.md:6:4: warning: `only-english.md` is not translated into `da-dk`; readers get the `en-us` text [link-to-fallback]',
      'content/en-us/index.md:7:5: warning: `<script>` is not allowed in content and is removed [unsafe-html]',
    ])
    const raw = readFileSync(path.join(site.outDir, 'en-us/index.html'), 'utf8')
    const tree = readHtml(site.outDir, 'en-us/index.html')
    // The only scripts are tolk's own deferred files, never one from content,
    // and the one-line theme script in <head> (theme-init.hbs), inline so the
    // reader's theme applies before the first paint.
    expect(selectAll('article script', tree)).toEqual([])
    const inline = selectAll('script:not([src])', tree)
    expect(inline.map((script) => toString(script))).toEqual([
      "try{var t=localStorage.getItem('tolk.theme');if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}",
    ])
    expect(selectAll('head > script:not([src])', tree)).toEqual(inline)
    for (const script of selectAll('script[src]', tree)) expect(String(script.properties.src)).toMatch(/^(\.\.\/)+_tolk\/[\w-]+\.js$/)
    expect(toString(select('title', tree)!)).toBe('Hunting <script>alert("title")</script> & friends | Documentation')
    expect(select('meta[name=description]', tree)!.properties.content).toBe('A description with "quotes" and <b>tags</b>.')
    expect(raw).toContain('<title>Hunting &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; friends')
    expect(select('article kbd', tree)).not.toBeNull()
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
