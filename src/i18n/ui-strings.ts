/**
 * UI strings per locale from `locales/<locale>.json` (flat `"key": "text"`).
 * A key missing in a locale falls back to the default locale with a
 * `missing-ui-string` warning naming it; the default locale falls back to
 * tolk's built-in English so a new site starts with a complete set.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { packageDir } from '../config/resolve-config.ts'
import type { ResolvedConfig } from '../config/schema.ts'
import { readContained, type ReadLimits } from '../content/read-contained.ts'
import { parseJson } from '../diagnostics/json-error.ts'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'

export interface UiStrings {
  /** The string for `key` in `locale`, following the fallback chain; the key itself when unknown. */
  t(locale: string, key: string): string
  /** True when the default locale (or the built-in set) defines `key`. */
  has(key: string): boolean
  files: VFile[]
  /** Per locale, how many of the default locale's keys it defines itself. */
  coverage(): UiStringCoverage[]
}

export interface UiStringCoverage {
  locale: string
  defined: number
  total: number
  missing: string[]
}

type Table = Record<string, string>

export function loadUiStrings(config: ResolvedConfig): UiStrings {
  const files: VFile[] = []
  const tables = new Map<string, Table>()
  const unreadable = new Set<string>()
  // The site's strings are read from its folder (or the one its config names);
  // tolk's own from its package.
  const roots = [config.configDir, config.uiStringsDir]
  const limits: ReadLimits = { maxFileSize: config.maxFileSize }
  for (const locale of config.locales) {
    const file = new VFile({ path: path.join(config.uiStringsDir, `${locale.code}.json`) })
    files.push(file)
    const table = readTable(file, roots, limits)
    if (!table) unreadable.add(locale.code)
    tables.set(locale.code, table ?? {})
  }
  const builtInFile = path.join(packageDir, 'locales', 'en-us.json')
  const builtIn = builtInFile === path.join(config.uiStringsDir, 'en-us.json') ? {} : (readTable(new VFile({ path: builtInFile }), [packageDir], limits) ?? {})
  const defaults: Table = { ...builtIn, ...tables.get(config.defaultLocale) }

  for (const [index, locale] of config.locales.entries()) {
    if (locale.code === config.defaultLocale) continue
    const file = files[index]!
    const table = tables.get(locale.code)!
    if (!existsSync(String(file.path))) {
      report(file, 'missing-ui-string', `No UI strings for \`${locale.code}\`; every string falls back to \`${config.defaultLocale}\``)
      continue
    }
    // The file's own error says it all; a warning per key would bury it.
    if (unreadable.has(locale.code)) continue
    // Only keys the default locale's own file defines: tolk's built-in English
    // fills gaps silently, so a new tolk string does not flood old sites with warnings.
    for (const key of Object.keys(tables.get(config.defaultLocale) ?? {}).sort()) {
      if (!(key in table)) {
        report(file, 'missing-ui-string', `Missing UI string \`${key}\` in \`${locale.code}\`; using the \`${config.defaultLocale}\` text`)
      }
    }
  }
  return {
    files,
    has: (key) => key in defaults,
    t: (locale, key) => tables.get(locale)?.[key] ?? defaults[key] ?? key,
    coverage() {
      // Measured against the default locale's own file, like the warnings.
      const own = Object.keys(tables.get(config.defaultLocale) ?? {})
      const keys = (own.length ? own : Object.keys(defaults)).sort()
      return config.locales.map((locale) => {
        const missing = keys.filter((key) => !(key in tables.get(locale.code)!))
        return { locale: locale.code, defined: keys.length - missing.length, total: keys.length, missing }
      })
    },
  }
}

/** The file's strings; `undefined` (after reporting why) when it cannot be read as a table. */
function readTable(file: VFile, roots: readonly string[], limits: ReadLimits): Table | undefined {
  const read = readContained(String(file.path), roots, limits)
  if (!read.ok) {
    if (read.kind === 'missing') return {}
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
  const table: Table = {}
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') table[key] = value
    else report(file, 'invalid-ui-strings', `UI string \`${key}\` must be text`, placeOfKey(text, key))
  }
  return table
}

function placeOfKey(text: string, key: string): { line: number; column: number } {
  const offset = text.indexOf(JSON.stringify(key))
  return offset === -1 ? { line: 1, column: 1 } : offsetToPlace(text, offset)
}
