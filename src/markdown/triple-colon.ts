/**
 * Find DocFX triple-colon directives written inline (`:::image …:::`,
 * `:::no-loc text="…":::`) in phrasing content. remark leaves them as text,
 * sometimes split by markup it found inside an attribute (`*`, a bare URL),
 * so they are matched across a parent's children; attributes are read from
 * the source as written when it can be found, as DocFX reads them: character
 * references decoded (`alt-text="a &quot;b&quot;"` is `a "b"`, as an HTML
 * attribute is) and `\"` an escaped quote inside a `"…"` value.
 */
import { decodeHTMLAttribute } from 'entities'
import type { Parent, PhrasingContent, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import { offsetOf, pointAt, type Source } from './source-text.ts'

/** A directive found in `parent.children`. */
export interface InlineDirective {
  /** Lower-cased: `image`, `image-end`, `no-loc`. */
  name: string
  /** Attribute values by lower-cased name. */
  attributes: Record<string, string>
  /** Child index of the text node it starts in, and the offset in that node's value. */
  start: { index: number; offset: number }
  /** Child index of the text node it ends in, and the offset just past its closing `:::`. */
  end: { index: number; offset: number }
  /** Where it is written, when the source could be matched (else the start of its first node). */
  position: Position | undefined
  /** Offsets of the directive in `source.text`, when matched there. */
  range: { start: number; end: number } | undefined
  source: Source | undefined
  /** The text node it starts in (its `data` says which include it came from). */
  node: Text
}

/** A whole directive, quote-aware: `:::` inside a quoted value does not end it; `\"` does not end a value. */
const directivePattern = /:::([a-z][a-z-]*)((?:"(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*'|[^"':]|:(?!::))*?):::/iy
/**
 * A directive whose quotes do not pair up, up to the next `:::`: remark has
 * already turned `&quot;` and `\"` into `"` in the text it hands over.
 */
const looseDirectivePattern = /:::([a-z][a-z-]*)((?:[^:]|:(?!::))*?):::/iy
const openingPattern = /:::[a-z]/gi
const attributePattern = /([a-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\[^])*)"|'((?:[^'\\]|\\[^])*)'|([^\s"']+))/gi

/**
 * Attributes of a directive, by lower-cased name; values may be double- or
 * single-quoted. Written as in the source (`decode`, the default): character
 * references are decoded and `\"`, `\'` are quotes; a backslash that ends a
 * line (a Markdown hard break) is left out. Text remark already decoded is
 * read with `decode` false.
 * @example parseAttributes(` type="icon" source='a.png'`) // => {type: 'icon', source: 'a.png'}
 * @example parseAttributes(` text="Find a \\"Quotation\\""`) // => {text: 'Find a "Quotation"'}
 */
export function parseAttributes(text: string, decode = true): Record<string, string> {
  const attributes: Record<string, string> = {}
  for (const match of text.matchAll(attributePattern)) {
    const quoted = match[2] ?? match[3]
    const value = quoted === undefined ? (match[4] ?? '') : quoted.replace(/\\(["'])/g, '$1').replace(/\\(\r?\n)/g, '$1')
    attributes[match[1]!.toLowerCase()] = decode ? decodeHTMLAttribute(value) : value
  }
  return attributes
}

/** The directive that starts at `offset` of `text`: quote-aware when its quotes pair up, else up to the next `:::`. */
function directiveAt(text: string, offset: number): RegExpExecArray | null {
  for (const pattern of [directivePattern, looseDirectivePattern]) {
    pattern.lastIndex = offset
    const match = pattern.exec(text)
    if (match) return match
  }
  return null
}

/** Directives named `names` in `parent.children`, in order. */
export function findInlineDirectives(
  parent: Parent,
  names: readonly string[],
  sourceOf: (node: Text) => Source | undefined,
): InlineDirective[] {
  const children = parent.children as PhrasingContent[]
  if (!children.some((child) => child.type === 'text' && child.value.includes(':::'))) return []
  // One string over all children, remembering where each child begins.
  const starts: number[] = []
  let whole = ''
  for (const child of children) {
    starts.push(whole.length)
    whole += child.type === 'text' ? child.value : toString(child)
  }
  // Binary search: a paragraph may hold thousands of children.
  const childAt = (offset: number): number => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (starts[middle]! > offset) high = middle - 1
      else low = middle
    }
    return low
  }
  const openings = new Map<string, Openings | undefined>()
  const found: InlineDirective[] = []
  const opening = new RegExp(openingPattern.source, 'gi')
  for (let hit = opening.exec(whole); hit; hit = opening.exec(whole)) {
    const name = /^:::([a-z][a-z-]*)/i.exec(whole.slice(hit.index, hit.index + 64))![1]!.toLowerCase()
    if (!names.includes(name)) continue
    const first = childAt(hit.index)
    const head = children[first]!
    if (head.type !== 'text') continue
    const offset = hit.index - starts[first]!
    const source = sourceOf(head)
    // As written first: the source still holds `&quot;` and `\"` where the text has `"`.
    const range = source && locate(source, offset, openingsOf(openings, `${first}:${name}`, source, head, name))
    const match = range ? undefined : directiveAt(whole, hit.index)
    const stop = range ? sameFences(whole, hit.index, source!.text.slice(range.start, range.end)) : match ? hit.index + match[0].length : undefined
    if (stop === undefined) continue
    const last = childAt(stop - 1)
    // Both `:::` fences must be plain text: a directive inside inline code is an example.
    if (children[last]!.type !== 'text') continue
    // Directives do not nest: the next one starts after this one.
    opening.lastIndex = stop
    found.push({
      name,
      attributes: range ? parseAttributes(range.attributes) : parseAttributes(match![2]!, false),
      start: { index: first, offset },
      end: { index: last, offset: stop - starts[last]! },
      position: range && source ? { start: pointAt(source, range.start), end: pointAt(source, range.end) } : head.position,
      range: range && { start: range.start, end: range.end },
      source,
      node: head,
    })
  }
  return found
}

/**
 * Where the directive read from the source as `written` ends in `text`
 * (from `from`): after as many `:::` as it holds. Decoding `&quot;` or `\"`
 * changes its length, never its `:::`.
 */
function sameFences(text: string, from: number, written: string): number | undefined {
  const fences = written.match(/:::/g)!.length
  let at = from
  for (let count = 0; count < fences; count++) {
    const next = text.indexOf(':::', at)
    if (next === -1) return undefined
    at = next + 3
  }
  return at
}

/**
 * Replace a directive with `nodes`, keeping the text around it. Replace
 * later directives of the same parent first, so earlier indices stay valid.
 */
export function replaceInline(parent: Parent, directive: InlineDirective, nodes: PhrasingContent[]): void {
  const children = parent.children as PhrasingContent[]
  const first = children[directive.start.index] as Text
  const last = children[directive.end.index] as Text
  const head = first.value.slice(0, directive.start.offset)
  const tail = last.value.slice(directive.end.offset)
  const position = directive.position
  const around: PhrasingContent[] = [
    ...(head ? [textNode(head, first.position && position && { start: first.position.start, end: position.start })] : []),
    ...nodes,
    ...(tail ? [textNode(tail, last.position && position && { start: position.end, end: last.position.end })] : []),
  ]
  children.splice(directive.start.index, directive.end.index - directive.start.index + 1, ...around)
}

function textNode(value: string, position: Position | undefined): Text {
  return position ? { type: 'text', value, position } : { type: 'text', value }
}

/** Where `:::name` opens in a text node's value and in its source, both in order. */
interface Openings {
  inNode: number[]
  inSource: number[]
}

/**
 * Each text node is scanned for openings once per call, not once per
 * directive: 20,000 terms on one line made that quadratic.
 */
function openingsOf(cache: Map<string, Openings | undefined>, key: string, source: Source, node: Text, name: string): Openings | undefined {
  if (cache.has(key)) return cache.get(key)
  let found: Openings | undefined
  const from = offsetOf(source, node.position?.start)
  const to = offsetOf(source, node.position?.end)
  if (from !== undefined && to !== undefined) {
    const opening = new RegExp(`:::${name}(?![\\w-])`, 'gi')
    const inNode = [...node.value.matchAll(opening)].map((match) => match.index)
    const inSource: number[] = []
    opening.lastIndex = from
    for (let hit = opening.exec(source.text); hit && hit.index < to; hit = opening.exec(source.text)) inSource.push(hit.index)
    found = { inNode, inSource }
  }
  cache.set(key, found)
  return found
}

/**
 * The directive as written: the same occurrence of `:::name` in the source
 * of the text node, then the whole directive read from there.
 */
function locate(source: Source, offset: number, openings: Openings | undefined): { start: number; end: number; attributes: string } | undefined {
  if (!openings) return undefined
  // How many openings come before this one in the node: the same count in the source.
  let low = 0
  let high = openings.inNode.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (openings.inNode[middle]! < offset) low = middle + 1
    else high = middle
  }
  const start = openings.inSource[low]
  if (start === undefined) return undefined
  const match = directiveAt(source.text, start)
  if (!match) return undefined
  return { start, end: start + match[0].length, attributes: match[2]! }
}
