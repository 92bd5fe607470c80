/**
 * Read a DocFX redirection file (`.openpublishing.redirection.json`:
 * `{"redirections": [{"source_path", "redirect_url"}]}`). `source_path` is
 * relative to the content root; `redirect_url` is root-relative or absolute.
 */
import { VFile } from 'vfile'
import { parseJson } from '../diagnostics/json-error.ts'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'
import { readContained, type ReadLimits } from './read-contained.ts'

export interface Redirects {
  /** Source article path → redirect URL, in file order. */
  bySource: Map<string, string>
  file: VFile | undefined
}

/**
 * @param roots folders the file's real path must be inside: the config's
 *   folder and the default locale's content root
 */
export function loadRedirects(filePath: string | undefined, roots: readonly string[], limits: ReadLimits): Redirects {
  const bySource = new Map<string, string>()
  if (!filePath) return { bySource, file: undefined }
  const file = new VFile({ path: filePath })
  const read = readContained(filePath, roots, limits)
  if (!read.ok) {
    // A link out of the allowed folders or an oversized file keeps its own rule.
    const reason = read.kind === 'missing' ? 'Cannot read the redirection file' : read.reason
    report(file, read.kind === 'outside' || read.kind === 'too-large' ? read.rule : 'invalid-redirects', reason)
    return { bySource, file }
  }
  const text = read.text
  file.value = text
  for (const problem of read.problems) report(file, problem.rule, problem.reason, problem.place)
  let parsed = parseJson(text)
  // Real redirection files carry no-break spaces as indentation, which
  // DocFX's JSON reader accepts; accept them too, with a warning.
  const nbsp = text.indexOf('\u00a0')
  if (!parsed.ok && nbsp !== -1) {
    const lenient = parseJson(text.replaceAll('\u00a0', ' '))
    if (lenient.ok) report(file, 'redirects-json-lenient', 'No-break space in the JSON; read as a space', offsetToPlace(text, nbsp))
    parsed = lenient
  }
  if (!parsed.ok) {
    report(file, 'invalid-redirects', `Invalid JSON: ${parsed.reason}`, parsed.place)
    return { bySource, file }
  }
  const data = parsed.value
  const entries = (data as { redirections?: unknown })?.redirections
  if (!Array.isArray(entries)) {
    report(file, 'invalid-redirects', 'Expected `{"redirections": [...]}`')
    return { bySource, file }
  }
  for (const entry of entries as Array<Record<string, unknown>>) {
    const source = entry?.['source_path']
    const target = entry?.['redirect_url']
    if (typeof source !== 'string' || typeof target !== 'string') {
      report(file, 'invalid-redirects', 'Each redirection needs a `source_path` and a `redirect_url`', placeOf(text, JSON.stringify(source ?? target ?? '')))
      continue
    }
    bySource.set(source.replace(/^\/+/, '').replaceAll('\\', '/'), target)
  }
  return { bySource, file }
}

function placeOf(text: string, needle: string): { line: number; column: number } {
  return offsetToPlace(text, Math.max(0, text.indexOf(needle)))
}
