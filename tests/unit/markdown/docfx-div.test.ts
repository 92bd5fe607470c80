import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const site = siteWith({ 'en-us': ['guide/page.md', 'guide/contain.md'] }, { 'en-us': ['guide/media/alert-queue.png'] })

/** Tag name and classes of an element's element children, in order. */
function childShapes(node: Element | Root): Array<[string, unknown]> {
  const children: Root['children'] = node.children
  return children
    .filter((child): child is Element => child.type === 'element')
    .map((child) => [child.tagName, child.properties.className])
}

describe('remarkDocfxDiv', function () {
  it('should turn `nextstepaction` into a div around the call-to-action link', function () {
    const { hast, messages } = renderMarkdown('> [!div class="nextstepaction"]\n> [Contain the host](contain.md)\n', { site })
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    const div = select('div', hast)!
    expect(div.properties).toEqual({ className: ['nextstepaction'] })
    expect(childShapes(div)).toEqual([['p', undefined]])
    const link = select('div > p > a', hast)!
    expect([link.properties.href, toString(link)]).toEqual(['../contain/', 'Contain the host'])
    expect(toString(div)).not.toContain('[!div')
  })

  it.each([
    ['checklist', 'checklist', '> - Isolate the host\n> - Collect a memory image\n', 'ul'],
    ['op_single_selector', 'op-single-selector', '>\n> - **Select your region**\n> - [Contain](contain.md)\n', 'ul'],
    ['button', 'button', '> [Download the playbook](https://www.example.com/playbook.pdf)\n', 'p'],
    ['mx-imgBorder', 'image-border', '> ![Alert queue](media/alert-queue.png)\n', 'p'],
  ])('should wrap the content of `[!div class="%s"]` in `div.%s`', function (docfxClass, className, content, child) {
    const { hast, messages } = renderMarkdown(`Before.\n\n> [!div class="${docfxClass}"]\n${content}\nAfter.\n`, { site })
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    const div = select('div', hast)!
    expect(div.properties).toEqual({ className: [className] })
    expect(childShapes(div)).toEqual([[child, undefined]])
    expect(toString(div)).not.toContain('[!div')
    expect(childShapes(hast)).toEqual([
      ['p', undefined],
      ['div', [className]],
      ['p', undefined],
    ])
  })

  it('should keep the checklist items and the bordered image intact', function () {
    const { hast } = renderMarkdown(
      '>[!div class="checklist"]\n>- Isolate the host\n> - Collect a memory image\n\n> [!div class="mx-imgBorder"]\n> ![Alert queue](media/alert-queue.png)\n',
      { site },
    )
    expect(selectAll('div.checklist > ul > li', hast).map((node) => toString(node))).toEqual(['Isolate the host', 'Collect a memory image'])
    expect(select('div.image-border > p > img', hast)!.properties).toEqual({ src: '../media/alert-queue.png', alt: 'Alert queue' })
  })

  it('should keep a lightbox link around a bordered image', function () {
    const { hast, messages } = renderMarkdown(
      '> [!div class="mx-imgBorder"]\n> [![Alert queue](media/alert-queue.png)](media/alert-queue.png#lightbox)\n',
      { site },
    )
    expect(messages).toEqual([])
    const link = select('div.image-border > p > a', hast)!
    expect(link.properties.href).toBe('../media/alert-queue.png#lightbox')
    expect(select('img', link)!.properties.alt).toBe('Alert queue')
  })

  it('should handle a div in a quote inside a list item', function () {
    const { hast, messages } = renderMarkdown(
      '1. Open the queue.\n\n    > Filter by severity.\n    >\n    > > [!div class="mx-imgBorder"]\n    > > ![Alert queue](media/alert-queue.png)\n',
      { site },
    )
    expect(messages).toEqual([])
    const quote = select('ol > li > blockquote', hast)!
    expect(childShapes(quote)).toEqual([
      ['p', undefined],
      ['div', ['image-border']],
    ])
  })

  it('should take in the quote after a marker that a blank line cut off from its image', function () {
    const { hast, messages } = renderMarkdown(
      '> [!div class="mx-imgBorder"]\n\n> ![Alert queue](media/alert-queue.png)\n\nAfter.\n',
      { site },
    )
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    expect(select('div.image-border > p > img', hast)!.properties.alt).toBe('Alert queue')
    expect(childShapes(hast)).toEqual([
      ['div', ['image-border']],
      ['p', undefined],
    ])
  })

  it('should not take in an alert after an empty marker', function () {
    const { hast, messages } = renderMarkdown('> [!div class="checklist"]\n\n> [!NOTE]\n> Keep the evidence.\n', {
      strings: { 'alert.note': 'Note' },
    })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: warning: `[!div class="checklist"]` has nothing to wrap and is left out; put the content on the `>` lines right after it [unsupported-docfx]',
    ])
    expect(selectAll('div', hast).map((node) => node.properties.className)).toEqual([['alert', 'alert-note']])
  })

  it('should give each of several markers stacked in one quote its own div', function () {
    const markdown = [
      '> [!div class="nextstepaction"]',
      '> [Back](page.md)',
      '> [!div class="nextstepaction"]',
      '> [Next step](contain.md)',
      '>',
      '> [!div class="wide"]',
      '> Boxed.',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:6:3: warning: Unknown `[!div]` class `wide`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
    expect(childShapes(hast)).toEqual([
      ['div', ['nextstepaction']],
      ['div', ['nextstepaction']],
      ['div', undefined],
    ])
    expect(selectAll('div', hast).map((node) => toString(node).trim())).toEqual(['Back', 'Next step', 'Boxed.'])
    expect(toString(hast)).not.toContain('[!div')
  })

  it('should drop a class it does not know, with a warning naming it', function () {
    const markdown = 'Fields:\n\n> [!div class="mx-tableFixed"]\n>\n> | Field | Example |\n> |---|---|\n> | Severity | High |\n'
    const { hast, messages } = renderMarkdown(markdown)
    expect(messages).toEqual([
      'en-us/guide/page.md:3:3: warning: Unknown `[!div]` class `mx-tableFixed`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
    const div = select('div', hast)!
    expect(div.properties).toEqual({})
    expect(childShapes(div)).toEqual([['table', undefined]])
  })

  it('should keep the known classes of a marker that also names unknown ones', function () {
    const { hast, messages } = renderMarkdown('> [!div class="checklist mx-tableFixed"]\n> - One\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: warning: Unknown `[!div]` class `mx-tableFixed`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
    expect(select('div', hast)!.properties).toEqual({ className: ['checklist'] })
  })

  it('should report an unknown class in an include at the include', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n[!INCLUDE [x](../includes/box.md)]\n', {
      files: { 'includes/box.md': 'Intro.\n\n  > [!div class="highlight"]\n  > Boxed.\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/box.md:3:5: warning: Unknown `[!div]` class `highlight`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
    expect(toString(select('div > p', hast)!)).toBe('Boxed.')
  })

  it('should leave a marker with an unclosed bracket as text, with a warning', function () {
    const { hast, messages } = renderMarkdown('> [!div class="mx-imgBorder"\n> ![Alert queue](media/alert-queue.png)\n> ]\n', { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: warning: Unsupported DocFX directive `[!div class="mx-imgBorder"`; it is shown as text [unsupported-docfx]',
    ])
    expect(select('blockquote > p > img', hast)!.properties.alt).toBe('Alert queue')
  })

  it('should not let raw HTML use a class the allowlist does not hold', function () {
    const { hast } = renderMarkdown('<div class="mx-imgBorder nextstepaction">Raw.</div>\n')
    expect(select('div', hast)!.properties).toEqual({ className: ['nextstepaction'] })
  })
  it('should keep the id and the classes of `[!div class="…" id="…"]`, and resolve `#id` links to it', function () {
    const { hast, messages } = renderMarkdown('[Jump](#steps)\n\n> [!div class="checklist mx-imgBorder" id="steps"]\n> - Isolate\n', { site })
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    expect(select('div', hast)!.properties).toEqual({ id: 'steps', className: ['checklist', 'image-border'] })
    expect(select('a', hast)!.properties.href).toBe('#steps')
  })

  it('should read the back-ticked attribute list ``[!div `id="x"`]``', function () {
    const { hast, messages } = renderMarkdown('> [!div `class="nextstepaction" id="next"`]\n> [Contain the host](contain.md)\n', { site })
    expect(messages).toEqual([])
    const div = select('div', hast)!
    expect(div.properties).toEqual({ id: 'next', className: ['nextstepaction'] })
    expect(toString(div).trim()).toBe('Contain the host')
  })

  it('should keep a div id written on the page unique, with a warning for a repeat', function () {
    const { hast, messages } = renderMarkdown('## Steps\n\n> [!div id="steps"]\n> A.\n\n> [!div id="steps"]\n> B.\n')
    expect(messages).toEqual(['en-us/guide/page.md:6:1: warning: Id `steps` is already on this page (line 3); this one is `steps-2`, and links to `#steps` land on the first [duplicate-anchor]'])
    expect(selectAll('h2, div:not(.heading-wrapper)', hast).map((node) => node.properties.id)).toEqual(['steps-1', 'steps', 'steps-2'])
  })

  it('should warn about an attribute it does not keep and a list it cannot read', function () {
    const { hast, messages } = renderMarkdown('> [!div style="color:red" id="a b"]\n> Boxed.\n\n> [!div wide]\n> Two.\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: warning: `[!div]` id `a b` is not a valid id (one word, no spaces); the div has no id [docfx-div-attribute]',
      'en-us/guide/page.md:1:3: warning: `[!div]` attribute `style` is not kept (tolk keeps `class` and `id`); the content is shown without it [docfx-div-attribute]',
      'en-us/guide/page.md:4:3: warning: Cannot read the attributes `wide` of `[!div]`; write `[!div class="…" id="…"]`, and the content is shown in a plain div [docfx-div-attribute]',
    ])
    expect(selectAll('div', hast).map((node) => [node.properties, toString(node).trim()])).toEqual([
      [{}, 'Boxed.'],
      [{}, 'Two.'],
    ])
  })
})
