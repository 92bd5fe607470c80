/**
 * The UI strings a page is written with. tolk ships them for many languages
 * (`built-in-strings.ts`); a site only supplies what it changes, in
 * `<uiStringsDir>/<locale>.json` beside its config (its title, footer, any
 * key). A string for locale L is the first of:
 *
 * 1. the site's `L.json`;
 * 2. `locale.name`: built in for L's exact tag, else the language's own name
 *    (with the region when two site locales share the language);
 * 3. the site's default-locale file (never for `locale.*` keys, which describe
 *    the default locale itself);
 * 4. `site.title` only: the site's neutral title (`site-title.ts`);
 * 5. tolk's strings for L (`da-dk`, then `da`), then for the default locale,
 *    then English.
 *
 * `missing-ui-string` warns about a key the site's default-locale file
 * changes that L's own file leaves out (a translator forgot it), and about a
 * locale in a language tolk has no strings for; a locale without a file of
 * its own is fine when tolk speaks its language.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import type { ResolvedConfig, ResolvedLocale } from '../config/schema.ts'
import type { ReadLimits } from '../content/read-contained.ts'
import { report } from '../diagnostics/report.ts'
import { baseTag, intlLanguageName, loadBuiltInStrings, type BuiltInStrings } from './built-in-strings.ts'
import { placeOfKey, readStringTable, type StringTable } from './string-table.ts'

export interface UiStrings {
  /** The string for `key` in `locale`, following the order above; the key itself when unknown. */
  t(locale: string, key: string): string
  /** True when tolk or one of the site's files defines `key`. */
  has(key: string): boolean
  /** The site's files (and any built-in one that could not be read), with their messages. */
  files: VFile[]
  /** Per locale, how many keys it has in its own language (the site's file or tolk's). */
  coverage(): UiStringCoverage[]
  /** Report site keys tolk does not know that no template in `used` uses either (a typo, most likely). */
  checkSiteKeys(used: ReadonlySet<string>): void
}

export interface UiStringCoverage {
  locale: string
  defined: number
  total: number
  missing: string[]
}

export interface UiStringsOptions {
  /** The site's title when its strings give none (`site-title.ts`). */
  siteTitle?: string | undefined
}

/** One source of strings for a locale; `own` when it is in the locale's language. */
interface Layer {
  table: StringTable
  own: boolean
}

