/**
 * Read the front-matter keys tolk uses (title, description, DocFX `ms.*`)
 * into typed article metadata, reporting missing or mistyped values.
 */
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'

export interface ArticleMeta {
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
  /** `tolk.source-hash`: SHA-1 of the source article this translation was made from. */
  sourceHash: string | undefined
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
    keywords: listValue(data['keywords']),
    date: stringValue(file, data, 'ms.date'),
    author: stringValue(file, data, 'ms.author') ?? stringValue(file, data, 'author'),
    contentLocale: stringValue(file, data, 'ms.contentlocale'),
    translationType: stringValue(file, data, 'ms.translationtype'),
    sourceHash: stringValue(file, data, 'tolk.source-hash'),
  }
}

function stringValue(file: VFile, data: Record<string, unknown>, key: string): string | undefined {
  const value = data[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  report(file, 'invalid-front-matter', `Expected \`${key}\` to be text, found ${Array.isArray(value) ? 'a list' : 'a mapping'}`, {
    line: lineOfKey(String(file.value), key),
    column: 1,
  })
  return undefined
}

function listValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(String).join(', ')
  return typeof value === 'string' ? value : undefined
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
