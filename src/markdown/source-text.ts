/**
 * The text a node was written in (the page, or the include it came from),
 * for DocFX directives that CommonMark splits up: exact places inside text
 * nodes, and slices re-parsed as Markdown. DocFX reads `:::row:::` and
 * `:::image type="complex":::` bodies as Markdown however deeply they are
 * indented; CommonMark makes 4-space-indented lines code, or folds marker
 * lines into a paragraph, so their bodies are cut from the source instead.
 */
import path from 'node:path'
import type { Parent, Root, RootContent } from 'mdast'
import type { Node, Point } from 'unist'
import { visit } from '../tree/visit.ts'
import { lineStarts, placeAmong } from '../diagnostics/place.ts'
import type { VFile } from 'vfile'
import { slashedPath } from '../links/backslash-path.ts'
import { isExternal } from '../links/urls.ts'

/** Reads an include's text by absolute path (the include loader's `fs.read`). */
export type ReadSource = (absPath: string) => string | undefined
/** Parses Markdown (remark-parse + remark-gfm) into mdast. */
export type Parse = (text: string) => Root

/** One file's text, with where its lines start. */
export interface Source {
  text: string
  /** Absolute path of the include, or `undefined` for the page. */
  sourceFile: string | undefined
  /** The include's path inside the content root, for rebasing its relative URLs. */
  sourceRelPath: string | undefined
  lineStarts: number[]
  /**
   * How far offsets in the text run ahead of offsets in the tree: the tree is
   * parsed from the Markdown body, whose front matter is blanked down to its
   * newlines, so only lines and columns match the file.
   */
  shift: number
}

/** Look up the source of nodes on one page; `undefined` when it cannot be read. */
export function createSources(file: VFile, read: ReadSource): (node: Node) => Source | undefined {
  const cache = new Map<string, Source | undefined>()
  return function (node) {
    const sourceFile = node.data?.sourceFile
    const key = sourceFile ?? ''
    if (!cache.has(key)) {
      const text = sourceFile ? read(sourceFile) : typeof file.value === 'string' ? file.value : String(file.value ?? '')
      const sourceRelPath = node.data?.sourceRelPath
      const source = text === undefined ? undefined : { text, sourceFile, sourceRelPath, lineStarts: lineStarts(text), shift: 0 }
      const start = node.position?.start
      if (source && start?.offset !== undefined) source.shift = (offsetOf(source, start) ?? start.offset) - start.offset
      cache.set(key, source)
    }
    return cache.get(key)
  }
}

/** The point in the tree of `offset` in `source.text` (see `Source.shift`). */
export function pointAt(source: Source, offset: number): Point {
  return { ...placeAmong(source.lineStarts, offset), offset: offset - source.shift }
}

/** Offset in `source.text` of a point in the tree, found by its line and column (see `Source.shift`). */
export function offsetOf(source: Source, point: Point | undefined): number | undefined {
  const lineStart = point && source.lineStarts[point.line - 1]
  return point === undefined || lineStart === undefined ? undefined : lineStart + point.column - 1
}

/** A line of the source: where it starts, its text without the line ending, and where the next begins. */
export interface Line {
  start: number
  value: string
  next: number
}

/** The lines of `source` from `start` (possibly mid-line) up to `end`. */
export function linesOf(source: Source, start: number, end: number): Line[] {
  const lines: Line[] = []
  let at = start
  while (at < end) {
    const newline = source.text.indexOf('\n', at)
    const stop = newline === -1 || newline >= end ? end : newline
    lines.push({ start: at, value: source.text.slice(at, stop).replace(/\r$/, ''), next: stop === end ? end : stop + 1 })
    at = stop + 1
  }
  return lines
}

/**
 * Parse `source.text[start, end)` as Markdown, with the indentation all its
 * lines share removed (at most `maxDedent` columns: text at the top level of
 * a file keeps its indentation, so an indented line stays code). The nodes
 * get file positions and, when they come from an include, its tags and
 * page-relative URLs (as remarkInclude gives).
 */
export function parseSlice(
  parse: Parse,
  source: Source,
  start: number,
  end: number,
  pageRelPath: string | undefined,
  maxDedent = Number.POSITIVE_INFINITY,
): RootContent[] {
  const lines = linesOf(source, start, end)
  const indents = lines.map((line) => /^[ \t]*/.exec(line.value)![0].length)
  const shared = Math.min(...lines.flatMap((line, index) => (line.value.trim() === '' ? [] : [indents[index]!])))
  const cut = Number.isFinite(shared) ? Math.min(shared, maxDedent) : shared
  if (!Number.isFinite(cut)) return []
  const removed = indents.map((indent) => Math.min(indent, cut))
  const dedented = lines.map((line, index) => line.value.slice(removed[index]))
  const dedentedStarts: number[] = []
  dedented.reduce((at, line) => (dedentedStarts.push(at), at + line.length + 1), 0)
  const tree = parse(dedented.join('\n'))
  function shift(point: Point): Point {
    const index = Math.min(point.line, lines.length) - 1
    const inLine = (point.offset ?? 0) - dedentedStarts[index]!
    return pointAt(source, lines[index]!.start + removed[index]! + inLine)
  }
  visit(tree, function (node) {
    if (node.position) node.position = { start: shift(node.position.start), end: shift(node.position.end) }
    if (!source.sourceFile) return
    node.data = { ...node.data, sourceFile: source.sourceFile, ...(source.sourceRelPath ? { sourceRelPath: source.sourceRelPath } : {}) }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && 'url' in node) {
      node.url = pageRelativeUrl(String(node.url), source.sourceRelPath, pageRelPath)
    }
  })
  return tree.children
}

/**
 * A URL written in the include at `from` (a path in the content root), made
 * relative to the page; URLs written in the page itself (`from` undefined) stay.
 * @example pageRelativeUrl('media/a.png', 'includes/steps.md', 'guide/page.md') // => '../includes/media/a.png'
 */
export function pageRelativeUrl(written: string, from: string | undefined, pageRelPath: string | undefined): string {
  // `..\media\a.png` is read as `../media/a.png`; remark-rewrite-links warns about it.
  const url = from ? (slashedPath(written) ?? written) : written
  if (!from || pageRelPath === undefined || !url || /^[#/~]/.test(url) || isExternal(url)) return url
  const joined = path.posix.join(path.posix.dirname(from), url)
  return path.posix.relative(path.posix.dirname(pageRelPath), joined) || './'
}

/**
 * Where a directive that starts in `parent.children[index]` must end: the
 * end of the parent when both were written in the same file, else the end
 * of the node's own file (it came from an include spliced into the page).
 */
export function scopeEnd(parent: Parent, node: Node, source: Source): number {
  const end = offsetOf(source, parent.position?.end)
  return parent.data?.sourceFile === node.data?.sourceFile && end !== undefined ? end : source.text.length
}

/**
 * Index of the last sibling from `index` on that starts before `offset` in
 * the same file; nodes from other files (nested includes) in between count
 * as covered.
 */
export function lastCovered(parent: Parent, index: number, offset: number, source: Source): number {
  const sourceFile = parent.children[index]!.data?.sourceFile
  let last = index
  for (let at = index + 1; at < parent.children.length; at++) {
    const sibling = parent.children[at]!
    if (sibling.data?.sourceFile !== sourceFile) continue
    const start = offsetOf(source, sibling.position?.start)
    if (start === undefined) continue
    if (start >= offset) break
    last = at
  }
  return last
}
