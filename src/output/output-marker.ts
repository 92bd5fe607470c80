/**
 * The file tolk writes into every folder it makes for output (the temp
 * folder first of all, so the finished site carries it too). tolk deletes or
 * replaces a folder only when it holds this file.
 */
import { lstatSync } from 'node:fs'
import path from 'node:path'

export const outputMarker = '.tolk-output'

export const outputMarkerText =
  'This folder was written by tolk (`tolk build`) and is replaced by the next build.\n' +
  'tolk only deletes or replaces a folder that holds this file; do not keep your own files here.\n'

/** True when `dir` holds the marker (a plain file, not a link to one). */
export function isMarked(dir: string): boolean {
  try {
    return lstatSync(path.join(dir, outputMarker)).isFile()
  } catch {
    return false
  }
}
