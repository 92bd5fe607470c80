import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { createSiteIndex } from '../../../src/content/site-index.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { redirectPages } from '../../../src/output/redirect-pages.ts'
import { configOf, sourcesOf, type SiteSpec } from '../site-index-of.ts'

const strings: Record<string, Record<string, string>> = {
  'en-us': { 'redirect.title': 'This page has moved', 'redirect.text': 'This page has moved to' },
  'da-dk': { 'redirect.title': 'Siden er flyttet', 'redirect.text': 'Siden er flyttet til' },
}
const t = (locale: string, key: string) => strings[locale]![key]!

const articles = {
  'en-us': ['index.md', 'guide/english.md', 'guide/new.md', 'guide/still-here.md'],
  'da-dk': ['index.md', 'guide/new.md'],
}

function pagesOf(redirects: Record<string, string>, spec: Partial<SiteSpec> = {}) {
  const full: SiteSpec = { articles, redirects, siteUrl: 'https://docs.example.org', fallback: 'none', ...spec }
  const config = configOf(full)
  const site = createSiteIndex(config, sourcesOf(full), { redirects: new Map(Object.entries(redirects)) })
  const { pages, messages } = redirectPages(config, site, t)
  return {
    pages: Object.fromEntries(pages.map((page) => [page.outputFile, summarize(fromHtml(page.html))])),
    messages: messages.map((message) => formatHuman(message, { cwd: '/virtual' })),
  }
}

/** What a reader, a browser and a crawler see of a redirect page. */
function summarize(tree: Root) {
  const html = select('html', tree)!
  return {
    lang: html.properties.lang,
    dir: html.properties.dir,
    title: toString(select('title', tree)!),
    refresh: select('meta[http-equiv="refresh"]', tree)?.properties.content,
    canonical: select('link[rel=canonical]', tree)?.properties.href,
    robots: select('meta[name=robots]', tree)?.properties.content,
    text: toString(select('main > p', tree)!),
    link: select('body a', tree)?.properties.href,
  }
}

