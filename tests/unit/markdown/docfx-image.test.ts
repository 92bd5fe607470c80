import type { Element } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const site = siteWith(
  { 'en-us': ['guide/page.md'] },
  { 'en-us': ['guide/media/triage.png', 'guide/media/triage-large.png', 'guide/media/gear.png', 'includes/media/shared.png'] },
)
const strings = { 'image.longDescription': 'Lang beskrivelse' }

/** Tag names of an element's element children, in order. */
function childTags(node: Element): string[] {
  return node.children.filter((child): child is Element => child.type === 'element').map((child) => child.tagName)
}

describe('remarkDocfxImage', function () {
  it('should render a content image with its alt text, a border and the built asset URL', function () {
    const { hast, messages } = renderMarkdown(':::image type="content" source="media/triage.png" alt-text="The triage queue: three alerts":::\n', { site })
    expect(messages).toEqual([])
    expect(selectAll('p > img', hast).map((node) => node.properties)).toEqual([
      { src: '../media/triage.png', alt: 'The triage queue: three alerts', className: ['image-border'] },
    ])
    expect(toString(hast)).not.toContain(':::')
  })

  it('should read single-quoted attributes in any order and drop the border on request', function () {
    const { hast, messages } = renderMarkdown(":::image border='false' alt-text='Queue' source='media/triage.png' type='content' loc-scope='other':::\n", { site })
    expect(messages).toEqual([])
    expect(select('img', hast)!.properties).toEqual({ src: '../media/triage.png', alt: 'Queue' })
  })

  it('should keep attribute text that looks like Markdown as written', function () {
    const { hast, messages } = renderMarkdown(':::image type="content" source="media/triage.png" alt-text="The *Alerts* page":::\n', { site })
    expect(messages).toEqual([])
    expect(select('img', hast)!.properties.alt).toBe('The *Alerts* page')
    expect(select('em', hast)).toBeUndefined()
  })

  it('should render icons inline as decorative images without a border', function () {
    const { hast, messages } = renderMarkdown(
      'Select **Settings** :::image type="icon" source="media/gear.png"::: and then :::image type="icon" source="media/gear.png" border="true"::: again.\n',
      { site },
    )
    expect(messages).toEqual([])
    const paragraph = select('p', hast)!
    expect(childTags(paragraph)).toEqual(['strong', 'img', 'img'])
    expect(selectAll('img', paragraph).map((node) => node.properties)).toEqual([
      { src: '../media/gear.png', alt: '', className: ['image-icon'] },
      { src: '../media/gear.png', alt: '', className: ['image-icon', 'image-border'] },
    ])
    expect(toString(paragraph)).toBe('Select Settings  and then  again.')
  })

  it('should render images inside list items, inline and indented on their own line', function () {
    const markdown =
      '1. Open the queue :::image type="icon" source="media/gear.png":::.\n\n' +
      '    :::image type="content" source="media/triage.png" alt-text="Queue":::\n\n' +
      '2. Pick an alert.\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([])
    const [first, second] = selectAll('ol > li', hast)
    expect(selectAll('img', first!).map((node) => node.properties.src)).toEqual(['../media/gear.png', '../media/triage.png'])
    expect(select('p:last-child > img', first!)!.properties.alt).toBe('Queue')
    expect(toString(second!).trim()).toBe('Pick an alert.')
  })

  it('should render an icon in a table cell', function () {
    const { hast, messages } = renderMarkdown('| Client | Tips |\n|---|---|\n| Outlook | :::image type="icon" source="media/gear.png" border="false"::: |\n', { site })
    expect(messages).toEqual([])
    expect(select('td:last-child > img', hast)!.properties).toEqual({ src: '../media/gear.png', alt: '', className: ['image-icon'] })
  })

  it('should wrap the image in a link to its lightbox image', function () {
    const { hast, messages } = renderMarkdown(
      ':::image type="content" source="media/triage.png" alt-text="Queue" lightbox="media/triage-large.png":::\n',
      { site },
    )
    expect(messages).toEqual([])
    const link = select('p > a', hast)!
    expect(link.properties).toEqual({ href: '../media/triage-large.png', className: ['image-lightbox'] })
    expect(childTags(link)).toEqual(['img'])
    expect(select('img', link)!.properties.src).toBe('../media/triage.png')
  })

  it('should render a complex image with its long description as Markdown in a details element', function () {
    const markdown =
      'Before.\n\n' +
      ':::image type="complex" source="media/triage.png" alt-text="Alert volume by week":::\n' +
      '   Alert volume **doubled** in week 3.\n\n' +
      '   - Week 1: 40\n' +
      '   - Week 3: 80\n' +
      ':::image-end:::\n\n' +
      'After.\n'
    const { hast, messages } = renderMarkdown(markdown, { site, strings })
    expect(messages).toEqual([])
    expect(childTags(hast as unknown as Element)).toEqual(['p', 'figure', 'p'])
    const figure = select('figure', hast)!
    expect(figure.properties).toEqual({ className: ['image', 'image-complex'] })
    expect(childTags(figure)).toEqual(['img', 'details'])
    expect(select('img', figure)!.properties).toEqual({
      src: '../media/triage.png',
      alt: 'Alert volume by week',
      className: ['image-border'],
      ariaDescribedBy: ['image-description-1'],
    })
    const details = select('details', figure)!
    expect(details.properties).toEqual({ id: 'image-description-1', className: ['image-long-description'] })
    expect(childTags(details)).toEqual(['summary', 'p', 'ul'])
    expect(toString(select('summary', details)!)).toBe('Lang beskrivelse')
    expect(toString(select('strong', details)!)).toBe('doubled')
    expect(selectAll('li', details).map((node) => toString(node))).toEqual(['Week 1: 40', 'Week 3: 80'])
    expect(selectAll('p', hast).filter((node) => !details.children.includes(node)).map((node) => toString(node))).toEqual(['Before.', 'After.'])
  })

  it('should split a paragraph around a complex image written inline and number descriptions per page', function () {
    const markdown =
      'See :::image type="complex" source="media/triage.png" alt-text="Queue"::: Three *new* alerts. :::image-end::: for the queue.\n\n' +
      ':::image type="complex" source="media/gear.png" alt-text="Gear":::\n' +
      'A gear.\n' +
      ':::image-end:::\n'
    const { hast, messages } = renderMarkdown(markdown, { site, strings })
    expect(messages).toEqual([])
    expect(childTags(hast as unknown as Element)).toEqual(['p', 'figure', 'p', 'figure'])
    const paragraphs = hast.children.filter((node): node is Element => node.type === 'element' && node.tagName === 'p')
    expect(paragraphs.map((node) => toString(node))).toEqual(['See', 'for the queue.'])
    expect(select('details p', hast)!.children.map((node) => (node.type === 'element' ? node.tagName : node.type))).toEqual(['text', 'em', 'text'])
    expect(selectAll('details', hast).map((node) => node.properties.id)).toEqual(['image-description-1', 'image-description-2'])
    expect(selectAll('figure > img', hast).map((node) => node.properties.ariaDescribedBy)).toEqual([['image-description-1'], ['image-description-2']])
  })

  it('should rebase an image written in an include onto the page', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [shared](../includes/shared.md)]\n', {
      site,
      files: { 'includes/shared.md': 'Shared :::image type="content" source="media/shared.png" alt-text="Shared":::\n' },
    })
    expect(messages).toEqual([])
    expect(select('img', hast)!.properties.src).toBe('../../includes/media/shared.png')
  })

  it('should leave a directive inside inline code alone', function () {
    const { hast, messages } = renderMarkdown('Write `:::image type="icon" source="media/gear.png":::` for icons.\n', { site })
    expect(messages).toEqual([])
    expect(select('img', hast)).toBeUndefined()
    expect(toString(select('code', hast)!)).toBe(':::image type="icon" source="media/gear.png":::')
  })

  it('should report a content or complex image without a source or alt text at the directive', function () {
    const markdown =
      ':::image type="content" alt-text="Queue":::\n\n' +
      '- Step :::image type="content" source="media/triage.png":::\n\n' +
      ':::image type="complex" source="media/gear.png" alt-text="":::\nA gear.\n:::image-end:::\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: `:::image:::` needs a `source` attribute: the path of the image file [docfx-image-invalid]',
      'en-us/guide/page.md:3:8: error: Image `media/triage.png` needs an `alt-text` attribute; describe the image, or use `type="icon"` if it is decorative [docfx-image-invalid]',
      'en-us/guide/page.md:5:1: error: Image `media/gear.png` needs an `alt-text` attribute; describe the image, or use `type="icon"` if it is decorative [docfx-image-invalid]',
    ])
    // The image without a source is left out, paragraph and all; the others still show.
    expect(childTags(hast as unknown as Element)).toEqual(['ul', 'figure'])
    expect(selectAll('img', hast).map((node) => node.properties.alt)).toEqual(['', ''])
  })

  it('should report an unknown image type and a complex image without `:::image-end:::`', function () {
    const markdown = ':::image type="photo" source="media/triage.png" alt-text="Queue":::\n\n:::image type="complex" source="media/gear.png" alt-text="Gear":::\nA gear.\n'
    const { hast, messages } = renderMarkdown(markdown, { site })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: Unknown image type `photo`; use `content`, `complex` or `icon` [docfx-image-invalid]',
      'en-us/guide/page.md:3:1: error: Complex image has no `:::image-end:::`; end its long description with one [docfx-image-invalid]',
    ])
    expect(select('figure', hast)).toBeUndefined()
    expect(selectAll('p > img', hast).map((node) => node.properties.src)).toEqual(['../media/triage.png', '../media/gear.png'])
  })

  it('should report a problem in an include against the include file', function () {
    const { messages } = renderMarkdown('Intro.\n\n[!INCLUDE [shared](../includes/shared.md)]\n', {
      site,
      files: { 'includes/shared.md': '# Shared\n\n  Text :::image type="content" source="media/shared.png":::\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/shared.md:3:8: error: Image `media/shared.png` needs an `alt-text` attribute; describe the image, or use `type="icon"` if it is decorative [docfx-image-invalid]',
    ])
  })
})
