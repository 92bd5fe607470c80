/**
 * Recognise DocFX include directives in a Markdown paragraph. remark parses
 * `[!INCLUDE [title](path.md)]` as the text `[!INCLUDE `, a link and the text
 * `]`; this finds those triples, with or without the space.
 */
import type { Link, Paragraph, PhrasingContent, Text } from 'mdast'

export interface IncludeDirective {
  /** Index of the text node holding `[!INCLUDE`. */
  startIndex: number
  link: Link
  /** Index of the text node holding the closing `]`. */
  endIndex: number
  /** Offset of `[!INCLUDE` inside the start text node. */
  prefixOffset: number
}

const prefixPattern = /\[!include\s*$/i

export function findIncludeDirectives(paragraph: Paragraph): IncludeDirective[] {
  const found: IncludeDirective[] = []
  const children = paragraph.children
  for (let index = 0; index + 2 < children.length; index++) {
    const start = children[index]!
    const link = children[index + 1]!
    const end = children[index + 2]!
    if (start.type !== 'text' || link.type !== 'link' || end.type !== 'text') continue
    const match = prefixPattern.exec(start.value)
    if (!match || !end.value.startsWith(']')) continue
    found.push({ startIndex: index, link, endIndex: index + 2, prefixOffset: match.index })
    index += 1
  }
  return found
}

/** True when the paragraph holds one directive and nothing else but whitespace. */
export function isBlockDirective(paragraph: Paragraph, directive: IncludeDirective): boolean {
  const children = paragraph.children
  const before = children[directive.startIndex] as Text
  const after = children[directive.endIndex] as Text
  return (
    children.length === 3 &&
    before.value.slice(0, directive.prefixOffset).trim() === '' &&
    after.value.slice(1).trim() === ''
  )
}

/** Text nodes around an inline directive, with the directive's own characters removed. */
export function surroundingText(paragraph: Paragraph, directive: IncludeDirective): [PhrasingContent[], PhrasingContent[]] {
  const before = paragraph.children[directive.startIndex] as Text
  const after = paragraph.children[directive.endIndex] as Text
  const head = before.value.slice(0, directive.prefixOffset)
  const tail = after.value.slice(1)
  return [head ? [{ ...before, value: head }] : [], tail ? [{ ...after, value: tail }] : []]
}

/** Where `[!INCLUDE` starts, for messages about the directive. */
export function directiveStart(paragraph: Paragraph, directive: IncludeDirective): { line: number; column: number } | undefined {
  const start = paragraph.children[directive.startIndex]!.position?.start
  if (!start) return paragraph.position?.start
  const before = (paragraph.children[directive.startIndex] as Text).value.slice(0, directive.prefixOffset)
  const lastBreak = before.lastIndexOf('\n')
  if (lastBreak === -1) return { line: start.line, column: start.column + before.length }
  // Continuation lines in lists and block quotes are indented; the text node
  // has lost that indentation, so the column here is a best effort.
  return { line: start.line + before.split('\n').length - 1, column: before.length - lastBreak }
}
