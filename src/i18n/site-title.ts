/**
 * The title of a site whose strings give none (a tree built from flags, or a
 * config without `site.title`): what the tree says about itself, never
 * another site's name. In order:
 *
 * 1. `build.globalMetadata._appTitle` of the default locale's `docfx.json`
 *    (at its root, else in a first-level docset folder, by name), as DocFX
 *    and Microsoft Learn title a docset;
 * 2. the name of the first entry of the default locale's root `TOC.yml`;
 * 3. the content folder's name, unless it is only the locale code
 *    (`corpus/nl-nl`), which says nothing.
 *
 * `undefined` leaves tolk's built-in "Documentation" in each language.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedLocale } from '../config/schema.ts'
import { readContained, type ReadLimits } from '../content/read-contained.ts'
import { parseJson } from '../diagnostics/json-error.ts'
import type { LocaleNav } from '../nav/nav-index.ts'

export function neutralSiteTitle(locale: ResolvedLocale, nav: LocaleNav | undefined, limits: ReadLimits): string | undefined {
  const fromDocfx = docsetDirs(locale.root)
    .map((dir) => appTitleOf(path.join(dir, 'docfx.json'), locale.root, limits))
    .find(Boolean)
  const fromToc = nav?.tocsByDir.get('')?.nodes[0]?.title.trim()
  const folder = path.basename(locale.root)
  return fromDocfx || fromToc || (folder.toLowerCase() === locale.code.toLowerCase() ? undefined : folder) || undefined
}

/** The root, then its first-level folders in name order. */
function docsetDirs(root: string): string[] {
  let children: string[] = []
  try {
    children = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort()
  } catch {
    // An unreadable root is reported where the content is discovered.
  }
  return [root, ...children.map((name) => path.join(root, name))]
}

/**
 * `_appTitle` of one `docfx.json`, or `undefined`. The file is read for this
 * hint alone: a broken one is DocFX's business, not a reason to fail a build.
 */
function appTitleOf(file: string, root: string, limits: ReadLimits): string | undefined {
  const read = readContained(file, [root], limits)
  if (!read.ok) return undefined
  const parsed = parseJson(read.text)
  if (!parsed.ok) return undefined
  const title = (parsed.value as { build?: { globalMetadata?: { _appTitle?: unknown } } } | null)?.build?.globalMetadata?._appTitle
  return typeof title === 'string' && title.trim() ? title.trim() : undefined
}
