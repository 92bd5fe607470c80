/**
 * `rehype-raw`, only for a tree that holds raw HTML. rehype-raw re-parses the
 * whole page through parse5 to turn `raw` nodes into elements, which is one
 * of the costliest stages of a page; most pages have no raw HTML left by the
 * time they reach it (DocFX anchors and the like are taken apart earlier),
 * and for those the tree is already what parse5 would make of it.
 */
import type { Root } from 'hast'
import rehypeRaw, { type Options } from 'rehype-raw'
import type { VFile } from 'vfile'
import { EXIT, visit } from '../../tree/visit.ts'

export function rehypeRawWhenPresent(options?: Options) {
  const raw = rehypeRaw(options)
  return function (tree: Root, file: VFile): Root | undefined {
    let present = false
    visit(tree, 'raw', function () {
      present = true
      return EXIT
    })
    return present ? (raw(tree, file) as Root) : undefined
  }
}
