import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { parseToc } from '../../../src/nav/parse-toc.ts'

function parse(text: string) {
  const file = new VFile({ path: '/virtual/en-us/guide/TOC.yml', value: text })
  const entries = parseToc(file)
  return { entries, messages: file.messages.map((message) => formatHuman(message, { cwd: '/virtual' })) }
}

describe('parseToc', function () {
  it('should read names, hrefs, nested items, `expanded` and `topicHref`', function () {
    const text = [
      '- name: Overview',
      '  href: index.md',
      '- name: Respond',
      '  expanded: true',
      '  href: respond/TOC.yml',
      '  topicHref: respond/index.md',
      '  items:',
      '    - name: Analyze',
      '      href: analyze.md#triage',
      '    - displayName: Contain',
      '      href: "contain.md"',
      '',
    ].join('\n')
    expect(parse(text)).toEqual({
      entries: [
        { name: 'Overview', href: 'index.md', topicHref: undefined, expanded: false, items: [], place: { line: 2, column: 9 } },
        {
          name: 'Respond',
          href: 'respond/TOC.yml',
          topicHref: 'respond/index.md',
          expanded: true,
          items: [
            { name: 'Analyze', href: 'analyze.md#triage', topicHref: undefined, expanded: false, items: [], place: { line: 9, column: 13 } },
            { name: 'Contain', href: 'contain.md', topicHref: undefined, expanded: false, items: [], place: { line: 11, column: 13 } },
          ],
          place: { line: 5, column: 9 },
        },
      ],
      messages: [],
    })
  })

  it('should place an entry without `href` at the start of the entry', function () {
    expect(parse('- name: Home\n  href: index.md\n-   name: Section\n    items: []\n')).toEqual({
      entries: [
        { name: 'Home', href: 'index.md', topicHref: undefined, expanded: false, items: [], place: { line: 2, column: 9 } },
        { name: 'Section', href: undefined, topicHref: undefined, expanded: false, items: [], place: { line: 3, column: 5 } },
      ],
      messages: [],
    })
  })

  it('should read a name that YAML types as a number as text', function () {
    expect(parse('- name: 2024\n  href: y2024.md\n').entries.map((entry) => entry.name)).toEqual(['2024'])
  })

  it('should only take `expanded: true` as expanded', function () {
    expect(parse('- name: A\n  expanded: "true"\n- name: B\n  expanded: yes\n').entries.map((entry) => entry.expanded)).toEqual([false, false])
  })

  it('should accept a top-level `items:` mapping', function () {
    expect(parse('items:\n  - name: Analyze\n    href: analyze.md\n')).toEqual({
      entries: [{ name: 'Analyze', href: 'analyze.md', topicHref: undefined, expanded: false, items: [], place: { line: 3, column: 11 } }],
      messages: [],
    })
  })

  it('should return no entries for an empty file', function () {
    expect(parse('')).toEqual({ entries: [], messages: [] })
  })

  it('should report invalid YAML at its position and return no entries', function () {
    expect(parse('- name: Home\n  href: [unclosed\n- name: B\n')).toEqual({
      entries: [],
      messages: [
        'en-us/guide/TOC.yml:3:1: error: Invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [toc-invalid]',
      ],
    })
  })

  it('should report a repeated key as invalid YAML', function () {
    expect(parse('- name: A\n  href: a.md\n  href: b.md\n')).toEqual({
      entries: [],
      messages: ['en-us/guide/TOC.yml:3:3: error: Invalid YAML: Map keys must be unique [toc-invalid]'],
    })
  })

  it('should report an entry without a name and skip it', function () {
    expect(parse('- name: A\n  href: a.md\n- href: b.md\n')).toEqual({
      entries: [{ name: 'A', href: 'a.md', topicHref: undefined, expanded: false, items: [], place: { line: 2, column: 9 } }],
      messages: ['en-us/guide/TOC.yml:3:3: error: TOC entry without a `name` [toc-invalid]'],
    })
  })

  it('should report an entry that is not a mapping', function () {
    expect(parse('- name: A\n  items:\n    - just text\n')).toEqual({
      entries: [{ name: 'A', href: undefined, topicHref: undefined, expanded: false, items: [], place: { line: 1, column: 3 } }],
      messages: ['en-us/guide/TOC.yml:3:7: error: Expected an entry with `name` and `href` or `items` [toc-invalid]'],
    })
  })

  it('should read `items: null` and an empty `items:` as no entries, as DocFX does', function () {
    const { entries, messages } = parse('- name: Public sector\n  items: null\n- name: Gcc\n  items:\n- name: C\n  items: ~\n')
    expect(messages).toEqual([])
    expect(entries.map((entry) => [entry.name, entry.items])).toEqual([['Public sector', []], ['Gcc', []], ['C', []]])
  })

  it('should report `items` that are not a list', function () {
    expect(parse('- name: A\n  items: oops\n').messages).toEqual([
      'en-us/guide/TOC.yml:2:10: error: Expected `items` to be a list of entries [toc-invalid]',
    ])
  })

  it('should report a top level that is a single entry rather than a list', function () {
    expect(parse('name: A\nhref: a.md\n')).toEqual({
      entries: [],
      messages: ['en-us/guide/TOC.yml:1:1: error: Expected `TOC` to be a list of entries [toc-invalid]'],
    })
  })

  it('should never expand an alias, reporting it where an entry or list was expected', function () {
    const text = [
      '- &first',
      '  name: A',
      '  href: a.md',
      '  items: &many [{name: x}, {name: x}, {name: x}]',
      '- *first',
      '- name: B',
      '  items: *many',
      '',
    ].join('\n')
    const { entries, messages } = parse(text)
    expect(entries.map((entry) => [entry.name, entry.items.length])).toEqual([
      ['A', 3],
      ['B', 0],
    ])
    expect(messages).toEqual([
      'en-us/guide/TOC.yml:5:3: error: Expected an entry with `name` and `href` or `items` [toc-invalid]',
      'en-us/guide/TOC.yml:7:10: error: Expected `items` to be a list of entries [toc-invalid]',
    ])
  })
})
