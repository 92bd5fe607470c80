/**
 * tolk's own UI strings, one `locales/<tag>.json` per language in its package
 * (`en`, `da`, `nl`, `de`, …, a region file like `pt-br` only where it differs),
 * and the small pure functions that pick the ones a site locale uses: the
 * locale's own tag, then shorter ones (`da-dk` → `da`), the way Starlight
 * resolves its built-in translations.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { packageDir } from '../config/resolve-config.ts'
import type { ResolvedLocale } from '../config/schema.ts'
import type { ReadLimits } from '../content/read-contained.ts'
import { readStringTable, type StringTable } from './string-table.ts'
import { displayNames } from './intl-formatters.ts'

/** Folder of the built-in strings inside tolk's package. */
export const builtInDir = path.join(packageDir, 'locales')

/** The language whose built-in strings complete every other set, and define which keys exist. */
export const baseTag = 'en'

/** Older or macro-language tags a site may use for a language tolk ships under another tag. */
const aliases: Record<string, string> = { no: 'nb', iw: 'he', 'zh-cn': 'zh', 'zh-hans': 'zh' }

export interface BuiltInStrings {
  /** The table of a built-in tag (`da`), loaded on first use; `undefined` when tolk ships none. */
  table(tag: string): StringTable | undefined
  /** Built-in tags for `locale`, most specific first: `da-dk` → `['da']`. */
  tagsFor(locale: Pick<ResolvedLocale, 'code' | 'lang'>): string[]
  /** Files read, with any problem reported on them (a broken tolk install). */
  files: VFile[]
}

/** The built-in strings in `dir` (tolk's own `locales/`). */
export function loadBuiltInStrings(limits: ReadLimits, dir = builtInDir): BuiltInStrings {
  const shipped = new Set(listTags(dir))
  const tables = new Map<string, StringTable | undefined>()
  const files: VFile[] = []
  return {
    files,
    table(tag) {
      if (!shipped.has(tag)) return undefined
      if (!tables.has(tag)) {
        const file = new VFile({ path: path.join(dir, `${tag}.json`) })
        files.push(file)
        const read = readStringTable(file, [dir], limits)
        tables.set(tag, typeof read === 'object' ? read : undefined)
      }
      return tables.get(tag)
    },
    tagsFor(locale) {
      return candidateTags(locale).filter((tag) => shipped.has(tag))
    },
  }
}

/**
 * Tags to look for, most specific first, from the locale's code and its `lang`.
 * @example candidateTags({code: 'zh-hans-cn', lang: 'zh-Hans-CN'}) // => ['zh-hans-cn', 'zh-hans', 'zh']
 */
export function candidateTags(locale: Pick<ResolvedLocale, 'code' | 'lang'>): string[] {
  const tags: string[] = []
  for (const full of [locale.code, locale.lang]) {
    const parts = full.toLowerCase().split('-')
    for (let length = parts.length; length > 0; length--) {
      const tag = parts.slice(0, length).join('-')
      for (const candidate of [tag, aliases[tag]]) if (candidate && !tags.includes(candidate)) tags.push(candidate)
    }
  }
  return tags
}

/**
 * A language's own name from the `Intl` data, first letter capitalised as a
 * switcher entry is: `tr-TR` → `Türkçe`, with `withRegion` `pt-BR` → `Português (Brasil)`.
 */
export function intlLanguageName(lang: string, withRegion: boolean): string | undefined {
  try {
    const tag = withRegion ? lang : (new Intl.Locale(lang).language ?? lang)
    const name = displayNames(lang, { type: 'language', languageDisplay: 'standard' }).of(tag)
    if (!name || name.toLowerCase() === tag.toLowerCase()) return undefined
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1)
  } catch {
    return undefined
  }
}

function listTags(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .sort()
  } catch {
    return []
  }
}
