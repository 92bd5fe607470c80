/**
 * Every article table can be reached from the keyboard: `tabindex="0"`.
 * Tables scroll sideways inside their own box when they are wider than the
 * column (client/styles/content.css), and a reader who does not use a mouse
 * scrolls a box by focusing it (WCAG 2.1.1; axe `scrollable-region-focusable`).
 * A table keeps its own role, so focus announces it as a table. A `tabindex`
 * written on a raw-HTML table is replaced (-1 would take the table out of
 * reach); other elements keep theirs.
 */
import type { Root } from 'hast'
import { visit } from '../../tree/visit.ts'

export default function rehypeFocusableTables() {
  return function (tree: Root): void {
    visit(tree, 'element', function (element) {
      if (element.tagName === 'table') element.properties.tabIndex = 0
    })
  }
}
