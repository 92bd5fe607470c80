/**
 * Report the DocFX syntax tolk does not render, at its exact position, so it
 * never reaches readers as stray text: `[!code-…[…](…)]` and `:::code …:::`
 * samples (left out), `::: zone` / `::: moniker` markers (dropped, their
 * content shown to everyone; one warning per opening marker) and quotes that
 * open with a `[!…]` marker no earlier plugin took (marker dropped). Runs last
 * among the DocFX plugins, so everything still left is unsupported.
 */
import type { Blockquote, Paragraph, Parent, Root, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Place } from '../../diagnostics/report.ts'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'

export interface Options {
  /** Reads an include's text, so markers on its continuation lines get exact columns (default: none, column 1). */
  readSource?: (absPath: string) => string | undefined
}

/** Quote markers other plugins own: alerts and includes. */
const handledMarkers = /^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING|INCLUDE)(?![\w-])/i
const quoteMarker = /^\[![A-Za-z][\w-]*/
const completeQuoteMarker = /^\[![A-Za-z][\w-]*[^\]\n]*\][ \t]*/
const codeReferenceStart = /\[!code(?:-[^\s[\]]*)?$/i
const codeReferenceText = /\[!code(?:-[^\s[\]]*)?\[[^\]\n]*\]\([^)\n]*\)\]/gi
/** `::: zone pivot="…"`, `::: moniker range="…"` and their `-end`s, alone on a line. */
const rangeLine = /^:::[ \t]*(?:zone|moniker)(-end)?(?![\w-]).*$/i
/** `:::code language="…" source="…":::`, alone on a line. */
const codeLine = /^:::[ \t]*code(?![\w-]).*:::[ \t]*\r?$/i

export default function remarkDocfxUnsupported(options: Options = {}) {
  return function (tree: Root, file: VFile): void {
    const sources = new Map<string, string[] | undefined>()
    /** Where `needle` is on the `line`-th line of the node's file, searched from `from`. */
    function locate(node: Text, line: number, needle: string, from: number): Place | undefined {
      const path = node.data?.sourceFile
      if (!sources.has(path ?? '')) {
        const text = path ? options.readSource?.(path) : String(file.value ?? '')
        sources.set(path ?? '', text?.split(/\r?\n/))
      }
      const column = sources.get(path ?? '')?.[line - 1]?.indexOf(needle, from)
      return column !== undefined && column >= 0 ? { line, column: column + 1 } : undefined
    }
    /** The place of `value.slice(offset)` inside a text node. */
    function placeIn(node: Text, offset: number, needle: string): Place | undefined {
      const start = node.position?.start
      if (!start) return undefined
      const before = node.value.slice(0, offset)
      const breaks = before.split('\n').length - 1
      if (breaks === 0) return locate(node, start.line, needle, start.column - 1) ?? { line: start.line, column: start.column + offset }
      // Continuation lines lose their indentation and `>` in the tree; only the source knows the column.
      return locate(node, start.line + breaks, needle, 0) ?? { line: start.line + breaks, column: 1 }
    }

    visit(tree, 'paragraph', function (paragraph: Paragraph, index, parent: Parent | undefined) {
      const changed = removeCodeReferences(paragraph, file, placeIn)
      if (!removeFenceLines(paragraph, file, placeIn) && !changed) return
      tidy(paragraph)
      if (paragraph.children.length > 0 || !parent || index === undefined) return
      parent.children.splice(index, 1)
      return index
    })
    visit(tree, 'blockquote', function (quote: Blockquote) {
      if (quote.data?.hName) return
      const text = openingText(quote)
      if (!quoteMarker.test(text) || handledMarkers.test(text)) return
      const place = openingPlace(quote)
      const complete = completeQuoteMarker.exec(text)
      if (complete && takeOpening(quote, complete[0].length)) {
        const reason = `Unsupported DocFX directive \`${complete[0].trim()}\`; the marker is left out`
        reportAt(file, 'unsupported-docfx', reason, quote, place)
        return
      }
      const reason = `Unsupported DocFX directive \`${text.split('\n')[0]!.trim()}\`; it is shown as text`
      reportAt(file, 'unsupported-docfx', reason, quote, place)
    })
  }
}

