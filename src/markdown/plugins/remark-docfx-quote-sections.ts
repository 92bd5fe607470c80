/**
 * Cut a `>` quote at every later line that holds only a DocFX marker, as
 * DocFX's QuoteSectionNote parser does: `> [!NOTE]` … `> [!WARNING]` … in one
 * quote are two alerts, and a marker after ordinary quote lines ends the plain
 * quote and starts its own block. Each part becomes a quote of its own, which
 * the alert, div and video plugins then read by its opening marker.
 *
 * DocFX's reading, followed here:
 * - a marker line is `[` … the first unescaped `]`, nothing but spaces after
 *   it, and one of `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!CAUTION]`,
 *   `[!WARNING]` (case-insensitive, exactly), `[!div…]`, or `[!VIDEO http…]`;
 * - only a line written with its `>` counts: a lazy continuation line (no `>`)
 *   stays text of the paragraph it continues, and so does an escaped `\[!NOTE]`;
 * - lines before the first marker stay a plain quote; nothing is dropped.
 * A marker line inside a list or code block in the quote is left where it is.
 */
import type { Blockquote, Paragraph, PhrasingContent, Root, RootContent } from 'mdast'
import type { Point } from 'unist'
import { toString } from 'mdast-util-to-string'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { createSources, pointAt, type ReadSource, type Source } from '../source-text.ts'

export interface Options {
  /** Reads an include's text, to check how a marker line is written. */
  read: ReadSource
}

const noteMarker = /^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\]$/i

/**
 * Whether a line of a quote (without its `>`) is a DocFX section marker.
 * @example isMarkerLine('[!div class="nextstepaction"]') // => true
 * @example isMarkerLine('[!NOTE] Keep it.') // => false (DocFX keeps such a line as quote text)
 */
export function isMarkerLine(line: string): boolean {
  const text = line.trim()
  if (!text.startsWith('[!')) return false
  let close = -1
  for (let at = 0; at < text.length; at++) {
    if (text[at] === '\\') at++
    else if (text[at] === ']') {
      close = at
      break
    }
  }
  if (close === -1 || text.slice(close + 1).trim() !== '') return false
  const info = text.slice(0, close + 1)
  if (noteMarker.test(info)) return true
  if (/^\[!div/i.test(info)) return true
  return /^\[!video\s*https?:\/\//i.test(info)
}

export default function remarkDocfxQuoteSections(options: Options) {
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    const quotes: Array<{ quote: Blockquote; parent: { children: RootContent[] } }> = []
    visit(tree, 'blockquote', function (quote: Blockquote, _index, parent) {
      if (parent) quotes.push({ quote, parent: parent as { children: RootContent[] } })
    })
    // Inner quotes first: cutting an outer quote moves its children into new quotes.
    for (const { quote, parent } of quotes.reverse()) {
      const parts = partsOf(quote, sourceOf(quote))
      if (parts.length < 2) continue
      const index = parent.children.indexOf(quote)
      if (index === -1) continue
      const quotesOut: Blockquote[] = parts.map((children, at) => (at === 0 ? Object.assign(quote, { children }) : partQuote(quote, children)))
      for (const [at, part] of quotesOut.entries()) {
        const next = quotesOut[at + 1]?.position?.start
        if (part.position && next) part.position = { start: part.position.start, end: next }
      }
      parent.children.splice(index, 1, ...quotesOut)
    }
  }
}

/** The quote's children, cut into runs that each open with a marker (but maybe the first). */
function partsOf(quote: Blockquote, source: Source | undefined): Array<Blockquote['children']> {
  const parts: Array<Blockquote['children']> = [[]]
  let changed = false
  for (const block of quote.children) {
    const pieces = block.type === 'paragraph' ? cutParagraph(block, source) : [{ node: block, marker: false }]
    for (const piece of pieces) {
      const current = parts[parts.length - 1]!
      if (piece.marker && current.length > 0) {
        parts.push([piece.node])
        changed = true
      } else current.push(piece.node)
    }
  }
  return changed ? parts : [quote.children]
}

interface Piece {
  node: Blockquote['children'][number]
  /** Whether it opens with a marker line. */
  marker: boolean
}

/**
 * A paragraph cut before each of its marker lines. Lines end at a newline in
 * a text node or at a hard break; a line's text may span several nodes (a
 * bare URL in `[!VIDEO https://…]` is a link).
 */
function cutParagraph(paragraph: Paragraph, source: Source | undefined): Piece[] {
  const children = paragraph.children
  // The paragraph's text, a break counting as a newline, and where each child starts in it.
  const starts: number[] = []
  let whole = ''
  for (const child of children) {
    starts.push(whole.length)
    whole += child.type === 'break' ? '\n' : child.type === 'text' ? child.value : toString(child)
  }
  // Line starts that may be cut at: after a newline in a text node or a break.
  const cuts: Array<{ child: number; offset: number; line: number | undefined }> = []
  const firstLine = paragraph.position?.start.line
  if (isMarkerLine(lineAt(whole, 0)) && writtenAsMarker(source, firstLine)) cuts.push({ child: 0, offset: -1, line: firstLine })
  for (const [index, child] of children.entries()) {
    if (child.type === 'break') {
      const line = child.position?.end.line
      if (isMarkerLine(lineAt(whole, starts[index]! + 1)) && writtenAsMarker(source, line)) cuts.push({ child: index, offset: 0, line })
      continue
    }
    if (child.type !== 'text') continue
    let newlines = 0
    for (let at = child.value.indexOf('\n'); at !== -1; at = child.value.indexOf('\n', at + 1)) {
      newlines++
      const line = child.position && child.position.start.line + newlines
      if (isMarkerLine(lineAt(whole, starts[index]! + at + 1)) && writtenAsMarker(source, line)) cuts.push({ child: index, offset: at, line })
    }
  }
  const opensWithMarker = cuts[0]?.offset === -1
  const pieces: Piece[] = []
  // Cut from the last line up, so earlier child indices stay valid.
  for (const cut of [...cuts].reverse()) {
    if (cut.offset === -1) break
    pieces.unshift({ node: tailFrom(paragraph, cut.child, cut.offset, source, cut.line), marker: true })
  }
  if (paragraph.children.length > 0) pieces.unshift({ node: paragraph, marker: opensWithMarker })
  return pieces
}

/** The line of `whole` that starts at `from`. */
function lineAt(whole: string, from: number): string {
  const end = whole.indexOf('\n', from)
  return whole.slice(from, end === -1 ? undefined : end)
}

/**
 * Whether source line `line` writes the marker with its `>` and unescaped.
 * Without the source, the tree's reading is trusted.
 */
function writtenAsMarker(source: Source | undefined, line: number | undefined): boolean {
  if (!source || line === undefined) return true
  const start = source.lineStarts[line - 1]
  if (start === undefined) return true
  const end = source.text.indexOf('\n', start)
  const text = source.text.slice(start, end === -1 ? undefined : end)
  const bracket = text.indexOf('[!')
  if (bracket === -1) return false
  // Only container marks before it: indentation, `>`, a list bullet or number.
  const before = text.slice(0, bracket)
  return before.includes('>') && /^[\s>*+\-\d.)]*$/.test(before)
}

