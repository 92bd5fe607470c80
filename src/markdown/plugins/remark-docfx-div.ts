/**
 * Turn DocFX `> [!div class="…"]` quotes into divs around the quote's content:
 * `nextstepaction` (a call-to-action link), `checklist`, `mx-imgBorder`
 * (a bordered screenshot), `op_single_selector` and `button`. DocFX copies the
 * class verbatim; tolk maps the classes its theme styles to its own names and
 * drops any other with a `docfx-div-class` warning, so content cannot borrow
 * the site's classes (`sr-only` would hide text). The `id` is kept, so `#x`
 * links reach the div (rehype-heading-ids keeps ids unique); any other
 * attribute is a `docfx-div-attribute` warning. The attribute list may be
 * back-ticked, as DocFX allows: ``[!div `id="x"`]``. A quote holding several
 * markers was cut into one quote per marker by remark-docfx-quote-sections.
 */
import type { Blockquote, Parent, Root } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'
import { parseAttributes } from '../triple-colon.ts'

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

/** `[!div`, its attribute list (back-ticks already dropped by the parser), `]`. */
const markerPattern = /^\[!div(?![\w-])([^\]\n]*)\][ \t]*/i
/** An attribute list as DocFX reads it: `name="value"` pairs, nothing else. */
const attributeListPattern = /^(?:\s*[a-z][\w-]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"']+))*\s*$/i
/** An HTML id: at least one character, no whitespace. */
const idPattern = /^\S+$/
const supported = '`button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`'

export default function remarkDocfxDiv() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'blockquote', function (quote: Blockquote, index, parent: Parent | undefined) {
      if (quote.data?.hName) return
      const match = markerPattern.exec(openingText(quote))
      if (!match) return
      const place = openingPlace(quote)
      if (!takeOpening(quote, match[0].length)) return
      const list = match[1]!.trim()
      const attributes = parseAttributes(list)
      if (!attributeListPattern.test(list)) {
        const reason = `Cannot read the attributes \`${list}\` of \`[!div]\`; write \`[!div class="…" id="…"]\`, and the content is shown in a plain div`
        reportAt(file, 'docfx-div-attribute', reason, quote, place)
      }
      const classNames: string[] = []
      for (const name of (attributes['class'] ?? '').split(/\s+/).filter(Boolean)) {
        const mapped = classMap.get(name.toLowerCase())
        if (mapped) classNames.push(mapped)
        else {
          const reason = `Unknown \`[!div]\` class \`${name}\`; the content is shown without it (supported: ${supported})`
          reportAt(file, 'docfx-div-class', reason, quote, place)
        }
      }
      const id = attributes['id']?.trim()
      if (id !== undefined && !idPattern.test(id)) {
        reportAt(file, 'docfx-div-attribute', `\`[!div]\` id \`${attributes['id']}\` is not a valid id (one word, no spaces); the div has no id`, quote, place)
      }
      for (const name of Object.keys(attributes)) {
        if (name === 'class' || name === 'id') continue
        const reason = `\`[!div]\` attribute \`${name}\` is not kept (tolk keeps \`class\` and \`id\`); the content is shown without it`
        reportAt(file, 'docfx-div-attribute', reason, quote, place)
      }
      const properties = {
        ...(id && idPattern.test(id) ? { id } : {}),
        ...(classNames.length > 0 ? { className: classNames } : {}),
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
      quote.data = { ...quote.data, hName: 'div', hProperties: properties }
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
