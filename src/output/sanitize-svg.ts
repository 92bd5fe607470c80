/**
 * Make an SVG asset safe to publish on the site's origin. Opened directly (a
 * link, the image lightbox, a frame) an SVG is a document: its scripts, event
 * handlers, embedded HTML and links run with the site's origin. In `<img>` it
 * is inert, but tolk cannot know how readers will reach it.
 *
 * The SVG is parsed as XML, as browsers do for `image/svg+xml`, never with a
 * forgiving HTML parser: both must read the same elements. Chromium renders a
 * malformed XML document up to its first error (scripts included), so a file
 * this parser refuses is not published at all (`invalid-svg`, an error). What
 * is unsafe is removed, each removal an `unsafe-svg` warning at its element:
 *
 * - elements: anything in the XHTML or MathML namespace; `script`,
 *   `foreignObject`, `iframe`, `embed`, `object`, `handler`, `listener` in any
 *   namespace; SVG-namespace elements not in `svgElements`; animations whose
 *   `attributeName` is `href`, `xml:base` or an event handler (SMIL can write
 *   `javascript:` into a link); `<style>` that loads anything (`@import`,
 *   `image-set()`, `url()` other than `#id` or a data: image);
 * - attributes: every `on*`; every `href` (any prefix) that is not `#id` or a
 *   data: PNG, JPEG, GIF or WebP; `xml:base`; any value holding a
 *   `javascript:`/`vbscript:` URL (after XML decoding, whitespace and control
 *   characters removed) or CSS that loads something;
 * - processing instructions (`<?xml-stylesheet?>` can apply XSLT that writes
 *   script) except the XML declaration, and a DOCTYPE's internal subset
 *   (entities are never expanded: an SVG that uses them cannot be parsed).
 *
 * A clean SVG comes back as the very same string, so publishing it is a byte
 * copy; only an SVG that lost something is serialized again.
 */
import type { Element, ElementContent, Root, RootContent } from 'xast'
import { fromXml } from 'xast-util-from-xml'
import { toXml } from 'xast-util-to-xml'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report, type Place } from '../diagnostics/report.ts'

export interface SanitizedSvg {
  /** The SVG to publish (`text` itself when nothing was removed), or `undefined` when it cannot be read safely. */
  svg: string | undefined
  /** True when something was removed and `svg` is a new serialization. */
  changed: boolean
  /** The `unsafe-svg` and `invalid-svg` messages, also on `file`. */
  messages: VFileMessage[]
}

const svgNamespace = 'http://www.w3.org/2000/svg'
const xhtmlNamespace = 'http://www.w3.org/1999/xhtml'
const mathmlNamespace = 'http://www.w3.org/1998/Math/MathML'
const xmlNamespace = 'http://www.w3.org/XML/1998/namespace'

/** SVG 1.1 and SVG 2 elements that neither run script nor embed other documents. */
const svgElements = new Set([
  'a', 'altGlyph', 'altGlyphDef', 'altGlyphItem', 'animate', 'animateColor', 'animateMotion', 'animateTransform',
  'circle', 'clipPath', 'color-profile', 'cursor', 'defs', 'desc', 'ellipse',
  'feBlend', 'feColorMatrix', 'feComponentTransfer', 'feComposite', 'feConvolveMatrix', 'feDiffuseLighting',
  'feDisplacementMap', 'feDistantLight', 'feDropShadow', 'feFlood', 'feFuncA', 'feFuncB', 'feFuncG', 'feFuncR',
  'feGaussianBlur', 'feImage', 'feMerge', 'feMergeNode', 'feMorphology', 'feOffset', 'fePointLight',
  'feSpecularLighting', 'feSpotLight', 'feTile', 'feTurbulence', 'filter',
  'font', 'font-face', 'font-face-format', 'font-face-name', 'font-face-src', 'font-face-uri',
  'g', 'glyph', 'glyphRef', 'hkern', 'image', 'line', 'linearGradient', 'marker', 'mask', 'metadata',
  'missing-glyph', 'mpath', 'path', 'pattern', 'polygon', 'polyline', 'radialGradient', 'rect', 'set', 'stop',
  'style', 'svg', 'switch', 'symbol', 'text', 'textPath', 'title', 'tref', 'tspan', 'use', 'view', 'vkern',
])

/** Local names refused in every namespace, with why. */
const refusedElements = new Map([
  ['script', 'it runs script when the SVG is opened'],
  ['foreignobject', 'it embeds HTML, which can run script'],
  ['iframe', 'it embeds another page'],
  ['embed', 'it embeds another document'],
  ['object', 'it embeds another document'],
  ['handler', 'it runs script (SVG Tiny)'],
  ['listener', 'it attaches event handlers (SVG Tiny)'],
])

const animationElements = new Set(['animate', 'animateColor', 'animateMotion', 'animateTransform', 'set'])

/** Namespace URIs of the prefixes in scope; `''` is the default namespace. */
type Scope = ReadonlyMap<string, string>

class UnreadableSvg extends Error {
  constructor(
    message: string,
    readonly place: Place | undefined,
  ) {
    super(message)
  }
}

