/**
 * Report the DocFX syntax no other plugin rendered, at its exact position,
 * so it never reaches readers as stray text: quotes that open with a `[!…]` marker no earlier
 * plugin took (marker left out), and `[!NOTE]`, `[!VIDEO …]` or `[!div …]`
 * written where DocFX does not read them either, such as in a table cell
 * (shown as text, as DocFX does), and `:::name` directives no plugin could
 * read (unknown, unclosed, a no-loc without `text`: shown as text). Runs
 * last among the DocFX plugins, so everything still left is unsupported.
 * (Whole `:::` lines: remarkDocfxMarkers; code references: remarkDocfxCode.)
 */
import type { Blockquote, Parent, Root, Text } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { placeAfter, placeInText } from '../paragraph-text.ts'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'
import { createSources, type ReadSource } from '../source-text.ts'

export interface Options {
  /** Reads an include's text, so references on its continuation lines get exact columns. */
  read: ReadSource
}

/** Quote markers other plugins own: alerts and includes. */
const handledMarkers = /^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING|INCLUDE)(?![\w-])/i
const quoteMarker = /^\[![A-Za-z][\w-]*/
const completeQuoteMarker = /^\[![A-Za-z][\w-]*[^\]\n]*\][ \t]*/
/** An inline triple-colon directive's opening (`:::image`, `:::no-loc`); `::: zone` with a space is a block marker, or prose. */
const tripleColonOpening = /:::([a-z][\w-]*)/gi
/** Layout markers remarkDocfxLayout reports itself when they do not pair up. */
const layoutNames = new Set(['row', 'row-end', 'column', 'column-end'])
/** The whole marker when it is in one text node; a bare URL in it ends the node after `[!VIDEO `. */
const strayMarker = /\[!(?:NOTE|TIP|IMPORTANT|CAUTION|WARNING|VIDEO|div)(?![\w-])(?:[^\]\n]*\])?/gi

export default function remarkDocfxUnsupported(options: Options) {
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    // Quote openings reported below as text, so the stray-marker pass does not report them again.
    const reportedOpenings = new Set<Text>()
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
      const first = quote.children[0]
      const opening = first?.type === 'paragraph' ? first.children[0] : undefined
      if (opening?.type === 'text') reportedOpenings.add(opening)
    })
    visit(tree, 'text', function (node: Text, _, parent: Parent | undefined) {
      reportTripleColons(node, parent)
      for (const match of node.value.matchAll(strayMarker)) {
        if (match.index === 0 && reportedOpenings.has(node)) continue
        const marker = match[0].endsWith(']') ? match[0] : `${match[0].trimEnd()} …]`
        const reason = `DocFX reads \`${marker}\` only at the start of a quote (\`> ${marker}\`); here it is shown as text`
        // Text split off around a bare URL has no position; its parent does.
        const source = sourceOf(node)
        const place = placeInText(source, node, match.index, match[0]) ?? placeAfter(source, parent?.position?.start, match[0])
        reportAt(file, 'unsupported-docfx', reason, node, place)
      }
    })

    /**
     * A `:::name` still in the text: every plugin before this one took the
     * directives it could read, so this one was unknown, not closed or
     * incomplete. It stays visible, and the writer learns why.
     */
    function reportTripleColons(node: Text, parent: Parent | undefined): void {
      const opening = new RegExp(tripleColonOpening.source, 'gi')
      for (let match = opening.exec(node.value); match; match = opening.exec(node.value)) {
        const name = match[1]!
        if (layoutNames.has(name.toLowerCase())) continue
        const reason =
          name.toLowerCase() === 'no-loc'
            ? '`:::no-loc` needs a `text` attribute: the term to keep untranslated; it is shown as text'
            : `\`:::${name}\` is not read as a DocFX directive here (unknown, or not closed with \`:::\` on its line); it is shown as text`
        const source = sourceOf(node)
        const place = placeInText(source, node, match.index, match[0]) ?? placeAfter(source, parent?.position?.start, match[0])
        reportAt(file, 'unsupported-docfx', reason, node, place)
        // Its closing `:::` (on the same line) opens nothing.
        const lineEnd = node.value.indexOf('\n', opening.lastIndex)
        const closing = node.value.indexOf(':::', opening.lastIndex)
        if (closing !== -1 && (lineEnd === -1 || closing < lineEnd)) opening.lastIndex = closing + 3
      }
    }
  }
}
