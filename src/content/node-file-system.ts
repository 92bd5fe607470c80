/**
 * The include loader's view of the disk, with a per-build cache so an
 * include used by hundreds of pages is read once.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs'
import type { FileSystem } from '../includes/resolve-include.ts'

export function createNodeFileSystem(): FileSystem {
  const texts = new Map<string, string | undefined>()
  const realpaths = new Map<string, string | undefined>()
  return {
    read(absPath) {
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
  }
}