describe('redirectPages', function () {
  it('should write one page per locale for a redirected article, with a meta refresh, a canonical link and a visible link', function () {
    expect(pagesOf({ 'guide/old.md': '/guide/new' })).toEqual({
      pages: {
        'en-us/guide/old/index.html': {
          lang: 'en-US',
          dir: 'ltr',
          title: 'This page has moved',
          refresh: '0; url=../new/',
          canonical: 'https://docs.example.org/en-us/guide/new/',
          robots: 'noindex',
          text: 'This page has moved to ../new/',
          link: '../new/',
        },
        'da-dk/guide/old/index.html': {
          lang: 'da-DK',
          dir: 'ltr',
          title: 'Siden er flyttet',
          refresh: '0; url=../new/',
          canonical: 'https://docs.example.org/da-dk/guide/new/',
          robots: 'noindex',
          text: 'Siden er flyttet til ../new/',
          link: '../new/',
        },
      },
      messages: [],
    })
  })

  it("should send a locale without the target to the default locale's page, keeping the fragment", function () {
    const { pages } = pagesOf({ 'guide/older.md': '/guide/english#scope' })
    expect(Object.keys(pages)).toEqual(['en-us/guide/older/index.html', 'da-dk/guide/older/index.html'])
    expect(pages['da-dk/guide/older/index.html']).toMatchObject({
      refresh: '0; url=../../../en-us/guide/english/#scope',
      canonical: 'https://docs.example.org/en-us/guide/english/#scope',
      link: '../../../en-us/guide/english/#scope',
    })
  })

  it("should send a locale without the target to its own fallback page when those are built", function () {
    const { pages } = pagesOf({ 'guide/older.md': '/guide/english#scope' }, { fallback: 'page' })
    expect(pages['da-dk/guide/older/index.html']).toMatchObject({
      refresh: '0; url=../english/#scope',
      canonical: 'https://docs.example.org/da-dk/guide/english/#scope',
      link: '../english/#scope',
    })
  })

  it('should let an article that still exists win over its redirect', function () {
    expect(Object.keys(pagesOf({ 'guide/still-here.md': '/guide/new' }).pages)).toEqual(['da-dk/guide/still-here/index.html'])
  })

  it('should redirect a folder index to its folder URL', function () {
    expect(Object.keys(pagesOf({ 'old-guide/index.md': '/guide/new' }).pages)).toEqual([
      'en-us/old-guide/index.html',
      'da-dk/old-guide/index.html',
    ])
  })

  it("should give a redirect page the site's stylesheet and favicon, a viewport and an h1, linked from its own depth", function () {
    const full: SiteSpec = { articles, redirects: { 'guide/old.md': '/guide/new' }, fallback: 'none' }
    const config = configOf(full)
    const site = createSiteIndex(config, sourcesOf(full), { redirects: new Map([['guide/old.md', '/guide/new']]) })
    const tree = fromHtml(redirectPages(config, site, t).pages[0]!.html)
    expect(select('meta[name=viewport]', tree)?.properties.content).toBe('width=device-width, initial-scale=1')
    expect(String(select('link[rel=stylesheet]', tree)?.properties.href)).toMatch(/^\.\.\/\.\.\/\.\.\/_tolk\/style-[\w-]+\.css$/)
    expect(String(select('link[rel=icon]', tree)?.properties.href)).toMatch(/^\.\.\/\.\.\/\.\.\/_tolk\/favicon-[\w-]+\.svg$/)
    expect(toString(select('main#main > h1', tree)!)).toBe('This page has moved')
  })

  it('should skip redirects of sources that are not Markdown articles', function () {
    expect(pagesOf({ 'guide/landing.yml': '/guide/new', 'guide/folder': '/guide/new' })).toEqual({ pages: {}, messages: [] })
  })

  it('should keep an absolute target as the link and the canonical URL', function () {
    expect(pagesOf({ 'guide/away.md': 'https://learn.microsoft.com/defender/' }).pages['da-dk/guide/away/index.html']).toMatchObject({
      refresh: '0; url=https://learn.microsoft.com/defender/',
      canonical: 'https://learn.microsoft.com/defender/',
      link: 'https://learn.microsoft.com/defender/',
    })
  })

  it('should map a target under an external root', function () {
    const { pages } = pagesOf({ 'guide/sentinel.md': '/azure/sentinel/overview' }, { externalRoots: { '/azure/': 'https://learn.microsoft.com/{locale}/azure/' } })
    expect(pages['da-dk/guide/sentinel/index.html']).toMatchObject({
      refresh: '0; url=https://learn.microsoft.com/da-dk/azure/sentinel/overview',
      canonical: 'https://learn.microsoft.com/da-dk/azure/sentinel/overview',
    })
  })

  it('should use the relative target as canonical when no `siteUrl` is set', function () {
    const { pages } = pagesOf({ 'guide/old.md': '/guide/new' }, { siteUrl: undefined })
    expect(pages['en-us/guide/old/index.html']).toMatchObject({ refresh: '0; url=../new/', canonical: '../new/' })
  })

  it('should warn once about a target that is not in the build and write no page for it', function () {
    expect(pagesOf({ 'guide/gone.md': '/guide/nowhere' })).toEqual({
      pages: {},
      messages: [
        '.openpublishing.redirection.json:1:1: warning: Redirect of `guide/gone.md` points to `/guide/nowhere`, which is not in this build [broken-redirect]',
      ],
    })
  })

  it('should warn about a target that is not in the build even when the default locale still has the article', function () {
    expect(pagesOf({ 'guide/still-here.md': '/guide/nowhere' })).toEqual({
      pages: {},
      messages: [
        '.openpublishing.redirection.json:1:1: warning: Redirect of `guide/still-here.md` points to `/guide/nowhere`, which is not in this build [broken-redirect]',
      ],
    })
  })
})
