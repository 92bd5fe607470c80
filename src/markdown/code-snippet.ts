/**
 * Cut the lines a DocFX code reference asks for out of a code file, as
 * DocFX's code snippet renderer does (Docfx.MarkdigEngine.Extensions,
 * HtmlCodeSnippetRenderer and CodeSnippetExtractor): a named snippet between
 * the comment markers of the file's language, else line ranges, else the
 * whole file; then the indentation all its lines share is removed.
 */

/** Lines from `start` to `end`, both 1-based and included; `end` is `Infinity` for `3-`. */
export interface LineRange {
  start: number
  end: number
}

/** What to take from the file; the first of `id`, `bookmark`, `startEnd`, `ranges` that is set wins, as in DocFX. */
export interface SnippetQuery {
  /** The language as written (`kusto`, `ps1`), else `undefined`: the file's extension is used. */
  language: string | undefined
  /** The file's path, for its extension. */
  path: string
  /** A named snippet (`id="…"`, `?name=…`, `#name`). */
  id?: string | undefined
  /** `#L3-L8`. */
  bookmark?: LineRange | undefined
  /** `?start=3&end=8`. */
  startEnd?: LineRange | undefined
  /** `range="3-10,14"`, `?range=…`. */
  ranges?: LineRange[] | undefined
  /** `?dedent=4`: remove this many leading spaces instead of the common indentation. */
  dedent?: number | undefined
}

export type SnippetResult =
  | { ok: true; code: string }
  | { ok: false; kind: 'snippet-not-found' | 'snippet-not-closed' | 'empty'; reason: string }

/**
 * DocFX's languages and the other names it knows them by (also file
 * extensions). tolk adds `kusto` (`kql`, `csl`), which DocFX does not list:
 * its snippets are found with every marker style, as DocFX does for a
 * language it does not know.
 */
const languageAliases: Record<string, string[]> = {
  actionscript: ['as'],
  arduino: ['ino'],
  assembly: ['nasm', 'asm'],
  batchfile: ['bat', 'cmd'],
  css: [],
  cpp: ['c', 'c++', 'objective-c', 'obj-c', 'objc', 'objectivec', 'h', 'hpp', 'cc', 'm'],
  csharp: ['cs'],
  cuda: ['cu', 'cuh'],
  d: ['dlang'],
  erlang: ['erl'],
  fsharp: ['fs', 'fsi', 'fsx'],
  go: ['golang'],
  handlebars: ['hbs'],
  haskell: ['hs'],
  html: ['jsp', 'asp', 'aspx', 'ascx'],
  cshtml: ['aspx-cs', 'aspx-csharp'],
  vbhtml: ['aspx-vb'],
  java: ['gradle'],
  javascript: ['js', 'node', 'json'],
  kusto: ['kql', 'csl'],
  lisp: ['lsp'],
  lua: [],
  matlab: [],
  pascal: ['pas'],
  perl: ['pl'],
  php: [],
  powershell: ['posh', 'ps1'],
  processing: ['pde'],
  python: ['py'],
  r: [],
  react: ['tsx'],
  ruby: ['ru', 'erb', 'rb'],
  rust: ['rs'],
  scala: [],
  shell: ['sh', 'bash'],
  smalltalk: ['st'],
  sql: [],
  swift: [],
  typescript: ['ts'],
  xaml: [],
  xml: ['xsl', 'xslt', 'xsd', 'wsdl', 'csdl', 'edmx'],
  vb: ['vbnet', 'vbscript', 'bas', 'vbs', 'vba'],
}

const languageByName = new Map<string, string>()
for (const [language, aliases] of Object.entries(languageAliases)) {
  for (const name of [language, ...aliases]) languageByName.set(name, language)
}

/**
 * DocFX's language for a name or file extension (`ps1`, `.cs`, `PowerShell`).
 * @example canonicalLanguage('.ps1') // => 'powershell'
 */
export function canonicalLanguage(name: string): string | undefined {
  return languageByName.get(name.toLowerCase().replace(/^\./, ''))
}

/** The language of a file from its extension (`queries/a.kql` → `kusto`), for a `:::code` without `language`. */
export function languageOfPath(filePath: string): string | undefined {
  const extension = /\.([^./\\]+)$/.exec(filePath)?.[1]
  return extension === undefined ? undefined : canonicalLanguage(extension)
}

/**
 * A snippet's start and end lines. `{tagname}` is the snippet's name; other
 * characters must match in order, case-insensitively, with any whitespace
 * between them (`// <name>` and `//<name>` both match `//<{tagname}>`).
 * Without `{tagname}` in the end line (`#endregion`), the end closes the
 * snippet opened last.
 */
interface Markers {
  start: string
  end: string
}

