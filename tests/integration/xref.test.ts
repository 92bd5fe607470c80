/**
 * Cross-references (issue #12, defect 6) over a two-locale site: uids from
 * front matter and a Landing page, `xref:` links, `<xref:…>` autolinks,
 * `<xref>` tags and `@uid` shorthands resolve to the page in the reader's
 * locale (or its fallback page), external maps give API links, an unknown
 * uid is an `xref-not-found` error at its place, and the site's own
 * `xrefmap.yml` files are written.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import type { Root } from 'hast'
import { parse } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSite, renderSitePages, repoRoot } from '../helpers/build-site.ts'

const siteDir = path.join(repoRoot, 'tests/fixtures/sites/xref')

describe('cross-references', function () {
  let pages: Map<string, Root>
  let messages: string[]

  beforeAll(async function () {
    ;({ pages, messages } = await renderSitePages(siteDir))
  })

  const links = (file: string, selector = 'article p a') =>
    selectAll(selector, pages.get(file)!).map((link) => [toString(link), link.properties.href ?? null])

  it('should report unknown uids and duplicate uids at their places, and nothing else', function () {
    expect(messages).toEqual([
      'content/en-us/guide/dup.md:3:1: warning: uid `guide.hunt` is also defined by `guide/hunt.md`; cross-references to it go to `guide/dup.md` [xref-duplicate-uid]',
      'content/en-us/guide/hunt.md:3:1: warning: uid `guide.hunt` is also defined by `guide/dup.md`; cross-references to it go to `guide/dup.md` [xref-duplicate-uid]',
      "content/en-us/guide/hunt.md:18:55: error: Cannot find uid `guide.gone` among this site's `uid`s or its `xrefMaps`; the text is shown without a link [xref-not-found]",
      "content/en-us/includes/shared.md:1:46: error: Cannot find uid `guide.missing` among this site's `uid`s or its `xrefMaps`; the text is shown without a link [xref-not-found]",
      'content/tr-tr/guide/hunt.md:7:35: warning: `@guide.home` is not translated into `tr-tr`; readers get the `en-us` text [link-to-fallback]',
      "content/tr-tr/guide/hunt.md:7:50: error: Cannot find uid `guide.dup-only` among this site's `uid`s or its `xrefMaps`; the text is shown without a link [xref-not-found]",
      'maps/api.yml:8:3: warning: 1 of 2 references are not used: each needs a `uid` and an `href` that is an http(s) URL [xref-map-entry]',
    ])
  })

  it('should resolve xref: links, <xref:…> autolinks and <xref> tags, with the target title as text when the link has none', function () {
    const all = links('en-us/guide/hunt/index.html')
    expect(all.slice(0, 3)).toEqual([
      ['the triage steps', '../triage/'],
      ['Triage an alert', '../triage/'],
      // `#anchor` stays on the URL (and is checked against the target's ids).
      ['Triage an alert', '../triage/#assign-the-alert'],
    ])
    expect(all).toContainEqual(['Triage an alert', '../triage/'])
    expect(links('en-us/guide/hunt/index.html', 'article p:nth-of-type(6) a')).toEqual([
      ['Triage an alert', '../triage/'],
      // An unknown uid keeps its text, without a link into nowhere.
      ['gone', null],
    ])
  })

  it('should resolve @uid and @"uid" by DocFX rules, leaving escaped, e-mail, code and unknown @ text alone', function () {
    const shorthands = select('article p:nth-of-type(3)', pages.get('en-us/guide/hunt/index.html')!)!
    expect(toString(shorthands)).toBe('A shorthand: Triage an alert. Quoted: Triage an alert. Escaped: @guide.triage. Mail: someone@guide.triage.')
    expect(selectAll('a', shorthands).map((link) => link.properties.href)).toEqual(['../triage/', '../triage/', 'mailto:someone@guide.triage'])
    const plain = select('article p:nth-of-type(4)', pages.get('en-us/guide/hunt/index.html')!)!
    expect(toString(plain)).toBe('Not a uid: @mentions and @contoso.com stay text. Code: @guide.triage.')
    expect(selectAll('a', plain)).toEqual([])
  })

  it('should link uids of an external xref map with displayProperty and #anchor', function () {
    expect(links('en-us/guide/hunt/index.html', 'article p:nth-of-type(5) a')).toEqual([
      ['System.String', 'https://learn.example.com/api/system.string'],
      ['text', 'https://learn.example.com/api/system.string#remarks'],
    ])
  })

  it('should resolve links in includes against the including page, and report them in the include', function () {
    expect(links('en-us/guide/hunt/index.html', 'article p:nth-of-type(7) a')).toEqual([
      ['hunt', '../dup/'],
      ['guide.missing', null],
    ])
  })

  it("should link the reader's locale: its own translation with its own title, else its fallback page", function () {
    expect(links('tr-tr/guide/hunt/index.html')).toEqual([
      ['Bir uyarıyı değerlendirme', '../triage/'],
      // guide/index.yml is not translated: the tr-tr fallback page, under the Landing page's title.
      ['Guide home', '../'],
      ['guide.dup-only', null],
    ])
  })
})

describe("the site's own xrefmap.yml", function () {
  it('should write one per locale and one at the root, sorted, hrefs relative to the map with baseUrl from siteUrl', async function () {
    // The fixture's unknown uids are errors; as warnings the site is written (the rule is not locked).
    const { outDir, result } = await buildSite(siteDir, { rules: ['xref-not-found=warning'] })
    expect(result.written).toBe(true)
    const read = (file: string) => parse(readFileSync(path.join(outDir, file), 'utf8')) as unknown
    expect(read('xrefmap.yml')).toEqual({
      sorted: true,
      baseUrl: 'https://docs.example.org/',
      references: [
        { uid: 'guide.home', name: 'Guide home', href: './en-us/guide/' },
        { uid: 'guide.hunt', name: 'Duplicate', href: './en-us/guide/dup/' },
        { uid: 'guide.triage', name: 'Triage an alert', href: './en-us/guide/triage/' },
      ],
    })
    expect(read('tr-tr/xrefmap.yml')).toEqual({
      sorted: true,
      baseUrl: 'https://docs.example.org/tr-tr/',
      references: [
        { uid: 'guide.home', name: 'Guide home', href: './guide/' },
        { uid: 'guide.hunt', name: 'Duplicate', href: './guide/dup/' },
        { uid: 'guide.triage', name: 'Bir uyarıyı değerlendirme', href: './guide/triage/' },
      ],
    })
    expect(readFileSync(path.join(outDir, 'en-us/xrefmap.yml'), 'utf8')).toMatch(/^### YamlMime:XRefMap\n/)
  })
})