export function sanitizeSvg(text: string, file: VFile): SanitizedSvg {
  const before = file.messages.length
  const done = (svg: string | undefined, changed: boolean): SanitizedSvg => ({ svg, changed, messages: file.messages.slice(before) })
  let tree: Root
  try {
    tree = fromXml(text)
  } catch (error) {
    const { reason, place } = parseProblem(error)
    const entities = /<!DOCTYPE[^>[]*\[/i.test(text) ? ' (entities declared in the DOCTYPE are never expanded)' : ''
    report(file, 'invalid-svg', `Cannot read this SVG as XML: ${reason}${entities}; it is not copied`, place)
    return done(undefined, false)
  }
  const encoding = declaredEncoding(tree)
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    const reason = `This SVG declares the encoding \`${encoding}\`; tolk copies UTF-8 SVGs only, as a browser would read this one differently; it is not copied`
    report(file, 'invalid-svg', reason, tree.children[0]?.position?.start)
    return done(undefined, false)
  }
  let changed = false
  const removed = (reason: string, where: Place | undefined): void => {
    changed = true
    report(file, 'unsafe-svg', reason, where)
  }
  try {
    reportInternalSubset(tree, text, removed)
    sanitizeChildren(tree, new Map([['xml', xmlNamespace]]), removed)
  } catch (error) {
    if (!(error instanceof UnreadableSvg)) throw error
    file.messages.splice(before)
    report(file, 'invalid-svg', `Cannot read this SVG as XML: ${error.message}; it is not copied`, error.place)
    return done(undefined, false)
  }
  if (!changed) return done(text, false)
  // A document whose root element went is still well-formed, so a browser shows an empty image, not an error.
  if (!tree.children.some((node) => node.type === 'element')) tree.children.push({ type: 'element', name: 'svg', attributes: { xmlns: svgNamespace }, children: [] })
  // The parser drops whitespace between top-level nodes; a line break each keeps the declaration on its own line.
  const serialized = tree.children.map((node) => toXml(node, { closeEmptyElements: true, tightClose: true })).join('\n')
  return done(/\n\s*$/.test(text) ? `${serialized}\n` : serialized, true)
}

/** The parser keeps a DOCTYPE's name and identifiers only, so serializing drops its internal subset. */
function reportInternalSubset(tree: Root, text: string, removed: (reason: string, where: Place | undefined) => void): void {
  for (const node of tree.children) {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (node.type === 'doctype' && start !== undefined && end !== undefined && text.slice(start, end).replace(/"[^"]*"|'[^']*'/g, '').includes('[')) {
      removed("Removed the internal subset of this SVG's DOCTYPE: entity declarations are never expanded", node.position?.start)
    }
  }
}

/** The XML declaration stays; every other processing instruction goes. */
function keepInstruction(
  name: string,
  value: string,
  where: Place | undefined,
  removed: (reason: string, where: Place | undefined) => void,
  topLevel: boolean,
): boolean {
  if (topLevel && name === 'xml') return true
  removed(`Removed the processing instruction \`<?${name} ${clip(value)}?>\` from this SVG: a stylesheet instruction can apply XSLT that turns it into a page that runs script`, where)
  return false
}

/** Remove the unsafe children of `parent` (whose prefixes are `scope`), and what is unsafe inside those that stay. */
function sanitizeChildren(parent: Root | Element, scope: Scope, removed: (reason: string, where: Place | undefined) => void): void {
  const children: Array<RootContent | ElementContent> = parent.children
  const kept = children.filter((child) => {
    if (child.type === 'instruction') return keepInstruction(child.name, child.value, child.position?.start, removed, parent.type === 'root')
    if (child.type !== 'element') return true
    const own = scopeOf(child, scope)
    const problem = elementProblem(child, own)
    if (problem) {
      removed(`Removed \`<${child.name}>\` from this SVG: ${problem}`, child.position?.start)
      return false
    }
    sanitizeAttributes(child, own, removed)
    sanitizeChildren(child, own, removed)
    return true
  })
  parent.children = kept as typeof parent.children
}

/** Why `element` (in its own scope) must go, or `undefined`. */
function elementProblem(element: Element, scope: Scope): string | undefined {
  const { namespace, local } = resolveName(element.name, scope, true, element)
  const refused = refusedElements.get(local.toLowerCase())
  if (refused) return refused
  if (namespace === xhtmlNamespace) return 'HTML inside an SVG can run script or load pages'
  if (namespace === mathmlNamespace) return 'it is MathML, not SVG'
  if (namespace !== svgNamespace) return undefined
  if (!svgElements.has(local)) return 'it is not an SVG element tolk allows'
  if (animationElements.has(local)) {
    const target = (element.attributes['attributeName'] ?? '').trim().toLowerCase()
    const targetLocal = target.slice(target.indexOf(':') + 1)
    if (targetLocal === 'href' || targetLocal.startsWith('on') || target === 'xml:base') {
      return `it animates \`${target}\`, which can turn a link into script`
    }
  }
  if (local === 'style') {
    const css = element.children.map((child) => (child.type === 'text' || child.type === 'cdata' ? child.value : '')).join('')
    const loads = cssLoads(css)
    if (loads) return `it loads from outside the SVG (${loads}); an SVG may only reference its own \`#id\`s and data: images`
  }
  return undefined
}

function sanitizeAttributes(element: Element, scope: Scope, removed: (reason: string, where: Place | undefined) => void): void {
  for (const [name, value] of Object.entries(element.attributes)) {
    if (value === undefined || value === null) continue
    // Namespace declarations stay: without them the names that use them cannot be read.
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue
    const { namespace, local } = resolveName(name, scope, false, element)
    const problem = attributeProblem(namespace, local, String(value))
    if (problem) {
      delete element.attributes[name]
      removed(`Removed \`${name}\` from \`<${element.name}>\` in this SVG: ${problem}`, element.position?.start)
    }
  }
}

function attributeProblem(namespace: string | undefined, local: string, value: string): string | undefined {
  const lower = local.toLowerCase()
  if (lower.startsWith('on')) return 'event handlers run script'
  if (namespace === xmlNamespace && lower === 'base') return 'it changes where the SVG\'s links and references point'
  if (lower === 'href') {
    return safeReference(value) ? undefined : `\`${clip(value)}\` is neither one of its own \`#id\`s nor a data: PNG, JPEG, GIF or WebP image`
  }
  if (/(?:java|vb)script:/.test(squeeze(value))) return 'its value holds a script URL'
  const loads = cssLoads(value)
  if (loads) return `it loads from outside the SVG (${loads}); an SVG may only reference its own \`#id\`s and data: images`
  return undefined
}

/** `#id`, or a data: URL of a raster image type (never SVG or HTML). */
function safeReference(value: string): boolean {
  const url = squeeze(value)
  return url.startsWith('#') || /^data:image\/(?:png|jpeg|gif|webp)[;,]/.test(url)
}

/**
 * What CSS text loads from outside the SVG (`@import`, `image-set()`, or a
 * `url()` that is not `#id` or a data: image), described; `undefined` when
 * nothing. CSS escapes (`\75 rl(`) and comments are undone first, as a CSS
 * parser would.
 */
function cssLoads(css: string): string | undefined {
  if (!/[\\u@]|image/i.test(css)) return undefined
  const plain = css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?/gi, (_, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/\\([^\n])/g, '$1')
  if (/@import/i.test(plain)) return '`@import`'
  if (/image-set\s*\(/i.test(plain)) return '`image-set()`'
  for (const match of plain.matchAll(/url\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))/gi)) {
    const target = (match[1] ?? match[2] ?? match[3] ?? '').trim()
    if (!safeReference(target)) return `\`url(${clip(target)})\``
  }
  return undefined
}