const cFamily: Markers = { start: '//<{tagname}>', end: '//</{tagname}>' }
const basicFamily: Markers = { start: "'<{tagname}>", end: "'</{tagname}>" }
const markupFamily: Markers = { start: '<!--<{tagname}>-->', end: '<!--</{tagname}>-->' }
const sqlFamily: Markers = { start: '--<{tagname}>', end: '--</{tagname}>' }
const scriptFamily: Markers = { start: '#<{tagname}>', end: '#</{tagname}>' }
const batchFile: Markers = { start: 'rem<{tagname}>', end: 'rem</{tagname}>' }
const region: Markers = { start: '#region{tagname}', end: '#endregion' }
const erlang: Markers = { start: '%<{tagname}>', end: '%</{tagname}>' }
const lisp: Markers = { start: ';<{tagname}>', end: ';</{tagname}>' }
const cssFamily: Markers = { start: '/*<{tagname}>*/', end: '/*</{tagname}>*/' }

/** DocFX's table, in its order: which markers each language's snippets use. */
const markerTable: [string[], Markers][] = [
  [['vb', 'vbhtml'], basicFamily],
  [
    ['actionscript', 'arduino', 'assembly', 'cpp', 'csharp', 'cshtml', 'cuda', 'd', 'fsharp', 'go', 'java', 'javascript', 'objectivec',
      'pascal', 'php', 'processing', 'react', 'rust', 'scala', 'smalltalk', 'swift', 'typescript'],
    cFamily,
  ],
  [['xml', 'xaml', 'handlebars', 'html', 'cshtml', 'php', 'react', 'ruby', 'vbhtml'], markupFamily],
  [['haskell', 'lua', 'sql'], sqlFamily],
  [['perl', 'powershell', 'python', 'r', 'ruby', 'shell'], scriptFamily],
  [['batchfile'], batchFile],
  [['csharp', 'cshtml'], region],
  [['erlang', 'matlab'], erlang],
  [['lisp'], lisp],
  [['vb', 'vbhtml'], region],
  [['css'], cssFamily],
]

/** Every marker style, in DocFX's order: tried for a language it does not list (such as `kusto`). */
const allMarkers = [...new Set(markerTable.map(([, markers]) => markers))]

/** The marker styles tried for a language (a name or an extension), in order. */
export function markersFor(language: string): Markers[] {
  const canonical = canonicalLanguage(language)
  const listed = markerTable.filter(([languages]) => canonical !== undefined && languages.includes(canonical)).map(([, markers]) => markers)
  return listed.length > 0 ? listed : allMarkers
}

/** Snippet names DocFX accepts: letters, digits, `_`, `.` and `-`. */
const snippetName = /^[\p{L}\p{N}_.-]+$/u

/** The snippet name when `line` is a marker line of `template`; `''` for an end line without a name. */
function matchMarker(line: string, template: string, needsName: boolean): string | undefined {
  const [before, after = ''] = template.split('{tagname}') as [string, string?]
  let column = 0
  let index = 0
  // Template characters in order; whitespace in the line between them is skipped.
  while (column < line.length && index < before.length) {
    if (!/\s/.test(line[column]!)) {
      if (line[column]!.toLowerCase() !== before[index]) return undefined
      index++
    }
    column++
  }
  if (index !== before.length) return undefined
  let name = ''
  while (column < line.length && (after === '' || line[column] !== after[0])) name += line[column++]
  name = name.trim().toLowerCase()
  index = 0
  while (column < line.length && index < after.length) {
    if (!/\s/.test(line[column]!)) {
      if (line[column]!.toLowerCase() !== after[index]) return undefined
      index++
    }
    column++
  }
  if (index !== after.length || line.slice(column).trim() !== '') return undefined
  if (needsName && !snippetName.test(name)) return undefined
  return name
}

interface Tagged {
  /** Snippet ranges by lower-cased name; `end` is 0 until the end marker is seen. */
  ranges: Map<string, LineRange>
  /** 0-based indices of every marker line, left out of the snippet. */
  markerLines: Set<number>
}

/** Every snippet of one marker style in the file (DocFX's `GetAllTags`). */
function tagsOf(lines: string[], markers: Markers): Tagged {
  const ranges = new Map<string, LineRange>()
  const markerLines = new Set<number>()
  const open: string[] = []
  const endHasName = markers.end.includes('{tagname}')
  lines.forEach(function (line, index) {
    const ended = matchMarker(line, markers.end, endHasName)
    if (ended !== undefined) {
      markerLines.add(index)
      const name = endHasName ? ended : (open.pop() ?? '')
      const range = ranges.get(name)
      // The first end marker closes it; later ones are ignored.
      if (range && range.end === 0) range.end = index
      return
    }
    const started = matchMarker(line, markers.start, true)
    if (started !== undefined) {
      markerLines.add(index)
      // 1-based: the line after the marker.
      ranges.set(started, { start: index + 2, end: 0 })
      open.push(started)
    }
  })
  return { ranges, markerLines }
}

