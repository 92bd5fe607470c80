/**
 * Parse a DocFX `TOC.yml` (a list of `name`, `href`, `items`, `expanded`,
 * `topicHref`, `tocHref`) into plain entries that keep the file position of
 * each `href`, so a broken entry is reported at its line and column.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'
import type { VFile } from 'vfile'
import { report, type Place } from '../diagnostics/report.ts'

export interface TocEntry {
  name: string
  /** `href` as written, if any (relative to the TOC file, root-relative or absolute). */
  href: string | undefined
  /** `topicHref`: the page of an entry whose `href` names another TOC. */
  topicHref: string | undefined
  expanded: boolean
  items: TocEntry[]
  /** Position of `href` (or of the entry when it has none). */
  place: Place
}

export function parseToc(file: VFile): TocEntry[] {
  const lineCounter = new LineCounter()
  // Aliases are never expanded here (only scalars are read), so alias bombs cost nothing.
  const document = parseDocument(String(file.value), { lineCounter, uniqueKeys: true, prettyErrors: true })
  // yaml's warnings (an unresolved `!tag` …) are diagnostics too, never lines on stderr.
  for (const warning of document.warnings) {
    const start = warning.linePos?.[0]
    report(file, 'yaml-warning', `${warning.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, start ? { line: start.line, column: start.col } : undefined)
  }
  for (const error of document.errors) {
    const start = error.linePos?.[0]
    report(file, 'toc-invalid', `Invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, start ? { line: start.line, column: start.col } : undefined)
  }
  if (document.errors.length) return []
  const place = (node: Node | null | undefined): Place => {
    const offset = node?.range?.[0] ?? 0
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  function entries(node: unknown, field: string): TocEntry[] {
    // `items:` and `items: null` (real trees have both) are no entries, as in DocFX.
    if (node === null || node === undefined || (isScalar(node) && node.value === null)) return []
    // DocFX also accepts a top-level `items:` mapping.
    if (isMap(node) && node.has('items') && !node.has('name')) return entries(node.get('items', true), 'items')
    if (!isSeq(node)) {
      report(file, 'toc-invalid', `Expected \`${field}\` to be a list of entries`, place(node as Node))
      return []
    }
    const list: TocEntry[] = []
    for (const item of node.items) {
      if (!isMap(item)) {
        report(file, 'toc-invalid', 'Expected an entry with `name` and `href` or `items`', place(item as Node))
        continue
      }
      const entry = toEntry(item)
      if (entry) list.push(entry)
    }
    return list
  }
  function toEntry(item: YAMLMap): TocEntry | undefined {
    const name = scalar(item, 'name') ?? scalar(item, 'displayName')
    if (name === undefined) {
      report(file, 'toc-invalid', 'TOC entry without a `name`', place(item))
      return undefined
    }
    const hrefNode = item.get('href', true) as Node | undefined
    return {
      name,
      href: scalar(item, 'href'),
      topicHref: scalar(item, 'topicHref'),
      expanded: item.get('expanded') === true,
      items: entries(item.get('items', true), 'items'),
      place: place(isScalar(hrefNode) ? hrefNode : item),
    }
  }
  return entries(document.contents, 'TOC')
}

function scalar(item: YAMLMap, key: string): string | undefined {
  const value = item.get(key)
  if (value === undefined || value === null) return undefined
  return typeof value === 'object' ? undefined : String(value)
}
