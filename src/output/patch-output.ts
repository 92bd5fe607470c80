/**
 * Bring the output folder up to date in place, when a build knows what the
 * previous one wrote (output-record.ts): only the files that changed were
 * written into the temp folder, and only they move; files the new site no
 * longer has are removed. A rebuild that changed a few pages then costs a
 * few renames, where swapping a whole site in (swap-output.ts) writes every
 * file again and removes every file of the old site.
 *
 * With output folder `O` and process id `P`, the states are:
 *
 * 1. building:    `O` (old site) + `O.tmp-P` (the changed files)
 * 2. journaled:   `O.tmp-P/.tolk-patch` lists the files to move and to remove
 * 3. patching:    `O` partly updated
 * 4. done:        `O` (new site)
 *
 * Killed in 1, `O` is the old site and the temp folder is debris, as in a
 * swap. Killed in 2 or 3, the next build finds the journal and finishes the
 * patch before anything else (`finishPatch`, called by `recoverOutput`), so
 * `O` becomes the new site. Unlike a swap, `O` is a mix of the two sites
 * from a kill in 3 until that next build.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** The journal's name in the temp folder. */
export const patchJournal = '.tolk-patch'

export interface OutputPatch {
  /** Files written into the temp folder, to move into the output folder (`/`-separated). */
  changed: string[]
  /** Files of the output folder the new site does not have. */
  removed: string[]
}

/** Test seams: called between the steps of `patchIntoPlace`. */
export interface PatchHooks {
  /** After the journal was written, before anything in the output folder changed (state 2). */
  afterJournal?: () => void
  /** After the first changed file was moved in (state 3). */
  afterFirstMove?: () => void
}

/** States 1 → 4. */
export function patchIntoPlace(tempDir: string, outDir: string, patch: OutputPatch, hooks: PatchHooks = {}): void {
  const journal = path.join(tempDir, patchJournal)
  // Written whole before it counts: a journal that exists is complete.
  writeFileSync(`${journal}.partial`, JSON.stringify(patch))
  renameSync(`${journal}.partial`, journal)
  hooks.afterJournal?.()
  applyPatch(tempDir, outDir, patch, hooks)
}

/**
 * Finish the patch a killed build journaled in `tempDir`, if it got that
 * far; returns whether there was one. The caller then removes the temp folder.
 */
export function finishPatch(tempDir: string, outDir: string): boolean {
  let patch: OutputPatch
  try {
    patch = JSON.parse(readFileSync(path.join(tempDir, patchJournal), 'utf8')) as OutputPatch
  } catch {
    return false
  }
  if (!Array.isArray(patch.changed) || !Array.isArray(patch.removed) || !existsSync(outDir)) return false
  applyPatch(tempDir, outDir, patch, {})
  return true
}

/**
 * Removals first (a file that gives way to a folder of the same name goes
 * before the folder is made), then the moves. Every step may already have
 * been done by a killed build, so each is skipped when it has been.
 */
function applyPatch(tempDir: string, outDir: string, patch: OutputPatch, hooks: PatchHooks): void {
  const emptied = new Set<string>()
  for (const relFile of patch.removed) {
    const target = inside(outDir, relFile)
    if (!target) continue
    if (!lstatSync(target, { throwIfNoEntry: false })?.isDirectory()) rmSync(target, { force: true })
    for (let dir = path.posix.dirname(relFile); dir !== '.'; dir = path.posix.dirname(dir)) emptied.add(dir)
  }
  // Folders the removals left empty, deepest first; one that holds anything stays.
  for (const dir of [...emptied].sort((a, b) => b.split('/').length - a.split('/').length)) {
    try {
      rmdirSync(path.join(outDir, dir))
    } catch {
      // Not empty.
    }
  }
  let moved = 0
  for (const relFile of patch.changed) {
    const from = inside(tempDir, relFile)
    const to = inside(outDir, relFile)
    if (!from || !to || !existsSync(from)) continue
    mkdirSync(path.dirname(to), { recursive: true })
    // An empty folder in the way (its files were removed above).
    if (lstatSync(to, { throwIfNoEntry: false })?.isDirectory()) rmSync(to, { recursive: true, force: true })
    renameSync(from, to)
    if (moved++ === 0) hooks.afterFirstMove?.()
  }
}

/** `dir/relFile`, or `undefined` when the name would not stay strictly inside `dir` (a journal is data, not trusted paths). */
function inside(dir: string, relFile: string): string | undefined {
  if (typeof relFile !== 'string' || relFile.includes('\0')) return undefined
  const target = path.resolve(dir, relFile)
  const relative = path.relative(dir, target)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative) ? target : undefined
}
