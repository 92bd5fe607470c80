/**
 * Give every heading without an id a stable slug id (github-slugger, which
 * keeps non-ASCII letters like æøå and Arabic readable), unique on the page:
 * ids already taken by `<a name>` anchors or raw HTML are never reused.
 */
import type { Element, Root } from 'hast'
import { slug } from 'github-slugger'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'

const headingPattern = /^h[1-6]$/

export default function rehypeHeadingIds() {
  return function (tree: Root): void {
    const taken = new Set<string>()
    visit(tree, 'element', function (node: Element) {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id)
    })
    visit(tree, 'element', function (node: Element) {
      if (!headingPattern.test(node.tagName) || node.properties.id !== undefined) return
      const base = slug(toString(node)) || 'section'
      let candidate = base
      for (let count = 1; taken.has(candidate); count++) candidate = `${base}-${count}`
      taken.add(candidate)
      node.properties.id = candidate
    })
  }
}
