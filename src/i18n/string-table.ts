/**
 * Read one UI-strings file, flat JSON `{"key": "text"}`, through
 * `readContained`; every problem is reported on the file at its line.
 */
import type { VFile } from 'vfile'
import { readContained, type ReadLimits } from '../content/read-contained.ts'
import { parseJson } from '../diagnostics/json-error.ts'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'

export type StringTable = Record<string, string>

/**
 * The file's strings; `'missing'` when there is no such file; `undefined`
 * (after reporting why) when it cannot be read as a table.
 */
export function readStringTable(file: VFile, roots: readonly string[], limits: ReadLimits): StringTable | 'missing' | undefined {
  const read = readContained(String(file.path), roots, limits)
  if (!read.ok) {
    if (read.kind === 'missing') return 'missing'
    report(file, read.kind === 'outside' || read.kind === 'too-large' ? read.rule : 'invalid-ui-strings', read.reason)
    return undefined
  }
  const text = read.text
  file.value = text
  for (const problem of read.problems) report(file, problem.rule, problem.reason, problem.place)
  const parsed = parseJson(text)
  if (!parsed.ok) {
    report(file, 'invalid-ui-strings', `Invalid JSON: ${parsed.reason}`, parsed.place)
    return undefined
  }
  const data = parsed.value
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report(file, 'invalid-ui-strings', 'Expected an object of `"key": "text"` pairs', { line: 1, column: 1 })
    return undefined
  }
  const table: StringTable = {}
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') table[key] = value
    else report(file, 'invalid-ui-strings', `UI string \`${key}\` must be text`, placeOfKey(file, key))
  }
  return table
}

/** Where `key` is written in the file's text (its first occurrence as a JSON string). */
export function placeOfKey(file: VFile, key: string): { line: number; column: number } {
  const text = String(file.value ?? '')
  const offset = text.indexOf(JSON.stringify(key))
  return offset === -1 ? { line: 1, column: 1 } : offsetToPlace(text, offset)
}
