import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { isMarkerLine } from '../../../src/markdown/plugins/remark-docfx-quote-sections.ts'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = { 'alert.note': 'Note', 'alert.tip': 'Tip', 'alert.important': 'Important', 'alert.caution': 'Caution', 'alert.warning': 'Warning', 'video.title': 'Video' }

/** Tag, classes and text (title left out) of the page's top-level elements. */
function blocks(tree: Root): Array<[string, unknown, string]> {
  return tree.children
    .filter((child): child is Element => child.type === 'element')
    .map((child) => {
      const body = child.children.filter((node) => !(node.type === 'element' && node.tagName === 'p' && node.properties.className))
      return [child.tagName, child.properties.className, body.map((node) => toString(node as Element)).join('').trim()]
    })
}

describe('remarkDocfxQuoteSections', function () {
  it('should start a new alert at each marker line of one quote', function () {
    const markdown = '> [!NOTE]\n> Isolate the host.\n> [!WARNING]\n> Do not reboot it.\n>\n> [!important]\n> Keep the logs.\n'
    const { hast, messages } = renderMarkdown(markdown, { strings })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual([
      ['div', ['alert', 'alert-note'], 'Isolate the host.'],
      ['div', ['alert', 'alert-warning'], 'Do not reboot it.'],
      ['div', ['alert', 'alert-important'], 'Keep the logs.'],
    ])
    expect(selectAll('p.alert-title', hast).map((node) => toString(node))).toEqual(['Note', 'Warning', 'Important'])
    expect(toString(hast)).not.toContain('[!')
  })

  it('should keep ordinary quote lines before the first marker as a quote', function () {
    const { hast, messages } = renderMarkdown('> Quoted from the runbook.\n> [!Tip]\n> Ask the on-call lead.\n', { strings })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual([
      ['blockquote', undefined, 'Quoted from the runbook.'],
      ['div', ['alert', 'alert-tip'], 'Ask the on-call lead.'],
    ])
  })

  it('should cut at a marker after a hard break and keep a link on the line before', function () {
    const { hast, messages } = renderMarkdown('> [!NOTE]\n> See [triage](#triage)  \n> [!CAUTION]\n> Slow.\n', { strings })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual([
      ['div', ['alert', 'alert-note'], 'See triage'],
      ['div', ['alert', 'alert-caution'], 'Slow.'],
    ])
  })

  it('should start a video and a div at marker lines after an alert', function () {
    const markdown = [
      '> [!NOTE]',
      '> Watch the overview.',
      '> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE4bGqo]',
      '> [!div class="nextstepaction"]',
      '> [Next](#next)',
      '',
      '## Next',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { strings })
    expect(messages).toEqual([])
    expect(blocks(hast)).toEqual([
      ['div', ['alert', 'alert-note'], 'Watch the overview.'],
      ['div', ['video'], ''],
      ['div', ['nextstepaction'], 'Next'],
      ['div', ['heading-wrapper', 'heading-wrapper-h2'], 'Next#'],
    ])
    expect(select('div.video > iframe', hast)!.properties.src).toBe('https://www.microsoft.com/videoplayer/embed/RE4bGqo')
  })

  it('should leave a lazy continuation line and an escaped marker as text, as DocFX does', function () {
    const { hast } = renderMarkdown('> [!NOTE]\n> One.\n> \\[!TIP]\n> Two.\n', { strings })
    expect(blocks(hast)).toEqual([['div', ['alert', 'alert-note'], 'One.\n[!TIP]\nTwo.']])
    const lazy = renderMarkdown('> [!NOTE]\n> One.\n[!TIP]\n> Two.\n', { strings })
    expect(blocks(lazy.hast)).toEqual([['div', ['alert', 'alert-note'], 'One.\n[!TIP]\nTwo.']])
  })

  it('should split a nested quote on its own and leave the outer one whole', function () {
    const { hast, messages } = renderMarkdown('> Outer.\n>\n> > [!NOTE]\n> > Inner.\n> > [!TIP]\n> > Second.\n', { strings })
    expect(messages).toEqual([])
    const outer = select('blockquote', hast)!
    expect(selectAll('blockquote > div.alert', hast).map((node) => node.properties.className)).toEqual([
      ['alert', 'alert-note'],
      ['alert', 'alert-tip'],
    ])
    expect(toString(outer)).toContain('Second.')
  })

  it('should split stacked markers in an include and report at the include', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n[!INCLUDE [x](../includes/box.md)]\n', {
      strings,
      files: { 'includes/box.md': '> [!NOTE]\n> One.\n> [!div class="wide"]\n> Boxed.\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/box.md:3:3: warning: Unknown `[!div]` class `wide`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
    expect(blocks(hast).slice(1)).toEqual([
      ['div', ['alert', 'alert-note'], 'One.'],
      ['div', undefined, 'Boxed.'],
    ])
  })

  it.each([
    ['[!NOTE]', true],
    ['[!note]  ', true],
    ['[!div class="x"]', true],
    ['[!div]', true],
    ['[!VIDEO https://x.example/v]', true],
    ['[!NOTE] text after', false],
    ['[!VIDEO intro.mp4]', false],
    ['[!NOTES]', false],
    ['[!NOTE', false],
    ['[link](x)', false],
  ])('should read `%s` as a marker line: %s', function (line, expected) {
    expect(isMarkerLine(line)).toBe(expected)
  })
})
