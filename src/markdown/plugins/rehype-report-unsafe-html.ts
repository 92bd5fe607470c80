/**
 * Say what the sanitizer is about to remove: scripts, styles, frames, event
 * handlers and `javascript:`/`data:`/`vbscript:` URLs are dropped from the
 * page (see sanitize-schema.ts), and the writer gets an `unsafe-html` warning
 * at the spot instead of a silently different page.
 */
import type { Element, Root } from 'hast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { report } from '../../diagnostics/report.ts'

const removedElements = new Set(['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'link'])
const urlProperties = ['href', 'src', 'action', 'formAction', 'poster', 'cite', 'srcSet']
const unsafeScheme = /^\s*(javascript|vbscript|data):/i

export default function rehypeReportUnsafeHtml() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'element', function (node: Element) {
      // Only raw HTML carries positions of its own here and can hold these.
      if (removedElements.has(node.tagName)) {
        warn(file, node, `\`<${node.tagName}>\` is not allowed in content and is removed`)
        return
      }
      for (const name of Object.keys(node.properties)) {
        if (/^on[A-Z]/.test(name)) warn(file, node, `Event handler \`${name.toLowerCase()}\` on \`<${node.tagName}>\` is removed`)
      }
      for (const name of urlProperties) {
        const value = node.properties[name]
        if (typeof value === 'string' && unsafeScheme.test(value)) {
          warn(file, node, `\`${value.split(':')[0]!.trim().toLowerCase()}:\` URL in \`${name}\` on \`<${node.tagName}>\` is removed`)
        }
      }
    })
  }
}

function warn(file: VFile, node: Element, reason: string): void {
  report(file, 'unsafe-html', reason, node.position ? node : undefined)
}
