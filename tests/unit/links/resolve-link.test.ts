import { describe, expect, it } from 'vitest'
import type { SiteIndex } from '../../../src/content/site-index.ts'
import { resolveLink } from '../../../src/links/resolve-link.ts'
import { siteIndexOf, type SiteSpec } from '../site-index-of.ts'

const spec: SiteSpec = {
  articles: {
    'en-us': [
      'index.md',
      'a/x.md',
      'guide/Triage.md',
      'guide/index.md',
      'guide/new.md',
      'guide/only-english.md',
      'guide/page.md',
      'guide/x.md',
    ],
    'da-dk': ['index.md', 'a/x.md', 'guide/index.md', 'guide/page.md', 'guide/x.md'],
  },
  assets: {
    'en-us': ['guide/media/english-only.png', 'guide/media/flow.png'],
    'da-dk': ['guide/media/flow.png'],
  },
  yamlPages: { 'en-us': ['hub/index.yml'] },
  redirects: {
    'guide/old.md': '/guide/new',
    'guide/older.md': '/guide/old',
    'guide/loop-a.md': '/guide/loop-b',
    'guide/loop-b.md': '/guide/loop-a',
  },
  externalRoots: {
    '/': 'https://learn.microsoft.com/{locale}/',
    '/azure/': 'https://learn.microsoft.com/{locale}/azure/',
    '/azure/sentinel/': 'https://sentinel.example.org/{locale}/',
  },
  ignoreLinks: ['/api/'],
}

/** Untranslated articles link the default locale's page (`fallback: 'none'`). */
const site = siteIndexOf({ ...spec, fallback: 'none' })
/** Every locale has a page for every article (`fallback: 'page'`, the default). */
const fallbackPagesSite = siteIndexOf(spec)

/** The same site without external roots, so a root-relative miss is broken. */
const closedSite: SiteIndex = { ...site, externalRoots: [] }

function resolve(url: string, options: { locale?: string; relPath?: string; isImage?: boolean; site?: SiteIndex } = {}) {
  return resolveLink(url, {
    site: options.site ?? site,
    locale: options.locale ?? 'en-us',
    relPath: options.relPath ?? 'guide/page.md',
    isImage: options.isImage ?? false,
  })
}

function page(locale: string, relPath: string, rest: { search?: string; hash?: string; warnings?: Array<{ rule: string; reason: string }> } = {}) {
  return { kind: 'page', locale, relPath, search: rest.search ?? '', hash: rest.hash ?? '', warnings: rest.warnings ?? [] }
}

