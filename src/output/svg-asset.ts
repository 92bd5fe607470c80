/**
 * The one way an SVG content asset reaches readers, for `tolk build` (which
 * writes it), `tolk check` (which only reports) and `tolk dev` (which serves
 * it): read the bytes, require UTF-8, sanitize. A clean SVG is published as
 * its original bytes; one that lost something as the sanitized text; one that
 * cannot be read safely not at all.
 */
import { readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'
import { sanitizeSvg } from './sanitize-svg.ts'

export interface SvgAsset {
  /** What to publish, or `undefined` when the SVG must not be published (an error says why). */
  bytes: Buffer | undefined
  messages: VFileMessage[]
}

export function isSvgPath(relOrAbsPath: string): boolean {
  return /\.svg$/i.test(relOrAbsPath)
}

export function readSvgAsset(absPath: string): SvgAsset {
  const file = new VFile({ path: absPath })
  let bytes: Buffer
  try {
    bytes = readFileSync(absPath)
  } catch (error) {
    report(file, 'read-error', `Cannot read this file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
    return { bytes: undefined, messages: file.messages }
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // Where the first bad byte is: the text up to it decodes, and the replacement character marks it.
    const lenient = new TextDecoder('utf-8').decode(bytes)
    const place = offsetToPlace(lenient, Math.max(0, lenient.indexOf('\uFFFD')))
    report(file, 'invalid-svg', 'This SVG is not UTF-8; tolk copies UTF-8 SVGs only, as it reads them the way browsers will; it is not copied', place)
    return { bytes: undefined, messages: file.messages }
  }
  const { svg, changed, messages } = sanitizeSvg(text, file)
  if (svg === undefined) return { bytes: undefined, messages }
  return { bytes: changed ? Buffer.from(svg, 'utf8') : bytes, messages }
}