export function loadUiStrings(config: ResolvedConfig, options: UiStringsOptions = {}): UiStrings {
  const limits: ReadLimits = { maxFileSize: config.maxFileSize }
  const builtIn = loadBuiltInStrings(limits)
  const base = builtIn.table(baseTag) ?? {}
  const known = new Set(Object.keys(base))
  const site = readSiteStrings(config, limits)
  const siteDefault = site.tables.get(config.defaultLocale) ?? {}
  const defaultLocale = config.locales.find((locale) => locale.code === config.defaultLocale)!
  const layersByLocale = new Map<string, Layer[]>()

  for (const locale of config.locales) {
    const ownTags = builtIn.tagsFor(locale)
    const otherTags = [...builtIn.tagsFor(defaultLocale), baseTag].filter((tag) => !ownTags.includes(tag))
    const builtInLayers = (tags: string[], own: boolean) => tags.map((tag) => ({ table: builtIn.table(tag) ?? {}, own }))
    const name = localeName(locale, config.locales, builtIn)
    layersByLocale.set(locale.code, [
      { table: site.tables.get(locale.code) ?? {}, own: true },
      { table: name ? { 'locale.name': name } : {}, own: true },
      { table: withoutLocaleKeys(siteDefault), own: locale.code === config.defaultLocale },
      { table: options.siteTitle ? { 'site.title': options.siteTitle } : {}, own: true },
      ...builtInLayers(ownTags, true),
      ...builtInLayers(otherTags, false),
    ])
  }
  const keys = [...new Set([...known, ...Object.keys(siteDefault)])].sort()
  const lookup = (code: string, key: string): Layer | undefined =>
    (layersByLocale.get(code) ?? layersByLocale.get(config.defaultLocale)!).find((layer) => key in layer.table)
  const coverage = (): UiStringCoverage[] =>
    config.locales.map((locale) => {
      const missing = keys.filter((key) => !lookup(locale.code, key)?.own)
      return { locale: locale.code, defined: keys.length - missing.length, total: keys.length, missing }
    })

  for (const locale of config.locales) {
    const file = site.files.get(locale.code)!
    if (site.unreadable.has(locale.code)) continue
    if (!builtIn.tagsFor(locale).length) {
      // A language tolk does not speak: everything the site leaves out is in another language.
      const missing = coverage().find((entry) => entry.locale === locale.code)!.missing
      if (missing.length) {
        report(
          file,
          'missing-ui-string',
          `tolk has no built-in UI strings for \`${locale.code}\`; ${missing.length} of ${keys.length} are shown in another language until \`${path.basename(String(file.path))}\` gives them`,
        )
      }
      continue
    }
    if (locale.code === config.defaultLocale || !site.tables.has(locale.code)) continue
    const table = site.tables.get(locale.code)!
    for (const key of Object.keys(withoutLocaleKeys(siteDefault)).sort()) {
      if (!(key in table)) report(file, 'missing-ui-string', `Missing UI string \`${key}\` in \`${locale.code}\`; using the \`${config.defaultLocale}\` text`)
    }
  }

  return {
    files: [...site.files.values(), ...builtIn.files.filter((file) => file.messages.length)],
    has: (key) => known.has(key) || [...site.tables.values()].some((table) => key in table),
    t: (code, key) => lookup(code, key)?.table[key] ?? key,
    coverage,
    checkSiteKeys(used) {
      for (const [code, table] of site.tables) {
        const file = site.files.get(code)!
        for (const key of Object.keys(table)) {
          if (known.has(key) || used.has(key)) continue
          report(file, 'unknown-ui-string', `Unknown UI string \`${key}\`; tolk has no such string and no template uses it`, placeOfKey(file, key))
        }
      }
    },
  }
}

interface SiteStrings {
  /** Tables of the locales that have a readable file. */
  tables: Map<string, StringTable>
  /** Per locale, the file its strings are (or would be) read from. */
  files: Map<string, VFile>
  unreadable: Set<string>
}

/** The site's own files; none when it has no strings folder (a build from flags alone). */
function readSiteStrings(config: ResolvedConfig, limits: ReadLimits): SiteStrings {
  const site: SiteStrings = { tables: new Map(), files: new Map(), unreadable: new Set() }
  const dir = config.uiStringsDir ?? path.join(config.configDir, 'locales')
  for (const locale of config.locales) {
    const file = new VFile({ path: path.join(dir, `${locale.code}.json`) })
    site.files.set(locale.code, file)
    if (!config.uiStringsDir) continue
    const table = readStringTable(file, [config.configDir, config.uiStringsDir], limits)
    if (table === undefined) site.unreadable.add(locale.code)
    else if (table !== 'missing') site.tables.set(locale.code, table)
  }
  return site
}

/**
 * A locale's own name for the switcher: tolk's for its exact tag (`pt-br`),
 * else the language's (`da` → `Dansk`), with the region from `Intl` when
 * another site locale has the same language (`pt-br` beside `pt-pt`).
 */
function localeName(locale: ResolvedLocale, all: ResolvedLocale[], builtIn: BuiltInStrings): string | undefined {
  const [first] = builtIn.tagsFor(locale)
  const exact = first && first.includes('-') ? builtIn.table(first)?.['locale.name'] : undefined
  if (exact) return exact
  const language = languageOf(locale.lang)
  if (all.some((other) => other !== locale && languageOf(other.lang) === language)) return intlLanguageName(locale.lang, true)
  return (first ? builtIn.table(first)?.['locale.name'] : undefined) ?? intlLanguageName(locale.lang, false)
}

function languageOf(lang: string): string {
  return lang.split('-')[0]!.toLowerCase()
}

/** `locale.name` and `locale.dateStyle` describe one locale; another never borrows them. */
function withoutLocaleKeys(table: StringTable): StringTable {
  return Object.fromEntries(Object.entries(table).filter(([key]) => !key.startsWith('locale.')))
}
