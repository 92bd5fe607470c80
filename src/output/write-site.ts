/**
 * Write the site into a temporary sibling of the output folder, page by page
 * as they are rendered, and swap it in only when the build succeeded: a
 * failed build never leaves a half-written `dist/`.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export interface SiteWriter {
  /** Write `content` to `relFile` (`/`-separated, below the output folder). */
  write(relFile: string, content: string | Uint8Array): void
  copy(relFile: string, fromAbsPath: string): void
  /** Replace the output folder with what was written. */
  commit(): void
  /** Throw away what was written; the previous output stays. */
  abort(): void
}

export function createSiteWriter(outDir: string): SiteWriter {
  const tempDir = `${outDir}.tmp-${process.pid}`
  rmSync(tempDir, { recursive: true, force: true })
  mkdirSync(tempDir, { recursive: true })
  const made = new Set<string>()
  function target(relFile: string): string {
    const absPath = path.join(tempDir, relFile)
    const dir = path.dirname(absPath)
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    return absPath
  }
  return {
    write: (relFile, content) => writeFileSync(target(relFile), content),
    copy: (relFile, fromAbsPath) => copyFileSync(fromAbsPath, target(relFile)),
    commit() {
      rmSync(outDir, { recursive: true, force: true })
      renameSync(tempDir, outDir)
    },
    abort() {
      rmSync(tempDir, { recursive: true, force: true })
    },
  }
}
