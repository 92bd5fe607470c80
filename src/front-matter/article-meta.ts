/**
 * Read the front-matter keys tolk uses (title, description, DocFX `ms.*`)
 * into typed article metadata, reporting missing or mistyped values.
 */
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import { isMachineTranslated } from '../i18n/translation-status.ts'

export interface ArticleMeta {
  /** `title` from front matter; without one, the file name (render-page.ts puts the first heading in its place). */
  title: string
  description: string | undefined
  keywords: string | undefined
  /** `ms.date` as written (MM/DD/YYYY). */
  date: string | undefined
  author: string | undefined
  /** `ms.contentlocale`, e.g. `da-DK`. */
  contentLocale: string | undefined
  /** `ms.translationtype`: `MT` (machine) or `HT` (human). */
  translationType: string | undefined
  /** `tolk.source-hash`: SHA-1 of the default-locale file this translation was made from. */
  tolkSourceHash: string | undefined
  /** DocFX's `ms.openlocfilehash`: hash of the source (usually English) this translation was made from. */
  originHash: string | undefined
  /** `ms.translationtype: MT` or `tolk.machine-translated: true`. */
  machineTranslated: boolean
  /** `ms.date` as a calendar date (UTC midnight), when it is a valid MM/DD/YYYY. */
  dateValue: Date | undefined
  /** True when front matter has no usable `title` and `title` is the file name. */
  untitled: boolean
}

export function readArticleMeta(file: VFile, data: Record<string, unknown>, hadYamlError: boolean): ArticleMeta {
  const title = stringValue(file, data, 'title')
  // A list or mapping was already reported as mistyped; it is not missing.
  const mistyped = typeof data['title'] === 'object' && data['title'] !== null
  if (title === undefined && !hadYamlError && !mistyped) {
    report(file, 'missing-title', 'Missing `title` in front matter; every article needs one for `<title>` and navigation', {
      line: 1,
      column: 1,
    })
  }
  return {
    title: title ?? fallbackTitle(file),
    description: stringValue(file, data, 'description'),
    keywords: listValue(file, data, 'keywords'),
    date: stringValue(file, data, 'ms.date'),
    author: stringValue(file, data, 'ms.author') ?? stringValue(file, data, 'author'),
    contentLocale: stringValue(file, data, 'ms.contentlocale'),
    translationType: stringValue(file, data, 'ms.translationtype'),
    tolkSourceHash: stringValue(file, data, 'tolk.source-hash'),
    originHash: stringValue(file, data, 'ms.openlocfilehash'),
    machineTranslated: isMachineTranslated(data),
    dateValue: readDate(file, data),
    untitled: title === undefined,
  }
}

/** `ms.date` is MM/DD/YYYY in DocFX content; ISO `YYYY-MM-DD` is accepted too. */
function readDate(file: VFile, data: Record<string, unknown>): Date | undefined {
  const raw = data['ms.date']
  // A list or mapping is already reported as mistyped text.
  if (raw === undefined || raw === null || typeof raw === 'object') return undefined
  const text = String(raw).trim()
  // `ms.date:` left blank is common in translation repos: no date, not a wrong one.
  if (text === '') return undefined
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const [year, month, day] = us ? [Number(us[3]), Number(us[1]), Number(us[2])] : iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year > 0 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date
  report(file, 'invalid-date', `\`ms.date: ${text}\` is not a date; write it as MM/DD/YYYY, like \`03/08/2026\``, {
    line: lineOfKey(String(file.value), 'ms.date'),
    column: 1,
  })
  return undefined
}

function stringValue(file: VFile, data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return withoutNul(file, key, value.trim()) || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  report(file, 'invalid-front-matter', `Expected \`${key}\` to be text, found ${Array.isArray(value) ? 'a list' : 'a mapping'}`, {
    line: lineOfKey(String(file.value), key),
    column: 1,
  })
  return undefined
}

/** Text, or a list of texts joined by commas; a mapping (or a list holding one) is reported, not printed as `[object Object]`. */
function listValue(file: VFile, data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object') return withoutNul(file, key, String(value).trim()) || undefined
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) {
    return withoutNul(file, key, value.filter((item) => item !== null && item !== undefined).map(String).join(', ')) || undefined
  }
  report(file, 'invalid-front-matter', `Expected \`${key}\` to be text or a list of texts, found ${Array.isArray(value) ? 'a list holding a list or mapping' : 'a mapping'}`, {
    line: lineOfKey(String(file.value), key),
    column: 1,
  })
  return undefined
}

/**
 * A YAML escape (`"a\0b"`, `"\u0000"`) can put a NUL into a value even when
 * the file has none; HTML has no NUL, so it is shown as U+FFFD, with a warning.
 */
function withoutNul(file: VFile, key: string, text: string): string {
  if (!text.includes('\u0000')) return text
  report(file, 'invalid-encoding', `\`${key}\` holds a NUL character; it is shown as U+FFFD`, { line: lineOfKey(String(file.value), key), column: 1 })
  return text.replaceAll('\u0000', '\ufffd')
}

/** Line of `key:` inside the leading front matter, else 1. */
function lineOfKey(text: string, key: string): number {
  const lines = text.split('\n')
  for (let index = 1; index < lines.length && !/^---\s*$/.test(lines[index]!); index++) {
    if (lines[index]!.startsWith(`${key}:`)) return index + 1
  }
  return 1
}

function fallbackTitle(file: VFile): string {
  return file.stem ?? 'Untitled'
}
