/**
 * Put a finished site in place of the previous one by renames only, so that
 * a build killed at any instant leaves either the old or the new complete
 * site on disk, and the next build tidies up after it.
 *
 * With output folder `O` and process id `P`, the states are:
 *
 * 1. building:      `O` (old site, or missing)  + `O.tmp-P` (partial new site)
 * 2. old set aside: `O` missing                 + `O.old-P` (old) + `O.tmp-P` (complete new)
 * 3. swapped:       `O` (new site)              + `O.old-P` (old)
 * 4. done:          `O` (new site)
 *
 * Killed in 1 or 3, `O` is a complete site and the sibling is debris; killed
 * in 2, `O` is missing and `O.old-P` is the complete old site, which the next
 * build renames back. Every folder tolk makes gets its marker file first and
 * loses it last (`removeOwnFolder`), so a sibling without the marker is never
 * tolk's debris and is never deleted (an empty one excepted: that holds nothing).
 *
 * A rebuild that knows what the previous build wrote updates the folder in
 * place instead (patch-output.ts); its temp folder may hold a journal, which
 * `recoverOutput` finishes.
 */
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isMarked, outputMarker, outputMarkerText } from './output-marker.ts'
import { finishPatch } from './patch-output.ts'

export function tempDirOf(outDir: string, pid = process.pid): string {
  return `${outDir}.tmp-${pid}`
}

export function oldDirOf(outDir: string, pid = process.pid): string {
  return `${outDir}.old-${pid}`
}

/** Make a fresh, marked folder (the marker goes in before anything else). */
export function makeMarkedFolder(dir: string): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, outputMarker), outputMarkerText)
}

/** Test seams: called between the steps of `swapIntoPlace`. */
export interface SwapHooks {
  /** After `O` was renamed to `O.old-P`, before `O.tmp-P` becomes `O` (state 2). */
  afterOldSetAside?: () => void
  /** After the swap, before the old site is removed (state 3). */
  afterSwap?: () => void
}

/** States 1 → 4. Throws the file-system error of a step that failed, after putting the old site back. */
export function swapIntoPlace(tempDir: string, outDir: string, hooks: SwapHooks = {}): void {
  const oldDir = oldDirOf(outDir)
  const hadOld = exists(outDir)
  if (hadOld) renameSync(outDir, oldDir)
  hooks.afterOldSetAside?.()
  try {
    renameSync(tempDir, outDir)
  } catch (error) {
    if (hadOld && !exists(outDir)) renameSync(oldDir, outDir)
    throw error
  }
  hooks.afterSwap?.()
  try {
    if (hadOld) removeOwnFolder(oldDir)
  } catch {
    // The new site is in place; what is left of the old one carries the marker and goes at the next build.
  }
}

/**
 * Remove a folder tolk made: everything but the marker, then the marker,
 * then the empty folder. Killed halfway, what is left still carries the
 * marker (or is empty), so the next build can finish the job.
 */
export function removeOwnFolder(dir: string): void {
  if (!isMarked(dir)) {
    // Only an empty folder may go without the marker.
    try {
      rmdirSync(dir)
    } catch {
      // Not empty, or gone: not ours to delete.
    }
    return
  }
  for (const name of readdirSync(dir)) {
    if (name !== outputMarker) rmSync(path.join(dir, name), { recursive: true, force: true })
  }
  rmSync(path.join(dir, outputMarker), { force: true })
  rmdirSync(dir)
}

/**
 * At the start of a build: bring back the old site when a killed build left
 * `O` missing (state 2), then remove the temp and old folders of builds that
 * are no longer running. Folders of live processes are left alone; a folder
 * named after this process is from an earlier process that had the same id
 * (this build has made nothing yet).
 */
export function recoverOutput(outDir: string, isAlive: (pid: number) => boolean = isProcessAlive): void {
  const parent = path.dirname(outDir)
  const pattern = new RegExp(`^${escapeRegExp(path.basename(outDir))}\\.(tmp|old)-(\\d+)$`)
  let names: string[]
  try {
    names = readdirSync(parent)
  } catch {
    return
  }
  const stale = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({ dir: path.join(parent, name), kind: match[1] as 'tmp' | 'old', pid: Number(match[2]) }))
    .filter(({ pid }) => pid === process.pid || !isAlive(pid))
  if (!exists(outDir)) {
    // The newest set-aside site of a dead build is the last complete one.
    const old = stale
      .filter((entry) => entry.kind === 'old' && isMarked(entry.dir))
      .sort((a, b) => markerTime(b.dir) - markerTime(a.dir))[0]
    if (old) {
      renameSync(old.dir, outDir)
      stale.splice(stale.indexOf(old), 1)
    }
  }
  for (const entry of stale) {
    // A temp folder with a journal is a patch a killed build began: finish it before the folder goes.
    if (entry.kind === 'tmp' && isMarked(entry.dir) && isMarked(outDir)) finishPatch(entry.dir, outDir)
    removeOwnFolder(entry.dir)
  }
}

/** `kill(pid, 0)` fails with ESRCH when no such process exists; EPERM means it exists. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function exists(dir: string): boolean {
  try {
    statSync(dir)
    return true
  } catch {
    return false
  }
}

function markerTime(dir: string): number {
  try {
    return statSync(path.join(dir, outputMarker)).mtimeMs
  } catch {
    return 0
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
