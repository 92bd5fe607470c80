/**
 * Render DocFX code references as code blocks holding the lines they name:
 * `:::code language="kusto" source="queries/a.kql" range="3-10,14"
 * highlight="2" id="name":::` and `[!code-powershell[Name](scripts/a.ps1?range=1-5&highlight=2 "Title")]`
 * (also `?name=…`, `?start=…&end=…`, `?dedent=…`, `#name`, `#L3-L8`).
 * Lines come from code-snippet.ts, the file from code-file.ts (the include
 * rules). DocFX reads both forms as blocks of their own; CommonMark folds
 * them into the paragraph around them, so the paragraph is split there.
 * Highlighted lines travel to rehype-highlight-code as `data-highlight-lines`.
 * `interactive="…"` (DocFX's "Try it" button for Azure Cloud Shell) is
 * ignored: the code is shown in full either way.
 */
import type { Code, Link, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import type { Place } from '../../diagnostics/report.ts'
import type { RuleId } from '../../diagnostics/rules.ts'
import type { FileSystem } from '../../includes/resolve-include.ts'
import { resolveCodeFile } from '../code-file.ts'
import { extractSnippet, formatRanges, languageOfPath, parseRange, parseRanges, type LineRange, type SnippetQuery } from '../code-snippet.ts'
import { placeInText, tidyParagraph } from '../paragraph-text.ts'
import { reportAt } from '../quote-directive.ts'
import { createSources, offsetOf, pointAt, type ReadSource, type Source } from '../source-text.ts'
import { findInlineDirectives } from '../triple-colon.ts'

export interface Options {
  /** Reads code files, through `readContained`. */
  fs: FileSystem
  /** Reads an include's text, for exact places. */
  read: ReadSource
}

/** A code reference found in a paragraph, with what it asks for. */
interface Reference {
  start: { index: number; offset: number }
  end: { index: number; offset: number }
  /** The text node it starts in (its `data` says which include it came from). */
  node: Text
  place: Place | undefined
  position: Position | undefined
  /** As written, for messages. */
  written: string
  /** The file path as written, relative to `from`. */
  path: string
  /** Path of the file the reference is written in (the page or an include). */
  from: string | undefined
  language: string | undefined
  query: Omit<SnippetQuery, 'language' | 'path'>
  highlight: LineRange[] | undefined
  title: string | undefined
  /** Problems found while reading the reference, reported before the file is read; `blocks` when no code can be shown. */
  problems: { rule: RuleId; reason: string; blocks?: boolean }[]
}

const codeAttributes = new Set(['source', 'range', 'id', 'highlight', 'language', 'interactive'])
/** `[!code-lang` ending a text node before the link remark made of `[name](path)`. */
const referenceStart = /\[!code(?:-([^\s[\]]*))?$/i
/** A whole reference left as text, when its target did not parse as a link: `[!code-cs[x](a b.cs)]`. */
const referenceText = /\[!code(?:-([^\s[\]]*))?\[((?:\\.|[^\]\\\n])*)\]\(([^)\n]*)\)\]/gi

