import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const site = siteWith({ 'en-us': ['guide/page.md', 'guide/files.md'] }, { 'en-us': ['guide/media/gear.png'] })

/** Tag names of an element's element children, in order. */
function childTags(node: Element | Root): string[] {
  const children: Root['children'] = node.children
  return children.filter((child): child is Element => child.type === 'element').map((child) => child.tagName)
}

/** Per column of the first row: its classes and its children's tag names. */
function columns(hast: Root): Array<[unknown, string[]]> {
  return selectAll('div.row > div', hast).map((column) => [column.properties.className, childTags(column)])
}

describe('remarkDocfxLayout', function () {
  it('should lay out a row whose indented markers and content CommonMark folds into one paragraph', function () {
    const markdown =
      'Pick a table.\n\n' +
      ':::row:::\n' +
      '    :::column:::\n' +
      '        [File activities](files.md)\n' +
      '    :::column-end:::\n' +
      '    :::column span="2":::\n' +
      '        **Folder** activities\n' +
      '    :::column-end:::\n' +
      ':::row-end:::\n\n' +
      'After.\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    expect(childTags(hast)).toEqual(['p', 'div', 'p'])
    expect(select('div', hast)!.properties).toEqual({ className: ['row'] })
    expect(columns(hast)).toEqual([
      [['column'], ['p']],
      [['column', 'column-span-2'], ['p']],
    ])
    expect(select('div.column a', hast)!.properties.href).toBe('../files/')
    expect(toString(select('div.column-span-2 strong', hast)!)).toBe('Folder')
    expect(toString(hast)).not.toContain(':::')
  })

  it('should parse column content that CommonMark reads as indented code', function () {
    const markdown = ':::row:::\n    :::column:::\n\n        Contain the **host**.\n\n        - Isolate\n        - Collect\n\n    :::column-end:::\n:::row-end:::\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    expect(selectAll('pre, code', hast)).toEqual([])
    expect(columns(hast)).toEqual([[['column'], ['p', 'ul']]])
    expect(selectAll('li', hast).map((node) => toString(node))).toEqual(['Isolate', 'Collect'])
  })

  it('should split lists that swallowed the column markers', function () {
    const markdown = ':::row:::\n    :::column:::\n\n- Denmark\n- Norway\n    :::column-end:::\n    :::column:::\n- Sweden\n    :::column-end:::\n:::row-end:::\n\nAfter.\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    expect(childTags(hast)).toEqual(['div', 'p'])
    expect(selectAll('div.column', hast).map((column) => selectAll('li', column).map((node) => toString(node)))).toEqual([
      ['Denmark', 'Norway'],
      ['Sweden'],
    ])
  })

  it('should keep text that runs into the row and lay out a row inside a list item', function () {
    const markdown = '1. Compare:\n   :::row:::\n      :::column:::\n         Left\n      :::column-end:::\n      :::column:::\n         Right\n      :::column-end:::\n   :::row-end:::\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    const item = select('li', hast)!
    // A tight list item shows its paragraph as bare text.
    expect(childTags(item)).toEqual(['div'])
    expect(toString(item.children[0]!).trim()).toBe('Compare:')
    expect(selectAll('div.column', item).map((node) => toString(node).trim())).toEqual(['Left', 'Right'])
  })

  it('should render images and untranslated terms inside columns', function () {
    const markdown =
      ':::row:::\n    :::column:::\n        :::image type="content" source="media/gear.png" alt-text="Gear":::\n    :::column-end:::\n' +
      '    :::column:::\n        Open :::no-loc text="Azure Sentinel":::.\n    :::column-end:::\n:::row-end:::\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    expect(select('div.column img', hast)!.properties).toEqual({ src: '../media/gear.png', alt: 'Gear', className: ['image-border'] })
    expect(select('div.column span', hast)!.properties).toEqual({ translate: 'no' })
  })

  it('should report problems inside a column at their place in the file', function () {
    const markdown = 'Intro.\n\n:::row:::\n    :::column:::\n\n        See [the guide](missing.md).\n\n    :::column-end:::\n:::row-end:::\n'
    const { messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual(['en-us/guide/page.md:6:13: error: Cannot find `missing.md` (looked for `guide/missing.md`) [broken-link]'])
  })

  it('should lay out a row written in an include', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [row](../includes/row.md)]\n', {
      site: siteWith({ 'en-us': ['guide/page.md'] }, { 'en-us': ['includes/media/shared.png'] }),
      files: {
        'includes/row.md': ':::row:::\n    :::column:::\n        ![Shared](media/shared.png)\n    :::column-end:::\n:::row-end:::\n',
      },
    })
    expect(messages).toEqual([])
    expect(select('div.row > div.column img', hast)!.properties.src).toBe('../../includes/media/shared.png')
  })

  it('should report an unclosed row and an unclosed column at their opening markers', function () {
    const markdown = 'Intro.\n\n:::row:::\n    :::column:::\n        Left\n    :::column:::\n        Right\n    :::column-end:::\n:::row-end:::\n\n:::row:::\n  :::column:::\n  Alone\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:4:5: error: `:::column:::` has no `:::column-end:::`; close each column before the next `:::column:::` or `:::row-end:::` [docfx-layout-unclosed]',
      'en-us/guide/page.md:11:1: error: `:::row:::` has no `:::row-end:::`; close the row after its last `:::column-end:::` [docfx-layout-unclosed]',
    ])
    // The first row still renders, its unclosed column ending where the next begins; the unclosed row stays text.
    expect(selectAll('div.row', hast)).toHaveLength(1)
    expect(selectAll('div.column', hast).map((node) => toString(node).trim())).toEqual(['Left', 'Right'])
    expect(toString(hast.children.at(-1)!)).toContain(':::row:::')
  })
})

describe('remarkDocfxNoLoc', function () {
  it('should mark terms as untranslatable wherever phrasing goes', function () {
    const markdown =
      '## Connect :::no-loc text="Azure Sentinel":::\n\n' +
      "Open :::no-loc text='Microsoft Defender'::: and :::no-loc text=\"Azure Sentinel\":::.\n\n" +
      '- In **:::no-loc text="Microsoft 365":::**\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    const terms = selectAll('span', hast)
    expect(terms.map((node) => [node.properties, toString(node)])).toEqual([
      [{ translate: 'no' }, 'Azure Sentinel'],
      [{ translate: 'no' }, 'Microsoft Defender'],
      [{ translate: 'no' }, 'Azure Sentinel'],
      [{ translate: 'no' }, 'Microsoft 365'],
    ])
    expect(toString(select('p', hast)!)).toBe('Open Microsoft Defender and Azure Sentinel.')
    expect(select('h2', hast)!.properties.id).toBe('connect-azure-sentinel')
    expect(select('li strong > span', hast)).not.toBeUndefined()
  })
})