type PlaceIn = (node: Text, offset: number, needle: string) => Place | undefined

/** Remove `[!code-csharp[name](path)]` references: text ending in `[!code-…`, a link, text starting with `]`. */
function removeCodeReferences(paragraph: Paragraph, file: VFile, placeIn: PlaceIn): boolean {
  const children = paragraph.children
  let changed = false
  for (let index = children.length - 3; index >= 0; index--) {
    const [head, link, tail] = children.slice(index, index + 3)
    if (head?.type !== 'text' || link?.type !== 'link' || tail?.type !== 'text' || !tail.value.startsWith(']')) continue
    const match = codeReferenceStart.exec(head.value)
    if (!match) continue
    const directive = `${match[0]}[${toString(link)}](${link.url})]`
    reportCodeReference(file, head, placeIn(head, match.index, match[0]), directive)
    head.value = head.value.slice(0, match.index)
    tail.value = tail.value.slice(1)
    children.splice(index + 1, 1)
    changed = true
  }
  // Forms whose target did not parse as a link stay text: `[!code-cs[x](a b.cs)]`.
  for (const child of children) {
    if (child.type !== 'text') continue
    for (const match of child.value.matchAll(codeReferenceText)) {
      reportCodeReference(file, child, placeIn(child, match.index, match[0]), match[0])
      changed = true
    }
    child.value = child.value.replace(codeReferenceText, '')
  }
  return changed
}

function reportCodeReference(file: VFile, node: Text, place: Place | undefined, directive: string): void {
  const reason = `Unsupported DocFX code reference \`${directive}\`; the sample is left out, paste it into a fenced code block`
  reportAt(file, 'unsupported-docfx', reason, node, place)
}

/** Remove `::: zone`/`::: moniker` marker lines and `:::code …:::` lines wherever they fill a line. */
function removeFenceLines(paragraph: Paragraph, file: VFile, placeIn: PlaceIn): boolean {
  let changed = false
  paragraph.children.forEach(function (child, index) {
    if (child.type !== 'text') return
    const previous = paragraph.children[index - 1]
    const next = paragraph.children[index + 1]
    const lines = child.value.split('\n')
    const kept: string[] = []
    let offset = 0
    lines.forEach(function (line, lineIndex) {
      // A whole line: it starts the paragraph or follows a line break, and nothing inline follows it.
      const startsLine = lineIndex > 0 || !previous || previous.type === 'break'
      const endsLine = lineIndex < lines.length - 1 || !next || next.type === 'break'
      const range = startsLine && endsLine ? rangeLine.exec(line) : null
      const code = startsLine && endsLine && !range && codeLine.test(line)
      const marker = line.trim()
      if (code) reportCodeReference(file, child, placeIn(child, offset, marker), marker)
      else if (range && !range[1]) {
        const reason = `Unsupported DocFX \`${marker}\`; the marker is left out and its content shown to every reader`
        reportAt(file, 'unsupported-docfx', reason, child, placeIn(child, offset, marker))
      }
      if (code || range) changed = true
      else kept.push(line)
      offset += line.length + 1
    })
    child.value = kept.join('\n')
  })
  return changed
}

/** Drop emptied text, and the whitespace and line breaks a removed piece leaves at either end. */
function tidy(paragraph: Paragraph): void {
  const children = paragraph.children.filter((child) => child.type !== 'text' || child.value !== '')
  while (children[0]?.type === 'break') children.shift()
  while (children.at(-1)?.type === 'break') children.pop()
  const first = children[0]
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t\r\n]+/, '')
  const last = children.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/[ \t\r\n]+$/, '')
  paragraph.children = children.filter((child) => child.type !== 'text' || child.value !== '')
}
