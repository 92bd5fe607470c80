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
    // The next suffix to try per slug: 20,000 headings with one text must not
    // each count up from `-1` again.
    const nextSuffix = new Map<string, number>()
    visit(tree, 'element', function (node: Element) {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id)
    })
    visit(tree, 'element', function (node: Element) {
      if (!headingPattern.test(node.tagName) || node.properties.id !== undefined) return
      const base = slug(toString(node)) || 'section'
      let candidate = base
      let count = nextSuffix.get(base) ?? 1
      if (taken.has(candidate)) {
        while (taken.has((candidate = `${base}-${count}`))) count++
        count++
      }
      nextSuffix.set(base, count)
      taken.add(candidate)
      node.properties.id = candidate
    })
  }
}
