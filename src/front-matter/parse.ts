/**
 * Split YAML front matter from Markdown and parse it with `yaml`, keeping
 * line numbers: the front matter is blanked in the body, so Markdown
 * positions stay file positions. Front matter opens with a `---` first line
 * and closes at the next `---` or `...` line (YAML's document end marker,
 * which DocFX's Markdig also accepts). It is bounded: at most 64 KiB of
 * text, duplicate keys found in one pass, aliases capped (so a "billion
 * laughs" file cannot blow up memory); every problem, `yaml`'s warnings
 * included, is a diagnostic at its place, never a line on stderr.
 */
import { isAlias, isMap, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml'
import type { VFile } from 'vfile'
import { formatBytes } from '../content/read-contained.ts'
import { report, type Place } from '../diagnostics/report.ts'

export interface FrontMatterResult {
  data: Record<string, unknown>
  /** The file text with the front matter replaced by blank lines of the same count. */
  body: string
}

/** 64 KiB: 35 times the largest front matter of the Dutch and Turkish corpora (1.8 KiB). */
export const maxFrontMatterBytes = 64 * 1024

/** Aliases resolved per front matter; real front matter uses a handful at most. */
const maxAliasCount = 50

// `uniqueKeys` is off: yaml compares every pair of keys (40,000 keys took
// 5 s); duplicates are found with a Set below instead.
const yamlOptions = { uniqueKeys: false, prettyErrors: true, schema: 'core', logLevel: 'silent' } as const

export function parseFrontMatter(file: VFile): FrontMatterResult {
  const text = String(file.value)
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text)
  if (!open) return { data: {}, body: text }
  // From the end of `---` on: YAML line N is then file line N.
  const yamlStart = open[0].indexOf('---') + 3
  const close = /(?:^|\n)(?:---|\.\.\.)[ \t]*\r?(?:\n|$)/.exec(text.slice(open[0].length))
  if (!close) {
    report(file, 'front-matter-yaml', 'Front matter opened by `---` is never closed; end it with a `---` line, or nothing below is read as the article', { line: 1, column: 1 })
    return { data: {}, body: text }
  }
  const closeStart = open[0].length + close.index + (close[0].startsWith('\n') ? 1 : 0)
  const bodyStart = open[0].length + close.index + close[0].length
  const body = blankPrefix(text, bodyStart)
  const source = text.slice(yamlStart, closeStart).replaceAll('\r\n', '\n')
  if (Buffer.byteLength(source) > maxFrontMatterBytes) {
    report(file, 'content-too-large', `Front matter is ${formatBytes(Buffer.byteLength(source))}, over the ${formatBytes(maxFrontMatterBytes)} limit; it is not read`, { line: 1, column: 1 })
    return { data: {}, body }
  }
  const data = parseYaml(file, source)
  if (data === undefined) return { data: {}, body }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report(file, 'invalid-front-matter', 'Front matter must be a YAML mapping of keys to values', { line: 2, column: 1 })
    return { data: {}, body }
  }
  return { data: data as Record<string, unknown>, body }
}

/** The front matter's value; `undefined` after reporting an error. */
function parseYaml(file: VFile, source: string): unknown {
  const lineCounter = new LineCounter()
  const document = parseDocument(source, { ...yamlOptions, lineCounter })
  const placeOf = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  for (const warning of document.warnings) {
    report(file, 'yaml-warning', `YAML front matter: ${yamlReason(warning.message)}`, placeOf(warning.pos[0]))
  }
  for (const error of document.errors) {
    const detected = placeOf(error.pos[0])
    const reason = yamlReason(error.message)
    report(file, 'front-matter-yaml', `Invalid YAML front matter: ${reason}`, unclosedOpener(String(file.value), reason, detected) ?? detected)
  }
  if (document.errors.length) return undefined
  const duplicate = firstDuplicateKey(document)
  if (duplicate) {
    report(file, 'front-matter-yaml', 'Invalid YAML front matter: Map keys must be unique', placeOf(duplicate.range?.[0] ?? 0))
    return undefined
  }
  try {
    return document.toJS({ maxAliasCount })
  } catch (error) {
    // yaml throws a ReferenceError once aliases expand past the cap.
    let alias: Node | undefined
    visit(document, {
      Alias(_, node) {
        alias = node
        return visit.BREAK
      },
    })
    const reason = /alias count/i.test((error as Error).message)
      ? `Invalid front matter: aliases expand to too much data (more than ${maxAliasCount} alias uses); is it a "billion laughs" file?`
      : `Invalid front matter: ${(error as Error).message.split('\n')[0]}`
    report(file, 'front-matter-yaml', reason, alias?.range ? placeOf(alias.range[0]) : { line: 2, column: 1 })
    return undefined
  }
}

/** yaml's message without its own (front-matter-relative) position and source excerpt. */
function yamlReason(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
}

/** The second occurrence of a key in any mapping, found with one Set per mapping. */
function firstDuplicateKey(document: Document): Node | undefined {
  let found: Node | undefined
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>()
      for (const pair of map.items) {
        const key = pair.key as Node | null
        const value = key && 'value' in key && !isMap(key) && !isAlias(key) ? (key as { value: unknown }).value : String(key)
        if (seen.has(value)) {
          found = key ?? undefined
          return visit.BREAK
        }
        seen.add(value)
      }
      return undefined
    },
  })
  return found
}

/**
 * yaml notices an unclosed `[`, `{` or quote only where the next line starts;
 * the writer's mistake is the opener, so point there: the last one before.
 */
function unclosedOpener(text: string, reason: string, detected: Place): Place | undefined {
  const opener = /end with a \]/.test(reason) ? '[' : /end with a \}/.test(reason) ? '{' : /Missing closing "quote/.test(reason) ? '"' : /Missing closing 'quote/.test(reason) ? "'" : undefined
  if (!opener) return undefined
  const lines = text.split('\n')
  for (let line = Math.min(detected.line, lines.length); line >= 1; line--) {
    const before = (lines[line - 1] ?? '').slice(0, line === detected.line ? detected.column - 1 : undefined)
    const at = before.lastIndexOf(opener)
    if (at !== -1) return { line, column: at + 1 }
  }
  return undefined
}

/** Replace the first `length` characters with spaces, keeping their newlines. */
function blankPrefix(text: string, length: number): string {
  // Same length, newlines kept: Markdown offsets, lines and columns stay file positions.
  return text.slice(0, length).replace(/[^\n]/g, ' ') + text.slice(length)
}