export default function remarkDocfxCode(options: Options) {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    if (!page) return
    const sourceOf = createSources(file, options.read)

    function codeNode(reference: Reference): Code | undefined {
      const report = (rule: RuleId, reason: string) => reportAt(file, rule, reason, reference.node, reference.place)
      for (const problem of reference.problems) report(problem.rule, problem.reason)
      if (reference.problems.some((problem) => problem.blocks)) return undefined
      const resolved = resolveCodeFile(reference.path, reference.from ?? page!.relPath, page!.roots, options.fs)
      if (!resolved.ok) {
        report(resolved.rule, resolved.reason)
        return undefined
      }
      if (resolved.slashed !== undefined) {
        report('link-backslash', `Code file \`${reference.path}\` separates folders with \`\\\`; read as \`${resolved.slashed}\` (write \`/\`)`)
      }
      const language = reference.language || languageOfPath(reference.path)
      const snippet = extractSnippet(resolved.text, { ...reference.query, language: reference.language || undefined, path: reference.path })
      if (!snippet.ok) {
        report(snippet.kind === 'empty' ? 'code-range-invalid' : 'code-snippet-not-found', `${snippet.reason}: \`${reference.written}\``)
        return undefined
      }
      const lineCount = snippet.code.split('\n').length
      const highlight = reference.highlight
      if (highlight && highlight.some((range) => range.start > lineCount)) {
        report('code-range-invalid', `Highlight \`${formatRanges(highlight)}\` is past the last line of the ${lineCount}-line sample: \`${reference.written}\``)
      }
      const properties: Record<string, string> = {}
      if (highlight) properties['dataHighlightLines'] = formatRanges(highlight)
      if (reference.title) properties['title'] = reference.title
      const { sourceFile, sourceRelPath } = reference.node.data ?? {}
      const origin = { ...(sourceFile ? { sourceFile } : {}), ...(sourceRelPath ? { sourceRelPath } : {}) }
      return {
        type: 'code',
        lang: language ?? null,
        meta: null,
        value: snippet.code.replace(/\s+$/, ''),
        data: { ...origin, hProperties: properties },
        ...(reference.position ? { position: reference.position } : {}),
      }
    }

    visit(tree, 'paragraph', function (paragraph: Paragraph, index, parent: Parent | undefined) {
      if (!parent || index === undefined) return
      const source = sourceOf(paragraph)
      const references = [...tripleColonReferences(paragraph), ...linkReferences(paragraph, source), ...textReferences(paragraph, source)]
        .sort((a, b) => a.start.index - b.start.index || a.start.offset - b.start.offset)
        .filter((reference, at, all) => at === 0 || !overlaps(all[at - 1]!, reference))
      if (references.length === 0) return
      const blocks = split(paragraph, references.map((reference) => ({ reference, node: codeNode(reference) })))
      parent.children.splice(index, 1, ...(blocks as typeof parent.children))
      return index + blocks.length
    })

    function tripleColonReferences(paragraph: Paragraph): Reference[] {
      return findInlineDirectives(paragraph, ['code'], sourceOf).map(function (directive) {
        const attributes = directive.attributes
        const problems: Reference['problems'] = []
        const source = attributes['source']?.trim() ?? ''
        const written = directive.range && directive.source ? directive.source.text.slice(directive.range.start, directive.range.end) : ':::code …:::'
        if (!source) problems.push({ rule: 'code-snippet-invalid', reason: '`:::code:::` needs a `source` attribute: the path of the code file', blocks: true })
        for (const name of Object.keys(attributes)) {
          if (!codeAttributes.has(name)) {
            problems.push({ rule: 'code-snippet-invalid', reason: `Unknown attribute \`${name}\` on \`:::code:::\` (DocFX reads source, language, range, id, highlight, interactive); it is ignored` })
          }
        }
        const query: Reference['query'] = {}
        const id = attributes['id']?.trim()
        if (id) query.id = id
        else if (attributes['range'] !== undefined) {
          query.ranges = parseRanges(attributes['range'])
          if (!query.ranges) problems.push({ rule: 'code-range-invalid', reason: `Invalid range \`${attributes['range']}\`; write line numbers like \`3-10,14\``, blocks: true })
        }
        const highlight = attributes['highlight'] !== undefined ? parseRanges(attributes['highlight']) : undefined
        if (attributes['highlight'] !== undefined && !highlight) {
          problems.push({ rule: 'code-range-invalid', reason: `Invalid highlight \`${attributes['highlight']}\`; write line numbers like \`2,4-5\`` })
        }
        return {
          start: directive.start,
          end: directive.end,
          node: directive.node,
          place: directive.position?.start,
          position: directive.position,
          written,
          path: source,
          from: directive.node.data?.sourceRelPath,
          language: attributes['language']?.trim() || undefined,
          query,
          highlight,
          title: undefined,
          problems,
        }
      })
    }
  }
}

