/**
 * Turn DocFX `> [!div class="…"]` quotes into divs around the quote's content:
 * `nextstepaction` (a call-to-action link), `checklist`, `mx-imgBorder`
 * (a bordered screenshot), `op_single_selector` and `button`. DocFX copies the
 * class verbatim; tolk maps the classes its theme styles to its own names and
 * drops any other with a `docfx-div-class` warning, so content cannot borrow
 * the site's classes.
 */
import type { Blockquote, Parent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'

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

export default function remarkDocfxDiv() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'blockquote', function (quote: Blockquote, index, parent: Parent | undefined) {
      if (quote.data?.hName) return
      const match = markerPattern.exec(openingText(quote))
      if (!match) return
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
