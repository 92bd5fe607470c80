/**
 * Turn DocFX `> [!div class="…"]` quotes into divs around the quote's content:
 * `nextstepaction` (a call-to-action link), `checklist`, `mx-imgBorder`
 * (a bordered screenshot), `op_single_selector` and `button`. DocFX copies the
 * class verbatim; tolk maps the classes its theme styles to its own names and
 * drops any other with a `docfx-div-class` warning, so content cannot borrow
 * the site's classes.
 */
import type { Blockquote, Paragraph, Parent, Root } from 'mdast'
import type { Point } from 'unist'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'
import { createSources, pointAt, type ReadSource, type Source } from '../source-text.ts'

export interface Options {
  /** Reads an include's text, for the exact place of a marker stacked in a quote. */
  read: ReadSource
}

/** DocFX class (lower-cased) → the class tolk's theme styles. */
const classMap = new Map([
  ['button', 'button'],
  ['checklist', 'checklist'],
  ['mx-imgborder', 'image-border'],
  ['nextstepaction', 'nextstepaction'],
  ['op_single_selector', 'op-single-selector'],
])

/** Every class this plugin can put on a div, for the sanitizer's allowlist. */
export const divClassNames = [...classMap.values()]

const markerPattern = /^\[!div[ \t]+class[ \t]*=[ \t]*(["'])([^"'\n]*)\1[ \t]*\]/i
const supported = '`button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`'

export default function remarkDocfxDiv(options: Options) {
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    visit(tree, 'blockquote', function (quote: Blockquote, index, parent: Parent | undefined) {
      if (quote.data?.hName) return
      const match = markerPattern.exec(openingText(quote))
      if (!match) return
      if (parent && index !== undefined) splitStacked(quote, parent, index, sourceOf(quote))
      const place = openingPlace(quote)
      if (!takeOpening(quote, match[0].length)) return
      const classNames: string[] = []
      for (const name of match[2]!.split(/\s+/).filter(Boolean)) {
        const mapped = classMap.get(name.toLowerCase())
        if (mapped) classNames.push(mapped)
        else {
          const reason = `Unknown \`[!div]\` class \`${name}\`; the content is shown without it (supported: ${supported})`
          reportAt(file, 'docfx-div-class', reason, quote, place)
        }
      }
      if (quote.children.length === 0 && parent && index !== undefined) {
        adoptNextQuote(quote, parent, index)
        if (quote.children.length === 0) {
          const reason = `\`${match[0]}\` has nothing to wrap and is left out; put the content on the \`>\` lines right after it`
          reportAt(file, 'unsupported-docfx', reason, quote, place)
          parent.children.splice(index, 1)
          return index
        }
      }
      quote.data = { ...quote.data, hName: 'div', hProperties: classNames.length > 0 ? { className: classNames } : {} }
    })
  }
}

/**
 * Writers sometimes leave a blank line between the marker and its content
 * (`> [!div …]`, blank, `> ![…](…)`), which ends the quote; the content is
 * then the next quote, so take it in when it is a plain one.
 */
function adoptNextQuote(quote: Blockquote, parent: Parent, index: number): void {
  const next = parent.children[index + 1]
  if (next?.type !== 'blockquote' || next.data?.hName || openingText(next).startsWith('[!')) return
  quote.children.push(...next.children)
  parent.children.splice(index + 1, 1)
}

/**
 * Writers stack markers in one quote (`> [!div class="nextstepaction"]`, a
 * link, the next marker, a link); cut the quote at the second marker so each
 * gets its own quote, visited next.
 */
function splitStacked(quote: Blockquote, parent: Parent, index: number, source: Source | undefined): void {
  for (const [at, block] of quote.children.entries()) {
    if (block.type !== 'paragraph') continue
    if (at > 0 && markerPattern.test(toString(block))) {
      parent.children.splice(index + 1, 0, { type: 'blockquote', children: quote.children.splice(at), ...copyOf(quote, block) })
      return
    }
    const tail = splitParagraph(block, source)
    if (tail) {
      parent.children.splice(index + 1, 0, { type: 'blockquote', children: [tail, ...quote.children.splice(at + 1)], ...copyOf(quote, tail) })
      return
    }
  }
}

/** Cut a paragraph before a marker that starts one of its later lines; the part from the marker on. */
function splitParagraph(paragraph: Paragraph, source: Source | undefined): Paragraph | undefined {
  for (const [at, child] of paragraph.children.entries()) {
    if (child.type !== 'text') continue
    const lines = child.value.split('\n')
    const line = lines.findIndex((text, number) => number > 0 && markerPattern.test(text))
    if (line === -1) continue
    const cut = lines.slice(0, line).join('\n').length
    const { position, ...text } = child
    const start = position && markerStart(source, position.start.line + line)
    const tail: Paragraph = {
      type: 'paragraph',
      children: [
        { ...text, value: child.value.slice(cut + 1), ...(start && position ? { position: { start, end: position.end } } : {}) },
        ...paragraph.children.splice(at + 1),
      ],
      ...(paragraph.data ? { data: { ...paragraph.data } } : {}),
      ...(start && paragraph.position ? { position: { start, end: paragraph.position.end } } : {}),
    }
    child.value = child.value.slice(0, cut)
    return tail
  }
  return undefined
}

/** Where the marker on `line` of the source starts (the tree drops the `>` before it). */
function markerStart(source: Source | undefined, line: number): Point | undefined {
  const lineStart = source?.lineStarts[line - 1]
  if (!source || lineStart === undefined) return undefined
  const at = source.text.indexOf('[!', lineStart)
  const lineEnd = source.text.indexOf('\n', lineStart)
  return at === -1 || (lineEnd !== -1 && at > lineEnd) ? undefined : pointAt(source, at)
}

/** Data and position for a quote cut from `quote`, starting where `first` does. */
function copyOf(quote: Blockquote, first: Paragraph): Pick<Blockquote, 'data' | 'position'> {
  const start = first.position?.start
  return {
    ...(quote.data ? { data: { ...quote.data } } : {}),
    ...(quote.position ? { position: { start: start ?? quote.position.start, end: quote.position.end } } : {}),
  }
}
