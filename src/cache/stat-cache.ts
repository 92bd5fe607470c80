/**
 * What a build learns from reading a source file that it needs before it
 * renders any page (an article's digest and uid, a TOC's parsed entries),
 * kept in a file of the cache folder under each source file's identity on
 * disk (size, modification and change times, inode), the way git's index
 * keeps file hashes: a later build takes an unchanged file's facts from
 * there after one `lstat`, instead of reading, decoding and parsing it.
 *
 * A file changed just before it was read (see `settleMs`) is kept as
 * unsettled: a second edit in the same clock tick could leave its identity
 * unchanged, so the next build reads it again anyway, and
 * only compares what it reads with what was kept (is it `changed`?). The
 * cache is an optimisation only: a missing, corrupt or foreign file is
 * empty, and one that cannot be written is left.
 */
import { lstatSync, readFileSync, type Stats } from 'node:fs'
import path from 'node:path'
import { writeCacheFile } from './cache-file.ts'

export interface StatCache<T> {
  /**
   * The facts of the file at `absPath`: kept ones when the file is the one
   * they were read from, else `read()`'s (kept for the next build). `read`
   * returns `undefined` for a file that cannot be read; nothing is kept then.
   */
  factsOf(absPath: string, read: () => T | undefined): T | undefined
  /** How many files `factsOf` found new or changed: read, with facts other than those kept for them (if any). */
  readonly changed: number
  /** Write what this build used (only the files it asked for), when it differs from what was loaded. */
  save(): void
}

export interface StatCacheOptions<T> {
  /** The file's name in the cache folder. */
  name: string
  /** What else the facts depend on (tolk's code, read limits): kept facts under another key are dropped. */
  key: string
  /** Whether a kept value has the shape of `T` (the file is tolk's own, but may be damaged). */
  valid(value: unknown): value is T
  /** For tests: the clock that says whether a file has settled. */
  clock?: { now(): number }
}

/**
 * Changed this recently (ms) before it was read, a file's identity may not
 * tell the next edit apart: a file system stamps times from a clock that
 * moves in ticks (a few ms on Linux), and FAT, HFS+ and ext3 keep whole
 * seconds (FAT: two). So a file whose times carry no fraction of a second
 * settles after 2 s, any other after 100 ms, well over a tick; a build that
 * starts right after a checkout still keeps every file.
 */
const settleMs = { fine: 100, coarse: 2000 }

/** `[identity, facts]`, by absolute path; `[identity, facts, 0]` for a file read while it may still have been changing. */
type Kept<T> = [identity: string, facts: T, unsettled?: 0]

interface CacheFile<T> {
  key: string
  files: Record<string, Kept<T>>
}

/** The stat cache `options.name` in `cacheDir`; without a `cacheDir`, every file is read. */
export function openStatCache<T>(cacheDir: string | undefined, options: StatCacheOptions<T>): StatCache<T> {
  if (!cacheDir) {
    let read = 0
    return { factsOf: (_absPath, readFacts) => (read++, readFacts()), get changed() { return read }, save: () => undefined }
  }
  const file = path.join(cacheDir, options.name)
  const clock = options.clock ?? Date
  const loaded = loadKept(file, options)
  const used = new Map<string, Kept<T>>()
  let read = 0
  let changed = 0

  return {
    factsOf(absPath, readFacts) {
      const stats = statsOf(absPath)
      const identity = stats && identityOf(stats)
      const kept = loaded.get(absPath)
      if (identity !== undefined && kept?.[0] === identity && kept[2] === undefined) {
        used.set(absPath, kept)
        return kept[1]
      }
      read++
      const facts = readFacts()
      if (facts === undefined || kept === undefined || JSON.stringify(facts) !== JSON.stringify(kept[1])) changed++
      if (facts !== undefined && stats && identity !== undefined) used.set(absPath, settled(stats, clock.now()) ? [identity, facts] : [identity, facts, 0])
      return facts
    },
    get changed() {
      return changed
    },
    save() {
      if (read === 0 && used.size === loaded.size) return
      const content: CacheFile<T> = { key: options.key, files: Object.fromEntries(used) }
      try {
        writeCacheFile(file, JSON.stringify(content))
      } catch {
        // A cache that cannot be written only makes the next build read every file again.
      }
    },
  }
}

/**
 * A regular file's stats, or `undefined` for anything else: a symbolic link
 * (read through `readContained`, which checks where it points) or a file
 * that is gone. Taken before the file is read, so a change while it is read
 * makes the kept identity stale rather than the kept facts.
 */
function statsOf(absPath: string): Stats | undefined {
  try {
    const stats = lstatSync(absPath)
    return stats.isFile() ? stats : undefined
  } catch {
    return undefined
  }
}

function identityOf(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`
}

function settled({ mtimeMs, ctimeMs }: Stats, now: number): boolean {
  const coarse = mtimeMs % 1000 === 0 && ctimeMs % 1000 === 0
  return Math.max(mtimeMs, ctimeMs) < now - (coarse ? settleMs.coarse : settleMs.fine)
}

function loadKept<T>(file: string, options: StatCacheOptions<T>): Map<string, Kept<T>> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as CacheFile<T>
    if (content.key !== options.key || typeof content.files !== 'object' || content.files === null) return new Map()
    return new Map(Object.entries(content.files).filter(([, kept]) => Array.isArray(kept) && typeof kept[0] === 'string' && options.valid(kept[1]) && (kept[2] === undefined || kept[2] === 0)))
  } catch {
    return new Map()
  }
}
