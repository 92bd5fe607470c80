import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { applyMoniker, rangeIncludes } from '../../../src/markdown/moniker-filter.ts'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const page = [
  '# Sign in',
  '',
  '::: moniker range="o365-worldwide"',
  '',
  'Go to the worldwide portal.',
  '',
  '::: moniker-end',
  '::: moniker range="o365-germany || o365-21vianet"',
  '',
  'Go to the national cloud portal.',
  '',
  '::: moniker-end',
  '',
  '```text',
  '::: moniker range="o365-germany"',
  '```',
  '',
  'For everyone.',
  '',
].join('\n')

describe('rangeIncludes', function () {
  it('should decide names and || lists, and leave comparisons undecided', function () {
    expect(rangeIncludes('o365-worldwide', 'o365-worldwide')).toBe(true)
    expect(rangeIncludes('o365-germany || o365-21vianet', 'o365-21vianet')).toBe(true)
    expect(rangeIncludes('o365-germany', 'o365-worldwide')).toBe(false)
    expect(rangeIncludes('>=aspnetcore-2.1', 'aspnetcore-3.0')).toBeUndefined()
  })
})

describe('applyMoniker', function () {
  it('should blank other monikers and the marker lines, keeping every line and column', function () {
    const result = applyMoniker(page, 'o365-worldwide')
    expect(result.length).toBe(page.length)
    expect(result.split('\n').map((line) => line.trim())).toEqual([
      '# Sign in', '', '', '', 'Go to the worldwide portal.', '', '', '', '', '', '', '', '',
      '```text', '::: moniker range="o365-germany"', '```', '', 'For everyone.', '',
    ])
  })

  it('should render only the chosen moniker, with no unsupported-docfx warning', function () {
    const { hast, messages } = renderMarkdown(applyMoniker(page, 'o365-germany'))
    expect(messages).toEqual([])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Go to the national cloud portal.', 'For everyone.'])
  })

  it('should keep, and leave reported, a range that is never closed, as DocFX does', function () {
    // Blanking it dropped the rest of the page with no diagnostic.
    const text = '# Sign in\n\n::: moniker range="o365-germany"\n\nGo to the national cloud portal.\n\n## Next steps\n\nMore.\n'
    const result = applyMoniker(text, 'o365-worldwide')
    expect(result).toBe(text)
    const { hast, messages } = renderMarkdown(result)
    expect(selectAll('p, h2', hast).map((node) => toString(node))).toEqual(['Go to the national cloud portal.', 'Next steps', 'More.'])
    expect(messages).toEqual([
      'en-us/guide/page.md:3:1: warning: Unsupported DocFX `::: moniker range="o365-germany"`; the marker is left out and its content shown to every reader [unsupported-docfx]',
    ])
  })

  it('should still apply the closed ranges before an unclosed one', function () {
    const text = '::: moniker range="o365-germany"\nA.\n::: moniker-end\nB.\n::: moniker range="o365-germany"\nC.\n'
    expect(applyMoniker(text, 'o365-worldwide').split('\n').map((line) => line.trim())).toEqual(['', '', '', 'B.', '::: moniker range="o365-germany"', 'C.', ''])
  })
})
