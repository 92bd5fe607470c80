/**
 * The page's file access (includes, code snippets, TOCs) with a record of
 * what each page read: every file by path, the folders it was allowed from
 * and a digest of what the read gave (its text, or why it was refused). The
 * persistent page cache (page-cache.ts) keeps that record beside the page and
 * reuses the page only while every digest still matches, so an include edit
 * re-renders exactly the pages that read it, and an include that appears
 * where a page once fell back to the default locale's copy does too.
 */
import { createHash } from 'node:crypto'
import type { ContainedText } from '../content/read-contained.ts'
import type { FileSystem } from '../includes/resolve-include.ts'

/** One file a page read: `[absPath, roots, digest]`. */
export type InputRecord = [absPath: string, roots: string[], digest: string]

export interface RecordingFileSystem extends FileSystem {
  /** Run `render` and return, with its result, the files it read (each once, in first-read order). */
  recordInputs<T>(render: () => T): { result: T; inputs: InputRecord[] }
  /** What reading `absPath` from `roots` gives now, as the digest a record holds. */
  digestOf(absPath: string, roots: readonly string[]): string
}

export function recordingFileSystem(fs: FileSystem): RecordingFileSystem {
  // `read(absPath)` names no roots; it re-reads a file read before, so the first roots it was read from stand for it.
  const rootsByPath = new Map<string, string[]>()
  let recorded: Map<string, InputRecord> | undefined

  function note(absPath: string, roots: readonly string[], read: ContainedText): void {
    if (!rootsByPath.has(absPath)) rootsByPath.set(absPath, [...roots])
    if (!recorded) return
    const key = `${absPath}\0${roots.join('\0')}`
    if (!recorded.has(key)) recorded.set(key, [absPath, [...roots], digestOfRead(read)])
  }

  return {
    readContained(absPath, roots) {
      const read = fs.readContained(absPath, roots)
      note(absPath, roots, read)
      return read
    },
    read(absPath) {
      const text = fs.read(absPath)
      const roots = rootsByPath.get(absPath)
      // Through `readContained`, so the record holds the same digest a later check computes.
      if (recorded && roots) note(absPath, roots, fs.readContained(absPath, roots))
      return text
    },
    recordInputs(render) {
      const previous = recorded
      const inputs = new Map<string, InputRecord>()
      recorded = inputs
      try {
        return { result: render(), inputs: [...inputs.values()] }
      } finally {
        recorded = previous
      }
    },
    digestOf: (absPath, roots) => digestOfRead(fs.readContained(absPath, roots)),
  }
}

/**
 * Digests by read: the file system below hands out one read per file until
 * the file changes, so an include shown on 400 pages is hashed once, not at
 * each of their cache lookups.
 */
const digests = new WeakMap<ContainedText, string>()

/** A read's text and decoding warnings, hashed; a refusal by its kind. */
function digestOfRead(read: ContainedText): string {
  if (!read.ok) return `!${read.kind}`
  let digest = digests.get(read)
  if (digest === undefined) {
    const hash = createHash('sha256').update(read.text)
    if (read.problems.length > 0) hash.update(JSON.stringify(read.problems))
    digests.set(read, (digest = hash.digest('base64url')))
  }
  return digest
}
