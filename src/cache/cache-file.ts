/**
 * The one way tolk writes a file of its own cache (`cacheDir`): whole or not
 * at all. The content goes to a temporary file beside the target, which is
 * then renamed over it, so a build that stops mid-write leaves the old file
 * or the new one, never half of one, and two builds sharing a cache never
 * read each other's partial writes. A failure throws after removing the
 * temporary file; callers treat it as "no cache", never as a failed build.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

export function writeCacheFile(file: string, content: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`
  try {
    try {
      writeFileSync(temp, content)
    } catch (error) {
      // The folder is made on the first write into it, not checked before each one.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(temp, content)
    }
    renameSync(temp, file)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
}
