import { describe, expect, it } from 'vitest'
import { alternatesOf, assetLocale, builtPage, isFallback, landingLocale, ownRelPath, urlKeyOf } from '../../../src/content/site-index.ts'
import { siteIndexOf, type SiteSpec } from '../site-index-of.ts'

const spec: SiteSpec = {
  articles: {
    'en-us': ['index.md', 'guide/analyze.md', 'guide/Triage.md', 'respond/contain.md'],
    'da-dk': ['index.md', 'guide/analyze.md', 'hunting/queries.md'],
    'nl-nl': ['guide/analyze.md'],
  },
  assets: { 'en-us': ['guide/media/Flow.png'], 'nl-nl': ['guide/media/Flow.png', 'media/logo.svg'] },
  yamlPages: { 'en-us': ['hub/index.yml'], 'da-dk': ['hub/index.yml', 'hub/da.yml'] },
  externalRoots: {
    '/': 'https://learn.microsoft.com/{locale}/',
    '/azure/': 'https://learn.microsoft.com/{locale}/azure/',
    '/azure/sentinel/': 'https://learn.microsoft.com/{locale}/azure/sentinel/',
    '/entra/': 'https://learn.microsoft.com/{locale}/entra/',
  },
  redirects: { 'guide/old.md': '/guide/analyze' },
  ignoreLinks: ['/api/'],
}
const site = siteIndexOf(spec)

describe('createSiteIndex', function () {
  it('should list locales in config order and every article path of any locale, sorted', function () {
    expect(site.locales).toEqual(['en-us', 'da-dk', 'nl-nl'])
    expect(site.defaultLocale).toBe('en-us')
    expect(site.allArticlePaths).toEqual(['guide/Triage.md', 'guide/analyze.md', 'hunting/queries.md', 'index.md', 'respond/contain.md'])
    expect([...site.articlesByLocale.get('da-dk')!.keys()]).toEqual(['index.md', 'guide/analyze.md', 'hunting/queries.md'])
  })

  it('should map lower-cased article and asset paths to their real names, per locale', function () {
    expect(Object.fromEntries(site.pathsByLowerCase.get('en-us')!)).toEqual({
      'index.md': 'index.md',
      'guide/analyze.md': 'guide/analyze.md',
      'guide/triage.md': 'guide/Triage.md',
      'respond/contain.md': 'respond/contain.md',
      'guide/media/flow.png': 'guide/media/Flow.png',
    })
    expect([...site.assetsByLocale.get('da-dk')!]).toEqual([])
  })

  it('should order external roots longest first, then by name', function () {
    expect(site.externalRoots.map(([prefix]) => prefix)).toEqual(['/azure/sentinel/', '/azure/', '/entra/', '/'])
  })

  it('should collect the top folders of articles, YAML pages of any locale, redirects and ignored links', function () {
    expect([...site.topFolders].sort()).toEqual(['guide', 'hunting', 'respond'])
    expect([...site.yamlPages].sort()).toEqual(['hub/da.yml', 'hub/index.yml'])
    expect(Object.fromEntries(site.redirects)).toEqual({ 'guide/old.md': '/guide/analyze' })
    expect(site.ignoreLinks).toEqual(['/api/'])
  })
})

describe('alternatesOf', function () {
  it('should list the locales that have their own copy, in config order', function () {
    expect(alternatesOf(site, 'guide/analyze.md')).toEqual(['en-us', 'da-dk', 'nl-nl'])
    expect(alternatesOf(site, 'index.md')).toEqual(['en-us', 'da-dk'])
    expect(alternatesOf(site, 'guide/missing.md')).toEqual([])
  })
})

