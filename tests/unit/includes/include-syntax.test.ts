import type { Element, Text } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

/** Tag names and texts of the article's top-level (or `scope`'s) children, in order. */
function blocks(scope: { children: unknown[] }): string[] {
  const nodes = scope.children as Array<Element | Text>
  return nodes.flatMap(function (node) {
    // A section heading sits in a `div.heading-wrapper` beside its `#` link: the heading is the block.
    if (node.type === 'element' && node.tagName === 'div' && (node.properties.className as string[] | undefined)?.includes('heading-wrapper')) {
      node = node.children.find((child): child is Element => child.type === 'element')!
    }
    const text = toString(node).replace(/\s+/g, ' ').trim()
    if (node.type === 'element') return [`${node.tagName}: ${text}`]
    // Tight list items hold their first paragraph's text directly.
    return text ? [`text: ${text}`] : []
  })
}

const listInclude = { 'includes/a.md': '## Heading A\n\n- one\n- two\n', 'includes/c.md': 'C text.\n' }

describe('block includes: every directive line is its own block', function () {
  it('should expand consecutive directive lines in order, losing nothing', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [a](../includes/a.md)]\n[!INCLUDE [c](../includes/c.md)]\n', { files: listInclude })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual(['h2: Heading A', 'ul: one two', 'p: C text.'])
  })

  it('should split text lines around directive lines into paragraphs', function () {
    const { hast, messages } = renderMarkdown('Intro.\n[!INCLUDE [a](../includes/a.md)]\nMiddle.\n[!include[c](../includes/c.md)]  \nOutro.\n', { files: listInclude })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual(['p: Intro.', 'h2: Heading A', 'ul: one two', 'p: Middle.', 'p: C text.', 'p: Outro.'])
  })

  it('should expand directive lines inside list items and block quotes', function () {
    const markdown = '1. Step:\n   [!INCLUDE [a](../includes/a.md)]\n   [!INCLUDE [c](../includes/c.md)]\n\n> Quoted.\n> [!INCLUDE [c](../includes/c.md)]\n'
    const { hast, messages } = renderMarkdown(markdown, { files: listInclude })
    expect(messages).toEqual([])
    expect(blocks(select('ol > li', hast)!)).toEqual(['text: Step:', 'h2: Heading A', 'ul: one two', 'text: C text.'])
    expect(blocks(select('blockquote', hast)!)).toEqual(['p: Quoted.', 'p: C text.'])
  })

  it('should give an alert whose body is an include the include’s blocks', function () {
    const { hast, messages } = renderMarkdown('> [!NOTE]\n> [!INCLUDE [a](../includes/a.md)]\n', { files: listInclude })
    expect(messages).toEqual([])
    const alert = select('div.alert', hast)!
    expect(selectAll('li', alert).map((node) => toString(node))).toEqual(['one', 'two'])
    expect(toString(select('h2', alert)!)).toBe('Heading A')
  })

  it('should report each directive of consecutive lines at its own line', function () {
    const { messages } = renderMarkdown('Text.\n[!INCLUDE [x](../includes/x.md)]\n  [!INCLUDE [y](../includes/y.md)]\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:2:1: error: Cannot find include `../includes/x.md` [include-not-found]',
      'en-us/guide/page.md:3:3: error: Cannot find include `../includes/y.md` [include-not-found]',
    ])
  })

  it('should leave a directive indented as code as code', function () {
    const { hast, messages } = renderMarkdown('Text.\n\n    [!INCLUDE [c](../includes/c.md)]\n', { files: listInclude })
    expect(messages).toEqual([])
    expect(toString(select('pre code', hast)!)).toBe('[!INCLUDE [c](../includes/c.md)]\n')
  })
})

const product = {
  'includes/product.md': 'Contoso *Defender*\n',
  'includes/long.md': '## Product heading\n\nFirst paragraph.\n\nSecond paragraph.\n',
  'includes/nested.md': 'Contoso [!INCLUDE [s](suffix.md)]\n',
  'includes/suffix.md': 'for Identity\n',
}

