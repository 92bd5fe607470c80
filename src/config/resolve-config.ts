/**
 * Validate a user config and resolve it against its folder: defaults filled,
 * paths absolute, each locale's `lang` and `dir` derived when not given.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import { configSchema, type ResolvedConfig } from './schema.ts'

const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug'])

/** `da-dk` → `da-DK`, `zh-hans-cn` → `zh-Hans-CN`. */
export function localeToLang(code: string): string {
  try {
    return Intl.getCanonicalLocales(code)[0] ?? code
  } catch {
    return code
  }
}

export function defaultDir(lang: string): 'ltr' | 'rtl' {
  return rtlLanguages.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr'
}

export interface ResolveResult {
  config: ResolvedConfig | undefined
  file: VFile
}

/**
 * @param input the value a config file exported (or one built from CLI flags)
 * @param file  the config file to report on; its `value` is used to find key positions
 */
export function resolveConfig(input: unknown, file: VFile, configDir: string): ResolveResult {
  const parsed = configSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keyPath = issue.path.map(String).join('.') || '(config)'
      const rule = issue.path[0] === 'defaultLocale' && issue.code === 'custom' ? 'unknown-locale' : 'invalid-config'
      report(file, rule, `\`${keyPath}\`: ${issue.message}`, findKey(String(file.value ?? ''), issue.path.map(String)))
    }
    return { config: undefined, file }
  }
  const config = parsed.data
  const locales = Object.entries(config.locales).map(([code, locale]) => {
    const lang = locale.lang ?? localeToLang(code)
    return {
      code,
      root: path.resolve(configDir, locale.root ?? path.join('content', code)),
      lang,
      dir: locale.dir ?? defaultDir(lang),
    }
  })
  return {
    file,
    config: {
      configDir,
      configFile: file.path || undefined,
      siteUrl: config.siteUrl?.replace(/\/+$/, ''),
      base: config.base,
      locales,
      defaultLocale: config.defaultLocale,
      outDir: path.resolve(configDir, config.outDir),
      templatesDir: path.resolve(configDir, config.templatesDir),
      uiStringsDir: path.resolve(configDir, config.uiStringsDir),
      maxIncludeDepth: config.maxIncludeDepth,
    },
  }
}

/**
 * Best-effort position of a key path in config source text: the last key
 * that appears as an identifier or quoted string, searched after its parents.
 */
export function findKey(source: string, keyPath: string[]): { line: number; column: number } | undefined {
  if (!source) return undefined
  let offset = 0
  let found = -1
  for (const key of keyPath) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const pattern = new RegExp(`(['"]?)${escaped}\\1\\s*:`, 'g')
    pattern.lastIndex = offset
    const match = pattern.exec(source)
    if (!match) break
    found = match.index
    offset = match.index + match[0].length
  }
  if (found < 0) return undefined
  const before = source.slice(0, found)
  const line = before.split('\n').length
  return { line, column: found - before.lastIndexOf('\n') }
}
