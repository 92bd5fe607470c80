/**
 * Validate a user config and resolve it against its folder: defaults filled,
 * paths absolute, each locale's `lang` and `dir` derived when not given.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { offsetToPlace } from '../diagnostics/place.ts'
import { report } from '../diagnostics/report.ts'
import { packageDir } from '../package/package-dir.ts'
import { configSchema, type ResolvedConfig, type ResolvedLocale } from './schema.ts'

/** tolk's own folder, holding the packaged templates and UI strings. */
export { packageDir }

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
      // zod reports unknown keys on their parent and record-key errors under a generic message.
      const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path]
      const reason =
        issue.code === 'unrecognized_keys' ? 'unknown key' : issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message
      for (const issuePath of paths) {
        const keyPath = issuePath.map(String).join('.') || '(config)'
        const rule = issuePath[0] === 'defaultLocale' && issue.code === 'custom' ? 'unknown-locale' : 'invalid-config'
        report(file, rule, `\`${keyPath}\`: ${reason}`, findKey(String(file.value ?? ''), issuePath.map(String)))
      }
    }
    return { config: undefined, file }
  }
  const config = parsed.data
  const locales: ResolvedLocale[] = Object.entries(config.locales).map(([code, locale]) => {
    const lang = locale.lang ?? localeToLang(code)
    return {
      code,
      root: path.resolve(configDir, locale.root ?? path.join('content', code)),
      lang,
      dir: locale.dir ?? defaultDir(lang),
    }
  })
  const defaultRoot = locales.find((l) => l.code === config.defaultLocale)?.root
  const redirectionFile = redirectionFileOf(config.redirectionFile, configDir, defaultRoot)
  for (const locale of locales) {
    // Each translation repository has its own file, as DocFX reads them (see content/redirects.ts for the merge).
    const own = locale.code === config.defaultLocale ? undefined : redirectionFileOf(undefined, configDir, locale.root)
    if (own && own !== redirectionFile) locale.redirectionFile = own
  }
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
      templatesDir: ownOrPackaged(configDir, config.templatesDir, 'templates'),
      uiStringsDir: siteStringsDir(configDir, config.uiStringsDir),
      maxIncludeDepth: config.maxIncludeDepth,
      fallback: config.fallback,
      moniker: config.moniker,
      externalRoots: config.externalRoots,
      ignoreLinks: config.ignoreLinks,
      redirectionFile,
      videoHosts: config.videoHosts,
      maxFileSize: config.maxFileSize,
      pageTimeout: config.pageTimeout,
      rules: config.rules,
      xrefMaps: config.xrefMaps.map((entry) => (/^https?:/i.test(entry) ? entry : path.resolve(configDir, entry))),
      xrefCacheDir: path.resolve(configDir, config.xrefCacheDir),
      xrefMapTimeout: config.xrefMapTimeout,
      cacheDir: config.cacheDir === false ? undefined : path.resolve(configDir, config.cacheDir),
    },
  }
}

/**
 * The site's own folder, else tolk's packaged one: a site that brings no
 * templates or UI strings of its own gets the defaults.
 */
function ownOrPackaged(configDir: string, configured: string, packagedName: string): string {
  const own = path.resolve(configDir, configured)
  return existsSync(own) ? own : path.join(packageDir, packagedName)
}

/**
 * The site's own UI strings folder (it need not exist); `undefined` when it
 * is tolk's built-in set, which is read as such and never as site strings.
 */
function siteStringsDir(configDir: string, configured: string): string | undefined {
  const own = path.resolve(configDir, configured)
  return own === path.join(packageDir, 'locales') ? undefined : own
}

/** The configured redirection file, else the DocFX one in the content root `root`, when present. */
function redirectionFileOf(configured: string | undefined, configDir: string, root: string | undefined): string | undefined {
  if (configured) return path.resolve(configDir, configured)
  if (!root) return undefined
  const candidate = path.join(root, '.openpublishing.redirection.json')
  return existsSync(candidate) ? candidate : undefined
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
  return found < 0 ? undefined : offsetToPlace(source, found)
}