describe('resolveLink', function () {
  describe('relative article links', function () {
    it('should resolve a sibling article in the page locale', function () {
      expect(resolve('x.md', { locale: 'da-dk' })).toEqual(page('da-dk', 'guide/x.md'))
    })

    it('should resolve a parent-relative article and keep its fragment', function () {
      expect(resolve('../a/x.md#anchor')).toEqual(page('en-us', 'a/x.md', { hash: 'anchor' }))
    })

    it('should keep the query and the fragment', function () {
      expect(resolve('x.md?tabs=y#a')).toEqual(page('en-us', 'guide/x.md', { search: '?tabs=y', hash: 'a' }))
    })

    it('should decode the fragment', function () {
      expect(resolve('x.md#caf%C3%A9')).toEqual(page('en-us', 'guide/x.md', { hash: 'café' }))
    })

    it('should resolve a folder link with a trailing slash to its index.md', function () {
      expect(resolve('guide/', { relPath: 'index.md' })).toEqual(page('en-us', 'guide/index.md'))
    })

    it('should resolve a folder link without a trailing slash to its index.md', function () {
      expect(resolve('guide', { relPath: 'index.md' })).toEqual(page('en-us', 'guide/index.md'))
    })

    it('should resolve the parent folder to the root index.md', function () {
      expect(resolve('../', { locale: 'da-dk' })).toEqual(page('da-dk', 'index.md'))
    })

    it('should resolve a target that differs only in letter case, with a `link-case` warning', function () {
      expect(resolve('triage.md#scope')).toEqual(
        page('en-us', 'guide/Triage.md', {
          hash: 'scope',
          warnings: [{ rule: 'link-case', reason: '`triage.md` differs in letter case from `guide/Triage.md`; write it as the file is named' }],
        }),
      )
    })

    it("should link the default locale's page of an untranslated article, with a `link-to-fallback` warning", function () {
      expect(resolve('only-english.md#scope', { locale: 'da-dk' })).toEqual(
        page('en-us', 'guide/only-english.md', {
          hash: 'scope',
          warnings: [{ rule: 'link-to-fallback', reason: '`only-english.md` is not translated into `da-dk`; linking the `en-us` page' }],
        }),
      )
    })

    it("should link the locale's own fallback page of an untranslated article when fallback pages are built", function () {
      expect(resolve('only-english.md#scope', { locale: 'da-dk', site: fallbackPagesSite })).toEqual(
        page('da-dk', 'guide/only-english.md', {
          hash: 'scope',
          warnings: [{ rule: 'link-to-fallback', reason: '`only-english.md` is not translated into `da-dk`; readers get the `en-us` text' }],
        }),
      )
    })

    it('should report a missing article, naming the path it looked for', function () {
      expect(resolve('runbook.md#contain')).toEqual({
        kind: 'broken',
        problem: { rule: 'broken-link', reason: 'Cannot find `runbook.md` (looked for `guide/runbook.md`)' },
      })
    })

    it('should report a missing extensionless link with the `.md` path it looked for', function () {
      expect(resolve('runbook')).toEqual({
        kind: 'broken',
        problem: { rule: 'broken-link', reason: 'Cannot find `runbook` (looked for `guide/runbook.md`)' },
      })
    })

    it('should report a path that escapes the content root', function () {
      expect(resolve('../../secret.md')).toEqual({
        kind: 'broken',
        problem: { rule: 'broken-link', reason: 'Link `../../secret.md` points outside the content root' },
      })
    })
  })

  describe('same-page links', function () {
    it('should return a fragment for `#anchor`', function () {
      expect(resolve('#anchor')).toEqual({ kind: 'fragment', hash: 'anchor' })
    })

    it('should return a fragment for a query on the same page', function () {
      expect(resolve('?view=x#anchor')).toEqual({ kind: 'fragment', hash: 'anchor' })
    })

    it('should keep a query without a fragment', function () {
      expect(resolve('?view=x')).toEqual({ kind: 'keep' })
    })

    it('should keep an empty URL', function () {
      expect(resolve('')).toEqual({ kind: 'keep' })
    })
  })

  describe('root-relative links', function () {
    it('should resolve `/docset/path` without `.md`', function () {
      expect(resolve('/guide/x', { relPath: 'a/x.md' })).toEqual(page('en-us', 'guide/x.md'))
    })

    it('should resolve `/docset/path.md`', function () {
      expect(resolve('/guide/x.md?tabs=kql#steps', { relPath: 'a/x.md' })).toEqual(
        page('en-us', 'guide/x.md', { search: '?tabs=kql', hash: 'steps' }),
      )
    })

    it('should resolve `/docset/folder/` to its index.md', function () {
      expect(resolve('/guide/', { locale: 'da-dk', relPath: 'a/x.md' })).toEqual(page('da-dk', 'guide/index.md'))
    })

    it('should report a missing page under a docset folder of this build even when a catch-all external root exists', function () {
      expect(resolve('/guide/missing')).toEqual({
        kind: 'broken',
        problem: { rule: 'broken-link', reason: 'Cannot find `/guide/missing` (looked for `guide/missing.md`)' },
      })
    })

    it('should report a missing root-relative page when no external root maps it', function () {
      expect(resolve('/elsewhere/page', { site: closedSite })).toEqual({
        kind: 'broken',
        problem: {
          rule: 'broken-link',
          reason: 'Cannot find `/elsewhere/page` in this build; add its root to `externalRoots` or `ignoreLinks` if it lives elsewhere',
        },
      })
    })
  })

  describe('redirects', function () {
    it('should follow a redirect to its target page, with a `redirected-link` warning', function () {
      expect(resolve('old.md#step')).toEqual(
        page('en-us', 'guide/new.md', {
          hash: 'step',
          warnings: [{ rule: 'redirected-link', reason: '`old.md` is redirected to `/guide/new`; link the target directly' }],
        }),
      )
    })

    it('should follow a chain of two redirects, warning about each hop', function () {
      expect(resolve('older.md')).toEqual(
        page('en-us', 'guide/new.md', {
          warnings: [
            { rule: 'redirected-link', reason: '`older.md` is redirected to `/guide/old`; link the target directly' },
            { rule: 'redirected-link', reason: '`/guide/old` is redirected to `/guide/new`; link the target directly' },
          ],
        }),
      )
    })

    it('should stop a redirect loop with an error naming the link as written', function () {
      expect(resolve('loop-a.md')).toEqual({
        kind: 'broken',
        problem: { rule: 'broken-link', reason: 'Link `loop-a.md` goes through more than 5 redirects' },
      })
    })
  })

  describe('external roots and ignored links', function () {
    it('should map a root outside the build by the longest matching prefix, filling in the locale', function () {
      expect(resolve('/azure/sentinel/overview', { locale: 'da-dk' })).toEqual({ kind: 'url', url: 'https://sentinel.example.org/da-dk/overview' })
      expect(resolve('/azure/monitor/logs', { locale: 'da-dk' })).toEqual({ kind: 'url', url: 'https://learn.microsoft.com/da-dk/azure/monitor/logs' })
      expect(resolve('/defender/xdr', { locale: 'da-dk' })).toEqual({ kind: 'url', url: 'https://learn.microsoft.com/da-dk/defender/xdr' })
    })

    it('should keep the query and the fragment as written on an external root', function () {
      expect(resolve('/azure/monitor/logs?tabs=kql#step%201')).toEqual({
        kind: 'url',
        url: 'https://learn.microsoft.com/en-us/azure/monitor/logs?tabs=kql#step%201',
      })
    })

    it('should keep a link under `ignoreLinks` without checking it', function () {
      expect(resolve('/api/graph/v1', { site: closedSite })).toEqual({ kind: 'keep' })
    })
  })

  describe('external URLs', function () {
    it('should keep a valid web address and a mailto link', function () {
      expect(resolve('https://learn.microsoft.com/defender/')).toEqual({ kind: 'keep' })
      expect(resolve('mailto:soc@example.org')).toEqual({ kind: 'keep' })
    })

    it('should report a host without a dot as an invalid URL', function () {
      expect(resolve('http://www')).toEqual({
        kind: 'broken',
        problem: { rule: 'invalid-url', reason: '`http://www` is not a valid web address' },
      })
    })

    it('should report a doubled scheme as an invalid URL', function () {
      expect(resolve('https://https://x.com/')).toEqual({
        kind: 'broken',
        problem: { rule: 'invalid-url', reason: '`https://https://x.com/` is not a valid web address' },
      })
    })
  })

  describe('images and assets', function () {
    it("should resolve an image in the page's locale", function () {
      expect(resolve('media/flow.png', { locale: 'da-dk', isImage: true })).toEqual({
        kind: 'asset',
        locale: 'da-dk',
        relPath: 'guide/media/flow.png',
        search: '',
        hash: '',
        warnings: [],
      })
    })

    it("should resolve an image only the default locale has to the default locale's asset", function () {
      expect(resolve('media/english-only.png', { locale: 'da-dk', isImage: true })).toEqual({
        kind: 'asset',
        locale: 'en-us',
        relPath: 'guide/media/english-only.png',
        search: '',
        hash: '',
        warnings: [],
      })
    })

    it('should report a missing image as `missing-asset`', function () {
      expect(resolve('media/nope.png', { isImage: true })).toEqual({
        kind: 'broken',
        problem: { rule: 'missing-asset', reason: 'Cannot find `media/nope.png` (looked for `guide/media/nope.png`)' },
      })
    })

    it('should report a missing download linked as a file as `missing-asset`', function () {
      expect(resolve('files/playbook.zip')).toEqual({
        kind: 'broken',
        problem: { rule: 'missing-asset', reason: 'Cannot find `files/playbook.zip` (looked for `guide/files/playbook.zip`)' },
      })
    })
  })

  describe('DocFX YAML pages', function () {
    it('should mark a folder holding an `index.yml` landing page as unbuilt', function () {
      expect(resolve('../hub/')).toEqual({ kind: 'unbuilt', relPath: 'hub/index.yml' })
    })

    it('should mark a link to the `index.yml` itself as unbuilt', function () {
      expect(resolve('../hub/index.yml', { locale: 'da-dk' })).toEqual({ kind: 'unbuilt', relPath: 'hub/index.yml' })
    })
  })
})
