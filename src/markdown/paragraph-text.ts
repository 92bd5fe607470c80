/**
 * Helpers for plugins that cut DocFX syntax out of a paragraph's text: where
 * something inside a text node is written, and tidying what the cut leaves.
 * A text node's value drops what containers put before its continuation
 * lines (`>`, list indentation, lazy-line spaces), so only the first line's
 * column follows from the node; later lines are looked up in the source.
 */
import type { Paragraph, Text } from 'mdast'
import type { Point } from 'unist'
import type { Place } from '../diagnostics/report.ts'
import { offsetOf, pointAt, type Source } from './source-text.ts'

/**
 * Where `node.value.slice(offset)`, which starts with `needle`, is written.
 * @example placeInText(source, text('Intro\n  ::: zone-end'), 6, '::: zone-end') // => { line: 2, column: 3 }
 */
export function placeInText(source: Source | undefined, node: Text, offset: number, needle: string): Place | undefined {
  const start = node.position?.start
  if (!start) return undefined
  const breaks = node.value.slice(0, offset).split('\n').length - 1
  const line = start.line + breaks
  const fallback = breaks === 0 ? { line, column: start.column + offset } : { line, column: 1 }
  const lineStart = source?.lineStarts[line - 1]
  if (!source || lineStart === undefined) return fallback
  const from = breaks === 0 ? (offsetOf(source, start) ?? lineStart) : lineStart
  const lineEnd = source.text.indexOf('\n', lineStart)
  const at = source.text.slice(0, lineEnd === -1 ? undefined : lineEnd).indexOf(needle, from)
  if (at === -1) return fallback
  const point = pointAt(source, at)
  return { line: point.line, column: point.column }
}

/** Where `needle` is first written at or after `start`. */
export function placeAfter(source: Source | undefined, start: Point | undefined, needle: string): Place | undefined {
  if (!source) return undefined
  const from = offsetOf(source, start)
  const at = from === undefined ? -1 : source.text.indexOf(needle, from)
  if (at === -1) return undefined
  const point = pointAt(source, at)
  return { line: point.line, column: point.column }
}

/** Drop emptied text, and the whitespace and line breaks a cut leaves at either end of the paragraph. */
export function tidyParagraph(paragraph: Paragraph): void {
  const children = paragraph.children.filter((child) => child.type !== 'text' || child.value !== '')
  while (children[0]?.type === 'break') children.shift()
  while (children.at(-1)?.type === 'break') children.pop()
  const first = children[0]
  if (first?.type === 'text') first.value = first.value.replace(/^[ \t\r\n]+/, '')
  const last = children.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/[ \t\r\n]+$/, '')
  paragraph.children = children.filter((child) => child.type !== 'text' || child.value !== '')
}
