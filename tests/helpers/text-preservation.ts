/**
 * The text-preservation check (issue #12, "No silent loss, enforced"): every
 * word of an article's source text must appear in its rendered `<article>`,
 * in order, unless a diagnostic at that place says why it was left out.
 *
 * It is an independent reader of the source, on purpose: it shares no code
 * with tolk's Markdown pipeline (only the moniker filter, a configured choice
 * of what to publish), so a plugin that drops text cannot also hide the loss.
 *
 * Source words: the article's text after includes are expanded (relative, `~/`
 * from the docset root, the default locale's copy when the locale lacks one),
 * parsed with plain remark + GFM. Words that legitimately disappear, each
 * because DocFX does not show it to readers either:
 * - front matter (metadata, shown as the page title and meta tags, outside `<article>`);
 * - HTML comments and everything in raw HTML but its text and `alt`/`title`;
 * - link and image destinations, link reference definitions, footnote labels
 *   (a footnote reference renders as a number);
 * - fenced-code info strings (the language);
 * - DocFX directive syntax and attributes: alert markers, `[!div …]`, `[!VIDEO …]`,
 *   the `[!INCLUDE …]` directive itself (its file's words take its place),
 *   `[!code-…]`, `<xref:…>` and `@uid` (a uid is a destination; its target's
 *   title replaces it), `:::image`/`:::video`/`:::code`/`:::row`/`:::column`
 *   and their `-end`s, zone and moniker marker lines. Kept from them: the
 *   human-text attributes `alt-text` (image), `text` (no-loc) and `title` (video);
 * - moniker blocks of other monikers, when the site builds one (`moniker`).
 *   Zones are not filtered: tolk builds no pivot, so every zone is shown.
 *
 * Rendered words: the text of the page's `<article>`, plus `alt` and `title`
 * attributes, with a word break at every element that is not inline.
 *
 * Granularity: both sides are word sequences (Unicode letters, marks and
 * digits, NFC, lower-cased), aligned with a Myers diff, so a word dropped from
 * one paragraph is lost even when the same word stands elsewhere on the page.
 * Words the renderer only moved are not lost: within one diff hunk a source
 * word may be glued to its neighbour (`**a**b` and `ab`), and a run of three
 * or more source words found unchanged elsewhere among the added words
 * (footnotes at the end, an alert title) counts as moved. A lost word is
 * covered by a diagnostic in its file within the line range of its block
 * (paragraph, heading, cell, code block), or at an include directive that
 * brought it in; only rules that leave text out count (see `keepsText`).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { decodeHTML } from 'entities'
import { fromHtml } from 'hast-util-from-html'
import { select } from 'hast-util-select'
import type { Element, Nodes as HastNodes } from 'hast'
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFileMessage } from 'vfile-message'
import { build, type BuildResult } from '../../src/build.ts'
import type { ResolvedConfig } from '../../src/config/schema.ts'
import { applyMoniker } from '../../src/markdown/moniker-filter.ts'

export interface SourceWord {
  word: string
  /** Absolute path of the file the word is written in (an include's words are in the include). */
  file: string
  line: number
  /** Line range of the block holding the word. */
  block: [number, number]
  /** The include directives that brought the word in, outermost first. */
  via: { file: string; block: [number, number] }[]
}

export interface SourceOptions {
  /** Content root of the page's locale. */
  root: string
  /** Content root of the default locale, for includes the locale lacks. */
  defaultRoot: string
  moniker?: string | undefined
  maxIncludeDepth?: number
}

export interface Loss {
  file: string
  line: number
  words: string[]
  /** The article that lost them (the file itself unless they come from an include). */
  page: string
}

const parser = unified().use(remarkParse).use(remarkGfm).freeze()

/** Elements that do not break a word: `a<b>c</b>` reads `abc`. */
const inlineTags = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'font', 'nobr',
])

/** Rules whose message does not say text was left out: the text stays (a link without href, an img with alt). */
const keepsText = new Set([
  'broken-link', 'broken-anchor', 'missing-asset', 'invalid-url', 'link-case', 'link-to-fallback', 'redirected-link',
  'link-to-unbuilt-page', 'orphan-page', 'invalid-date', 'untranslated-include', 'duplicate-anchor', 'link-backslash',
  'missing-title', 'invalid-encoding', 'unsafe-url', 'toc-broken-link',
])

const wordPattern = /\uE000(\d+)\uE001|[\p{L}\p{N}\p{M}]+/gu

