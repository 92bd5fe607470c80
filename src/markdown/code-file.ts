/**
 * Find the file a DocFX code reference names, by the rules includes follow
 * (includes/resolve-include.ts): relative to the file the reference is
 * written in (an include's references are relative to the include, as in
 * DocFX), or to the docset root with `~/`; read through `readContained`, so
 * never outside the content root, symlinks checked, `maxFileSize` applied.
 * The page's locale's copy is used first, then the default locale's: code
 * is not translated, so translation trees may leave it out (Microsoft's
 * localized DocFX builds fall back to the source repository the same way),
 * and no warning is given for it.
 */
import path from 'node:path'
import type { RuleId } from '../diagnostics/rules.ts'
import type { FileSystem, IncludeRoots } from '../includes/resolve-include.ts'
import { slashedPath } from '../links/backslash-path.ts'
import { resolveRelPath } from '../links/urls.ts'

export type ResolvedCodeFile =
  | {
      ok: true
      relPath: string
      text: string
      /** The path as read when it was written with `\` separators. */
      slashed: string | undefined
    }
  | { ok: false; rule: RuleId; reason: string }

export function resolveCodeFile(written: string, fromRelPath: string, roots: IncludeRoots, fs: FileSystem): ResolvedCodeFile {
  const slashed = slashedPath(written)
  const target = (slashed ?? written).trim()
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) {
    return { ok: false, rule: 'code-file-missing', reason: `Code file \`${written}\` is a URL; tolk reads code only from files in the content tree` }
  }
  if (/^[/\\]/.test(target) || /^[a-z]:[\\/]/i.test(target)) {
    return { ok: false, rule: 'file-outside-root', reason: `Code file \`${written}\` must be relative to the file or start with \`~/\`` }
  }
  const relPath = target.startsWith('~/')
    ? resolveRelPath(`${roots.docsetDir ? `${roots.docsetDir}/` : ''}_`, target.slice(2))
    : resolveRelPath(fromRelPath, target)
  if (relPath === undefined || relPath === '') {
    return { ok: false, rule: 'file-outside-root', reason: `Code file \`${written}\` points outside the content root` }
  }
  for (const root of [roots.root, roots.fallbackRoot]) {
    if (!root) continue
    const read = fs.readContained(path.join(root, relPath), [root])
    if (read.ok) return { ok: true, relPath, text: read.text, slashed }
    if (read.kind === 'outside') return { ok: false, rule: read.rule, reason: `Code file \`${written}\` is a link to a file outside the content root; it is not read` }
    if (read.kind !== 'missing') return { ok: false, rule: read.rule, reason: `Code file \`${written}\`: ${read.reason}` }
  }
  return { ok: false, rule: 'code-file-missing', reason: `Cannot find code file \`${written}\` (looked for \`${relPath}\`)` }
}
