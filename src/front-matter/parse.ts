/**
 * Split YAML front matter from Markdown with gray-matter, parsing the YAML
 * with `yaml` (alias expansion capped, so a "billion laughs" file cannot blow
 * up memory) and keeping line numbers: the front matter is blanked in the
 * body, so Markdown positions stay file positions.
 */
import matter from 'gray-matter'
import { YAMLError, parse as parseYaml } from 'yaml'
import type { VFile } from 'vfile'
import { report, type Place } from '../diagnostics/report.ts'

export interface FrontMatterResult {
  data: Record<string, unknown>
  /** The file text with the front matter replaced by blank lines of the same count. */
  body: string
}

const yamlOptions = { maxAliasCount: 50, uniqueKeys: true, prettyErrors: true, schema: 'core' } as const

// Passing options also switches off gray-matter's cache, which would
// otherwise keep every input string for the life of the process.
const matterOptions = {
  engines: {
    yaml: (source: string): object => (parseYaml(source.replace(/\r$/, ''), yamlOptions) as object | null) ?? {},
  },
}

export function parseFrontMatter(file: VFile): FrontMatterResult {
  const text = String(file.value)
  if (!/^\uFEFF?---\r?\n/.test(text)) return { data: {}, body: text }
  try {
    const parsed = matter(text, matterOptions)
    const data = parsed.data
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      report(file, 'invalid-front-matter', 'Front matter must be a YAML mapping of keys to values', { line: 2, column: 1 })
      return { data: {}, body: blankPrefix(text, parsed.content) }
    }
    return { data: data as Record<string, unknown>, body: blankPrefix(text, parsed.content) }
  } catch (error) {
    reportYamlError(file, error)
    return { data: {}, body: blankPrefix(text, afterFrontMatter(text)) }
  }
}

function reportYamlError(file: VFile, error: unknown): void {
  if (error instanceof YAMLError) {
    const start = error.linePos?.[0]
    // gray-matter hands the engine the text from the end of the opening `---`
    // line on, so YAML line N is file line N (checked by the fixtures).
    const detected = start ? { line: start.line, column: start.col } : { line: 2, column: 1 }
    // yaml appends its own (front-matter-relative) position; ours replaces it.
    const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    const opener = unclosedOpener(String(file.value), reason, detected)
    report(file, 'front-matter-yaml', `Invalid YAML front matter: ${reason}`, opener ?? detected)
    return
  }
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  report(file, 'front-matter-yaml', `Invalid front matter: ${reason}`, { line: 1, column: 1 })
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

/** The text after the closing `---` line, or the whole text when it is unclosed. */
function afterFrontMatter(text: string): string {
  const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3))
  if (!close) return text
  return text.slice(3 + close.index + close[0].length)
}

/** Replace everything before `rest` with spaces, keeping its newlines. */
function blankPrefix(text: string, rest: string): string {
  const prefixLength = text.endsWith(rest) ? text.length - rest.length : 0
  // Same length, newlines kept: Markdown offsets, lines and columns stay file positions.
  return text.slice(0, prefixLength).replace(/[^\n]/g, ' ') + text.slice(prefixLength)
}
