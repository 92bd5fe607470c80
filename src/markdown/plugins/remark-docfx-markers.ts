/**
 * Drop the DocFX `:::` lines tolk does not render, with an `unsupported-docfx`
 * warning at each: `::: zone pivot="…"` and `::: moniker range="…"` (their
 * content is kept and shown to every reader; one warning per opening marker,
 * none for `::: zone-end` / `::: moniker-end`) and `::: form …` (DocFX's form
 * extension, left out); `:::code …:::` is remarkDocfxCode's. DocFX reads these lines as blocks of their own; CommonMark
 * folds them into the paragraph around them, which then swallows the list or
 * quote after them (`::: moniker-end` then `2. Step`). So a top-level
 * paragraph is parsed again from the source without its marker lines; a
 * nested one (a lazy line in a list item or quote) just loses the lines.
 * Runs before the other DocFX plugins, so the blocks it parses get their turn.
 */
import type { Paragraph, Parent, Root, RootContent, Text } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import type { Place } from '../../diagnostics/report.ts'
import { placeInText, tidyParagraph } from '../paragraph-text.ts'
import { reportAt } from '../quote-directive.ts'
import { createSources, offsetOf, parseSlice, type Parse, type ReadSource, type Source } from '../source-text.ts'

export interface Options {
  /** Parses the paragraph's remaining lines (remark-parse + remark-gfm). */
  parse: Parse
  /** Reads an include's text, for exact places and re-parsing inside includes. */
  read: ReadSource
}

/** `::: zone pivot="…"`, `::: moniker range="…"` and their `-end`s; writers sometimes type two colons. */
const rangeLine = /^:{2,3}[ \t]*(?:zone|moniker)(-end)?(?![\w-])/i
/** DocFX's form extension, `::: form action="…" submitText="…" model="…" :::`: tolk has no form service to post to. */
const formLine = /^:::[ \t]*form(?![\w-])/i

/** A marker line found in a text node of the paragraph. */
interface MarkerLine {
  node: Text
  /** Index of the line in the node's value. */
  lineIndex: number
  marker: string
  place: Place | undefined
}

export default function remarkDocfxMarkers(options: Options) {
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    visit(tree, 'paragraph', function (paragraph: Paragraph, index, parent: Parent | undefined) {
      if (!parent || index === undefined) return
      const source = sourceOf(paragraph)
      const markers = findMarkerLines(paragraph, source)
      if (markers.length === 0) return
      for (const { node, marker, place } of markers) {
        if (formLine.test(marker)) {
          reportAt(file, 'unsupported-docfx', `Unsupported DocFX form \`${marker}\`; it is left out`, node, place)
        } else if (!rangeLine.exec(marker)![1]) {
          const reason = `Unsupported DocFX \`${marker}\`; the marker is left out and its content shown to every reader`
          reportAt(file, 'unsupported-docfx', reason, node, place)
        }
      }
      const blocks = parent.type === 'root' ? reparse(paragraph, markers, source, options.parse, file) : undefined
      if (blocks) {
        parent.children.splice(index, 1, ...(blocks as typeof parent.children))
        return index + blocks.length
      }
      removeLines(markers)
      tidyParagraph(paragraph)
      if (paragraph.children.length > 0) return
      parent.children.splice(index, 1)
      return index
    })
  }
}

/** Marker lines that fill a whole line of the paragraph. */
function findMarkerLines(paragraph: Paragraph, source: Source | undefined): MarkerLine[] {
  const found: MarkerLine[] = []
  paragraph.children.forEach(function (node, index) {
    if (node.type !== 'text') return
    const previous = paragraph.children[index - 1]
    const next = paragraph.children[index + 1]
    const lines = node.value.split('\n')
    let offset = 0
    lines.forEach(function (line, lineIndex) {
      // A whole line: it starts the paragraph or follows a line break, and nothing inline follows it.
      const startsLine = lineIndex > 0 || !previous || previous.type === 'break'
      const endsLine = lineIndex < lines.length - 1 || !next || next.type === 'break'
      const marker = line.trim()
      if (startsLine && endsLine && (rangeLine.test(marker) || formLine.test(marker))) {
        found.push({ node, lineIndex, marker, place: placeInText(source, node, offset, marker) })
      }
      offset += line.length + 1
    })
  })
  return found
}

function removeLines(markers: MarkerLine[]): void {
  for (const node of new Set(markers.map((marker) => marker.node))) {
    const drop = new Set(markers.filter((marker) => marker.node === node).map((marker) => marker.lineIndex))
    node.value = node.value
      .split('\n')
      .filter((_, lineIndex) => !drop.has(lineIndex))
      .join('\n')
  }
}

/**
 * The paragraph's lines between its markers, each stretch parsed as the
 * blocks DocFX sees; `undefined` when the source does not match the tree
 * (nodes from an inline include, a marker inside a multi-line code span).
 */
function reparse(paragraph: Paragraph, markers: MarkerLine[], source: Source | undefined, parse: Parse, file: VFile): RootContent[] | undefined {
  const position = paragraph.position
  if (!source || !position) return undefined
  let mixed = false
  visit(paragraph, function (node) {
    if (node.data?.sourceFile !== paragraph.data?.sourceFile) mixed = true
  })
  const markerLines = new Set(markers.map((marker) => marker.place?.line))
  const lineText = (line: number) => source.text.slice(source.lineStarts[line - 1], (source.lineStarts[line] ?? source.text.length + 1) - 1)
  if (mixed || markers.some((marker) => !marker.place || lineText(marker.place.line).trim() !== marker.marker)) return undefined
  const end = offsetOf(source, position.end)
  if (end === undefined) return undefined
  const blocks: RootContent[] = []
  let stretch: number | undefined
  for (let line = position.start.line; line <= position.end.line + 1; line++) {
    const isMarker = markerLines.has(line) || line > position.end.line
    if (!isMarker && stretch === undefined) stretch = line
    if (!isMarker || stretch === undefined) continue
    const stop = line > position.end.line ? end : source.lineStarts[line - 1]! - 1
    // Only top-level paragraphs come here: the lines keep their indentation, as DocFX reads the zone's content.
    blocks.push(...parseSlice(parse, source, source.lineStarts[stretch - 1]!, stop, file.data.page?.relPath, 0))
    stretch = undefined
  }
  return blocks
}
