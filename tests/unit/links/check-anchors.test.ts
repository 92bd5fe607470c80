import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { checkAnchors, pageKey, type AnchorsByPage } from '../../../src/links/check-anchors.ts'
import type { AnchorCheck } from '../../../src/links/remark-rewrite-links.ts'
import { createProcessor } from '../../../src/markdown/create-processor.ts'
import { createCodeHighlighter } from '../../../src/markdown/plugins/rehype-highlight-code.ts'
import { cwd, root, virtualFs } from '../../helpers/render-markdown.ts'
import { siteIndexOf } from '../site-index-of.ts'

const anchorsByPage: AnchorsByPage = new Map([
  [pageKey('en-us', 'guide/analyze.md'), new Set(['scope', 'triage-steps'])],
  [pageKey('en-us', 'guide/page.md'), new Set(['next-step', 'overview'])],
])

/** A check written on line 3, column 5 of `en-us/guide/page.md`. */
function check(fields: Pick<AnchorCheck, 'relPath' | 'hash' | 'written'> & Partial<AnchorCheck>): AnchorCheck {
  return { locale: 'en-us', file: '/virtual/en-us/guide/page.md', line: 3, column: 5, ...fields }
}

function messagesOf(checks: AnchorCheck[]): string[] {
  return checkAnchors(checks, anchorsByPage).map((message) => formatHuman(message, { cwd: '/virtual' }))
}

describe('checkAnchors', function () {
  it('should accept an anchor that exists on the target page', function () {
    expect(messagesOf([check({ relPath: 'guide/analyze.md', hash: 'scope', written: 'analyze.md#scope' })])).toEqual([])
  })

  it('should report a missing anchor on another page with a did-you-mean suggestion', function () {
    expect(messagesOf([check({ relPath: 'guide/analyze.md', hash: 'triage-step', written: 'analyze.md#triage-step' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#triage-step` in `analyze.md`; did you mean `#triage-steps`? [broken-anchor]',
    ])
  })

  it('should report a missing anchor on another page without a suggestion when nothing is close', function () {
    expect(messagesOf([check({ relPath: 'guide/analyze.md', hash: 'containment', written: '../guide/analyze.md#containment' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#containment` in `../guide/analyze.md` [broken-anchor]',
    ])
  })

  it('should suggest an id that differs only in letter case', function () {
    expect(messagesOf([check({ relPath: 'guide/analyze.md', hash: 'Scope', written: 'analyze.md#Scope' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#Scope` in `analyze.md`; did you mean `#scope`? [broken-anchor]',
    ])
  })

  it('should word a missing anchor on the same page as "this page"', function () {
    expect(messagesOf([check({ relPath: 'guide/page.md', hash: 'overveiw', written: '#overveiw' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#overveiw` in this page; did you mean `#overview`? [broken-anchor]',
    ])
    expect(messagesOf([check({ relPath: 'guide/page.md', hash: 'glossary', written: '#glossary' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#glossary` in this page [broken-anchor]',
    ])
  })

  it('should word a same-page link with a query as "this page"', function () {
    expect(messagesOf([check({ relPath: 'guide/page.md', hash: 'glossary', written: '?view=kql#glossary' })])).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#glossary` in this page [broken-anchor]',
    ])
  })

  it('should skip a page that failed to render, which has no entry', function () {
    expect(messagesOf([check({ relPath: 'guide/broken.md', hash: 'scope', written: 'broken.md#scope' })])).toEqual([])
  })

  it('should report each check at its own file, line and column, in order', function () {
    const checks = [
      check({ relPath: 'guide/analyze.md', hash: 'nope', written: 'analyze.md#nope', line: 12, column: 30 }),
      check({ relPath: 'guide/analyze.md', hash: 'scope', written: 'analyze.md#scope', line: 13, column: 1 }),
      check({ relPath: 'guide/page.md', hash: 'next-steps', written: '../guide/page.md#next-steps', file: '/virtual/en-us/includes/steps.md', line: 2, column: 7 }),
    ]
    expect(messagesOf(checks)).toEqual([
      'en-us/guide/page.md:12:30: error: Cannot find `#nope` in `analyze.md`; did you mean `#scope`? [broken-anchor]',
      'en-us/includes/steps.md:2:7: error: Cannot find `#next-steps` in `../guide/page.md`; did you mean `#next-step`? [broken-anchor]',
    ])
  })

  it("should check a page of another locale against that locale's ids", function () {
    const checks = [check({ locale: 'da-dk', relPath: 'guide/analyze.md', hash: 'scope', written: 'analyze.md#scope' })]
    const byPage: AnchorsByPage = new Map([...anchorsByPage, [pageKey('da-dk', 'guide/analyze.md'), new Set(['omfang'])]])
    expect(checkAnchors(checks, byPage).map((message) => formatHuman(message, { cwd: '/virtual' }))).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#scope` in `analyze.md` [broken-anchor]',
    ])
  })
})

describe('checking the anchors noted while rendering', function () {
  const site = siteIndexOf({ articles: { 'en-us': ['guide/analyze.md', 'guide/page.md'] } })
  const files = { 'includes/links.md': 'Go to [the analysis](../guide/analyze.md#scope).\n' }
  const processor = createProcessor({ fs: virtualFs({ [root]: files }), maxIncludeDepth: 8, highlighter: createCodeHighlighter() })

  /** Render pages as the build does, then check every noted fragment against every page's ids. */
  function build(pages: Record<string, string>): string[] {
    const anchorsByPage: AnchorsByPage = new Map()
    const checks: AnchorCheck[] = []
    for (const [relPath, markdown] of Object.entries(pages)) {
      const file = new VFile({ path: `${root}/${relPath}`, value: markdown })
      file.data.page = { locale: 'en-us', relPath, contentLocale: 'en-us', roots: { root, fallbackRoot: undefined, docsetDir: '' }, site, t: (key) => key }
      processor.processSync(file)
      anchorsByPage.set(pageKey('en-us', relPath), new Set(file.data.anchors))
      checks.push(...(file.data.anchorChecks ?? []))
    }
    return checkAnchors(checks, anchorsByPage).map((message) => formatHuman(message, { cwd }))
  }

  it('should report fragments to other pages, the same page and from includes at the link as written', function () {
    const page = [
      '# Page',
      '',
      'See [the steps](analyze.md#triage-step), [the top](#pagee) and [the view](?view=kql#page).',
      '',
      '[!INCLUDE [links](../includes/links.md)]',
      '',
    ].join('\n')
    expect(build({ 'guide/analyze.md': '# Analyze\n\n## Triage steps\n', 'guide/page.md': page })).toEqual([
      'en-us/guide/page.md:3:5: error: Cannot find `#triage-step` in `analyze.md`; did you mean `#triage-steps`? [broken-anchor]',
      'en-us/guide/page.md:3:42: error: Cannot find `#pagee` in this page; did you mean `#page`? [broken-anchor]',
      'en-us/includes/links.md:1:7: error: Cannot find `#scope` in `../guide/analyze.md` [broken-anchor]',
    ])
  })
})
