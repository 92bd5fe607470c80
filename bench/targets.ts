/**
 * The trees `npm run bench` builds, each a private copy in a temp folder (the
 * rebuild scenarios edit it): the sample guide, the Dutch corpus, and the
 * corpus four times over (each copy a whole tree in its own top folder, so
 * its relative links, includes and docsets still resolve inside it).
 */
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { corpusExternalRoots, corpusRules } from '../scripts/corpus-settings.ts'

export type TargetName = 'sample' | 'corpus' | 'corpus4x'
export const targetNames: TargetName[] = ['sample', 'corpus', 'corpus4x']

export interface Target {
  name: TargetName
  /** Content roots, one per locale (the bare floor builds the same). */
  roots: string[]
  /** `tolk build` arguments naming the site (config or flags), without `--out`. */
  args: string[]
  /** An article to edit for the one-article rebuild. */
  article: string
  /** The include most articles name, for the include-edit rebuild. */
  include: string
}

/** Copy target `name` into `dir` (absent inputs: `undefined`). */
export function makeTarget(name: TargetName, repoRoot: string, corpus: string, dir: string): Target | undefined {
  if (name === 'sample') return sampleTarget(repoRoot, dir)
  if (!existsSync(corpus)) return undefined
  const copies = name === 'corpus4x' ? 4 : 1
  const root = path.join(dir, 'nl-nl')
  for (let copy = 1; copy <= copies; copy++) cpSync(corpus, copies === 1 ? root : path.join(root, `copy-${copy}`), { recursive: true })
  const firstCopy = copies === 1 ? root : path.join(root, 'copy-1')
  return {
    name,
    roots: [root],
    args: [
      '--locale',
      `nl-nl=${root}`,
      ...corpusExternalRoots.flatMap((prefix) => ['--external-root', prefix]),
      ...Object.entries(corpusRules).flatMap(([id, setting]) => ['--rule', `${id}=${setting}`]),
    ],
    ...editTargets(firstCopy),
  }
}

function sampleTarget(repoRoot: string, dir: string): Target {
  for (const name of ['content', 'site-strings', 'templates']) cpSync(path.join(repoRoot, name), path.join(dir, name), { recursive: true })
  // The copy has no `tolk` package to import; the config is a plain object.
  const config = readFileSync(path.join(repoRoot, 'tolk.config.ts'), 'utf8').replace(/^import .*\n/m, '').replace('defineConfig(', '(')
  writeFileSync(path.join(dir, 'tolk.config.ts'), config)
  const locales = readdirSync(path.join(dir, 'content'))
  return { name: 'sample', roots: locales.map((locale) => path.join(dir, 'content', locale)), args: ['--config', path.join(dir, 'tolk.config.ts')], ...editTargets(path.join(dir, 'content', 'en-us')) }
}

/** An article (the first by path with a heading) and the include most often named, below `root`. */
function editTargets(root: string): { article: string; include: string } {
  const articles = markdownFiles(root).filter((file) => !/[\\/]includes[\\/]/.test(file))
  const uses = new Map<string, number>()
  let article: string | undefined
  for (const file of articles) {
    const text = readFileSync(file, 'utf8')
    if (article === undefined && /^## /m.test(text)) article = file
    for (const match of text.matchAll(/\[!INCLUDE\s*\[[^\]]*\]\(([^)\s]+)\)\]/gi)) {
      const target = path.resolve(path.dirname(file), match[1]!)
      if (existsSync(target)) uses.set(target, (uses.get(target) ?? 0) + 1)
    }
  }
  const include = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]
  if (!article || !include) throw new Error(`bench: no article or include to edit below ${root}`)
  return { article, include }
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}
