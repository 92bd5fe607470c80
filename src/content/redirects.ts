/**
 * Read a DocFX redirection file (`.openpublishing.redirection.json`:
 * `{"redirections": [{"source_path", "redirect_url"}]}`). `source_path` is
 * relative to the content root and must stay inside it (a redirect page is
 * written at that path in every locale); `redirect_url` is root-relative or
 * absolute, and is judged by the URL policy where it is used
 * (redirect-pages.ts, resolve-link.ts).
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { parseJson } from '../diagnostics/json-error.ts'
import { offsetToPlace, placeFinder } from '../diagnostics/place.ts'
import { report, type Place } from '../diagnostics/report.ts'
import { readContained, type ReadLimits } from './read-contained.ts'
import { jsonPathKey, jsonValueOffsets } from './json-places.ts'

export interface RedirectPlaces {
  /** Where the entry's `source_path` value starts in the file. */
  source: Place
  /** Where its `redirect_url` value starts. */
  target: Place
}

export interface Redirects {
  /** Source article path → redirect URL, in file order. */
  bySource: Map<string, string>
  /** Source article path → where its entry is in the file, for messages about it. */
  placesBySource: Map<string, RedirectPlaces>
  file: VFile | undefined
}

/**
 * @param roots folders the file's real path must be inside: the config's
 *   folder and the default locale's content root
 */
export function loadRedirects(filePath: string | undefined, roots: readonly string[], limits: ReadLimits): Redirects {
  const bySource = new Map<string, string>()
  const placesBySource = new Map<string, RedirectPlaces>()
  if (!filePath) return { bySource, placesBySource, file: undefined }
  const file = new VFile({ path: filePath })
  const read = readContained(filePath, roots, limits)
  if (!read.ok) {
    // A link out of the allowed folders or an oversized file keeps its own rule.
    const reason = read.kind === 'missing' ? 'Cannot read the redirection file' : read.reason
    report(file, read.kind === 'outside' || read.kind === 'too-large' ? read.rule : 'invalid-redirects', reason)
    return { bySource, placesBySource, file }
  }
  const text = read.text
  file.value = text
  for (const problem of read.problems) report(file, problem.rule, problem.reason, problem.place)
  let json = text
  let parsed = parseJson(text)
  // Real redirection files carry no-break spaces as indentation, which
  // DocFX's JSON reader accepts; accept them too, with a warning.
  const nbsp = text.indexOf('\u00a0')
  if (!parsed.ok && nbsp !== -1) {
    // Same length, so offsets in `json` are offsets in `text`.
    json = text.replaceAll('\u00a0', ' ')
    const lenient = parseJson(json)
    if (lenient.ok) report(file, 'redirects-json-lenient', 'No-break space in the JSON; read as a space', offsetToPlace(text, nbsp))
    parsed = lenient
  }
  if (!parsed.ok) {
    report(file, 'invalid-redirects', `Invalid JSON: ${parsed.reason}`, parsed.place)
    return { bySource, placesBySource, file }
  }
  const data = parsed.value
  const entries = (data as { redirections?: unknown })?.redirections
  if (!Array.isArray(entries)) {
    report(file, 'invalid-redirects', 'Expected `{"redirections": [...]}`')
    return { bySource, placesBySource, file }
  }
  const offsets = jsonValueOffsets(json, 3)
  const placeAt = placeFinder(text)
  // The value at `['redirections', index, key]`, else the entry, else the start of the file.
  const placeOf = (index: number, key?: string): Place => {
    const offset = (key === undefined ? undefined : offsets.get(jsonPathKey(['redirections', index, key]))) ?? offsets.get(jsonPathKey(['redirections', index]))
    return placeAt(offset ?? 0)
  }
  for (const [index, entry] of (entries as Array<Record<string, unknown>>).entries()) {
    const source = entry?.['source_path']
    const target = entry?.['redirect_url']
    if (typeof source !== 'string' || typeof target !== 'string') {
      const present = source !== undefined ? 'source_path' : target !== undefined ? 'redirect_url' : undefined
      report(file, 'invalid-redirects', 'Each redirection needs a `source_path` and a `redirect_url`', placeOf(index, present))
      continue
    }
    const contentPath = redirectSourcePath(source)
    if ('problem' in contentPath) {
      report(file, 'invalid-redirects', `\`source_path\` ${JSON.stringify(source)} ${contentPath.problem}; no redirect page is written for it`, placeOf(index, 'source_path'))
      continue
    }
    bySource.set(contentPath.path, target)
    placesBySource.set(contentPath.path, { source: placeOf(index, 'source_path'), target: placeOf(index, 'redirect_url') })
  }
  return { bySource, placesBySource, file }
}

/**
 * The content path a `source_path` names: `\\` read as `/`, leading `/`
 * dropped (DocFX paths are relative to the repository), `.` and `..`
 * resolved. A path that leaves the content root, a Windows drive path or a
 * control character (NUL) is a problem: the redirect page would be written
 * outside the locale's folder.
 * @example redirectSourcePath('/guide\\old.md') // => {path: 'guide/old.md'}
 * @example redirectSourcePath('a/../../x.md') // => {problem: 'leaves the content root'}
 */
export function redirectSourcePath(sourcePath: string): { path: string } | { problem: string } {
  if (/[\u0000-\u001f\u007f]/.test(sourcePath)) return { problem: 'has a control character' }
  if (/^[a-z]:/i.test(sourcePath)) return { problem: 'is an absolute Windows path' }
  const normalized = path.posix.normalize(sourcePath.replaceAll('\\', '/').replace(/^\/+/, ''))
  if (normalized === '..' || normalized.startsWith('../')) return { problem: 'leaves the content root' }
  if (normalized === '.' || normalized === './' || normalized === '') return { problem: 'names no file' }
  return { path: normalized }
}
