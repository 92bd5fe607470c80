/**
 * What the last build put into an output folder: each file's digest and the
 * `lstat` facts (size, mtime, inode) it had when written. The next build
 * with the same cache uses it to leave a file that would come out the same
 * untouched (write-site.ts), instead of writing the whole site again.
 *
 * The record lives in the cache folder, not in the published site. A file
 * counts as known only while its facts still match, so a file edited or
 * replaced by hand since is written again; a record that cannot be read is
 * no record (the build writes everything, as a build without cache does).
 */
import { createHash } from 'node:crypto'
import { lstatSync, statSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { writeCacheFile } from '../cache/cache-file.ts'

/** `[digest, size, mtimeMs, ino]` */
export type RecordedFile = [digest: string, size: number, mtimeMs: number, ino: number]

const recordFormat = 1

/** Where the record of `outDir` (a real path) is kept in `cacheDir`. */
export function outputRecordFile(cacheDir: string, outDir: string): string {
  const name = createHash('sha256').update(outDir).digest('hex').slice(0, 24)
  return path.join(cacheDir, 'outputs', `${name}.json`)
}

/** The files recorded for `outDir`, or `undefined` when there is no readable record of it. */
export function readOutputRecord(recordFile: string, outDir: string): Map<string, RecordedFile> | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { format?: unknown; outDir?: unknown; files?: unknown }
    if (record.format !== recordFormat || record.outDir !== outDir || typeof record.files !== 'object' || record.files === null) return undefined
    const files = new Map<string, RecordedFile>()
    for (const [relFile, entry] of Object.entries(record.files)) {
      if (isRecordedFile(entry)) files.set(relFile, entry)
    }
    return files
  } catch {
    return undefined
  }
}

/** Save the record; on failure, remove it, so no stale record outlives this build. */
export function saveOutputRecord(recordFile: string, outDir: string, files: Map<string, RecordedFile>): void {
  try {
    writeCacheFile(recordFile, JSON.stringify({ format: recordFormat, outDir, files: Object.fromEntries(files) }))
  } catch {
    forgetOutputRecord(recordFile)
  }
}

/** Remove the record (the output folder changed in a way it does not describe). */
export function forgetOutputRecord(recordFile: string): void {
  try {
    rmSync(recordFile, { force: true })
  } catch {
    // A record that cannot be removed is checked file by file against the folder anyway.
  }
}

/** The recorded facts of the file at `absPath` now, with `digest`; `undefined` when it is gone. */
export function recordedFileOf(absPath: string, digest: string): RecordedFile | undefined {
  const stats = lstatSync(absPath, { throwIfNoEntry: false })
  return stats?.isFile() ? [digest, stats.size, stats.mtimeMs, stats.ino] : undefined
}

/** True when the file at `absPath` is still the one `recorded` describes. */
export function stillRecorded(absPath: string, recorded: RecordedFile): boolean {
  const now = recordedFileOf(absPath, recorded[0])
  return now !== undefined && now[1] === recorded[1] && now[2] === recorded[2] && now[3] === recorded[3]
}

/** The digest a written file is recorded under: the page cache's `digestOf([text])` for text, so a cached page's digest can be compared as it is. */
export function contentDigest(content: string | Uint8Array): string {
  const hash = createHash('sha256')
  if (typeof content === 'string') hash.update(`${content.length}:`).update(content)
  else hash.update('bytes:').update(content)
  return hash.digest('base64url')
}

/** A copied file's digest: its source's facts, so an unchanged source is not read. */
export function copyDigest(fromAbsPath: string): string | undefined {
  // `stat`, not `lstat`: a copy follows a link to its target.
  const stats = statSync(fromAbsPath, { throwIfNoEntry: false })
  return stats ? `copy:${stats.size}:${stats.mtimeMs}:${stats.ino}` : undefined
}

function isRecordedFile(value: unknown): value is RecordedFile {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'number'
  )
}