describe('landingLocale', function () {
  it("should land on the locale's own page, else its fallback page, else nowhere", function () {
    expect(site.fallbackPages).toBe(true)
    expect(landingLocale(site, 'index.md', 'da-dk')).toBe('da-dk')
    expect(landingLocale(site, 'respond/contain.md', 'da-dk')).toBe('da-dk')
    expect(landingLocale(site, 'hunting/queries.md', 'nl-nl')).toBeUndefined()
  })

  it("should land on the default locale's page when fallback pages are off", function () {
    const withoutPages = siteIndexOf({ ...spec, fallback: 'none' })
    expect(withoutPages.fallbackPages).toBe(false)
    expect(landingLocale(withoutPages, 'index.md', 'da-dk')).toBe('da-dk')
    expect(landingLocale(withoutPages, 'respond/contain.md', 'da-dk')).toBe('en-us')
    expect(landingLocale(withoutPages, 'hunting/queries.md', 'nl-nl')).toBeUndefined()
  })
})

describe('isFallback', function () {
  it('should be true only for an article the default locale has and the locale lacks', function () {
    expect(isFallback(site, 'respond/contain.md', 'da-dk')).toBe(true)
    expect(isFallback(site, 'index.md', 'da-dk')).toBe(false)
    expect(isFallback(site, 'respond/contain.md', 'en-us')).toBe(false)
    expect(isFallback(site, 'hunting/queries.md', 'nl-nl')).toBe(false)
  })
})

describe('assetLocale', function () {
  it("should use the locale's own asset, else the default locale's, else none", function () {
    expect(assetLocale(site, 'guide/media/Flow.png', 'nl-nl')).toBe('nl-nl')
    expect(assetLocale(site, 'guide/media/Flow.png', 'da-dk')).toBe('en-us')
    expect(assetLocale(site, 'media/logo.svg', 'da-dk')).toBeUndefined()
  })
})

describe('articles across locales by URL (.md/.yml pairs)', function () {
  const pairs = (fallback: 'page' | 'none') =>
    siteIndexOf({
      articles: {
        'en-us': ['index.md', 'guide/faq.md', 'guide/only-en.md'],
        'da-dk': ['guide/faq.yml', 'guide/only-da.md'],
        'nl-nl': ['guide/index.yml'],
      },
      fallback,
    })

  it('should key an article by the URL it builds', function () {
    expect(urlKeyOf('guide/faq.yml')).toBe('guide/faq/')
    expect(urlKeyOf('guide/faq.md')).toBe('guide/faq/')
    expect(urlKeyOf('guide/index.yml')).toBe('guide/')
    expect(urlKeyOf('index.md')).toBe('')
  })

  it("should find a locale's faq.yml for faq.md and the reverse, but never for a path without .md/.yml", function () {
    const site = pairs('page')
    expect(ownRelPath(site, 'guide/faq.md', 'da-dk')).toBe('guide/faq.yml')
    expect(ownRelPath(site, 'guide/faq.yml', 'en-us')).toBe('guide/faq.md')
    expect(ownRelPath(site, 'guide/faq', 'da-dk')).toBeUndefined()
    expect(ownRelPath(site, 'guide/faq.md', 'nl-nl')).toBeUndefined()
    expect(alternatesOf(site, 'guide/faq.yml')).toEqual(['en-us', 'da-dk'])
  })

  it('should say which page the build writes in each locale, with fallback pages only for default-locale articles', function () {
    const withPages = pairs('page')
    const built = (site: typeof withPages, relPath: string) => ['en-us', 'da-dk', 'nl-nl'].map((locale) => builtPage(site, relPath, locale))
    expect(built(withPages, 'guide/faq.md')).toEqual(['own', 'own', 'fallback'])
    expect(built(withPages, 'guide/only-da.md')).toEqual([undefined, 'own', undefined])
    expect(built(withPages, 'index.md')).toEqual(['own', 'fallback', 'fallback'])
    const without = pairs('none')
    expect(built(without, 'guide/faq.md')).toEqual(['own', 'own', undefined])
    expect(built(without, 'guide/only-en.md')).toEqual(['own', undefined, undefined])
    // Links still land: on the default locale's page when the locale has none.
    expect(landingLocale(without, 'guide/only-en.md', 'nl-nl')).toBe('en-us')
    expect(landingLocale(without, 'guide/only-da.md', 'nl-nl')).toBeUndefined()
  })
})
