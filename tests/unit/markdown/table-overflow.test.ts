import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('table rows with more cells than the header', function () {
  it('should warn at the first dropped cell when a pipe inside code splits off cells GFM drops', function () {
    const { hast, messages } = renderMarkdown('Intro\n\n|Area|Command|\n|-|-|\n|Logs|`mdatp log level set [error|warning]`|\n|Scan|`mdatp scan quick`|\n')
    expect(selectAll('tbody td', hast).map((cell) => toString(cell))).toEqual(['Logs', '`mdatp log level set [error', 'Scan', 'mdatp scan quick'])
    expect(messages).toEqual([
      "en-us/guide/page.md:5:34: warning: This table row has more cells than the table's 2 columns; `warning]'` is not shown. A `|` inside code still ends a cell in GitHub-flavoured Markdown (not in DocFX): write it as `\\|` [table-extra-cells]",
    ])
  })

  it('should stay quiet for an escaped pipe, a trailing pipe and a short row', function () {
    const { hast, messages } = renderMarkdown('|a|b|\n|-|-|\n|`x \\| y`|z|  \n|only|\n|c|d|\n')
    expect(selectAll('tbody td', hast).map((cell) => toString(cell))).toEqual(['x | y', 'z', 'only', '', 'c', 'd'])
    expect(messages).toEqual([])
  })

  it('should report a row from an include at the include', function () {
    const { messages } = renderMarkdown('[!INCLUDE [t](includes/t.md)]\n', { files: { 'guide/includes/t.md': '|a|\n|-|\n|b|c|\n' } })
    expect(messages).toEqual([
      "en-us/guide/includes/t.md:3:3: warning: This table row has more cells than the table's 1 columns; `c` is not shown. A `|` inside code still ends a cell in GitHub-flavoured Markdown (not in DocFX): write it as `\\|` [table-extra-cells]",
    ])
  })
})
