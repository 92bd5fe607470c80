/**
 * Read a DocFX redirection file (`.openpublishing.redirection.json`:
 * `{"redirections": [{"source_path", "redirect_url"}]}`). `source_path` is
 * relative to the content root; `redirect_url` is root-relative or absolute.
 */
import { readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'

export interface Redirects {
  /** Source article path → redirect URL, in file order. */
  bySource: Map<string, string>
  file: VFile | undefined
}

export function loadRedirects(filePath: string | undefined): Redirects {
  const bySource = new Map<string, string>()
  if (!filePath) return { bySource, file: undefined }
  const file = new VFile({ path: filePath })
  let text: string
  try {
    text = readFileSync(filePath, 'utf8')
  } catch {
    report(file, 'invalid-redirects', 'Cannot read the redirection file')
    return { bySource, file }
  }
  file.value = text
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    // Real redirection files carry no-break spaces as indentation, which
    // DocFX's JSON reader accepts; accept them too, with a warning.
    const nbsp = text.indexOf('\u00a0')
    try {
      if (nbsp === -1) throw error
      data = JSON.parse(text.replaceAll('\u00a0', ' '))
      report(file, 'redirects-json-lenient', 'No-break space in the JSON; read as a space', offsetToPlace(text, nbsp))
    } catch {
      report(file, 'invalid-redirects', `Invalid JSON: ${(error as Error).message.split('\n')[0]}`)
      return { bySource, file }
    }
  }
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
