/**
 * Each locale's own redirection file merged with the default locale's
 * (site-wide) one: the table in `redirectOf` (site-index.ts), checked where
 * it matters — links, which pages are built, and redirect pages.
 */
import { describe, expect, it } from 'vitest'
import { pageJobs } from '../../../src/content/page-jobs.ts'
import { landingLocale, redirectOf } from '../../../src/content/site-index.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { resolveLink } from '../../../src/links/resolve-link.ts'
import { redirectPages } from '../../../src/output/redirect-pages.ts'
import { configOf, siteIndexOf, sourcesOf, type SiteSpec } from '../site-index-of.ts'

const spec: SiteSpec = {
  articles: {
    'en-us': ['index.md', 'guide/kept.md', 'guide/moved.md', 'guide/new.md', 'guide/stale.md', 'guide/target.md'],
    'da-dk': ['index.md', 'guide/kept.md', 'guide/new.md', 'guide/dansk.md'],
  },
  redirects: {
    // Site-wide: applies to da-dk where da-dk has no entry and no article.
    'guide/old.md': '/guide/target',
    'guide/both.md': '/guide/target',
    // da-dk keeps its own article here.
    'guide/kept.md': '/guide/target',
  },
  localeRedirects: {
    'da-dk': {
      // da-dk moved an article the default locale still has.
      'guide/moved.md': '/guide/new',
      // Both files redirect it; da-dk's own entry wins for da-dk.
      'guide/both.md': '/guide/dansk',
      'guide/gone.md': '/guide/nowhere',
      // da-dk moved an article to one it does not hold yet: the default locale's article stays.
      'guide/stale.md': '/guide/missing',
    },
  },
}
const site = siteIndexOf(spec)
const link = (url: string, locale: string) => resolveLink(url, { site, locale, relPath: 'guide/page.md', isImage: false })
/** Where a link lands: `locale/path`, or the problem. */
function landing(url: string, locale: string): string {
  const target = link(url, locale)
  if (target.kind === 'page') return `${target.locale}/${target.relPath}`
  return target.kind === 'broken' ? `${target.problem.rule}: ${target.problem.reason}` : target.kind
}

describe('redirectOf: the merge of a locale\'s own redirection file with the site-wide one', function () {
  it('should take the locale\'s own entry first, else the site-wide entry; another locale never sees a locale\'s own entry', function () {
    expect(redirectOf(site, 'guide/both.md', 'da-dk')).toEqual({ target: '/guide/dansk', own: true })
    expect(redirectOf(site, 'guide/both.md', 'en-us')).toEqual({ target: '/guide/target', own: false })
    expect(redirectOf(site, 'guide/old.md', 'da-dk')).toEqual({ target: '/guide/target', own: false })
    expect(redirectOf(site, 'guide/moved.md', 'en-us')).toBeUndefined()
    expect(redirectOf(site, 'guide/none.md', 'da-dk')).toBeUndefined()
  })
})

describe('links through merged redirection files', function () {
  it.each([
    // [row, link, locale, lands on]
    ['own article beats every entry', 'kept.md', 'da-dk', 'da-dk/guide/kept.md'],
    ["own entry beats the default locale's article", 'moved.md', 'da-dk', 'da-dk/guide/new.md'],
    ["the default locale keeps its article (a locale's entry is its own)", 'moved.md', 'en-us', 'en-us/guide/moved.md'],
    ['own entry beats the site-wide entry', 'both.md', 'da-dk', 'da-dk/guide/dansk.md'],
    ['site-wide entry in the default locale', 'both.md', 'en-us', 'en-us/guide/target.md'],
    ['site-wide entry applies where the locale has none', 'old.md', 'da-dk', 'da-dk/guide/target.md'],
    ["an own entry that leads nowhere gives way to the default locale's article", 'stale.md', 'da-dk', 'da-dk/guide/stale.md'],
  ])('%s: `%s` from %s lands on %s', function (_row, url, locale, expected) {
    expect(landing(url, locale)).toBe(expected)
  })

  it('should warn about the redirect the locale\'s own file made, naming its target', function () {
    expect(link('moved.md', 'da-dk')).toMatchObject({
      kind: 'page',
      warnings: [{ rule: 'redirected-link', reason: '`moved.md` is redirected to `/guide/new`; link the target directly' }],
    })
  })

  it('should report an own entry whose target is missing as a broken link in that locale only', function () {
    expect(landing('gone.md', 'da-dk')).toBe('broken-link: Cannot find `/guide/nowhere` (looked for `guide/nowhere.md`)')
    expect(landing('gone.md', 'en-us')).toBe('broken-link: Cannot find `gone.md` (looked for `guide/gone.md`)')
  })
})

