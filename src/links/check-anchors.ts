/**
 * Check every `#fragment` noted while rendering against the ids of the page it
 * points to. Runs once all pages are rendered, since a link may point at a
 * page rendered later; suggests the closest existing id.
 */
import { distance as editDistance } from 'fastest-levenshtein'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report } from '../diagnostics/report.ts'
import type { AnchorCheck } from './remark-rewrite-links.ts'

/** `locale:relPath` → ids on that page. */
export type AnchorsByPage = Map<string, Set<string>>

export function pageKey(locale: string, relPath: string): string {
  return `${locale}:${relPath}`
}

export function checkAnchors(checks: readonly AnchorCheck[], anchorsByPage: AnchorsByPage): VFileMessage[] {
  const messages: VFileMessage[] = []
  for (const check of checks) {
    const anchors = anchorsByPage.get(pageKey(check.locale, check.relPath))
    // A page that failed to render has no anchors to check against; its own error says why.
    if (!anchors || anchors.has(check.hash)) continue
    const suggestion = closest(check.hash, anchors)
    // `#x` and `?view=y#x` are both the page itself.
    const linked = check.written.split('#')[0]!
    const where = linked === '' || linked.startsWith('?') ? 'this page' : `\`${linked}\``
    const reason = `Cannot find \`#${check.hash}\` in ${where}${suggestion ? `; did you mean \`#${suggestion}\`?` : ''}`
    messages.push(report(new VFile({ path: check.file }), 'broken-anchor', reason, { line: check.line, column: check.column }))
  }
  return messages
}

/** The id within a small edit distance of `wanted`, if any. */
function closest(wanted: string, anchors: Set<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(wanted.length / 4)) + 1
  for (const anchor of [...anchors].sort()) {
    const distance = editDistance(wanted.toLowerCase(), anchor.toLowerCase())
    if (distance < bestDistance) {
      best = anchor
      bestDistance = distance
    }
  }
  return best
}
