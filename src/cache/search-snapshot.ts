/**
 * The last search index Pagefind made for each locale, kept in the cache
 * (`<cacheDir>/search/<locale>/`) with the key of what it indexed: tolk's
 * code and, in build order, every page's output name and HTML digest. A
 * build whose pages of a locale all come from the page cache with the same
 * key publishes the kept files instead of indexing the locale again: the
 * same pages in the same order make the same index (search-index.ts).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { codeFingerprint } from './site-fingerprint.ts'
import { digestOf } from './page-cache.ts'

const keyFile = 'key.txt'
const filesDir = 'files'

/** The key of a locale's index: its pages' `[outputFile, htmlDigest]` in build order. */
export function searchKey(locale: string, pages: Array<[outputFile: string, htmlDigest: string]>): string {
  return digestOf([codeFingerprint(), locale, ...pages.flat()])
}

export interface SearchSnapshot {
  /** Each kept file, by its path below the locale's index folder (`/`-separated, sorted). */
  files: Array<{ path: string; content: Uint8Array }>
}

/**
 * The kept index files of `locale` when they were made under `key`; else
 * `undefined`. Read whole, so a build saving a newer index at the same time
 * can never leave this one half published.
 */
export function findSearchSnapshot(cacheDir: string, locale: string, key: string): SearchSnapshot | undefined {
  const dir = path.join(cacheDir, 'search', locale)
  try {
    if (readFileSync(path.join(dir, keyFile), 'utf8') !== key) return undefined
    const root = path.join(dir, filesDir)
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
      .map((name) => ({ path: name, content: readFileSync(path.join(root, name)) }))
    // Read again: a snapshot replaced while it was read is not used.
    if (readFileSync(path.join(dir, keyFile), 'utf8') !== key) return undefined
    return files.length > 0 ? { files } : undefined
  } catch {
    return undefined
  }
}

/**
 * Keep `files` as `locale`'s index made under `key`, replacing the one kept
 * before. Written beside its place and renamed in, so a reader finds a whole
 * snapshot or none; a folder that cannot be written keeps nothing.
 */
export function saveSearchSnapshot(cacheDir: string, locale: string, key: string, files: Array<{ path: string; content: Uint8Array }>): void {
  const root = path.join(cacheDir, 'search')
  const dir = path.join(root, locale)
  const temp = path.join(root, `.${locale}.${process.pid}.tmp`)
  try {
    rmSync(temp, { recursive: true, force: true })
    for (const file of files) {
      const target = path.join(temp, filesDir, file.path)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, file.content)
    }
    writeFileSync(path.join(temp, keyFile), key)
    // Only tolk's own snapshot folder is ever removed here.
    rmSync(dir, { recursive: true, force: true })
    renameSync(temp, dir)
  } catch {
    rmSync(temp, { recursive: true, force: true })
  }
}
