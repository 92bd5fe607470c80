/**
 * External DocFX xref maps (`xrefMaps` in the config): `references:` entries
 * with `uid`, `href` and names, and an optional `baseUrl` their hrefs are
 * relative to. A map is untrusted input: YAML aliases are capped, only
 * string properties are kept, and an entry is used only when its href is an
 * `http(s)` URL. Local maps are read from the site's folder; URL maps from
 * the cache `fetchXrefMaps` filled (xref-cache.ts).
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { isMap, isSeq, parseDocument } from 'yaml'
import type { ResolvedConfig } from '../config/schema.ts'
import { findKey } from '../config/resolve-config.ts'
import { formatBytes, readContained } from '../content/read-contained.ts'
import { report, type Place } from '../diagnostics/report.ts'
import type { ExternalXref } from './xref-index.ts'

/** 64 MiB: a whole API reference's map (tens of thousands of uids) fits; `maxFileSize` is for pages. */
export const maxXrefMapBytes = 64 * 1024 * 1024

/** Aliases resolved per map; DocFX writes none. */
const maxAliasCount = 100

export function isXrefMapUrl(entry: string): boolean {
  return /^https?:\/\//i.test(entry)
}

/** Where a fetched map is cached: one file per URL. */
export function cachePathOf(config: ResolvedConfig, url: string): string {
  return path.join(config.xrefCacheDir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.yml`)
}

/** Where messages about the `xrefMaps` setting go: the config file, at the key. */
export function xrefMapsPlace(config: ResolvedConfig, configText: string): { file: VFile; place: Place | undefined } {
  return { file: new VFile({ path: config.configFile ?? '<command line>' }), place: findKey(configText, ['xrefMaps']) }
}

/**
 * Every external map's entries, the first map naming a uid winning. A local
 * map that cannot be read is an error; a URL map missing from the cache was
 * reported by `fetchXrefMaps` already.
 */
export function loadXrefMaps(config: ResolvedConfig, configText: string): { external: Map<string, ExternalXref>; messages: VFileMessage[] } {
  const external = new Map<string, ExternalXref>()
  const messages: VFileMessage[] = []
  const defaultRoot = config.locales.find((locale) => locale.code === config.defaultLocale)?.root ?? config.configDir
  for (const entry of config.xrefMaps) {
    const url = isXrefMapUrl(entry) ? entry : undefined
    const absPath = url ? cachePathOf(config, url) : entry
    // As other config-given files: from the site's folder or the default locale's content root, never through a link out of them.
    const read = readContained(absPath, url ? [config.xrefCacheDir] : [config.configDir, defaultRoot], { maxFileSize: maxXrefMapBytes })
    if (!read.ok) {
      if (url && read.kind === 'missing') continue
      const { file, place } = xrefMapsPlace(config, configText)
      const reason = read.kind === 'too-large' ? `it is over ${formatBytes(maxXrefMapBytes)}` : read.reason
      messages.push(report(file, 'xref-map-unavailable', `Cannot read xref map \`${url ?? path.relative(config.configDir, entry)}\`: ${reason}`, place))
      continue
    }
    const file = new VFile({ path: absPath })
    for (const reference of parseXrefMap(read.text, file, url)) {
      if (!external.has(reference.uid)) external.set(reference.uid, reference)
    }
    messages.push(...file.messages)
  }
  return { external, messages }
}

/**
 * The usable entries of one map's text; problems are reported on `file`.
 * `mapUrl` is where a fetched map came from: hrefs without a `baseUrl` are
 * relative to it.
 */
export function parseXrefMap(text: string, file: VFile, mapUrl?: string): ExternalXref[] {
  const document = parseDocument(text, { uniqueKeys: false, logLevel: 'silent', prettyErrors: true })
  if (document.errors.length) {
    const error = document.errors[0]!
    const start = error.linePos?.[0]
    report(file, 'xref-map-unavailable', `Invalid xref map: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, start ? { line: start.line, column: start.col } : undefined)
    return []
  }
  let value: unknown
  try {
    value = document.toJS({ maxAliasCount })
  } catch (error) {
    report(file, 'xref-map-unavailable', `Invalid xref map: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    return []
  }
  const references = isMap(document.contents) ? document.contents.get('references', true) : undefined
  if (!isSeq(references) || typeof value !== 'object' || value === null || !Array.isArray((value as { references?: unknown }).references)) {
    report(file, 'xref-map-unavailable', 'Invalid xref map: expected a mapping with a `references:` list')
    return []
  }
  const root = value as { baseUrl?: unknown; references: unknown[] }
  const base = typeof root.baseUrl === 'string' ? root.baseUrl : mapUrl
  const found: ExternalXref[] = []
  let skipped = 0
  let firstSkipped: number | undefined
  for (const [index, entry] of root.references.entries()) {
    const reference = referenceOf(entry, base)
    if (reference) {
      found.push(reference)
      continue
    }
    skipped++
    firstSkipped ??= index
  }
  if (skipped > 0) {
    const node = references.items[firstSkipped!] as { range?: [number, number, number] } | undefined
    const place = node?.range ? placeOf(text, node.range[0]) : undefined
    report(file, 'xref-map-entry', `${skipped} of ${root.references.length} references are not used: each needs a \`uid\` and an \`href\` that is an http(s) URL${base ? '' : ' (or a `baseUrl` it is relative to)'}`, place)
  }
  return found
}

function referenceOf(entry: unknown, base: string | undefined): ExternalXref | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined
  const properties: Record<string, string> = {}
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === 'string') properties[key] = value
    else if (typeof value === 'number') properties[key] = String(value)
  }
  const uid = properties['uid']?.trim()
  const href = properties['href']?.trim()
  if (!uid || !href) return undefined
  let absolute: URL
  try {
    absolute = base ? new URL(href, base) : new URL(href)
  } catch {
    return undefined
  }
  if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return undefined
  return { uid, href: absolute.href, properties }
}

function placeOf(text: string, offset: number): Place {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}
