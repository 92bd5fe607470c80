/**
 * Record every id on the rendered page (heading ids, DocFX `<a name>`
 * anchors, ids in raw HTML and included content) on `file.data.anchors`, so
 * links from other pages can be checked against them.
 */
import type { Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

declare module 'vfile' {
  interface DataMap {
    anchors: string[]
  }
}

export default function rehypeCollectAnchors() {
  return function (tree: Root, file: VFile): void {
    const anchors: string[] = []
    visit(tree, 'element', function (node) {
      if (typeof node.properties.id === 'string') anchors.push(node.properties.id)
    })
    file.data.anchors = anchors
  }
}
