/**
 * Helpers for the DocFX directives written as a quote that opens with a
 * marker (`> [!div class="…"]`, `> [!VIDEO …]`): read the marker, take it off
 * the quote, and report at a node in the file it was written in (the page or
 * an include).
 */
import type { Blockquote, Paragraph } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Node } from 'unist'
import { VFile } from 'vfile'
import { report, type Place } from '../diagnostics/report.ts'
import type { RuleId } from '../diagnostics/rules.ts'

/** The plain text of the quote's first paragraph (`''` when it opens with something else). */
export function openingText(quote: Blockquote): string {
  const first = quote.children[0]
  return first?.type === 'paragraph' ? toString(first) : ''
}

/** Where the quote's first paragraph, and so its marker, starts. */
export function openingPlace(quote: Blockquote): Place | undefined {
  return quote.children[0]?.position?.start
}

/**
 * Remove the first `length` characters of `openingText(quote)`, then the
 * line break after them; drop the paragraph when nothing is left.
 * Returns `false`, changing nothing, when they end inside a link or other markup.
 * @example takeOpening(quote('[!div class="x"]\nText'), 16) // quote now opens with `Text`
 */
export function takeOpening(quote: Blockquote, length: number): boolean {
  const paragraph = quote.children[0]
  if (paragraph?.type !== 'paragraph') return false
  let whole = 0
  let covered = 0
  while (covered < length) {
    const child = paragraph.children[whole]
    if (!child) return false
    const size = toString(child).length
    if (covered + size > length) {
      if (child.type !== 'text') return false
      break
    }
    covered += size
    whole++
  }
  paragraph.children.splice(0, whole)
  const partial = paragraph.children[0]
  if (covered < length && partial?.type === 'text') partial.value = partial.value.slice(length - covered)
  trimStart(paragraph)
  if (paragraph.children.length === 0) quote.children.shift()
  return true
}

/** Drop the spaces and the one line break that separated a marker from what follows. */
function trimStart(paragraph: Paragraph): void {
  const first = paragraph.children[0]
  if (first?.type === 'text') {
    first.value = first.value.replace(/^[ \t]*(\r?\n)?/, '')
    if (first.value === '') paragraph.children.shift()
  }
  if (paragraph.children[0]?.type === 'break') paragraph.children.shift()
}

/** Report at `place` (default: the node's start) in the file the node was written in. */
export function reportAt(file: VFile, rule: RuleId, reason: string, node: Node, place?: Place): void {
  const at = place ?? node.position?.start
  const source = node.data?.sourceFile
  if (!source) {
    report(file, rule, reason, at)
    return
  }
  // Nodes from an include keep the include's positions, so the message names the include.
  file.messages.push(report(new VFile({ path: source }), rule, reason, at))
}
