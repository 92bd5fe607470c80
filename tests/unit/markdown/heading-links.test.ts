import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = { 'heading.link': 'Koppeling naar deze sectie: {heading}' }

describe('rehypeHeadingLinks', function () {
  it('should give every h2–h6 a link to its id, named in the page language, beside the heading', function () {
    const { hast, messages } = renderMarkdown('# Title\n\n## Before you start\n\n### Check the *logs*\n\n###### Deep\n', { strings })
    expect(messages).toEqual([])
    expect(select('h1 + a, h1 a', hast)).toBeUndefined()
    expect(selectAll('.heading-wrapper', hast).map((wrapper) => {
      const [heading, link] = wrapper.children.filter((child) => child.type === 'element')
      return [heading!.tagName, heading!.properties.id, toString(heading!), link!.properties.href, link!.properties.ariaLabel, toString(link!)]
    })).toEqual([
      ['h2', 'before-you-start', 'Before you start', '#before-you-start', 'Koppeling naar deze sectie: Before you start', '#'],
      ['h3', 'check-the-logs', 'Check the logs', '#check-the-logs', 'Koppeling naar deze sectie: Check the logs', '#'],
      ['h6', 'deep', 'Deep', '#deep', 'Koppeling naar deze sectie: Deep', '#'],
    ])
    // The heading keeps its own text: no link inside it.
    expect(selectAll('h2 a, h3 a, h6 a', hast)).toEqual([])
  })

  it('should link a DocFX anchor id and a non-ASCII id', function () {
    const { hast } = renderMarkdown('## <a name="next-step"></a>Next step\n\n## Før hændelsen\n', { strings })
    expect(selectAll('a.heading-link', hast).map((link) => link.properties.href)).toEqual(['#next-step', '#før-hændelsen'])
  })

  it('should give no link to tab titles, the footnote label or a heading inside a summary', function () {
    const markdown = [
      '# [Windows](#tab/windows)', '', 'Encrypt.', '', '# [Mac](#tab/mac)', '', 'Use FileVault.', '', '---', '',
      '<details><summary><h3 id="more">More</h3></summary>Text.</details>', '',
      'A note.[^1]', '', '[^1]: The footnote.', '',
    ].join('\n')
    const { hast } = renderMarkdown(markdown, { strings })
    expect(selectAll('.tab-title', hast).length).toBe(2)
    expect(select('summary > h3#more', hast)).toBeDefined()
    expect(select('h2.sr-only#footnote-label', hast)).toBeDefined()
    expect(selectAll('a.heading-link', hast)).toEqual([])
  })
})
