/**
 * What a build learns by reading every article before it renders any page:
 * a digest of the article's text (the page cache's key, page-cache.ts) and
 * the `uid` it defines (the xref index). Kept in `<cacheDir>/articles.json`
 * under each file's identity on disk (size, modification and change times,
 * inode), the way git's index keeps file hashes: a later build takes an
 * unchanged article's facts from there after one `lstat`, instead of
 * reading, decoding, hashing and parsing it (a third of a second of a
 * no-change build of the corpus).
 *
 * A file changed within `settleMs` of being read is not kept: on a file
 * system with coarse timestamps, a second edit in the same tick could leave
 * its identity unchanged. The cache is an optimisation only: a missing,
 * corrupt or foreign file is empty, and one that cannot be written is left.
 */
import { lstatSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { writeCacheFile } from './cache-file.ts'

/** Where the front matter's (or YAML page's) `uid` is, and the title cross-references show for it. */
export interface ArticleUid {
  uid: string
  name: string
  line: number
  column: number
}

export interface ArticleFacts {
  /** Digest of the article as read (its text and any problem decoding it). */
  digest: string
  uid: ArticleUid | undefined
}

export interface ArticleFactsCache {
  /**
   * The facts of the article at `absPath`: kept ones when the file is the one
   * they were read from, else `read()`'s (kept for the next build). `read`
   * returns `undefined` for a file that cannot be read; nothing is kept then.
   */
  factsOf(absPath: string, read: () => ArticleFacts | undefined): ArticleFacts | undefined
  /** Write what this build used (only the articles it asked for), when it differs from what was loaded. */
  save(): void
}

/** Changed this recently (ms), a file's identity may not tell the next edit apart. */
const settleMs = 2000

/** `[identity, digest, uid?]`, in `articles.json` by absolute path. */
type Kept = [identity: string, digest: string, uid?: ArticleUid]

interface FactsFile {
  key: string
  articles: Record<string, Kept>
}

/**
 * The facts cache in `cacheDir` for articles read under `key` (what else the
 * facts depend on: tolk's code, the read limits); none without a `cacheDir`.
 */
export function openArticleFacts(cacheDir: string | undefined, key: string, clock: { now(): number } = Date): ArticleFactsCache {
  if (!cacheDir) return { factsOf: (_absPath, read) => read(), save: () => undefined }
  const file = path.join(cacheDir, 'articles.json')
  const loaded = loadKept(file, key)
  const used = new Map<string, Kept>()
  let changed = false

  return {
    factsOf(absPath, read) {
      const identity = identityOf(absPath)
      const kept = loaded.get(absPath)
      if (identity !== undefined && kept?.[0] === identity) {
        used.set(absPath, kept)
        return { digest: kept[1], uid: kept[2] }
      }
      changed = true
      const facts = read()
      if (facts && identity !== undefined && settled(identity, clock.now())) used.set(absPath, facts.uid ? [identity, facts.digest, facts.uid] : [identity, facts.digest])
      return facts
    },
    save() {
      if (!changed && used.size === loaded.size) return
      const content: FactsFile = { key, articles: Object.fromEntries(used) }
      try {
        writeCacheFile(file, JSON.stringify(content))
      } catch {
        // A cache that cannot be written only makes the next build read every article again.
      }
    },
  }
}

/**
 * A regular file's identity, or `undefined` for anything else: a symbolic
 * link (read through `readContained`, which checks where it points) or a
 * file that is gone. Taken before the file is read, so a change while it is
 * read makes the kept identity stale rather than the kept facts.
 */
function identityOf(absPath: string): string | undefined {
  try {
    const stats = lstatSync(absPath)
    return stats.isFile() ? `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}` : undefined
  } catch {
    return undefined
  }
}

function settled(identity: string, now: number): boolean {
  const [, mtimeMs, ctimeMs] = identity.split(':').map(Number)
  return Math.max(mtimeMs!, ctimeMs!) < now - settleMs
}

function loadKept(file: string, key: string): Map<string, Kept> {
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as FactsFile
    if (content.key !== key || typeof content.articles !== 'object' || content.articles === null) return new Map()
    return new Map(Object.entries(content.articles).filter(([, kept]) => Array.isArray(kept) && typeof kept[0] === 'string' && typeof kept[1] === 'string' && (kept[2] === undefined || typeof kept[2].uid === 'string')))
  } catch {
    return new Map()
  }
}
