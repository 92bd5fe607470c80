/**
 * Make every id on the page unique, and give every heading without one a
 * stable id made as DocFX makes it (`headingSlug`, which keeps non-ASCII
 * letters like æøå and Arabic readable):
 *
 * - an id written in the content (`<a name>`, a heading's DocFX anchor, raw
 *   HTML) keeps its name the first time; a later element with the same id is
 *   renamed `x-1`, `x-2`, … (GitHub style) with a `duplicate-anchor` warning,
 *   so links to `#x` land on the first, as browsers do;
 * - a heading slug never takes an id written anywhere on the page; a heading
 *   whose text repeats an earlier heading's is numbered the same way (GitHub
 *   and DocFX number them alike), with a `duplicate-anchor` warning: a link
 *   to `#x` cannot reach the second section, which the writer should know.
 *
 * Runs after the sanitizer, so it sees every id that reaches the page, and
 * before the anchors are collected, so anchor checks see the final ids.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { report, type Place } from '../../diagnostics/report.ts'
import { headingSlug } from '../heading-slug.ts'

const headingPattern = /^h[1-6]$/

export default function rehypeHeadingIds() {
  return function (tree: Root, file: VFile): void {
    // Every id written on the page, and every id handed out since.
    const taken = new Set<string>()
    visit(tree, 'element', function (node: Element) {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id)
    })
    // Where each written id first appears, in page order.
    const firstSeen = new Map<string, Place | undefined>()
    // Where each heading slug was first given (for repeated heading texts).
    const headingSeen = new Map<string, Place | undefined>()
    // The next suffix to try per name: 20,000 elements with one id must not
    // each count up from `-1` again.
    const nextSuffix = new Map<string, number>()
    const unique = (base: string): string => {
      let count = nextSuffix.get(base) ?? 1
      let candidate: string
      while (taken.has((candidate = `${base}-${count}`))) count++
      nextSuffix.set(base, count + 1)
      taken.add(candidate)
      return candidate
    }
    visit(tree, 'element', function (node: Element) {
      const id = node.properties.id
      if (typeof id === 'string') {
        if (!firstSeen.has(id)) {
          firstSeen.set(id, node.position?.start)
          return
        }
        const renamed = unique(id)
        node.properties.id = renamed
        const first = firstSeen.get(id)
        const where = first ? ` (line ${first.line})` : ''
        report(file, 'duplicate-anchor', `Id \`${id}\` is already on this page${where}; this one is \`${renamed}\`, and links to \`#${id}\` land on the first`, node.position ? node : undefined)
        return
      }
      if (!headingPattern.test(node.tagName) || id !== undefined) return
      const base = headingSlug(toString(node)) || 'section'
      if (!taken.has(base)) {
        taken.add(base)
        headingSeen.set(base, node.position?.start)
        node.properties.id = base
        return
      }
      const renamed = unique(base)
      node.properties.id = renamed
      if (!headingSeen.has(base)) return
      const first = headingSeen.get(base)
      const where = first ? ` (line ${first.line})` : ''
      report(file, 'duplicate-anchor', `Heading text repeats the heading${where} with id \`${base}\`; this one is \`${renamed}\`, and links to \`#${base}\` land on the first`, node.position ? node : undefined)
    })
  }
}
