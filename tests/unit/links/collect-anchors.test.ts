import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { createProcessor } from '../../../src/markdown/create-processor.ts'
import { createCodeHighlighter } from '../../../src/markdown/plugins/rehype-highlight-code.ts'
import { cwd, root, virtualFs } from '../../helpers/render-markdown.ts'
import { siteIndexOf } from '../site-index-of.ts'

const highlighter = createCodeHighlighter()

/** Render `guide/page.md` through the real processor and return its `file.data.anchors`, as the build reads them. */
function anchorsOf(markdown: string, files: Record<string, string> = {}) {
  const processor = createProcessor({ fs: virtualFs({ [root]: files }), maxIncludeDepth: 8, highlighter })
  const file = new VFile({ path: `${root}/guide/page.md`, value: markdown })
  file.data.page = {
    locale: 'en-us',
    relPath: 'guide/page.md',
    contentLocale: 'en-us',
    roots: { root, fallbackRoot: undefined, docsetDir: '' },
    site: siteIndexOf({ articles: { 'en-us': ['guide/page.md'] } }),
    t: (key) => key,
  }
  processor.processSync(file)
  return { anchors: file.data.anchors, messages: file.messages.map((message) => formatHuman(message, { cwd })) }
}

describe('rehypeCollectAnchors', function () {
  it('should collect heading ids in document order, numbering repeats', function () {
    expect(anchorsOf('# Analyze alerts\n\n## Scope\n\n## Scope\n\n### Næste trin\n')).toEqual({
      anchors: ['analyze-alerts', 'scope', 'scope-1', 'næste-trin'],
      messages: [
        'en-us/guide/page.md:5:1: warning: Heading text repeats the heading (line 3) with id `scope`; this one is `scope-1`, and links to `#scope` land on the first [duplicate-anchor]',
      ],
    })
  })

  it('should collect DocFX `<a name>` anchors in headings and in text', function () {
    const markdown = '## <a name="next-step"></a>Next step\n\nSee <a name="triage"></a>the triage list.\n'
    expect(anchorsOf(markdown)).toEqual({ anchors: ['next-step', 'triage'], messages: [] })
  })

  it('should collect ids written in raw HTML', function () {
    const markdown = '<div id="raw-block">\n\nText.\n\n</div>\n\nA <span id="raw-inline">term</span>.\n'
    expect(anchorsOf(markdown)).toEqual({ anchors: ['raw-block', 'raw-inline'], messages: [] })
  })

  it('should collect ids from included content', function () {
    const markdown = '# Page\n\n[!INCLUDE [steps](../includes/steps.md)]\n'
    const files = { 'includes/steps.md': '## Contain the threat\n\n<a name="isolate"></a>Isolate the device.\n' }
    expect(anchorsOf(markdown, files)).toEqual({ anchors: ['page', 'contain-the-threat', 'isolate'], messages: [] })
  })

  it('should collect the ids of GFM footnotes, which remark-rehype prefixes with `user-content-`', function () {
    expect(anchorsOf('Text[^1].\n\n[^1]: A note.\n')).toEqual({
      anchors: ['user-content-fnref-1', 'footnote-label', 'user-content-fn-1'],
      messages: [],
    })
  })

  it('should record an empty list for a page without ids', function () {
    expect(anchorsOf('Just text.\n')).toEqual({ anchors: [], messages: [] })
  })
})
