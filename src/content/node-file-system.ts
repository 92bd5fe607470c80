/**
 * Include and TOC access to the disk, with a cache so an include used by
 * hundreds of pages is read once. Every read goes through `readContained`
 * (symlinks out of the allowed folders refused, size limited, text decoded
 * strictly). The dev server also forgets changed files and records which
 * files each page read.
 */
import type { FileSystem } from '../includes/resolve-include.ts'
import { defaultLimits, readContained, type ContainedText, type ReadLimits } from './read-contained.ts'

export interface NodeFileSystem extends FileSystem {
  /** Forget what is cached about `absPath` (it changed on disk). */
  invalidate(absPath: string): void
  /** Run `render` and return the files it read, with its result. */
  recording<T>(render: () => T): { result: T; files: Set<string> }
  /** Use new limits (the config changed); forgets every read. */
  setLimits(limits: ReadLimits): void
}

export function createNodeFileSystem(initialLimits: ReadLimits = defaultLimits): NodeFileSystem {
  let limits = initialLimits
  // Keyed by path and roots: the same file may be allowed for one page's roots and not another's.
  const reads = new Map<string, Map<string, ContainedText>>()
  let recorded: Set<string> | undefined
  return {
    readContained(absPath, roots) {
      recorded?.add(absPath)
      let byRoots = reads.get(absPath)
      if (!byRoots) reads.set(absPath, (byRoots = new Map()))
      const key = roots.join('\0')
      let read = byRoots.get(key)
      if (!read) byRoots.set(key, (read = readContained(absPath, roots, limits)))
      return read
    },
    read(absPath) {
      recorded?.add(absPath)
      for (const read of reads.get(absPath)?.values() ?? []) if (read.ok) return read.text
      return undefined
    },
    invalidate(absPath) {
      reads.delete(absPath)
    },
    setLimits(next) {
      if (next.maxFileSize === limits.maxFileSize) return
      limits = next
      reads.clear()
    },
    recording(render) {
      const files = new Set<string>()
      const previous = recorded
      recorded = files
      try {
        return { result: render(), files }
      } finally {
        recorded = previous
      }
    },
  }
}