export function words(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
}

// ---------------------------------------------------------------- source side

/** The words of the article at `absPath`, includes expanded. */
export function sourceWords(absPath: string, options: SourceOptions): SourceWord[] {
  const text = readFileSync(absPath, 'utf8')
  return fileWords(absPath, text, options, [], [absPath])
}

/** Like `sourceWords`, for a text not on disk (tests); includes are read from disk. */
export function sourceWordsOf(absPath: string, text: string, options: SourceOptions): SourceWord[] {
  return fileWords(absPath, text, options, [], [absPath])
}

function fileWords(file: string, raw: string, options: SourceOptions, via: SourceWord['via'], chain: string[]): SourceWord[] {
  let text = blankFrontMatter(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'))
  if (options.moniker) text = applyMoniker(text, options.moniker)
  const includes: string[] = []
  text = dedentRows(text)
  text = blankDirectives(text, includes, codeLines(parser.parse(text) as MdastRoot))
  const tree = parser.parse(text) as MdastRoot
  const out: SourceWord[] = []
  const source = text
  let pieces: { text: string; line: number }[] = []
  let block: [number, number] = [1, 1]

  function flush(): void {
    if (pieces.length === 0) return
    let buffer = ''
    const starts: number[] = []
    for (const piece of pieces) {
      starts.push(buffer.length)
      buffer += piece.text
    }
    const normal = buffer.normalize('NFC')
    // NFC may shorten the text; positions are then approximate, which only moves a line number.
    for (const match of normal.toLowerCase().matchAll(wordPattern)) {
      let index = starts.length - 1
      while (index > 0 && starts[index]! > match.index) index--
      const piece = pieces[index]!
      const line = piece.line + countNewlines(piece.text, match.index - starts[index]!)
      if (match[1] !== undefined) {
        const target = includes[Number(match[1])]!
        out.push(...includeWords(file, target, options, [...via, { file, block }], chain))
        continue
      }
      out.push({ word: match[0], file, line, block, via })
    }
    pieces = []
  }

  function add(value: string, line: number): void {
    pieces.push({ text: value, line })
  }

  function visit(node: MdastNodes, inBlock: boolean): void {
    const start = node.position?.start.line ?? block[0]
    switch (node.type) {
      case 'definition':
      case 'footnoteReference':
      case 'thematicBreak':
        return
      case 'text':
        add(node.value, start)
        return
      case 'inlineCode':
        add(node.value, start)
        return
      case 'break':
        add(' ', start)
        return
      case 'code': {
        flush()
        block = [start, node.position?.end.line ?? start]
        const fenced = /^[ \t]*(`{3,}|~{3,})/.test(source.slice(node.position?.start.offset ?? 0))
        add(node.value, fenced ? start + 1 : start)
        flush()
        return
      }
      case 'html': {
        if (!inBlock) {
          flush()
          block = [start, node.position?.end.line ?? start]
          add(htmlText(node.value), start)
          flush()
          return
        }
        const tag = /^<\/?([A-Za-z][\w-]*)/.exec(node.value)?.[1]?.toLowerCase()
        const breaks = tag === undefined || !inlineTags.has(tag)
        if (breaks) add(' ', start)
        add(htmlText(node.value), start)
        if (breaks) add(' ', start)
        return
      }
      case 'image':
      case 'imageReference':
        add(' ', start)
        add(node.alt ?? '', start)
        add(' ', start)
        if (node.type === 'image' && node.title) add(` ${node.title} `, start)
        return
      case 'link':
        for (const child of node.children) visit(child, true)
        if (node.title) add(` ${node.title} `, start)
        return
      default:
        break
    }
    if (!('children' in node)) return
    const leaf = node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell'
    if (leaf) {
      flush()
      block = [start, node.position?.end.line ?? start]
    }
    for (const child of node.children as MdastNodes[]) visit(child, leaf || inBlock)
    if (leaf) flush()
  }

  visit(tree, false)
  flush()
  return out
}

function countNewlines(text: string, end: number): number {
  let count = 0
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) count++
  return count
}

function includeWords(file: string, target: string, options: SourceOptions, via: SourceWord['via'], chain: string[]): SourceWord[] {
  if (via.length > (options.maxIncludeDepth ?? 8)) return []
  const resolved = resolveInclude(file, target, options)
  if (!resolved || chain.includes(resolved)) return []
  return fileWords(resolved, readFileSync(resolved, 'utf8'), options, via, [...chain, resolved])
}

/** An include's file: relative to the including file, or from the docset root with `~/`; else the default locale's copy. */
function resolveInclude(from: string, target: string, options: SourceOptions): string | undefined {
  let decoded = target.trim().replace(/\\/g, '/')
  try {
    decoded = decodeURIComponent(decoded)
  } catch {
    // kept as written
  }
  decoded = decoded.split(/[?#]/)[0]!
  if (/^[a-z][a-z0-9+.-]*:/i.test(decoded) || decoded.startsWith('/')) return undefined
  // An include taken from the default locale resolves its own includes there.
  const root = from.startsWith(options.root + path.sep) ? options.root : options.defaultRoot
  const base = decoded.startsWith('~/') ? docsetRoot(from, root) : path.dirname(from)
  const relative = path.relative(root, path.resolve(base, decoded.replace(/^~\//, '')))
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return [path.join(options.root, relative), path.join(options.defaultRoot, relative)].find((file) => existsSync(file))
}

function docsetRoot(from: string, root: string): string {
  for (let dir = path.dirname(from); dir.startsWith(root); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'docfx.json'))) return dir
    if (dir === root) break
  }
  return root
}

/** Front matter lines become blank lines, so line numbers stay. */
function blankFrontMatter(text: string): string {
  const match = /^---[ \t]*\n([\s\S]*?\n)?(---|\.\.\.)[ \t]*(\n|$)/.exec(text)
  if (!match) return text
  return match[0].replace(/[^\n]/g, ' ') + text.slice(match[0].length)
}

/** The text of a piece of raw HTML, with each tag's `alt`/`title` values where the tag stands. */
function htmlText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?([A-Za-z][\w-]*)([^>]*)>/g, (_, name: string, attrs: string) => {
      const values = [...attrs.matchAll(/\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2] ?? '')
      const edge = inlineTags.has(name.toLowerCase()) ? '' : ' '
      return values.length > 0 ? ` ${values.join(' ')} ` : edge
    })
  return decodeHTML(text)
}

/** Lines inside code blocks, where DocFX syntax is code, as the renderer parses them. */
function codeLines(tree: MdastRoot): Set<number> {
  const lines = new Set<number>()
  const walk = (node: MdastNodes): void => {
    if (node.type === 'code' && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line++) lines.add(line)
      return
    }
    if ('children' in node) for (const child of node.children as MdastNodes[]) walk(child)
  }
  walk(tree)
  return lines
}

/**
 * Blank DocFX directive syntax outside code blocks, keeping line and column of
 * everything else; kept human text moves to the start of its directive, and
 * an include becomes a placeholder word `\uE000n\uE001` for its file's words.
 */
function blankDirectives(text: string, includes: string[], code: Set<number>): string {
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    if (!code.has(index + 1)) lines[index] = blankLine(lines[index]!, includes)
  }
  return lines.join('\n')
}

/** Column content is Markdown however far it is indented (DocFX reads it so): dedent it. */
function dedentRows(text: string): string {
  if (!/:::[ \t]*row/i.test(text)) return text
  const lines = text.split('\n')
  let inRow = false
  for (let index = 0; index < lines.length; index++) {
    if (/^[ \t]*:::[ \t]*row[ \t]*:::/i.test(lines[index]!)) inRow = true
    else if (/^[ \t]*:::[ \t]*row-end[ \t]*:::/i.test(lines[index]!)) inRow = false
    else if (inRow) lines[index] = lines[index]!.replace(/^[ \t]+/, '')
  }
  return lines.join('\n')
}

function replaceKeepingLength(match: string, kept: string): string {
  const value = kept.slice(0, match.length)
  return value + ' '.repeat(match.length - value.length)
}

function attribute(attrs: string, name: string): string {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(attrs)
  return match ? decodeHTML(match[1]!.replace(/\\(.)/g, '$1')) : ''
}

function blankLine(line: string, includes: string[]): string {
  if (/^[ \t>]*:{2,3}[ \t]*(zone|moniker)(-end)?(?![\w-])/i.test(line)) return line.replace(/[^>\s]/g, ' ')
  return (
    line
      // Includes: `[!INCLUDE [title](path)]`, with or without the space; an escaped `\[` is text.
      .replace(/(?<!\\)\[!include\s*\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)\]/gi, (match, target: string) => {
        includes.push(target)
        return replaceKeepingLength(match, ` \uE000${includes.length - 1}\uE001 `)
      })
      .replace(/(?<!\\)\[!code-[\w-]*\s*\[[^\]]*\]\([^)]*\)\]/gi, (match) => ' '.repeat(match.length))
      .replace(/(?<!\\)\[!(note|tip|important|caution|warning)\]/gi, (match) => ' '.repeat(match.length))
      .replace(/(?<!\\)\[!(div|video)\b[^\]]*\]/gi, (match) => ' '.repeat(match.length))
      .replace(/:::[ \t]*(image|video|code|no-loc|row|row-end|column|column-end|image-end)\b(.*?):::/gi, (match, name: string, attrs: string) => {
        const kind = name.toLowerCase()
        const kept = kind === 'image' ? attribute(attrs, 'alt-text') : kind === 'no-loc' ? attribute(attrs, 'text') : kind === 'video' ? attribute(attrs, 'title') : ''
        return replaceKeepingLength(match, kept ? ` ${kept} ` : '')
      })
      .replace(/<xref:[^>\s]*>/gi, (match) => ' '.repeat(match.length))
      // DocFX's `@uid` shorthand: `@` after no word character, then a letter.
      .replace(/(?<![\p{L}\p{N}_@.\\])@[A-Za-z][\w.:#*%/-]*/gu, (match) => ' '.repeat(match.length))
  )
}

// -------------------------------------------------------------- rendered side

/** The words of a rendered page's `<article>` (or the whole fragment), with `alt` and `title` values. */
export function renderedWords(html: string): string[] {
  const tree = fromHtml(html)
  const article = select('article.article', tree) ?? select('main', tree) ?? tree
  const parts: string[] = []
  const walk = (node: HastNodes): void => {
    if (node.type === 'text') {
      parts.push(node.value)
      return
    }
    if (node.type === 'comment' || node.type === 'doctype') return
    if (node.type === 'element') {
      const element = node as Element
      if (element.tagName === 'script' || element.tagName === 'style') return
      const breaks = !inlineTags.has(element.tagName)
      if (breaks) parts.push(' ')
      for (const child of element.children) walk(child)
      // After the content, as the source has a link's title after its text.
      for (const name of ['alt', 'title']) {
        const value = element.properties[name]
        if (typeof value === 'string' && value) parts.push(` ${value} `)
      }
      if (breaks) parts.push(' ')
      return
    }
    if ('children' in node) for (const child of node.children) walk(child as HastNodes)
  }
  walk(article as HastNodes)
  return words(parts.join(''))
}

// ------------------------------------------------------------------- compare

/** The source words missing from the rendered words, in source order. */
export function lostWords(source: SourceWord[], rendered: string[]): SourceWord[] {
  const ids = new Map<string, number>()
  const id = (word: string): number => {
    let value = ids.get(word)
    if (value === undefined) ids.set(word, (value = ids.size))
    return value
  }
  const a = source.map((word) => id(word.word))
  const b = rendered.map(id)
  const keptA = new Uint8Array(a.length)
  const keptB = new Uint8Array(b.length)
  alignWords(a, b, keptA, keptB)
  // Hunks: glued words (`**a**b` → `ab`) within the same gap count as kept.
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && keptA[i] && keptB[j]) {
      i++
      j++
      continue
    }
    const hunkA: number[] = []
    const hunkB: number[] = []
    while (i < a.length && !keptA[i]) hunkA.push(i++)
    while (j < b.length && !keptB[j]) hunkB.push(j++)
    if (hunkA.length === 0 && hunkB.length === 0) {
      // Unequal kept runs cannot happen; advance to stay safe.
      i++
      j++
      continue
    }
    const inserted = hunkB.map((index) => rendered[index]).join('')
    let cursor = 0
    for (const index of hunkA) {
      const found = inserted.indexOf(source[index]!.word, cursor)
      if (found === -1) continue
      keptA[index] = 1
      cursor = found + source[index]!.word.length
    }
  }
  // Moved runs: three or more consecutive source words found together among the unmatched rendered words.
  const unmatchedB = rendered.filter((_, index) => !keptB[index])
  const spare = ` ${unmatchedB.join(' ')} `
  const lost: SourceWord[] = []
  for (let start = 0; start < a.length; ) {
    if (keptA[start]) {
      start++
      continue
    }
    let end = start
    while (end < a.length && !keptA[end]) end++
    const run = source.slice(start, end)
    if (run.length < 3 || !spare.includes(` ${run.map((word) => word.word).join(' ')} `)) lost.push(...run)
    start = end
  }
  return lost
}

/** Myers' O(ND) diff; marks the matched words of `a` and `b`. Trims common ends first. */
function alignWords(a: number[], b: number[], keptA: Uint8Array, keptB: Uint8Array): void {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) keptA[head] = keptB[head++] = 1
  let tailA = a.length
  let tailB = b.length
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) keptA[--tailA] = keptB[--tailB] = 1
  const n = tailA - head
  const m = tailB - head
  if (n === 0 || m === 0) return
  const max = n + m
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let found = false
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[head + x] === b[head + y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        found = true
        break
      }
    }
  }
  let x = n
  let y = m
  for (let d = trace.length - 1; d >= 0; d--) {
    const saved = trace[d]!
    const at = (k: number): number => saved[k + d + 1]!
    const k = x - y
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
    const previousX = d === 0 ? 0 : at(previousK)
    const previousY = previousX - previousK
    while (x > previousX && y > previousY) {
      keptA[head + x - 1] = 1
      keptB[head + y - 1] = 1
      x--
      y--
    }
    x = previousX
    y = previousY
  }
}

/**
 * Lost words no diagnostic accounts for, grouped by file and line. A word is
 * accounted for by a message in its file within its block's lines, or in an
 * including file within the directive's block, from a rule that leaves text out.
 */
export function uncoveredLosses(lost: SourceWord[], messages: readonly VFileMessage[]): Loss[] {
  const byFile = new Map<string, number[]>()
  for (const message of messages) {
    if (!message.file || message.line == null || keepsText.has(String(message.ruleId))) continue
    const lines = byFile.get(path.resolve(message.file)) ?? []
    lines.push(message.line)
    byFile.set(path.resolve(message.file), lines)
  }
  const covers = (file: string, block: [number, number]): boolean =>
    (byFile.get(file) ?? []).some((line) => line >= block[0] && line <= block[1])
  const losses = new Map<string, Loss>()
  for (const word of lost) {
    if (covers(word.file, word.block) || word.via.some((step) => covers(step.file, step.block))) continue
    const key = `${word.file}:${word.line}`
    const loss = losses.get(key) ?? { file: word.file, line: word.line, words: [], page: word.via[0]?.file ?? word.file }
    loss.words.push(word.word)
    losses.set(key, loss)
  }
  return [...losses.values()]
}

/** `path:line: lost: words (in page)` lines, relative to `cwd`. */
export function formatLosses(losses: Loss[], cwd: string): string[] {
  return losses.map((loss) => {
    const page = loss.page === loss.file ? '' : ` (in ${path.relative(cwd, loss.page)})`
    return `${path.relative(cwd, loss.file)}:${loss.line}: lost: ${loss.words.join(' ')}${page}`
  })
}

/**
 * Checks each Markdown article's rendered page against its source as the
 * build hands pages over (a fallback page against the default locale's), so a
 * test that builds a site anyway can check it without a second build. No page
 * is kept in memory.
 */
export function createPageChecker(config: ResolvedConfig) {
  const roots = new Map(config.locales.map((locale) => [locale.code, locale.root]))
  const defaultRoot = roots.get(config.defaultLocale)!
  const lost: SourceWord[] = []
  let pages = 0
  return {
    onPage(page: { locale: string; relPath: string; html: string }): void {
      if (!page.relPath.endsWith('.md')) return
      let root = roots.get(page.locale)!
      if (!existsSync(path.join(root, page.relPath))) root = defaultRoot
      const source = sourceWords(path.join(root, page.relPath), { root, defaultRoot, moniker: config.moniker, maxIncludeDepth: config.maxIncludeDepth })
      lost.push(...lostWords(source, renderedWords(page.html)))
      pages++
    },
    /** The losses no diagnostic of the finished build covers. */
    finish(result: BuildResult): { losses: Loss[]; pages: number } {
      return { losses: uncoveredLosses(lost, result.messages), pages }
    },
  }
}

/** Build `config` without writing and check every Markdown article's page. */
export async function checkSite(config: ResolvedConfig): Promise<{ result: BuildResult; losses: Loss[]; pages: number }> {
  const checker = createPageChecker(config)
  const result = await build(config, { write: false, onPage: (page) => checker.onPage(page) })
  return { result, ...checker.finish(result) }
}
