/**
 * How the real Dutch Microsoft 365 corpus (`../shared/corpus/nl-nl`) is built
 * to a complete site: `npm run build:corpus` and tests/corpus/ read these, and
 * the README documents them. A translation repository ships no media and
 * carries the link rot of its source, so the rules about what points nowhere
 * are warnings here: the page is published, each such link keeps its text
 * without an `href`, each missing image keeps its alt text, and every problem
 * is still listed at its line. Integrity rules (includes, front matter, path
 * escapes) stay errors; they cannot be lowered.
 */
import path from 'node:path'
import type { RuleSetting } from '../src/diagnostics/rule-settings.ts'
import type { RuleId } from '../src/diagnostics/rules.ts'

export const repoRoot = path.resolve(import.meta.dirname, '..')
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/nl-nl')

/** Root-relative links outside the corpus (`/azure/`, `/windows/` …) live on Microsoft Learn. */
export const corpusExternalRoots = ['/=https://learn.microsoft.com/{locale}/']

export const corpusRules: Partial<Record<RuleId, RuleSetting>> = {
  // Translation trees ship no images or downloads.
  'missing-asset': 'warning',
  'broken-link': 'warning',
  'broken-anchor': 'warning',
  'toc-broken-link': 'warning',
  'invalid-url': 'warning',
  // The URL is left out either way; the page is published without it.
  'unsafe-url': 'warning',
  'docfx-video-url': 'warning',
  // The page is named after its first heading.
  'missing-title': 'warning',
}

/** The `tolk build` arguments that build the corpus into `outDir`. */
export function corpusArgs(outDir: string): string[] {
  return [
    '--locale',
    `nl-nl=${path.relative(repoRoot, corpusDir)}`,
    ...corpusExternalRoots.flatMap((root) => ['--external-root', root]),
    '--out',
    outDir,
    ...Object.entries(corpusRules).flatMap(([id, setting]) => ['--rule', `${id}=${setting}`]),
  ]
}