/** The lines the query selects, dedented and joined with `\n` (no final newline). */
export function extractSnippet(text: string, query: SnippetQuery): SnippetResult {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (query.id !== undefined) {
    const language = query.language ?? /\.[^./\\]+$/.exec(query.path)?.[0] ?? ''
    const wanted = query.id.toLowerCase()
    let unclosed = false
    for (const markers of markersFor(language)) {
      const tagged = tagsOf(lines, markers)
      const range = tagged.ranges.get(wanted) ?? tagged.ranges.get(`snippet${wanted}`)
      if (!range) continue
      if (range.end === 0) {
        unclosed = true
        continue
      }
      return selected(lines, [range], query.dedent, tagged.markerLines, `snippet \`${query.id}\``)
    }
    const styles = markersFor(language).map((markers) => `\`${markers.start.replace('{tagname}', query.id!)}\``)
    if (unclosed) {
      return { ok: false, kind: 'snippet-not-closed', reason: `Snippet \`${query.id}\` has no end marker in \`${query.path}\`` }
    }
    return {
      ok: false,
      kind: 'snippet-not-found',
      reason: `Cannot find snippet \`${query.id}\` in \`${query.path}\`; it starts with a line like ${[...new Set(styles)].join(' or ')}`,
    }
  }
  const ranges = query.bookmark ? [query.bookmark] : query.startEnd ? [query.startEnd] : query.ranges
  if (ranges) return selected(lines, ranges, query.dedent, undefined, `range \`${formatRanges(ranges)}\``)
  return selected(lines, [{ start: 1, end: Infinity }], query.dedent, undefined, 'the file')
}

function selected(lines: string[], ranges: LineRange[], dedent: number | undefined, skip: Set<number> | undefined, what: string): SnippetResult {
  const picked: string[] = []
  let common = Infinity
  for (const range of ranges) {
    for (let index = Math.max(range.start - 1, 0); index < Math.min(range.end, lines.length); index++) {
      if (skip?.has(index)) continue
      const line = lines[index]!
      if (line === '') {
        picked.push(line)
        continue
      }
      const expanded = expandIndent(line)
      common = Math.min(common, expanded.indent)
      picked.push(expanded.line)
    }
  }
  if (picked.length === 0) return { ok: false, kind: 'empty', reason: `The ${what} selects no lines (the file has ${lines.length})` }
  const cut = dedent ?? (Number.isFinite(common) ? common : 0)
  return { ok: true, code: picked.map((line) => dedentLine(line, cut)).join('\n') }
}

/** Leading tabs become spaces up to the next multiple of 4, as DocFX counts them. */
function expandIndent(line: string): { line: string; indent: number } {
  let indent = 0
  let index = 0
  for (; index < line.length; index++) {
    if (line[index] === ' ') indent++
    else if (line[index] === '\t') indent = (Math.floor(indent / 4) + 1) * 4
    else break
  }
  return { line: ' '.repeat(indent) + line.slice(index), indent }
}

function dedentLine(line: string, cut: number): string {
  let index = 0
  while (index < Math.min(cut, line.length) && line[index] === ' ') index++
  return line.slice(index)
}

/**
 * DocFX's line ranges: `3-10,14`, `3-` (to the end). `undefined` when one is not a range.
 * @example parseRanges('3-10,14') // => [{start: 3, end: 10}, {start: 14, end: 14}]
 */
export function parseRanges(text: string): LineRange[] | undefined {
  if (text.trim() === '') return undefined
  const ranges: LineRange[] = []
  for (const part of text.split(',')) {
    const range = parseRange(part, false)
    if (!range) return undefined
    ranges.push(range)
  }
  return ranges
}

/**
 * One range; with `withL`, DocFX's bookmark form `L3-L8`.
 * @example parseRange('L3-L8', true) // => {start: 3, end: 8}
 */
export function parseRange(text: string, withL: boolean): LineRange | undefined {
  const parts = text.split('-')
  if (parts.length > 2 || text.trim() === '') return undefined
  const start = lineNumber(parts[0]!, withL)
  const end = parts.length > 1 ? lineNumber(parts[1]!, withL) : start
  if (start === undefined || end === undefined) return undefined
  // `-5` has no start: DocFX then selects nothing; tolk calls it invalid.
  if (start === Infinity) return undefined
  return { start, end }
}

function lineNumber(text: string, withL: boolean): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '') return Infinity
  if (withL && !/^l/i.test(trimmed)) return undefined
  const digits = withL ? trimmed.slice(1) : trimmed
  return /^\d+$/.test(digits) ? Number(digits) : undefined
}

/** `3-10,14`, `3-`, as written. */
export function formatRanges(ranges: LineRange[]): string {
  return ranges.map((range) => (range.start === range.end ? `${range.start}` : `${range.start}-${range.end === Infinity ? '' : range.end}`)).join(',')
}

/** The 1-based line numbers `ranges` cover in a snippet of `lineCount` lines. */
export function linesIn(ranges: LineRange[], lineCount: number): Set<number> {
  const lines = new Set<number>()
  for (const range of ranges) {
    for (let line = Math.max(range.start, 1); line <= Math.min(range.end, lineCount); line++) lines.add(line)
  }
  return lines
}
