import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

// Pages are built at `<locale>/<path without .md>/index.html`, so `guide/page.md`
// in en-us is served from `en-us/guide/page/`.
const site = siteWith(
  {
    'en-us': ['index.md', 'guide/page.md', 'guide/analyze.md', 'guide/only-english.md', 'guide/sub/index.md', 'reference/kql.md'],
    'da-dk': ['guide/page.md', 'guide/analyze.md', 'reference/kql.md'],
  },
  {
    'en-us': ['guide/media/flow.png', 'guide/media/english-only.png'],
    'da-dk': ['guide/media/flow.png'],
  },
)

function hrefs(markdown: string, locale = 'en-us') {
  const { hast, messages } = renderMarkdown(markdown, { locale, site })
  return { hrefs: selectAll('a', hast).map((node) => [toString(node), node.properties.href]), messages }
}

describe('remarkRewriteLinks', function () {
  it('should point article links at the built pages of the same locale', function () {
    const markdown = '[a](analyze.md) [b](../reference/kql.md#summarize) [c](analyze.md?tabs=defender#triage)\n'
    expect(hrefs(markdown, 'da-dk')).toEqual({
      hrefs: [
        ['a', '../analyze/'],
        ['b', '../../reference/kql/#summarize'],
        ['c', '../analyze/?tabs=defender#triage'],
      ],
      messages: [],
    })
  })

  it("should link the default locale's page when the article is not translated", function () {
    expect(hrefs('[a](only-english.md#scope)\n', 'da-dk')).toEqual({
      hrefs: [['a', '../../../en-us/guide/only-english/#scope']],
      messages: [
        'da-dk/guide/page.md:1:1: warning: `only-english.md` is not translated into `da-dk`; linking the `en-us` page [link-to-fallback]',
      ],
    })
  })

  it('should link a folder to its index page, falling back to the default locale', function () {
    expect(hrefs('[sub](sub/) [home](../)\n', 'da-dk')).toEqual({
      hrefs: [
        ['sub', '../../../en-us/guide/sub/'],
        ['home', '../../../en-us/'],
      ],
      messages: [
        'da-dk/guide/page.md:1:1: warning: `sub/` is not translated into `da-dk`; linking the `en-us` page [link-to-fallback]',
        'da-dk/guide/page.md:1:13: warning: `../` is not translated into `da-dk`; linking the `en-us` page [link-to-fallback]',
      ],
    })
  })

  it('should rewrite reference definitions', function () {
    expect(hrefs('See the [analysis][analyze].\n\n[analyze]: analyze.md#steps\n')).toEqual({
      hrefs: [['analysis', '../analyze/#steps']],
      messages: [],
    })
  })

  it('should report a missing article at the link and write its text without a URL', function () {
    expect(hrefs('Next, see [the runbook](runbook.md#contain).\n')).toEqual({
      hrefs: [['the runbook', undefined]],
      messages: ['en-us/guide/page.md:1:11: error: Cannot find `runbook.md` (looked for `guide/runbook.md`) [broken-link]'],
    })
  })

  it('should report a link that leaves the content root', function () {
    expect(hrefs('# Page\n\n[passwd](../../../etc/passwd.md)\n')).toEqual({
      hrefs: [['passwd', undefined]],
      messages: ['en-us/guide/page.md:3:1: error: Link `../../../etc/passwd.md` points outside the content root [broken-link]'],
    })
  })

  it('should leave external links and fragments alone', function () {
    const markdown = '[ms](https://learn.microsoft.com/defender/analyze.md) [mail](mailto:soc@example.org) [here](#triage)\n'
    expect(hrefs(markdown)).toEqual({
      hrefs: [
        ['ms', 'https://learn.microsoft.com/defender/analyze.md'],
        ['mail', 'mailto:soc@example.org'],
        ['here', '#triage'],
      ],
      messages: [],
    })
  })

  it('should point images at the page folder, falling back to the default locale copy', function () {
    const { hast, messages } = renderMarkdown('![flow](media/flow.png) ![english](media/english-only.png)\n', { locale: 'da-dk', site })
    expect(messages).toEqual([])
    expect(selectAll('img', hast).map((node) => node.properties.src)).toEqual([
      '../media/flow.png',
      '../../../en-us/guide/media/english-only.png',
    ])
  })

  it('should point an image of a nested page at its own folder', function () {
    const { hast } = renderMarkdown('![flow](../media/flow.png)\n', { relPath: 'guide/sub/index.md', site })
    expect(select('img', hast)!.properties.src).toBe('../media/flow.png')
  })

  it('should report a broken link inside an include at the include, naming the link as written there', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n[!INCLUDE [steps](../includes/steps.md)]\n', {
      site,
      files: { 'includes/steps.md': 'Follow these steps.\n\n[Next](next-step.md)\n\n[Analyze](../guide/analyze.md)\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/steps.md:3:1: error: Cannot find `next-step.md` (looked for `includes/next-step.md`) [broken-link]',
    ])
    expect(selectAll('a', hast).map((node) => [toString(node), node.properties.href])).toEqual([
      ['Next', undefined],
      ['Analyze', '../analyze/'],
    ])
  })

  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk: a
  // reference link to a refused definition was written as `href=""`.
  it('should write a reference link or image to a refused definition without a URL', function () {
    const { hast, messages } = renderMarkdown('[x]: javascript:alert(1)\n\n[ref][x] and ![pic][x]\n', { site })
    expect(selectAll('a', hast).map((node) => node.properties)).toEqual([{}])
    expect(selectAll('img', hast).map((node) => node.properties.src)).toEqual([undefined])
    expect(messages).toEqual(['en-us/guide/page.md:1:1: error: Link `javascript:alert(1)` is not written: `javascript:` URLs are not allowed [unsafe-url]'])
  })

  // A link that leads nowhere keeps its text and its diagnostic but gets no `href`, so a site
  // published with the rule as a warning has no link into a 404 (see remark-rewrite-links.ts).
  it('should write a link to a missing download, a YAML page or a missing reference target without a URL', function () {
    const { hast, messages } = renderMarkdown(
      '[poster](downloads/poster.pdf) [hub](../hub/index.yml) [old][gone] ![flow](media/missing.png) ![ref image][pic]\n\n[gone]: gone.md\n[pic]: media/none.png\n',
      { site: { ...site, yamlPages: new Set(['hub/index.yml']) } },
    )
    expect(selectAll('a', hast).map((node) => [toString(node), node.properties.href])).toEqual([
      ['poster', undefined],
      ['hub', undefined],
      ['old', undefined],
    ])
    // Images keep their `src`, so the reader sees the alt text where the picture would be.
    expect(selectAll('img', hast).map((node) => [node.properties.alt, node.properties.src])).toEqual([
      ['flow', './media/missing.png'],
      ['ref image', './media/none.png'],
    ])
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: Cannot find `downloads/poster.pdf` (looked for `guide/downloads/poster.pdf`) [missing-asset]',
      'en-us/guide/page.md:1:32: warning: `../hub/index.yml` is a DocFX YAML page, which tolk does not build yet; the link text is shown without a link [link-to-unbuilt-page]',
      'en-us/guide/page.md:1:68: error: Cannot find `media/missing.png` (looked for `guide/media/missing.png`) [missing-asset]',
      'en-us/guide/page.md:3:1: error: Cannot find `gone.md` (looked for `guide/gone.md`) [broken-link]',
      'en-us/guide/page.md:4:1: error: Cannot find `media/none.png` (looked for `guide/media/none.png`) [missing-asset]',
    ])
  })

  it('should resolve raw HTML links as Markdown links, and write a dead one without a URL', function () {
    const { hast, messages } = renderMarkdown(
      '<table><tr><td>See <a href="analyze.md#steps">analysis</a>, <a href="runbook.md">runbook</a> and <a href="https://example.org/">site</a>.</td></tr></table>\n\n<img src="media/flow.png" alt="flow"> <img src="media/gone.png" alt="gone">\n',
      { site },
    )
    expect(selectAll('a', hast).map((node) => [toString(node), node.properties.href])).toEqual([
      ['analysis', '../analyze/#steps'],
      ['runbook', undefined],
      ['site', 'https://example.org/'],
    ])
    expect(selectAll('img', hast).map((node) => node.properties.src)).toEqual(['../media/flow.png', './media/gone.png'])
    expect(messages).toEqual([
      'en-us/guide/page.md:1:61: error: Cannot find `runbook.md` (looked for `guide/runbook.md`) [broken-link]',
      'en-us/guide/page.md:3:39: error: Cannot find `media/gone.png` (looked for `guide/media/gone.png`) [missing-asset]',
    ])
  })
})
