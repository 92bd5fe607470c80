/**
 * Keep DocFX `:::no-loc text="Azure Sentinel":::` terms out of translation:
 * the term becomes `<span translate="no">`, so browser and machine
 * translation leave it alone. Written inline, anywhere phrasing goes.
 */
import type { Parent, Root, Text } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { createSources, type ReadSource } from '../source-text.ts'
import { findInlineDirectives, replaceInline } from '../triple-colon.ts'

export interface Options {
  /** Reads an include's text, so terms from includes are read as written. */
  read: ReadSource
}

export default function remarkDocfxNoLoc(options: Options) {
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    visit(tree, function (node) {
      if (!('children' in node)) return
      const parent = node as Parent
      for (const directive of findInlineDirectives(parent, ['no-loc'], sourceOf).reverse()) {
        const text = directive.attributes['text']
        // No term to show: the directive stays text, and remarkDocfxUnsupported says why.
        if (text === undefined) continue
        const term: Text = {
          type: 'text',
          value: text,
          data: { ...directive.node.data, hName: 'span', hProperties: { translate: 'no' } },
          ...(directive.position ? { position: directive.position } : {}),
        }
        replaceInline(parent, directive, text ? [term] : [])
      }
    })
  }
}