describe('inline includes', function () {
  it('should expand inside strong, emphasis, delete, headings, table cells and link text', function () {
    const markdown = [
      '# About [!INCLUDE [P](../includes/product.md)]',
      '',
      '**[!INCLUDE [Product](../includes/product.md)] sensor** and _[!INCLUDE [P](../includes/product.md)]_ and ~~[!INCLUDE [P](../includes/product.md)]~~.',
      '',
      '| Name |',
      '| --- |',
      '| [!INCLUDE [P](../includes/product.md)] portal |',
      '',
      'See [the [!INCLUDE [P](../includes/product.md)] site](https://example.com/).',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { files: product })
    expect(messages).toEqual([])
    expect(toString(select('h1', hast)!)).toBe('About Contoso Defender')
    expect(toString(select('p > strong', hast)!)).toBe('Contoso Defender sensor')
    expect(select('p > strong > em', hast)).toBeDefined()
    expect(toString(select('p > em', hast)!)).toBe('Contoso Defender')
    expect(toString(select('p > del', hast)!)).toBe('Contoso Defender')
    expect(toString(select('td', hast)!)).toBe('Contoso Defender portal')
    const link = select('a[href="https://example.com/"]', hast)!
    expect(toString(link)).toBe('the Contoso Defender site')
    expect(toString(hast)).not.toContain('INCLUDE')
  })

  it('should inline the words of a file with a heading and several paragraphs, and say so', function () {
    const { hast, messages } = renderMarkdown('Before [!INCLUDE [L](../includes/long.md)] after.\n', { files: product })
    expect(toString(select('p', hast)!)).toBe('Before Product heading First paragraph. Second paragraph. after.')
    expect(select('h2', hast)).toBeUndefined()
    expect(messages).toEqual([
      'en-us/guide/page.md:1:8: warning: Include `../includes/long.md` is used inline but holds a heading (line 1); its text is inlined without the block (write the directive on a line of its own) [include-inline-block]',
    ])
  })

  it('should expand an inline include nested in an inline include', function () {
    const { hast, messages } = renderMarkdown('**[!INCLUDE [N](../includes/nested.md)]** sensor.\n', { files: product })
    expect(messages).toEqual([])
    expect(toString(select('p', hast)!)).toBe('Contoso for Identity sensor.')
  })

  it('should report an inline include cycle at every depth, at the directive in the include', function () {
    const files = {
      'includes/self.md': 'Self [!INCLUDE [s](self.md)]\n',
      'includes/b.md': 'B [!INCLUDE [c](c.md)]\n',
      'includes/c.md': 'C **[!INCLUDE [b](b.md)]**\n',
    }
    const { messages } = renderMarkdown('One [!INCLUDE [s](../includes/self.md)].\n\nTwo [!INCLUDE [b](../includes/b.md)].\n', { files })
    expect(messages).toEqual([
      'en-us/includes/self.md:1:6: error: Include cycle: guide/page.md → includes/self.md → includes/self.md [include-cycle]',
      'en-us/includes/c.md:1:5: error: Include cycle: guide/page.md → includes/b.md → includes/c.md → includes/b.md [include-cycle]',
    ])
  })

  it('should point problems inside an inline include into the included file', function () {
    const files = { 'includes/product.md': 'Contoso\n[!INCLUDE [n](gone.md)] [broken](missing.md)\n' }
    const { messages } = renderMarkdown('The [!INCLUDE [P](../includes/product.md)] sensor.\n', { files })
    expect(messages.map((message) => message.split('\n')[0])).toEqual([
      'en-us/includes/product.md:2:1: error: Cannot find include `gone.md` [include-not-found]',
      expect.stringMatching(/^en-us\/includes\/product\.md:2:25: error: .*\[broken-link\]$/),
    ])
  })
})

describe('include spellings, as DocFX reads them', function () {
  const files = { 'includes/c.md': 'C text.\n' }
  const expanded = (markdown: string) => {
    const { hast, messages } = renderMarkdown(markdown, { files })
    return { text: toString(hast).replace(/\s+/g, ' ').trim(), messages }
  }

  it.each([
    ['[!INCLUDE [c](../includes/c.md)]'],
    ['[!include[c](../includes/c.md)]'],
    ['[!Include   [c](../includes/c.md)]'],
    ['[!INCLUDE+[c](../includes/c.md)]'],
    ['[!INCLUDE [a \\] b](../includes/c.md)]'],
    ['[!INCLUDE [c](<../includes/c.md>)]'],
    ['[!INCLUDE [c]( ../includes/c.md "The title")]'],
    ['[!INCLUDE [](../includes/c.md)]'],
  ])('should read `%s` as a block include', function (line) {
    const { hast, messages } = renderMarkdown(`${line}\n`, { files })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual(['p: C text.'])
  })

  it('should read `[!include-[…](…)]` as an inline include', function () {
    expect(expanded('Say [!include-[c](../includes/c.md)] twice.\n')).toEqual({ text: 'Say C text. twice.', messages: [] })
  })

  it('should leave an escaped directive as text', function () {
    const { hast } = renderMarkdown('Write \\[!INCLUDE [c](../includes/c.md)] to include.\n', { files })
    expect(toString(select('p', hast)!)).toBe('Write [!INCLUDE c] to include.')
  })

  it('should not read a title with unescaped brackets as a directive (DocFX ends the title at the first `]`)', function () {
    const { hast } = renderMarkdown('[!INCLUDE [a [b] c](../includes/c.md)]\n', { files })
    expect(toString(hast)).not.toContain('C text.')
    expect(toString(select('p', hast)!)).toBe('[!INCLUDE a [b] c]')
  })
})
