/**
 * Report table cells that never reach the page: a row with more cells than
 * the header row keeps them in mdast, but mdast-util-to-hast writes only as
 * many cells as the table has columns, so the rest vanished without a trace.
 * Real pages do this mostly by writing `|` inside code (`` `[error|warning]` ``):
 * GitHub-flavoured Markdown ends a cell there, DocFX (Markdig) does not.
 * tolk does not re-split the row; it warns at the first dropped cell, with the fix.
 */
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { reportAt } from '../quote-directive.ts'

export default function remarkTableOverflow() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'table', function (table) {
      const columns = table.children[0]?.children.length ?? 0
      for (const row of table.children.slice(1)) {
        const extra = row.children.slice(columns)
        const dropped = extra.map((cell) => toString(cell)).join(' | ').trim()
        if (extra.length === 0 || dropped === '') continue
        reportAt(
          file,
          'table-extra-cells',
          `This table row has more cells than the table's ${columns} columns; \`${clip(dropped)}\` is not shown. A \`|\` inside code still ends a cell in GitHub-flavoured Markdown (not in DocFX): write it as \`\\|\``,
          extra[0]!,
        )
      }
    })
  }
}

function clip(text: string): string {
  const flat = text.replace(/`/g, "'").replace(/\s+/g, ' ')
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat
}
