import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { slashedPath } from '../../../src/links/backslash-path.ts'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const site = siteWith(
  { 'en-us': ['index.md', 'guide/page.md', 'guide/analyze.md', 'guide/sub/deep.md', 'reference/kql.md'] },
  { 'en-us': ['guide/media/flow.png', 'media/check.png'] },
)

function linksOf(markdown: string, files: Record<string, string> = {}) {
  const { hast, messages } = renderMarkdown(markdown, { site, files })
  return {
    links: selectAll('a', hast).map((node) => [toString(node), node.properties.href ?? null]),
    images: selectAll('img', hast).map((node) => node.properties.src ?? null),
    messages,
  }
}

describe('slashedPath', function () {
  it('should read the backslashes of a relative path as slashes, and leave query and fragment alone', function () {
    expect(slashedPath('..\\a.md')).toBe('../a.md')
    expect(slashedPath('a\\b.md#x\\y')).toBe('a/b.md#x\\y')
    expect(slashedPath('.\\a.md?tabs=a\\b')).toBe('./a.md?tabs=a\\b')
    expect(slashedPath('a/b\\c.md')).toBe('a/b/c.md')
    expect(slashedPath('\\images\\a.png')).toBe('/images/a.png')
  })

  it('should leave paths without backslashes, URLs with a scheme and network paths as written', function () {
    expect(slashedPath('../a.md')).toBeUndefined()
    expect(slashedPath('a.md#x\\y')).toBeUndefined()
    expect(slashedPath('https://example.org\\a')).toBeUndefined()
    expect(slashedPath('C:\\x')).toBeUndefined()
    expect(slashedPath('\\\\server\\x')).toBeUndefined()
    expect(slashedPath('/\\evil.example')).toBeUndefined()
    expect(slashedPath('\\/evil.example')).toBeUndefined()
  })
})

describe('backslashes in links', function () {
  it('should resolve `..\\a.md`, `a\\b.md#x`, `.\\a.md` and `a/b\\c.md` as DocFX does, with a warning at each link', function () {
    const markdown = '[up](..\\reference\\kql.md) [sub](sub\\deep.md#x) [here](.\\analyze.md) [mixed](../guide/sub\\deep.md)\n'
    expect(linksOf(markdown)).toEqual({
      links: [
        ['up', '../../reference/kql/'],
        ['sub', '../sub/deep/#x'],
        ['here', '../analyze/'],
        ['mixed', '../sub/deep/'],
      ],
      images: [],
      messages: [
        'en-us/guide/page.md:1:1: warning: `..\\reference\\kql.md` separates folders with `\\`; read as `../reference/kql.md` (write `/`) [link-backslash]',
        'en-us/guide/page.md:1:27: warning: `sub\\deep.md#x` separates folders with `\\`; read as `sub/deep.md#x` (write `/`) [link-backslash]',
        'en-us/guide/page.md:1:48: warning: `.\\analyze.md` separates folders with `\\`; read as `./analyze.md` (write `/`) [link-backslash]',
        'en-us/guide/page.md:1:69: warning: `../guide/sub\\deep.md` separates folders with `\\`; read as `../guide/sub/deep.md` (write `/`) [link-backslash]',
      ],
    })
  })

  it('should resolve images and root-relative paths written with backslashes', function () {
    expect(linksOf('![flow](media\\flow.png) ![check](\\media\\check.png)\n')).toEqual({
      links: [],
      images: ['../media/flow.png', '../../media/check.png'],
      messages: [
        'en-us/guide/page.md:1:1: warning: `media\\flow.png` separates folders with `\\`; read as `media/flow.png` (write `/`) [link-backslash]',
        'en-us/guide/page.md:1:25: warning: `\\media\\check.png` separates folders with `\\`; read as `/media/check.png` (write `/`) [link-backslash]',
      ],
    })
  })

  it('should keep containment: a backslash path out of the content root is broken', function () {
    // Markdown reads `\.` as an escaped dot, so real links climb with `../` before a backslash.
    expect(linksOf('[out](../..\\etc\\passwd.md)\n')).toEqual({
      // A link that leads nowhere keeps its text and gets no href.
      links: [['out', null]],
      images: [],
      messages: [
        'en-us/guide/page.md:1:1: warning: `../..\\etc\\passwd.md` separates folders with `\\`; read as `../../etc/passwd.md` (write `/`) [link-backslash]',
        'en-us/guide/page.md:1:1: error: Link `../..\\etc\\passwd.md` points outside the content root [broken-link]',
      ],
    })
  })

  it('should never read a network path or a drive path as a page: the URL policy refuses them', function () {
    // `\\\\` in Markdown is one escaped backslash: `\\\\\\\\server` is the link `\\\\server`.
    const { hast, messages } = renderMarkdown('[unc](\\\\\\\\server\\x) [drive](C:\\x)\n', { site })
    expect(selectAll('a', hast).map((node) => node.properties.href ?? null)).toEqual([null, null])
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: Link `\\\\server\\x` is not written: protocol-relative URLs (`//host`) are not allowed [unsafe-url]',
      'en-us/guide/page.md:1:21: error: Link `C:\\x` is not written: `c:` URLs are not allowed [unsafe-url]',
    ])
  })

  it('should read backslashes in an include path and in the links of an include, warning in the include', function () {
    const files = { 'includes/note.md': 'See [kql](..\\reference\\kql.md).\n' }
    const { hast, messages } = renderMarkdown('[!INCLUDE [note](..\\includes\\note.md)]\n', { site, files })
    expect(select('a', hast)?.properties.href).toBe('../../reference/kql/')
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: warning: Include `..\\includes\\note.md` separates folders with `\\`; read as `../includes/note.md` (write `/`) [link-backslash]',
      'en-us/includes/note.md:1:5: warning: `..\\reference\\kql.md` separates folders with `\\`; read as `../reference/kql.md` (write `/`) [link-backslash]',
    ])
  })
})
