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
})
