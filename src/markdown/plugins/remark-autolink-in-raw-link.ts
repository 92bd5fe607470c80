/**
 * No link inside a raw HTML link. In `<a href="https://x.example">https://x.example</a>`
 * the `<a>` tags are raw HTML and the URL between them is plain text to the
 * Markdown parser, so GFM's autolink literal turns it into a second link. The
 * HTML parser (rehype-raw) then closes the raw `<a>` before the nested one:
 * an empty link followed by the autolink (axe `link-name`). GitHub and DocFX
 * show one link; so does tolk: an autolink literal inside an open raw `<a>`
 * of the same paragraph is put back as its text, and the raw link keeps it.
 */
import type { Link, Parent, PhrasingContent, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from '../../tree/visit.ts'

const rawOpen = /^<a(?=[\s>/])/i
const rawClose = /^<\/a\s*>$/i

export default function remarkAutolinkInRawLink() {
  return function (tree: Root): void {
    visit(tree, function (node) {
      if (!('children' in node) || !node.children.some((child) => child.type === 'html')) return
      const parent = node as Parent
      let open = 0
      const children: Parent['children'] = []
      for (const child of parent.children) {
        if (child.type === 'html') {
          if (rawOpen.test(child.value)) open++
          else if (rawClose.test(child.value.trim())) open = Math.max(0, open - 1)
        }
        if (open > 0 && child.type === 'link' && isAutolinkLiteral(child)) children.push(...(child.children as PhrasingContent[]))
        else children.push(child)
      }
      parent.children = children
    })
  }
}

/**
 * GFM's autolink literal (`https://…`, `www.…`, an e-mail address): its source is
 * exactly its text, where `[text](url)` and `<url>` add brackets to it. The
 * `www.` and e-mail literals are made after parsing, without a position: their
 * URL is their text with `http://` or `mailto:` put before it.
 */
function isAutolinkLiteral(link: Link): boolean {
  if (link.title || link.children.length !== 1 || link.children[0]!.type !== 'text') return false
  const text = toString(link)
  const start = link.position?.start.offset
  const end = link.position?.end.offset
  if (start === undefined || end === undefined) return [text, `http://${text}`, `mailto:${text}`].includes(link.url)
  return end - start === text.length
}
