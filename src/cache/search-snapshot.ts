/**
 * The parts of each locale's search index that Pagefind made, kept in the
 * cache (`<cacheDir>/search/<locale>/<key>/`) under the key of what each
 * indexed: tolk's code and, in build order, every page's output name and
 * HTML digest. A part whose pages all come from the page cache with the
 * same key is published from here instead of being indexed again: the same
 * pages in the same order make the same part (search-index.ts). A part's
 * files do not depend on its number, so a part that moves (a part before it
 * split in two) is still found.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { codeFingerprint } from './site-fingerprint.ts'
import { digestOf } from './page-cache.ts'

/** Written last into a snapshot: a folder without it is not one. */
const doneFile = 'done'
const filesDir = 'files'

/** The key of a part: its pages' `[outputFile, htmlDigest]` in build order. */
export function searchKey(locale: string, pages: Array<[outputFile: string, htmlDigest: string]>): string {
  return digestOf([codeFingerprint(), locale, ...pages.flat()])
}

export interface SearchSnapshot {
  /** Each kept file, by its path below the part's folder (`/`-separated, sorted). */
  files: Array<{ path: string; content: Uint8Array }>
}

/** A snapshot's folder; the key is a hex digest, so it never leaves the locale's folder. */
function snapshotDir(cacheDir: string, locale: string, key: string): string {
  return path.join(cacheDir, 'search', locale, key)
}

/**
 * The kept files of the part of `locale` made under `key`; else
 * `undefined`. Read whole: a snapshot removed while it is read (another
 * build pruning the cache) is not used.
 */
export function findSearchSnapshot(cacheDir: string, locale: string, key: string): SearchSnapshot | undefined {
  const dir = snapshotDir(cacheDir, locale, key)
  try {
    if (!existsSync(path.join(dir, doneFile))) return undefined
    const root = path.join(dir, filesDir)
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
      .map((name) => ({ path: name, content: readFileSync(path.join(root, name)) }))
    if (!existsSync(path.join(dir, doneFile))) return undefined
    return files.length > 0 ? { files } : undefined
  } catch {
    return undefined
  }
}

/**
 * Keep `files` as the part of `locale` made under `key`. Written beside its
 * place and renamed in, so a reader finds a whole snapshot or none; a folder
 * that cannot be written keeps nothing.
 */
export function saveSearchSnapshot(cacheDir: string, locale: string, key: string, files: Array<{ path: string; content: Uint8Array }>): void {
  const dir = snapshotDir(cacheDir, locale, key)
  const temp = path.join(cacheDir, 'search', `.${locale}.${key}.${process.pid}.tmp`)
  try {
    if (existsSync(path.join(dir, doneFile))) return
    rmSync(temp, { recursive: true, force: true })
    for (const file of files) {
      const target = path.join(temp, filesDir, file.path)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, file.content)
    }
    writeFileSync(path.join(temp, doneFile), '')
    mkdirSync(path.dirname(dir), { recursive: true })
    // Only tolk's own snapshot folder is ever removed here (an unfinished one under this key).
    rmSync(dir, { recursive: true, force: true })
    renameSync(temp, dir)
  } catch {
    rmSync(temp, { recursive: true, force: true })
  }
}

/**
 * Remove `locale`'s kept parts that this build did not use: a site's
 * parts change as it is edited, and the cache would otherwise keep every
 * part ever made. A build sharing the cache at the same time may lose a
 * part it wanted; it then indexes that part again.
 */
export function pruneSearchSnapshots(cacheDir: string, locale: string, used: Set<string>): void {
  const root = path.join(cacheDir, 'search', locale)
  let names: string[]
  try {
    names = readdirSync(root)
  } catch {
    return
  }
  for (const name of names) {
    if (used.has(name)) continue
    try {
      rmSync(path.join(root, name), { recursive: true, force: true })
    } catch {
      // A part that cannot be removed now is removed by a later build.
    }
  }
}
