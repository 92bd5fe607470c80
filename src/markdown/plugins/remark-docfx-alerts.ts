/**
 * Turn DocFX/GitHub alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
 * `[!CAUTION]`, `[!WARNING]`) into callouts: `<div class="alert alert-note"
 * role="note">` with a title in the page's language.
 */
import type { Blockquote, Paragraph, Root } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'

export const alertKinds = ['note', 'tip', 'important', 'caution', 'warning'] as const
export type AlertKind = (typeof alertKinds)[number]

const markerPattern = /^\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\][ \t]*(\r?\n)?/i

export default function remarkDocfxAlerts() {
  return function (tree: Root, file: VFile): void {
    const t = file.data.page?.t ?? ((key: string) => key)
    visit(tree, 'blockquote', function (quote: Blockquote) {
      const first = quote.children[0]
      if (first?.type !== 'paragraph') return
      const text = first.children[0]
      if (text?.type !== 'text') return
      const match = markerPattern.exec(text.value)
      if (!match) return
      const kind = match[1]!.toLowerCase() as AlertKind
      text.value = text.value.slice(match[0].length)
      if (text.value === '') first.children.shift()
      // A break right after the marker (`[!NOTE]  ` + newline) leaves a leading break node.
      if (first.children[0]?.type === 'break') first.children.shift()
      if (first.children.length === 0) quote.children.shift()
      const title: Paragraph = {
        type: 'paragraph',
        children: [{ type: 'text', value: t(`alert.${kind}`) }],
        data: { hProperties: { className: ['alert-title'] } },
      }
      quote.children.unshift(title)
      quote.data = {
        ...quote.data,
        hName: 'div',
        hProperties: { className: ['alert', `alert-${kind}`], role: 'note' },
      }
    })
  }
}
