/**
 * Record every id on the rendered page (heading ids, DocFX `<a name>`
 * anchors, ids in raw HTML and included content) on `file.data.anchors`, so
 * links from other pages can be checked against them; and the page's `h2`
 * sections on `file.data.outline`, for its "In this article" list.
 */
import type { Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from '../tree/visit.ts'
import type { VFile } from 'vfile'

declare module 'vfile' {
  interface DataMap {
    anchors: string[]
    outline: Array<{ id: string; text: string }>
  }
}

export default function rehypeCollectAnchors() {
  return function (tree: Root, file: VFile): void {
    const anchors: string[] = []
    const outline: Array<{ id: string; text: string }> = []
    visit(tree, 'element', function (node) {
      if (typeof node.properties.id !== 'string') return
      anchors.push(node.properties.id)
      if (node.tagName === 'h2') outline.push({ id: node.properties.id, text: toString(node).trim() })
    })
    file.data.anchors = anchors
    file.data.outline = outline
  }
}
