/**
 * Lay out DocFX rows: `:::row:::` … `:::column:::` … `:::column-end:::` …
 * `:::row-end:::` becomes `<div class="row">` holding one `<div
 * class="column">` per column (`span="2"` adds `column-span-2`). Writers
 * indent the markers and the column content by 4–8 spaces, which CommonMark
 * reads as code, or folds into one paragraph with the markers as text (into
 * a list item, even); DocFX reads it as Markdown. So each column's lines are
 * cut from the source, dedented and parsed again, keeping file positions.
 */
import type { Blockquote, BlockContent, Paragraph, Parent, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { reportAt } from '../quote-directive.ts'
import {
  createSources,
  lastCovered,
  linesOf,
  offsetOf,
  parseSlice,
  pointAt,
  scopeEnd,
  type Line,
  type Parse,
  type ReadSource,
  type Source,
} from '../source-text.ts'
import { parseAttributes } from '../triple-colon.ts'

export interface Options {
  /** Parses column content (remark-parse + remark-gfm). */
  parse: Parse
  /** Reads an include's text, so rows written in includes are laid out too. */
  read: ReadSource
}

/** Widest `span` with its own class; wider columns get this one. */
const maxSpan = 4

/** Classes this plugin puts on divs, for the sanitizer's allowlist. */
export const layoutClassNames = ['row', 'column', ...Array.from({ length: maxSpan - 1 }, (_, at) => `column-span-${at + 2}`)]

const rowLine = /^[ \t]*:::row:::[ \t]*$/im
const rowStart = /^:::row:::$/i
const rowEnd = /^:::row-end:::$/i
const columnStart = /^:::column(\s[^:]*)?:::$/i
const columnEnd = /^:::column-end:::$/i

/** A stretch of the row's lines: a column, or content written outside any column. */
interface Segment {
  start: number
  end: number
  /** Set for columns: the `span` attribute (default `1`). */
  column?: { span: number }
}

export default function remarkDocfxLayout(options: Options) {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    const sourceOf = createSources(file, options.read)

    visit(tree, 'paragraph', function (paragraph: Paragraph, index, parent: Parent | undefined) {
      if (!parent || index === undefined || !rowLine.test(toString(paragraph))) return
      const source = sourceOf(paragraph)
      if (!source) return
      const start = offsetOf(source, paragraph.position?.start)
      const end = offsetOf(source, paragraph.position?.end)
      if (start === undefined || end === undefined) return
      const opening = linesOf(source, start, end).find((line) => rowStart.test(line.value.trim()))
      if (!opening) return
      const place = (line: Line) => pointAt(source, line.start + line.value.length - line.value.trimStart().length)
      const row = readRow(source, opening.next, scopeEnd(parent, paragraph, source))
      if (!row.end) {
        const reason = '`:::row:::` has no `:::row-end:::`; close the row after its last `:::column-end:::`'
        reportAt(file, 'docfx-layout-unclosed', reason, paragraph, place(opening))
      }
      for (const line of row.unclosed) {
        const reason =
          '`:::column:::` has no `:::column-end:::`; close each column before the next `:::column:::` or `:::row-end:::`'
        reportAt(file, 'docfx-layout-unclosed', reason, paragraph, place(line))
      }
      if (!row.end) return
      const parse = (from: number, to: number): RootContent[] => parseSlice(options.parse, source, from, to, page?.relPath)
      const origin = paragraph.data?.sourceFile ? { sourceFile: paragraph.data.sourceFile } : {}
      const children = row.segments.flatMap(function (segment) {
        const content = parse(segment.start, segment.end) as BlockContent[]
        return segment.column ? [column(segment.column.span, content)] : content
      })
      const layout: Blockquote = {
        type: 'blockquote',
        children,
        data: { ...origin, hName: 'div', hProperties: { className: ['row'] } },
        position: { start: place(opening), end: pointAt(source, row.end.start + row.end.value.length) },
      }
      const before = opening.start > start ? parse(start, opening.start) : []
      const last = lastCovered(parent, index, row.end.next, source)
      const lastEnd = offsetOf(source, parent.children[last]!.position?.end) ?? row.end.next
      const after = lastEnd > row.end.next ? parse(row.end.next, lastEnd) : []
      parent.children.splice(index, last - index + 1, ...before, layout, ...after)
      // Go on inside the row: a column may hold another row.
      return index + before.length
    })
  }
}

function column(span: number, children: BlockContent[]): Blockquote {
  const width = Math.min(span, maxSpan)
  return {
    type: 'blockquote',
    children,
    data: { hName: 'div', hProperties: { className: ['column', ...(width > 1 ? [`column-span-${width}`] : [])] } },
  }
}

/**
 * Read the lines after `:::row:::` up to `:::row-end:::` (`end` stays
 * unset when another `:::row:::` or the end of the scope comes first).
 */
function readRow(source: Source, from: number, to: number): { segments: Segment[]; unclosed: Line[]; end?: Line } {
  const segments: Segment[] = []
  const unclosed: Line[] = []
  let open: { line: Line; span: number } | undefined
  let loose: number | undefined
  function close(at: number): void {
    if (open) segments.push({ start: open.line.next, end: at, column: { span: open.span } })
    else if (loose !== undefined) segments.push({ start: loose, end: at })
    open = undefined
    loose = undefined
  }
  for (const line of linesOf(source, from, to)) {
    const text = line.value.trim()
    const columnMatch = columnStart.exec(text)
    if (rowEnd.test(text) || columnMatch) {
      if (open) unclosed.push(open.line)
      close(line.start)
      if (!columnMatch) return { segments, unclosed, end: line }
      open = { line, span: Number.parseInt(parseAttributes(columnMatch[1] ?? '')['span'] ?? '', 10) || 1 }
    } else if (columnEnd.test(text)) {
      close(line.start)
    } else if (rowStart.test(text)) {
      break
    } else if (!open && loose === undefined && text !== '') {
      loose = line.start
    }
  }
  return { segments, unclosed }
}