/** `[!code-lang[name](path?query#bookmark "title")]` parsed by remark as text, link, text. */
function linkReferences(paragraph: Paragraph, source: Source | undefined): Reference[] {
  const found: Reference[] = []
  const children = paragraph.children
  for (let index = 0; index + 2 < children.length; index++) {
    const [head, link, tail] = [children[index]!, children[index + 1]!, children[index + 2]!]
    if (head.type !== 'text' || link.type !== 'link' || tail.type !== 'text' || !tail.value.startsWith(']')) continue
    const match = referenceStart.exec(head.value)
    if (!match) continue
    const place = placeInText(source, head, match.index, match[0])
    if (escaped(source, place)) continue
    // As written in its file: remarkInclude has rebased an include's link onto the page.
    const url = link.data?.sourceUrl ?? link.url
    const written = writtenAt(source, place) ?? `${match[0]}[${toString(link)}](${url})]`
    found.push(reference(source, head, place, match.index, { index: index + 2, offset: 1 }, written, match[1], url, link))
    index += 2
  }
  return found
}

/** References remark left as text (a path with a space is no link destination). */
function textReferences(paragraph: Paragraph, source: Source | undefined): Reference[] {
  const found: Reference[] = []
  paragraph.children.forEach(function (child, index) {
    if (child.type !== 'text') return
    for (const match of child.value.matchAll(referenceText)) {
      const place = placeInText(source, child, match.index, match[0])
      if (escaped(source, place)) continue
      const { url, title } = destination(match[3]!)
      const end = { index, offset: match.index + match[0].length }
      found.push(reference(source, child, place, match.index, end, match[0], match[1], url, undefined, title))
    }
  })
  return found
}

function reference(
  source: Source | undefined,
  node: Text,
  place: Place | undefined,
  offset: number,
  end: Reference['end'],
  written: string,
  language: string | undefined,
  url: string,
  link: Link | undefined,
  title?: string,
): Reference {
  const problems: Reference['problems'] = []
  const hash = url.indexOf('#')
  const beforeHash = hash === -1 ? url : url.slice(0, hash)
  const question = beforeHash.indexOf('?')
  const path = question === -1 ? beforeHash : beforeHash.slice(0, question)
  const query: Reference['query'] = {}
  let highlight: LineRange[] | undefined
  if (question !== -1) highlight = readQuery(beforeHash.slice(question + 1), query, problems)
  if (hash !== -1) {
    const bookmark = url.slice(hash + 1).trim()
    const range = parseRange(bookmark, true)
    if (range) query.bookmark = range
    else if (bookmark) query.id = bookmark
  }
  const sourceFile = node.data?.sourceFile
  return {
    start: { index: link ? end.index - 2 : end.index, offset },
    end,
    node,
    place,
    position: positionOf(source, place, written),
    written,
    path: path.trim(),
    from: sourceFile ? node.data?.sourceRelPath : undefined,
    language: language || undefined,
    query,
    highlight,
    title: link?.title ?? title ?? undefined,
    problems,
  }
}

/** DocFX's query keys: `name`, `range`, `highlight`, `start`, `end`, `dedent`; returns the highlight. */
function readQuery(text: string, query: Reference['query'], problems: Reference['problems']): LineRange[] | undefined {
  let highlight: LineRange[] | undefined
  let start: number | undefined
  let end: number | undefined
  for (const item of text.split('&')) {
    const [key, value, extra] = item.split('=')
    if (key === undefined || value === undefined || extra !== undefined) {
      problems.push({ rule: 'code-snippet-invalid', reason: `Cannot read \`${item}\` in the query \`?${text}\`; write \`key=value\` pairs joined by \`&\``, blocks: true })
      continue
    }
    // A wrong highlight only loses the highlighting; wrong lines would show the wrong code.
    const invalid = (what: string) => problems.push({ rule: 'code-range-invalid', reason: `Invalid ${what} \`${value}\` in \`?${text}\``, blocks: what !== 'highlight' })
    switch (key.toLowerCase()) {
      case 'name':
        query.id = value
        break
      case 'range':
        query.ranges = parseRanges(value)
        if (!query.ranges) invalid('range')
        break
      case 'highlight':
        highlight = parseRanges(value)
        if (!highlight) invalid('highlight')
        break
      case 'start':
      case 'end': {
        const line = /^\s*\d+\s*$/.test(value) ? Number(value) : undefined
        if (line === undefined) invalid(key)
        else if (key.toLowerCase() === 'start') start = line
        else end = line
        break
      }
      case 'dedent':
        if (/^\s*\d+\s*$/.test(value)) query.dedent = Number(value)
        else invalid('dedent')
        break
      default:
        problems.push({ rule: 'code-snippet-invalid', reason: `Unknown key \`${key}\` in the query \`?${text}\` (DocFX reads name, range, highlight, start, end, dedent); it is ignored` })
    }
  }
  if (start !== undefined) query.startEnd = { start, end: end ?? start }
  return highlight
}

