/**
 * The parts of each locale's search index that Pagefind made, kept in the
 * cache (`<cacheDir>/search/<locale>/<key>/`) under the key of what each
 * indexed: tolk's code and, in build order, every page's output name and
 * HTML digest. A part whose pages all come from the page cache with the
 * same key is published from here instead of being indexed again: the same
 * pages in the same order make the same part (search-index.ts). A part's
 * files do not depend on its number, so a part that moves (a part before it
 * split in two) is still found.
 *
 * A snapshot lists each file's digest (`digests.json`, the output record's
 * `contentDigest`), so a build whose output folder already holds the part
 * as it was made keeps it there without reading it (about 20 MB for the
 * corpus at every no-change build); only files the output lacks are read.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { contentDigest } from '../output/output-record.ts'
import { codeFingerprint } from './site-fingerprint.ts'
import { digestOf } from './page-cache.ts'

/** Written last into a snapshot: a folder without it is not one. */
const doneFile = 'done'
const filesDir = 'files'
/** `{ [path]: digest }` of every kept file. */
const digestsFile = 'digests.json'

/** The key of a part: its pages' `[outputFile, htmlDigest]` in build order. */
export function searchKey(locale: string, pages: Array<[outputFile: string, htmlDigest: string]>): string {
  return digestOf([codeFingerprint(), locale, ...pages.flat()])
}

export interface SearchSnapshot {
  /** Each kept file, by its path below the part's folder (`/`-separated, sorted), with its digest. */
  files: SnapshotFile[]
}

export interface SnapshotFile {
  path: string
  digest: string
  /** The file's bytes, read now; `undefined` when it is gone (another build pruned the snapshot since it was found). */
  read(): Uint8Array | undefined
}

/** A snapshot's folder; the key is a hex digest, so it never leaves the locale's folder. */
function snapshotDir(cacheDir: string, locale: string, key: string): string {
  return path.join(cacheDir, 'search', locale, key)
}

/**
 * The kept files of the part of `locale` made under `key`; else
 * `undefined`. Only the list of files and digests is read here; each file's
 * bytes when asked.
 */
export function findSearchSnapshot(cacheDir: string, locale: string, key: string): SearchSnapshot | undefined {
  const dir = snapshotDir(cacheDir, locale, key)
  try {
    if (!existsSync(path.join(dir, doneFile))) return undefined
    const digests = JSON.parse(readFileSync(path.join(dir, digestsFile), 'utf8')) as unknown
    if (typeof digests !== 'object' || digests === null) return undefined
    const root = path.join(dir, filesDir)
    const files = Object.entries(digests)
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && safeName(entry[0]))
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([name, digest]) => ({ path: name, digest, read: () => readKept(path.join(root, name)) }))
    return files.length > 0 ? { files } : undefined
  } catch {
    return undefined
  }
}

/** A kept file's name as saved: relative, `/`-separated, no `..` (the cache folder may be shared, so it is checked). */
function safeName(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !name.includes('\\') && !name.split('/').some((segment) => segment === '..' || segment === '' || segment === '.')
}

function readKept(absPath: string): Uint8Array | undefined {
  try {
    return readFileSync(absPath)
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
    // A snapshot without digests is of an older tolk: replaced.
    if (existsSync(path.join(dir, doneFile)) && existsSync(path.join(dir, digestsFile))) return
    rmSync(temp, { recursive: true, force: true })
    for (const file of files) {
      const target = path.join(temp, filesDir, file.path)
      mkdirSync(path.dirname(target), { recursive: true })
      writeFileSync(target, file.content)
    }
    writeFileSync(path.join(temp, digestsFile), JSON.stringify(Object.fromEntries(files.map((file) => [file.path, contentDigest(file.content)]))))
    writeFileSync(path.join(temp, doneFile), '')
    mkdirSync(path.dirname(dir), { recursive: true })
    // Only tolk's own snapshot folder is ever removed here (an unfinished one under this key).
    rmSync(dir, { recursive: true, force: true })
    renameSync(temp, dir)
  } catch {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** Remove the snapshot of `key` (its files could not be read), so the part made again in its place is kept. */
export function forgetSearchSnapshot(cacheDir: string, locale: string, key: string): void {
  try {
    rmSync(snapshotDir(cacheDir, locale, key), { recursive: true, force: true })
  } catch {
    // One that cannot be removed is indexed again at each build, never used.
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
