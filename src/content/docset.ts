/**
 * Find an article's docset root: the nearest folder at or above it that holds
 * a `docfx.json` (e.g. `microsoft-365/`), where `~/` include paths start.
 */
import path from 'node:path'
import { locateContained } from './read-contained.ts'

/** Docset folder relative to the content root (`''` for the root itself). */
export function docsetDirOf(root: string, relPath: string, cache: Map<string, string>): string {
  let dir = path.posix.dirname(relPath)
  const visited: string[] = []
  while (true) {
    const key = dir === '.' ? '' : dir
    const known = cache.get(key)
    if (known !== undefined) return remember(known)
    visited.push(key)
    // A `docfx.json` that is a link out of the content root marks nothing.
    if (locateContained(path.join(root, key, 'docfx.json'), [root]).ok) return remember(key)
    if (key === '') return remember('')
    dir = path.posix.dirname(key)
  }
  function remember(found: string): string {
    for (const key of visited) cache.set(key, found)
    return found
  }
}