function safeCodePoint(code: number): string {
  return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code)
}

/**
 * A value as a URL parser sees its scheme: character references decoded
 * (the XML parser did that once; a second pass catches what HTML would read),
 * whitespace and control characters gone, lower case.
 */
function squeeze(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_, decimal: string) => safeCodePoint(Number.parseInt(decimal, 10)))
    .replace(/&colon;/gi, ':')
    .replace(/&(?:tab|newline);/gi, '')
    .replace(/[\u0000-\u0020\u007f-\u009f]+/g, '')
    .toLowerCase()
}

/** The prefixes `element` declares, added to those of its ancestors. */
function scopeOf(element: Element, outer: Scope): Scope {
  let scope: Map<string, string> | undefined
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    scope ??= new Map(outer)
    scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), String(value ?? ''))
  }
  return scope ?? outer
}

/**
 * Namespace and local name of an element or attribute name. An unprefixed
 * attribute has no namespace; an undeclared prefix is an error for browsers
 * (which stop there), so for tolk too.
 */
function resolveName(name: string, scope: Scope, isElement: boolean, element: Element): { namespace: string | undefined; local: string } {
  const colon = name.indexOf(':')
  if (colon < 0) return { namespace: isElement ? scope.get('') || undefined : undefined, local: name }
  const prefix = name.slice(0, colon)
  const namespace = scope.get(prefix)
  if (!namespace) throw new UnreadableSvg(`the namespace prefix \`${prefix}\` of \`${name}\` is not declared`, element.position?.start)
  return { namespace, local: name.slice(colon + 1) }
}

function declaredEncoding(tree: Root): string | undefined {
  const first = tree.children[0]
  if (first?.type !== 'instruction' || first.name !== 'xml') return undefined
  return /\bencoding\s*=\s*(["'])([^"']*)\1/.exec(first.value)?.[2]
}

function parseProblem(error: unknown): { reason: string; place: Place | undefined } {
  const cause = (error as { cause?: unknown }).cause
  const message = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error)
  const reason = message.split('\n')[0]!.replace(/ \(line \d+, column \d+\)$/, '')
  const place = (error as { place?: Place }).place
  return { reason, place: place && typeof place.line === 'number' ? { line: place.line, column: place.column } : undefined }
}

/** A value short enough for a message, on one line. */
function clip(value: string): string {
  const line = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return line.length > 60 ? `${line.slice(0, 57)}…` : line
}
