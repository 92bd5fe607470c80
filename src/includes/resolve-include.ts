/**
 * Resolve a DocFX include target for one locale: the locale's own copy first,
 * then the default locale's (DocFX has no include fallback; we add one).
 * Paths are relative to the including file, or to the docset root with `~/`;
 * nothing outside the content root is ever read, symlinks included.
 */
import path from 'node:path'
import type { ContainedText, DecodeProblem } from '../content/read-contained.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { slashedPath } from '../links/backslash-path.ts'
import { resolveRelPath } from '../links/urls.ts'

export interface IncludeRoots {
  /** Content root of the page's locale. */
  root: string
  /** Content root of the default locale, when the page's locale is another one. */
  fallbackRoot: string | undefined
  /** Docset root (the folder that holds `docfx.json`), relative to `root`: `~/` resolves here. */
  docsetDir: string
}

export interface FileSystem {
  /** Read a file through `readContained`: only when its real path is inside one of `roots`. */
  readContained(absPath: string, roots: readonly string[]): ContainedText
  /** The text of a file `readContained` already read, looked up again by path; `undefined` otherwise. */
  read(absPath: string): string | undefined
}

export type ResolvedInclude =
  | {
      ok: true
      relPath: string
      absPath: string
      text: string
      problems: DecodeProblem[]
      fromFallback: boolean
      /** The path as read when it was written with `\` separators (DocFX reads them as `/`). */
      slashed?: string | undefined
    }
  | { ok: false; rule: RuleId; reason: string }

export function resolveInclude(href: string, fromRelPath: string, roots: IncludeRoots, fs: FileSystem): ResolvedInclude {
  const written = href.split('#')[0]!.split('?')[0]!
  // `..\includes\a.md` is read as `../includes/a.md`, as DocFX reads it; `\\server\x` and `C:\x` stay refused below.
  const slashed = slashedPath(written)
  const target = slashed ?? written
  if (/^[/\\]/.test(target) || /^[a-z]:[\\/]/i.test(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return { ok: false, rule: 'include-outside-root', reason: `Include path \`${href}\` must be relative to the file or start with \`~/\`` }
  }
  const relPath = target.startsWith('~/')
    ? resolveRelPath(`${roots.docsetDir ? `${roots.docsetDir}/` : ''}_`, target.slice(2))
    : resolveRelPath(fromRelPath, target)
  if (relPath === undefined || relPath === '') {
    return { ok: false, rule: 'include-outside-root', reason: `Include \`${href}\` points outside the content root` }
  }
  for (const [root, fromFallback] of [
    [roots.root, false],
    [roots.fallbackRoot, true],
  ] as const) {
    if (!root) continue
    const absPath = path.join(root, relPath)
    // The one containment check of every read (content/read-contained.ts).
    const read = fs.readContained(absPath, [root])
    if (read.ok) return { ok: true, relPath, absPath, text: read.text, problems: read.problems, fromFallback, slashed }
    if (read.kind === 'outside') {
      return { ok: false, rule: 'include-outside-root', reason: `Include \`${href}\` is a link to a file outside the content root` }
    }
    if (read.kind === 'too-large') return { ok: false, rule: read.rule, reason: `Include \`${href}\`: ${read.reason}` }
    if (read.kind === 'unreadable') return { ok: false, rule: read.rule, reason: `Include \`${href}\`: ${read.reason}` }
  }
  return { ok: false, rule: 'include-not-found', reason: `Cannot find include \`${href}\`` }
}
