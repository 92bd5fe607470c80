/**
 * DocFX anchors: `## <a name="next-step"></a>Next step` gives the heading
 * `id="next-step"` and drops the empty anchor; any other `<a name="x">` keeps
 * its place but carries `id="x"`, since `name` is obsolete in HTML (and the
 * sanitizer drops it).
 */
import type { Element, Root } from 'hast'
import { visit, SKIP } from '../../tree/visit.ts'

const headingNames = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

export default function rehypeHeadingAnchorNames() {
  return function (tree: Root): void {
    visit(tree, 'element', function (node: Element) {
      if (headingNames.has(node.tagName)) {
        const index = node.children.findIndex((child) => isNamedAnchor(child) && isEmpty(child as Element))
        if (index === -1) return
        const anchor = node.children[index] as Element
        if (node.properties.id === undefined) node.properties.id = anchorName(anchor)
        node.children.splice(index, 1)
        // Drop the whitespace the anchor leaves at the start of the heading.
        const next = node.children[index]
        if (index === 0 && next?.type === 'text') next.value = next.value.replace(/^\s+/, '')
        return SKIP
      }
      // Any other `<a name>`, a link too, keeps its anchor as an id: the
      // sanitizer drops every `name` (DOM clobbering, see sanitize-schema.ts).
      if (node.tagName === 'a' && typeof node.properties.name === 'string') {
        if (node.properties.id === undefined) node.properties.id = node.properties.name
        delete node.properties.name
      }
      return undefined
    })
  }
}

function isNamedAnchor(node: Root['children'][number] | Element['children'][number]): boolean {
  return node.type === 'element' && node.tagName === 'a' && typeof (node.properties.name ?? node.properties.id) === 'string' && node.properties.href === undefined
}

function anchorName(anchor: Element): string {
  return String(anchor.properties.name ?? anchor.properties.id)
}

function isEmpty(node: Element): boolean {
  return node.children.every((child) => child.type === 'text' && child.value.trim() === '')
}
