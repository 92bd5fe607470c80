import type { Element } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = {
  'alert.note': 'Bemærk',
  'alert.tip': 'Tip',
  'alert.important': 'Vigtigt',
  'alert.caution': 'Forsigtig',
  'alert.warning': 'Advarsel',
}

/** Tag names of an element's element children, in order. */
function childTags(node: Element): string[] {
  return node.children.filter((child): child is Element => child.type === 'element').map((child) => child.tagName)
}

describe('remarkDocfxAlerts', function () {
  it.each([
    ['NOTE', 'note', 'Bemærk'],
    ['TIP', 'tip', 'Tip'],
    ['IMPORTANT', 'important', 'Vigtigt'],
    ['CAUTION', 'caution', 'Forsigtig'],
    ['WARNING', 'warning', 'Advarsel'],
  ])('should turn `[!%s]` into a note div titled in the page language', function (marker, kind, title) {
    const { hast, messages } = renderMarkdown(`> [!${marker}]\n> Isolate the host first.\n`, { locale: 'da-dk', strings })
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    const alert = select('div', hast)!
    expect(alert.properties).toEqual({ className: ['alert', `alert-${kind}`], role: 'note' })
    expect(childTags(alert)).toEqual(['p', 'p'])
    expect(selectAll('p.alert-title', alert).map((node) => toString(node))).toEqual([title])
    expect(toString(select('p:not(.alert-title)', alert)!)).toBe('Isolate the host first.')
  })

  it('should keep paragraphs, lists and fenced code of a long alert inside its div', function () {
    const markdown = [
      '> [!TIP]',
      '> Collect evidence before you contain.',
      '>',
      '> - Memory image',
      '> - Event logs',
      '>',
      '> ```powershell',
      '> Get-WinEvent -LogName Security',
      '> ```',
      '>',
      '> Then isolate.',
      '',
      'After the alert.',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { strings })
    expect(messages).toEqual([])
    const alert = select('div.alert.alert-tip[role=note]', hast)!
    expect(childTags(alert)).toEqual(['p', 'p', 'ul', 'div', 'p'])
    expect(selectAll('p.alert-title', alert).map((node) => toString(node))).toEqual(['Tip'])
    expect(selectAll('li', alert).map((node) => toString(node))).toEqual(['Memory image', 'Event logs'])
    expect(toString(select('pre > code', alert)!).trimEnd()).toBe('Get-WinEvent -LogName Security')
    expect(toString(selectAll('p', alert).at(-1)!)).toBe('Then isolate.')
    expect(toString(select('div.alert + p', hast)!)).toBe('After the alert.')
  })

  it('should keep text on the marker line as the first paragraph', function () {
    const { hast } = renderMarkdown('> [!WARNING] Do not reboot the host.\n', { strings })
    const alert = select('div.alert-warning', hast)!
    expect(selectAll('p', alert).map((node) => toString(node))).toEqual(['Advarsel', 'Do not reboot the host.'])
  })

  it('should leave a plain blockquote a blockquote', function () {
    const { hast } = renderMarkdown('> Assume breach.\n', { strings })
    expect(select('div', hast)).toBeUndefined()
    expect(toString(select('blockquote > p', hast)!)).toBe('Assume breach.')
  })

  it('should not make an alert of a blockquote with an unknown marker', function () {
    const { hast } = renderMarkdown('> [!DANGER]\n> Not a DocFX alert.\n', { strings })
    expect(selectAll('div, .alert, .alert-title', hast)).toEqual([])
    expect(select('blockquote', hast)).toBeDefined()
  })
})
