/**
 * Issue #12, defect 9: triple-colon attributes as DocFX reads them, image
 * links, zone content that keeps its meaning, and no `:::` line left as silent text.
 */
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const site = siteWith({ 'en-us': ['guide/page.md', 'guide/other.md'] }, { 'en-us': ['guide/media/a.png', 'guide/media/a-large.png'] })

describe('triple-colon attributes', function () {
  it.each([1, 2, 3])('should read an image whose alt text holds %i `&quot;` and write one real quote each', function (count) {
    const quoted = Array.from({ length: count }, (_, index) => `&quot;part ${index}`).join(' ')
    const { hast, html, messages } = renderMarkdown(`:::image type="content" source="media/a.png" alt-text="Select ${quoted} here":::\n`, { site })
    expect(messages).toEqual([])
    const expected = `Select ${Array.from({ length: count }, (_, index) => `"part ${index}`).join(' ')} here`
    expect(selectAll('img', hast).map((node) => node.properties['alt'])).toEqual([expected])
    expect(html).not.toContain('&#x26;quot;')
    expect(toString(hast)).not.toContain(':::')
  })

  it('should read two images with odd quotes on one line as two images', function () {
    const { hast, messages } = renderMarkdown(
      'See :::image type="icon" source="media/a.png" alt-text="&quot;x"::: and :::image type="content" source="media/a.png" alt-text="&quot;y":::.\n',
      { site },
    )
    expect(messages).toEqual([])
    expect(selectAll('img', hast).map((node) => node.properties['alt'])).toEqual(['', '"y'])
    expect(toString(select('p', hast)!)).toBe('See  and .')
  })

  it('should keep a no-loc term with escaped quotes whole', function () {
    const { hast, messages } = renderMarkdown('Use :::no-loc text="Find a \\"Quotation\\"":::, now.\n', { site })
    expect(messages).toEqual([])
    expect(selectAll('span[translate="no"]', hast).map((node) => toString(node))).toEqual(['Find a "Quotation"'])
    expect(toString(select('p', hast)!)).toBe('Use Find a "Quotation", now.')
  })

  it('should leave no stray backslash in a no-loc term written over two lines', function () {
    const { hast, messages } = renderMarkdown('Use :::no-loc text="Microsoft\\\nDefender"::: now.\n', { site })
    expect(messages).toEqual([])
    const terms = selectAll('span[translate="no"]', hast).map((node) => toString(node))
    expect(terms).toEqual(['Microsoft\nDefender'])
    expect(toString(select('p', hast)!)).not.toContain('\\')
  })
})

describe('image links', function () {
  it('should wrap an image in its `link`, resolved like any link', function () {
    const { hast, messages } = renderMarkdown(
      ':::image type="content" source="media/a.png" alt-text="A" link="https://example.com/a":::\n\n' +
        ':::image type="content" source="media/a.png" alt-text="B" link="other.md#top" lightbox="media/a-large.png":::\n',
      { site },
    )
    expect(messages).toEqual([])
    expect(selectAll('a', hast).map((node) => [node.properties['href'], selectAll('img', node).map((img) => img.properties['alt'])])).toEqual([
      ['https://example.com/a', ['A']],
      ['../other/#top', ['B']],
    ])
  })

  it('should refuse a `link` the URL policy refuses, keeping the image', function () {
    const { hast, messages } = renderMarkdown(':::image type="content" source="media/a.png" alt-text="A" link="javascript:alert(1)":::\n', { site })
    expect(messages).toEqual(['en-us/guide/page.md:1:1: error: Link `javascript:alert(1)` is not written: `javascript:` URLs are not allowed [unsafe-url]'])
    expect(select('a[href]', hast)).toBeUndefined()
    expect(select('img', hast)!.properties['alt']).toBe('A')
  })
})

describe('zones and other `:::` lines', function () {
  const markerAdvice = 'the marker is left out and its content shown to every reader [unsupported-docfx]'

  it('should make an indented line under `::: zone` code, as it is without the zone', function () {
    const { hast, messages } = renderMarkdown('::: zone pivot="windows"\n    Get-Mailbox -Identity x\n::: zone-end\n', { site })
    expect(messages).toEqual([`en-us/guide/page.md:1:1: warning: Unsupported DocFX \`::: zone pivot="windows"\`; ${markerAdvice}`])
    expect(selectAll('pre code', hast).map((node) => toString(node))).toEqual(['Get-Mailbox -Identity x\n'])
    expect(select('p', hast)).toBeUndefined()
  })

  it('should make an indented line under `::: moniker` code too', function () {
    const { hast } = renderMarkdown('Intro.\n\n::: moniker range="o365-worldwide"\n    Set-Policy\n::: moniker-end\n', { site })
    expect(selectAll('pre code', hast).map((node) => toString(node))).toEqual(['Set-Policy\n'])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Intro.'])
  })

  it('should report a `::: form` line at its position and leave it out', function () {
    const { hast, messages } = renderMarkdown('Fill in:\n\n::: form action="create" submitText="Create" model="m.json" :::\n\nDone.\n', { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:3:1: warning: Unsupported DocFX form `::: form action="create" submitText="Create" model="m.json" :::`; it is left out [unsupported-docfx]',
    ])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Fill in:', 'Done.'])
  })

  it('should report a triple-colon directive it cannot read instead of showing it silently', function () {
    const { hast, messages } = renderMarkdown(
      'Open :::image type="content" source="media/a.png" alt-text="never closed\n\nAnd :::bogus thing::: here.\n\nUse :::no-loc txt="x":::.\n',
      { site },
    )
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual([
      'Open :::image type="content" source="media/a.png" alt-text="never closed',
      'And :::bogus thing::: here.',
      'Use :::no-loc txt="x":::.',
    ])
    expect(messages).toEqual([
      'en-us/guide/page.md:1:6: warning: `:::image` is not read as a DocFX directive here (unknown, or not closed with `:::` on its line); it is shown as text [unsupported-docfx]',
      'en-us/guide/page.md:3:5: warning: `:::bogus` is not read as a DocFX directive here (unknown, or not closed with `:::` on its line); it is shown as text [unsupported-docfx]',
      'en-us/guide/page.md:5:5: warning: `:::no-loc` needs a `text` attribute: the term to keep untranslated; it is shown as text [unsupported-docfx]',
    ])
  })
})
