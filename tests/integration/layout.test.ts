/**
 * The page chrome's structure on the built sample guide (a copy with one
 * TOC branch that has a page of its own and one article no TOC lists): the
 * sidebar drawer, TOC branches without a link inside a <summary>, breadcrumbs
 * with a home crumb and linked groups, the metadata under the h1, the
 * favicon on every page kind and the switcher's fallback marker.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSite, copyOfSampleGuide, hrefTarget, listFiles, readHtml } from '../helpers/build-site.ts'

const article = 'da-dk/incident-response/analyze/index.html'
const unlisted = 'en-us/incident-response/unlisted/index.html'

/** The element after `node` among its parent's element children. */
function nextElement(tree: Root, node: Element): Element | undefined {
  const parent = selectAll('*', tree).find((candidate) => candidate.children.includes(node))!
  const elements = parent.children.filter((child): child is Element => child.type === 'element')
  return elements[elements.indexOf(node) + 1]
}

describe('the page chrome of the sample guide', function () {
  let site: Awaited<ReturnType<typeof buildSite>>

  beforeAll(async function () {
    const dir = copyOfSampleGuide('tolk-layout-')
    // "Incident response" gets a page of its own: a branch that is a link and a toggle.
    for (const locale of ['en-us', 'da-dk', 'nl-nl', 'ar-sa']) {
      const toc = path.join(dir, 'content', locale, 'TOC.yml')
      const text = readFileSync(toc, 'utf8')
      writeFileSync(toc, text.replace(/^(- name: .+\n)(  expanded: true\n)/m, '$1  href: incident-response/index.md\n$2'))
    }
    writeFileSync(
      path.join(dir, 'content/en-us/incident-response/unlisted.md'),
      '---\ntitle: Unlisted\nms.date: 01/15/2026\n---\n\n# Unlisted\n\nA page no TOC lists.\n',
    )
    site = await buildSite(dir)
  })

  it('should put the sidebar in a closed drawer with a summary, only on pages that have one', function () {
    const tree = readHtml(site.outDir, article)
    const drawer = select('.layout.has-sidebar > details.nav-drawer', tree)!
    expect(drawer.properties.open).toBeUndefined()
    expect(toString(select(':scope > summary', drawer)!)).toBe('Menu')
    expect(select(':scope > nav.sidebar a[aria-current=page]', drawer)).toBeDefined()
    // A page without a TOC (the 404 page here; whole corpus folders have none) gets no sidebar column at all.
    const other = readHtml(site.outDir, '404.html')
    expect(select('.layout', other)!.properties.className).toEqual(['layout'])
    expect(select('details.nav-drawer, nav.sidebar', other)).toBeUndefined()
  })

  it('should never put a link or other interactive element inside a <summary>', function () {
    const pages = listFiles(site.outDir).filter((file) => file.endsWith('.html'))
    for (const page of pages) {
      expect(selectAll('summary a, summary button, summary input', readHtml(site.outDir, page)), page).toEqual([])
    }
  })

  it('should render a TOC branch with a page as its link plus a separate, named toggle, open on the current branch', function () {
    const tree = readHtml(site.outDir, article)
    const branch = selectAll('nav.sidebar li.nav-branch', tree).find((node) => select(':scope > a', node))!
    expect(toString(select(':scope > a', branch)!)).toBe('Hændelseshåndtering')
    const details = select(':scope > details', branch)!
    expect(details.properties.open).toBe(true)
    expect(toString(select(':scope > summary.nav-toggle', details)!)).toBe('Hændelseshåndtering')
    expect(select(':scope > ul a[aria-current=page]', details)).toBeDefined()
  })

  it('should lead breadcrumbs with the home crumb, link groups where they have a page and mark the page', function () {
    const tree = readHtml(site.outDir, article)
    const crumbs = selectAll('nav.breadcrumbs li', tree)
    expect(crumbs.map((crumb) => toString(crumb))).toEqual(['Forside', 'Hændelseshåndtering', toString(select('h1', tree)!)])
    const [home, group] = crumbs.map((crumb) => select('a', crumb)?.properties.href)
    expect(hrefTarget(article, String(home))).toBe('da-dk/index.html')
    expect(hrefTarget(article, String(group))).toBe('da-dk/incident-response/index.html')
    expect(crumbs.at(-1)!.properties.ariaCurrent).toBe('page')
    // A group without a page of its own links its first page.
    const phishing = readHtml(site.outDir, 'en-us/incident-response/investigate-phishing/index.html')
    const paths = selectAll('nav.breadcrumbs li', phishing).find((crumb) => toString(crumb) === 'Investigation paths')!
    expect(hrefTarget('en-us/incident-response/investigate-phishing/index.html', String(select('a', paths)!.properties.href))).toBe(
      'en-us/incident-response/investigate-phishing/index.html',
    )
    // A page no TOC lists still gets home › page; a home page gets no breadcrumbs.
    expect(selectAll('nav.breadcrumbs li', readHtml(site.outDir, unlisted)).map((crumb) => toString(crumb))).toEqual(['Home', 'Unlisted'])
    expect(select('nav.breadcrumbs', readHtml(site.outDir, 'en-us/index.html'))).toBeUndefined()
  })

  it('should put the last-updated date and reading time right after the h1, in the page language', function () {
    const tree = readHtml(site.outDir, article)
    const meta = nextElement(tree, select('article h1', tree)!)!
    expect(meta.properties.className).toEqual(['page-meta'])
    expect(toString(select('.article-date', meta)!)).toBe('Senest opdateret: 8. marts 2026')
    expect(select('time', meta)!.properties.dateTime).toBe('2026-03-08')
    expect(toString(select('.reading-time', meta)!)).toMatch(/^\d+ min\. læsning$/)
    expect(select('.site-footer time', tree)).toBeUndefined()
    // On a fallback page the metadata is in the page's language, not the article's.
    const fallback = readHtml(site.outDir, 'nl-nl/incident-response/investigate-identity-attacks/index.html')
    const fallbackMeta = nextElement(fallback, select('article h1', fallback)!)!
    expect([fallbackMeta.properties.lang, toString(select('.reading-time', fallbackMeta)!)]).toEqual(['nl-NL', expect.stringMatching(/leestijd$/)])
  })

  it('should link the favicon from every page kind, and ship it', function () {
    const pages = listFiles(site.outDir).filter((file) => file.endsWith('.html'))
    expect(pages).toEqual(expect.arrayContaining(['index.html', '404.html', 'translation-status/index.html', unlisted]))
    for (const page of pages) {
      const icon = select('head link[rel=icon]', readHtml(site.outDir, page))
      expect(icon, page).toBeDefined()
      const href = String(icon!.properties.href)
      const target = href.startsWith('/') ? href.slice(1) : hrefTarget(page, href)
      expect(readFileSync(path.join(site.outDir, target), 'utf8'), page).toMatch(/^<svg /)
    }
  })

  it('should mark the languages that only have a fallback page, with an explanation in that language', function () {
    const tree = readHtml(site.outDir, 'da-dk/incident-response/investigate-identity-attacks/index.html')
    const links = selectAll('nav.language-switcher a', tree)
    const marked = links.filter((link) => select('.fallback-marker', link))
    expect(marked.map((link) => link.properties.lang)).toEqual(['nl-NL', 'ar-SA'])
    const dutch = marked[0]!
    expect(select('.fallback-marker', dutch)!.properties.ariaHidden).toBe('true')
    expect(toString(select('.visually-hidden', dutch)!)).toBe(' (niet vertaald: toont het origineel)')
    expect(links.filter((link) => !select('.fallback-marker', link)).map((link) => link.properties.lang)).toEqual(['en-US', 'da-DK'])
  })

  it('should hold the header tools in one wrapper and the status page table in a scrolling region', function () {
    const tree = readHtml(site.outDir, article)
    expect(select('header.site-header > .header-tools > nav.language-switcher', tree)).toBeDefined()
    const status = readHtml(site.outDir, 'translation-status/index.html')
    const region = select('main > .table-scroll', status)!
    expect([region.properties.role, region.properties.tabIndex, select(':scope > table', region) !== undefined]).toEqual(['region', 0, true])
    expect(select('head link[rel=stylesheet]', status)).toBeDefined()
  })
})
