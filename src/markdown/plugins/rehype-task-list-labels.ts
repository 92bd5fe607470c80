/**
 * Give every GFM task-list checkbox an accessible name (axe `label`): GFM
 * writes `<input type="checkbox" disabled>` before the item's text, with no
 * label. The checkbox and the text after it, up to the item's first block
 * (a nested list, a code block), are wrapped in a `<label>`, so a screen
 * reader says "Isolate the device, checkbox, checked"; a checkbox with no
 * text after it is named by its state ("Done", "Not done", in the page's
 * language). Static HTML, so it reads the same without JavaScript.
 * Runs after the sanitizer: `<label>` is tolk's own markup.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'

/** Elements a label may hold: phrasing content (no block, no other form control). */
const phrasing = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd',
  'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
])

export default function rehypeTaskListLabels() {
  return function (tree: Root, file: VFile): void {
    const t = file.data.page?.t ?? ((key: string) => key)
    visit(tree, 'element', function (node: Element) {
      if (node.tagName === 'label') return 'skip'
      for (let at = node.children.findIndex(isCheckbox); at !== -1; at = node.children.findIndex((child, index) => index > at && isCheckbox(child))) {
        const checkbox = node.children[at] as Element
        let end = at + 1
        while (end < node.children.length && isPhrasing(node.children[end]!)) end++
        const text = node.children.slice(at + 1, end)
        if (toString({ type: 'root', children: text }).trim() === '') {
          checkbox.properties.ariaLabel = t(checkbox.properties.checked ? 'task.done' : 'task.notDone')
          continue
        }
        node.children.splice(at, end - at, { type: 'element', tagName: 'label', properties: {}, children: [checkbox, ...text] })
      }
    })
  }
}

function isCheckbox(node: ElementContent): boolean {
  return node.type === 'element' && node.tagName === 'input' && node.properties.type === 'checkbox' && node.properties.ariaLabel === undefined
}

function isPhrasing(node: ElementContent): boolean {
  if (node.type === 'text' || node.type === 'comment') return true
  return node.type === 'element' && phrasing.has(node.tagName) && !node.children.some(isCheckbox)
}