/** `path "title"` of a reference remark did not read as a link. */
function destination(text: string): { url: string; title: string | undefined } {
  const titled = /^(.*?)\s+"((?:\\.|[^"\\])*)"\s*$/.exec(text)
  return titled ? { url: titled[1]!.trim(), title: titled[2]!.replace(/\\(.)/g, '$1') } : { url: text.trim(), title: undefined }
}

/** The reference written at `place`, read from the source. */
function writtenAt(source: Source | undefined, place: Place | undefined): string | undefined {
  const start = source && offsetOf(source, place && { ...place })
  if (!source || start === undefined) return undefined
  return /^\[!code[^\n]*?\]\([^)\n]*\)\]/i.exec(source.text.slice(start))?.[0]
}

/** Where a reference is written, with offsets (hast-util-raw needs them); `undefined` without its source. */
function positionOf(source: Source | undefined, place: Place | undefined, written: string): Position | undefined {
  const start = source && offsetOf(source, place && { ...place })
  if (!source || start === undefined) return undefined
  return { start: pointAt(source, start), end: pointAt(source, start + written.length) }
}

/** `\[!code-…]`: an escaped reference is text, as in DocFX. */
function escaped(source: Source | undefined, place: Place | undefined): boolean {
  const start = source && offsetOf(source, place && { ...place })
  return source !== undefined && start !== undefined && start > 0 && source.text[start - 1] === '\\'
}

function overlaps(a: Reference, b: Reference): boolean {
  return a.end.index > b.start.index || (a.end.index === b.start.index && a.end.offset > b.start.offset)
}

/**
 * The paragraph cut at each reference: the text before it, its code block
 * (nothing when it could not be read; that was reported), the text after.
 */
function split(paragraph: Paragraph, cuts: { reference: Reference; node: Code | undefined }[]): RootContent[] {
  let rest = [...paragraph.children]
  const blocks: RootContent[] = []
  for (const { reference, node } of [...cuts].reverse()) {
    const last = rest[reference.end.index] as Text
    const tail = last.value.slice(reference.end.offset)
    const after: PhrasingContent[] = [...(tail ? [{ ...last, value: tail }] : []), ...rest.slice(reference.end.index + 1)]
    blocks.unshift(...(node ? [node] : []), ...paragraphOf(paragraph, after))
    const first = rest[reference.start.index] as Text
    const head = first.value.slice(0, reference.start.offset)
    rest = [...rest.slice(0, reference.start.index), ...(head ? [{ ...first, value: head }] : [])]
  }
  blocks.unshift(...paragraphOf(paragraph, rest))
  return blocks
}

function paragraphOf(original: Paragraph, children: PhrasingContent[]): Paragraph[] {
  const paragraph: Paragraph = { type: 'paragraph', children, ...(original.data ? { data: original.data } : {}) }
  tidyParagraph(paragraph)
  if (paragraph.children.length === 0) return []
  const start = paragraph.children[0]!.position?.start
  const end = paragraph.children.at(-1)!.position?.end
  if (start && end) paragraph.position = { start, end }
  return [paragraph]
}