describe('pages of a locale that redirects a default-locale article', function () {
  it('should build no fallback page there, and give the article no landing in that locale', function () {
    const jobs = pageJobs(configOf(spec), sourcesOf(spec), site)
    const daDk = jobs.filter((job) => job.locale.code === 'da-dk').map((job) => `${job.source.relPath}${job.fallback ? ' (fallback)' : ''}`)
    expect(daDk).toEqual(['guide/dansk.md', 'guide/kept.md', 'guide/new.md', 'guide/stale.md (fallback)', 'guide/target.md (fallback)', 'index.md'])
    expect(site.movedByLocale).toEqual(new Map([['da-dk', new Set(['guide/moved.md'])]]))
    expect(landingLocale(site, 'guide/moved.md', 'da-dk')).toBeUndefined()
    expect(landingLocale(site, 'guide/moved.md', 'en-us')).toBe('en-us')
  })

  it('should write each locale\'s redirect pages from the merged entries, reporting on the file each entry is in', function () {
    const config = configOf(spec)
    config.locales.find((locale) => locale.code === 'da-dk')!.redirectionFile = '/virtual/da-dk/.openpublishing.redirection.json'
    const t = (_locale: string, key: string) => key
    const { pages, messages } = redirectPages(config, site, t)
    expect(pages.map((page) => [page.outputFile, /url=([^"]*)"/.exec(page.html)?.[1], page.redirectionFile])).toEqual([
      ['en-us/guide/old/index.html', '../target/', '/virtual/.openpublishing.redirection.json'],
      ['en-us/guide/both/index.html', '../target/', '/virtual/.openpublishing.redirection.json'],
      ['da-dk/guide/moved/index.html', '../new/', '/virtual/da-dk/.openpublishing.redirection.json'],
      ['da-dk/guide/both/index.html', '../dansk/', '/virtual/da-dk/.openpublishing.redirection.json'],
      ['da-dk/guide/old/index.html', '../target/', '/virtual/.openpublishing.redirection.json'],
    ])
    expect(messages.map((message) => formatHuman(message, { cwd: '/virtual' }))).toEqual([
      'da-dk/.openpublishing.redirection.json:1:1: warning: Redirect of `guide/gone.md` points to `/guide/nowhere`, which is not in this build [broken-redirect]',
      'da-dk/.openpublishing.redirection.json:1:1: warning: Redirect of `guide/stale.md` points to `/guide/missing`, which is not in this build [broken-redirect]',
    ])
  })
})

describe('a locale\'s own entry for a default-locale article, found the way DocFX finds it', function () {
  const cased: SiteSpec = {
    articles: {
      'en-us': ['index.md', 'guide/Cased.md', 'guide/external.md', 'guide/new.md'],
      'da-dk': ['index.md', 'guide/new.md'],
    },
    redirects: {},
    localeRedirects: {
      'da-dk': {
        // Another letter case than the default locale's file.
        'guide/cased.md': '/guide/new',
        // A page outside the build.
        'guide/external.md': 'https://support.example.com/x',
      },
    },
  }
  const casedSite = siteIndexOf(cased)

  it('should move the article in that locale whatever the letter case, and for a target outside the build', function () {
    expect(casedSite.movedByLocale).toEqual(new Map([['da-dk', new Set(['guide/Cased.md', 'guide/external.md'])]]))
    const jobs = pageJobs(configOf(cased), sourcesOf(cased), casedSite).filter((job) => job.locale.code === 'da-dk')
    expect(jobs.map((job) => `${job.source.relPath}${job.fallback ? ' (fallback)' : ''}`)).toEqual(['guide/new.md', 'index.md'])
    const target = resolveLink('Cased.md', { site: casedSite, locale: 'da-dk', relPath: 'guide/page.md', isImage: false })
    expect(target.kind === 'page' ? `${target.locale}/${target.relPath}` : target.kind).toBe('da-dk/guide/new.md')
  })

  it('should write the redirect pages with no collision with a fallback page', function () {
    const { pages, messages } = redirectPages(configOf(cased), casedSite, (_locale, key) => key)
    expect(pages.map((page) => [page.outputFile, /url=([^"]*)"/.exec(page.html)?.[1]])).toEqual([
      ['da-dk/guide/cased/index.html', '../new/'],
      ['da-dk/guide/external/index.html', 'https://support.example.com/x'],
    ])
    expect(messages.map(String)).toEqual([])
  })
})
