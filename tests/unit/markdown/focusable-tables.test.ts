import { selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('tables the keyboard can reach (they scroll in their own box on a phone)', function () {
  it('should make every table focusable, Markdown and raw HTML alike, and leave other elements as written', function () {
    const { hast, messages } = renderMarkdown('|a|b|\n|-|-|\n|c|d|\n\n<table tabindex="-1"><tr><td tabindex="-1">e</td></tr></table>\n\n<div tabindex="3">f</div>\n')
    expect(selectAll('table', hast).map((table) => table.properties.tabIndex)).toEqual([0, 0])
    expect(selectAll('[tabindex]:not(table)', hast).map((element) => `${element.tagName} ${String(element.properties.tabIndex)}`)).toEqual(['td -1', 'div 3'])
    expect(messages).toEqual([])
  })
})
