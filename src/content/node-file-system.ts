/**
 * Include and TOC access to the disk, with a cache so an include used by
 * hundreds of pages is read once. The dev server also forgets changed files
 * and records which files each page read.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import type { FileSystem } from '../includes/resolve-include.ts'

export interface NodeFileSystem extends FileSystem {
  /** Forget what is cached about `absPath` (it changed on disk). */
  invalidate(absPath: string): void
  /** Run `render` and return the files it read, with its result. */
  recording<T>(render: () => T): { result: T; files: Set<string> }
}

export function createNodeFileSystem(): NodeFileSystem {
  const texts = new Map<string, string | undefined>()
  const realpaths = new Map<string, string | undefined>()
  let recorded: Set<string> | undefined
  return {
    read(absPath) {
      recorded?.add(absPath)
      if (!texts.has(absPath)) {
        let text: string | undefined
        try {
          text = statSync(absPath).isFile() ? readFileSync(absPath, 'utf8') : undefined
        } catch {
          text = undefined
        }
        texts.set(absPath, text)
      }
      return texts.get(absPath)
    },
    realpath(absPath) {
      recorded?.add(absPath)
      if (!realpaths.has(absPath)) {
        let real: string | undefined
        try {
          real = realpathSync(absPath)
        } catch {
          real = undefined
        }
        realpaths.set(absPath, real)
      }
      return realpaths.get(absPath)
    },
    invalidate(absPath) {
      texts.delete(absPath)
      realpaths.delete(absPath)
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