/**
 * Cut `paragraph` at the newline (or break) at `offset` in child `index`:
 * the paragraph keeps what is before it; the returned paragraph holds the rest.
 */
function tailFrom(paragraph: Paragraph, index: number, offset: number, source: Source | undefined, line: number | undefined): Paragraph {
  const children = paragraph.children
  const child = children[index]!
  const rest = children.splice(index + 1)
  const start = markerStart(source, line)
  const tail: PhrasingContent[] = []
  if (child.type === 'text') {
    const after = child.value.slice(offset + 1)
    child.value = child.value.slice(0, offset)
    if (after !== '') {
      const { position, ...text } = child
      tail.push({ ...text, value: after, ...(start && position ? { position: { start, end: position.end } } : {}) })
    }
    if (child.value === '') children.splice(index, 1)
    else if (child.position && start) child.position = { start: child.position.start, end: lineEnd(source!, start) }
  } else children.splice(index, 1)
  tail.push(...rest)
  const end = paragraph.position?.end
  if (paragraph.position && start) paragraph.position = { start: paragraph.position.start, end: lineEnd(source!, start) }
  return {
    type: 'paragraph',
    children: tail,
    ...(paragraph.data ? { data: { ...paragraph.data } } : {}),
    ...(start && end ? { position: { start, end } } : {}),
  }
}

/** Where the marker on `line` starts (the tree drops the `>` before it). */
function markerStart(source: Source | undefined, line: number | undefined): Point | undefined {
  const lineStart = line === undefined ? undefined : source?.lineStarts[line - 1]
  if (!source || lineStart === undefined) return undefined
  const at = source.text.indexOf('[!', lineStart)
  const lineBreak = source.text.indexOf('\n', lineStart)
  return at === -1 || (lineBreak !== -1 && at > lineBreak) ? undefined : pointAt(source, at)
}

/** The end of the line before the one `start` is on. */
function lineEnd(source: Source, start: Point): Point {
  const lineStart = source.lineStarts[start.line - 1]!
  const previous = source.lineStarts[start.line - 2] ?? lineStart
  const text = source.text.slice(previous, Math.max(previous, lineStart - 1)).replace(/\r$/, '')
  return pointAt(source, previous + text.length)
}

/** A new quote for `children`, with the cut quote's data. */
function partQuote(quote: Blockquote, children: Blockquote['children']): Blockquote {
  const start = children[0]?.position?.start
  return {
    type: 'blockquote',
    children,
    ...(quote.data ? { data: { ...quote.data } } : {}),
    ...(quote.position ? { position: { start: start ?? quote.position.start, end: quote.position.end } } : {}),
  }
}
