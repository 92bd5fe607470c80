/**
 * Resolve a DocFX include target for one locale: the locale's own copy first,
 * then the default locale's (DocFX has no include fallback; we add one).
 * Paths are relative to the including file, or to the docset root with `~/`;
 * nothing outside the content root is ever read, symlinks included.
 */
import path from 'node:path'
import type { RuleId } from '../diagnostics/rules.ts'
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
  /** The file's text, or `undefined` when it does not exist or is not a file. */
  read(absPath: string): string | undefined
  /** The resolved real path, or `undefined` when missing. */
  realpath(absPath: string): string | undefined
}

export type ResolvedInclude =
  | { ok: true; relPath: string; absPath: string; text: string; fromFallback: boolean }
  | { ok: false; rule: RuleId; reason: string }

export function resolveInclude(href: string, fromRelPath: string, roots: IncludeRoots, fs: FileSystem): ResolvedInclude {
  const target = href.split('#')[0]!.split('?')[0]!
  if (target.startsWith('/') || /^[a-z]:[\\/]/i.test(target) || /^[a-z][a-z0-9+.-]*:/i.test(target)) {
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
    const real = fs.realpath(absPath)
    if (real === undefined) continue
    const realRoot = fs.realpath(root) ?? root
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      return { ok: false, rule: 'include-outside-root', reason: `Include \`${href}\` is a link to a file outside the content root` }
    }
    const text = fs.read(absPath)
    if (text !== undefined) return { ok: true, relPath, absPath, text, fromFallback }
  }
  return { ok: false, rule: 'include-not-found', reason: `Cannot find include \`${href}\`` }
}
