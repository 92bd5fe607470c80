import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'
import { VFile } from 'vfile'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { withinComplexityLimits } from '../../../src/markdown/complexity-guard.ts'

function check(text: string) {
  const file = new VFile({ path: 'en-us/page.md' })
  return { ok: withinComplexityLimits(text, file), messages: file.messages.map((message) => formatHuman(message)) }
}

describe('withinComplexityLimits', function () {
  it('should let ordinary nesting through', function () {
    const lists = Array.from({ length: 20 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    expect(check(`# Page\n\n${lists}\n\n> > > quoted\n${' '.repeat(500)}\n`)).toEqual({ ok: true, messages: [] })
  })

  it('should refuse nesting that would stall the parser, at its line', function () {
    const lists = Array.from({ length: 150 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n')
    expect(check(`# Page\n\n${lists}\n`)).toEqual({
      ok: false,
      messages: ['en-us/page.md:104:1: error: This line is indented 202 columns (at most 200); tolk does not render Markdown nested this deep [content-too-complex]'],
    })
    expect(check(`Intro\n${'>'.repeat(60)} deep\n`).messages).toEqual([
      'en-us/page.md:2:1: error: This line nests 60 block quotes (at most 50); tolk does not render Markdown nested this deep [content-too-complex]',
    ])
  })

  it('should refuse an include nested too deep, reporting it in the include', function () {
    const { messages } = renderMarkdown('[!INCLUDE [x](../includes/deep.md)]\n', {
      files: { 'includes/deep.md': `${'>'.repeat(80)} x\n` },
    })
    expect(messages).toEqual([
      'en-us/includes/deep.md:1:1: error: This line nests 80 block quotes (at most 50); tolk does not render Markdown nested this deep [content-too-complex]',
    ])
  })

  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk: 2,000
  // list markers on one line nest 2,000 lists and take seconds to render.
  it('should refuse a line of 2,000 nested list markers, and keep rules made of dashes', function () {
    expect(check(`Intro\n${'1. '.repeat(2_000)}\n`).messages).toEqual([
      'en-us/page.md:2:1: error: This line opens 2000 lists and block quotes (at most 50); tolk does not render Markdown nested this deep [content-too-complex]',
    ])
    expect(check(`${'- > '.repeat(30)}x\n`).ok).toBe(false)
    expect(check(`${'- '.repeat(80)}\n\n- a\n  1. b\n`)).toEqual({ ok: true, messages: [] })
  })
})
