import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

function headingIds(markdown: string): Array<[unknown, string]> {
  const { hast } = renderMarkdown(markdown)
  return selectAll('h1, h2, h3, h4, h5, h6', hast).map((node) => [node.properties.id, toString(node)])
}

describe('rehypeHeadingAnchorNames', function () {
  it('should move a DocFX anchor name onto its heading and drop the anchor', function () {
    const { html, hast } = renderMarkdown('## <a name="next-step"></a>Next step\n', { strings: { 'heading.link': 'Link to this section: {heading}' } })
    expect(html).toBe('<div class="heading-wrapper heading-wrapper-h2"><h2 id="next-step">Next step</h2><a class="heading-link" href="#next-step" aria-label="Link to this section: Next step">#</a></div>')
    expect(select('h2 a', hast)).toBeUndefined()
  })

  it('should drop the space between the anchor and the heading text', function () {
    expect(headingIds('### <a name="contain"></a> Contain the host\n')).toEqual([['contain', 'Contain the host']])
  })

  it('should give a standalone named anchor the same id', function () {
    const { hast } = renderMarkdown('Read this first. <a name="before-you-start"></a>\n')
    const anchor = select('p > a', hast)!
    expect(anchor.properties).toEqual({ id: 'before-you-start' })
  })
})

describe('rehypeHeadingIds', function () {
  it('should slug headings without anchors, keeping non-ASCII letters', function () {
    expect(headingIds('## Før hændelsen\n\n## قبل الحادث\n\n## IJsland en ijsberen\n')).toEqual([
      ['før-hændelsen', 'Før hændelsen'],
      ['قبل-الحادث', 'قبل الحادث'],
      ['ijsland-en-ijsberen', 'IJsland en ijsberen'],
    ])
  })

  it('should make ids as DocFX does (Markdig auto-identifiers, GitHub mode)', function () {
    // DocFX's own test case: punctuation dropped, each space a hyphen, `_` and `-` kept.
    expect(headingIds('# This - is a &@! heading _ with . and ! -\n')).toEqual([
      ['this---is-a--heading-_-with--and---', 'This - is a &@! heading _ with . and ! -'],
    ])
  })

  it('should lower-case the Turkish dotted capital I to a plain i, as DocFX does', function () {
    // github-slugger gave `i̇çindekiler` (i + U+0307), so `#içindekiler` links broke.
    const { hast, messages } = renderMarkdown('## İçindekiler ve İlkeler\n\n[Bak](#içindekiler-ve-ilkeler)\n')
    expect(select('h2', hast)!.properties.id).toBe('içindekiler-ve-ilkeler')
    expect(messages).toEqual([])
  })

  it('should drop combining marks (Arabic harakat), letter numbers and circled letters, as DocFX does', function () {
    expect(headingIds('## إعداد الحِماية\n\n## Fase Ⅱ: Ⓐ-plan\n')).toEqual([
      ['إعداد-الحماية', 'إعداد الحِماية'],
      ['fase---plan', 'Fase Ⅱ: Ⓐ-plan'],
    ])
  })

  it('should name a heading without letters or digits `section`, as DocFX does', function () {
    expect(headingIds('## ???\n')).toEqual([['section', '???']])
  })

  it('should number repeated headings', function () {
    expect(headingIds('## Triage\n\n## Triage\n\n### Triage\n')).toEqual([
      ['triage', 'Triage'],
      ['triage-1', 'Triage'],
      ['triage-2', 'Triage'],
    ])
  })

  it('should not reuse an id that a DocFX anchor later on the page takes', function () {
    expect(headingIds('## Setup\n\n## <a name="setup"></a>Install the agent\n')).toEqual([
      ['setup-1', 'Setup'],
      ['setup', 'Install the agent'],
    ])
  })

  it('should not reuse the id of a standalone anchor', function () {
    const { hast } = renderMarkdown('<a name="scope"></a>\n\n## Scope\n')
    expect(select('p > a', hast)!.properties.id).toBe('scope')
    expect(select('h2', hast)!.properties.id).toBe('scope-1')
  })

  it('should keep an id written in raw HTML', function () {
    expect(headingIds('<h2 id="custom">Scope</h2>\n\n## Scope\n')).toEqual([
      ['custom', 'Scope'],
      ['scope', 'Scope'],
    ])
  })

  it('should keep every id unique, warning at each repeated written id and keeping the first', function () {
    const markdown = [
      '## <a name="setup"></a>Install',
      '',
      '## <a name="setup"></a>Configure',
      '',
      'Read on. <a name="setup"></a>',
      '',
      '<div id="setup-1">Raw</div>',
      '',
      '## Setup',
      '',
      '## Install',
      '',
      '[Jump](#setup)',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown)
    const ids = selectAll('[id]', hast).map((node) => node.properties.id)
    expect(ids).toEqual(['setup', 'setup-2', 'setup-3', 'setup-1', 'setup-4', 'install'])
    expect(new Set(ids).size).toBe(ids.length)
    expect(messages).toEqual([
      'en-us/guide/page.md:3:1: warning: Id `setup` is already on this page (line 1); this one is `setup-2`, and links to `#setup` land on the first [duplicate-anchor]',
      'en-us/guide/page.md:5:10: warning: Id `setup` is already on this page (line 1); this one is `setup-3`, and links to `#setup` land on the first [duplicate-anchor]',
    ])
    expect(select('h2', hast)!.properties.id).toBe('setup')
  })

  it('should warn at a raw HTML id that repeats a heading anchor', function () {
    const { hast, messages } = renderMarkdown('## <a name="scope"></a>Scope\n\n<p id="scope">Raw</p>\n')
    expect(selectAll('[id]', hast).map((node) => node.properties.id)).toEqual(['scope', 'scope-1'])
    expect(messages).toEqual([
      'en-us/guide/page.md:3:1: warning: Id `scope` is already on this page (line 1); this one is `scope-1`, and links to `#scope` land on the first [duplicate-anchor]',
    ])
  })

  it('should number a repeated heading text with a warning at the repeat', function () {
    const { hast, messages } = renderMarkdown('## Triage\n\n### Scope\n\n## Triage\n\n#### Triage\n')
    expect(selectAll('[id]', hast).map((node) => node.properties.id)).toEqual(['triage', 'scope', 'triage-1', 'triage-2'])
    expect(messages).toEqual([
      'en-us/guide/page.md:5:1: warning: Heading text repeats the heading (line 1) with id `triage`; this one is `triage-1`, and links to `#triage` land on the first [duplicate-anchor]',
      'en-us/guide/page.md:7:1: warning: Heading text repeats the heading (line 1) with id `triage`; this one is `triage-2`, and links to `#triage` land on the first [duplicate-anchor]',
    ])
  })

  it('should not warn when a heading slug only meets an id written elsewhere', function () {
    const { hast, messages } = renderMarkdown('<p id="triage">Raw</p>\n\n## Triage\n')
    expect(selectAll('[id]', hast).map((node) => node.properties.id)).toEqual(['triage', 'triage-1'])
    expect(messages).toEqual([])
  })
})

