/**
 * Resolve DocFX cross-references to links, before `remarkRewriteLinks`:
 * `[text](xref:uid)`, `[](xref:uid)` and `<xref:uid>` (the target's name as
 * text), `<xref href="uid"/>` tags, and `@uid` / `@"uid"` shorthands in
 * running text. A uid of the site's articles becomes a link to the article's
 * path relative to the page, so the ordinary link resolution takes it from
 * there (the reader's locale, its fallback page, redirects, anchor checks,
 * the URL policy); a uid of an external map becomes its URL. An unknown uid
 * in a link, autolink or tag is an `xref-not-found` error at its place and
 * keeps its text without a link; an unknown `@uid` stays text, as in DocFX
 * (its shorthand is `data-throw-if-not-resolved="False"`): `@mentions` and
 * `@contoso.com` are words, not references.
 */
import path from 'node:path'
import type { Html, Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast'
import { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import { findXrefShortcuts, parseXrefReference, type XrefReference } from './xref-reference.ts'
import { resolveXref, type XrefTarget } from './xref-index.ts'

export interface RemarkXrefOptions {
  /** Reads an include file's text (to see a `\@` its parsed text no longer shows). */
  read: (absPath: string) => string | undefined
}

const xrefScheme = /^xref:/i
/** A whole `<xref …>` opening or self-closing tag. */
const xrefTag = /^<xref\b((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>$/i
const xrefClose = /^<\/xref\s*>$/i
/** A block of HTML that is one `<xref …/>` or `<xref …></xref>`. */
const xrefBlock = /^(<xref\b[^>]*>)\s*(?:<\/xref\s*>)?$/i

export default function remarkXref(options: RemarkXrefOptions) {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    const index = page?.site.xref
    if (!page || !index) return
    const resolve = (reference: XrefReference): XrefTarget | undefined => resolveXref(index, reference.uid, page.locale, page.site.defaultLocale, reference.displayProperty)
    /** `[!…]`-free URL of a target for this page. */
    const urlOf = (target: XrefTarget, hash: string): string => {
      if (target.kind === 'external') return withHash(target.href, hash)
      // Relative to the page, as its writer would have linked the article: resolve-link.ts does the rest.
      let relative = path.posix.relative(path.posix.dirname(page.relPath), target.relPath)
      if (!relative.startsWith('../')) relative = `./${relative}`
      return encodePath(relative) + (hash ? `#${hash}` : '')
    }
    const sources = new Map<string, string | undefined>()
    const sourceOf = (node: Nodes): string | undefined => {
      const sourceFile = node.data?.sourceFile
      if (!sourceFile) return String(file.value ?? '')
      if (!sources.has(sourceFile)) sources.set(sourceFile, options.read(sourceFile))
      return sources.get(sourceFile)
    }

    /** Make `link` (its `url` an `xref:` or a tag's href) point at its target, or report it. */
    function resolveLink(link: Link, written: string, reference: XrefReference, hasText: boolean): void {
      const target = resolve(reference)
      link.data = { ...link.data, sourceUrl: link.data?.sourceUrl ?? written }
      if (!target) {
        reportAt(file, link, 'xref-not-found', `Cannot find uid \`${reference.uid}\` among this site's \`uid\`s or its \`xrefMaps\`; the text is shown without a link`)
        link.url = ''
        link.data = { ...link.data, hProperties: { ...link.data.hProperties, href: undefined } }
        if (!hasText) link.children = [{ type: 'text', value: reference.text ?? reference.uid }]
        return
      }
      link.url = urlOf(target, reference.hash)
      if (!hasText) link.children = [{ type: 'text', value: reference.text ?? target.name }]
    }

    function walk(parent: Parent, inLink: boolean): void {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as Nodes
        if (node.type === 'link' && xrefScheme.test(node.url)) {
          const written = node.url
          // `<xref:uid>` is an autolink whose text is its URL: it shows the target's name.
          const onlyUrl = node.children.length === 1 && node.children[0]!.type === 'text' && node.children[0]!.value === written
          resolveLink(node, written, parseXrefReference(written.replace(xrefScheme, '')), node.children.length > 0 && !onlyUrl)
          continue
        }
        if (node.type === 'html') {
          const replaced = xrefTagAt(parent, i, node)
          if (replaced) {
            i += replaced - 1
            continue
          }
        }
        if (node.type === 'text' && !inLink) {
          const parts = shortcutParts(node)
          if (parts) {
            parent.children.splice(i, 1, ...(parts as never[]))
            i += parts.length - 1
          }
          continue
        }
        if ('children' in node) walk(node, inLink || node.type === 'link' || node.type === 'linkReference')
      }
    }

    /** `<xref href="uid" …/>` (or `<xref …>text</xref>`) at `parent.children[i]`: replaced by a link; how many nodes now stand there. */
    function xrefTagAt(parent: Parent, i: number, node: Html): number | undefined {
      const block = parent.type !== 'paragraph' && !('depth' in parent) && parent.type !== 'tableCell' && parent.type !== 'emphasis' && parent.type !== 'strong' && parent.type !== 'delete'
      const opening = block ? xrefBlock.exec(node.value.trim())?.[1] : node.value.trim()
      const tag = opening ? xrefTag.exec(opening) : undefined
      if (!tag) return undefined
      const attributes = attributesOf(tag[1] ?? '')
      const href = attributes.get('href') ?? ''
      const reference = parseXrefReference(href)
      reference.displayProperty ??= attributes.get('displayproperty')
      reference.text ??= attributes.get('text')
      const link: Link = { type: 'link', url: '', children: [], position: node.position, data: node.data ? { ...node.data } : {} }
      if (block) {
        resolveLink(link, `<xref href="${href}">`, reference, false)
        parent.children.splice(i, 1, { type: 'paragraph', children: [link], position: node.position, data: node.data } as never)
        return 1
      }
      // Inline: the content up to `</xref>` is the link text.
      let close = -1
      if (!tag[2]) close = parent.children.findIndex((sibling, at) => at > i && sibling.type === 'html' && xrefClose.test(sibling.value.trim()))
      const inner = close === -1 ? [] : (parent.children.slice(i + 1, close) as PhrasingContent[])
      link.children = inner
      resolveLink(link, `<xref href="${href}">`, reference, inner.length > 0)
      parent.children.splice(i, close === -1 ? 1 : close - i + 1, link as never)
      return 1
    }

    /** The text node split around its resolved `@uid`s; `undefined` when it has none. */
    function shortcutParts(node: Text): PhrasingContent[] | undefined {
      if (!node.value.includes('@')) return undefined
      const shortcuts = findXrefShortcuts(node.value, escapedAt(node, sourceOf(node)))
      const parts: PhrasingContent[] = []
      let from = 0
      for (const shortcut of shortcuts) {
        const reference = parseXrefReference(shortcut.reference)
        const target = resolve(reference)
        // Unresolved: DocFX writes the shorthand back as text, and so does tolk.
        if (!target) continue
        if (shortcut.start > from) parts.push({ type: 'text', value: node.value.slice(from, shortcut.start) })
        const position = shortcutPosition(node, shortcut.start, shortcut.end)
        parts.push({
          type: 'link',
          url: urlOf(target, reference.hash),
          children: [{ type: 'text', value: reference.text ?? target.name }],
          ...(position ? { position } : {}),
          data: { ...node.data, sourceUrl: `@${shortcut.reference}` },
        })
        from = shortcut.end
      }
      if (from === 0) return undefined
      if (from < node.value.length) parts.push({ type: 'text', value: node.value.slice(from) })
      return parts
    }

    walk(tree, false)
  }
}

/**
 * Whether the `@` at an offset of `node.value` was escaped (`\@`) in the
 * source, which the parser has turned into a plain `@`: the n-th `@` of the
 * value is the n-th `@` of the node's source.
 */
function escapedAt(node: Text, source: string | undefined): (offset: number) => boolean {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (source === undefined || start === undefined || end === undefined) return () => false
  const written = source.slice(start, end)
  if (written === node.value || !written.includes('\\@')) return () => false
  const valueAts = atOffsets(node.value)
  const writtenAts = atOffsets(written)
  return (offset) => {
    const at = writtenAts[valueAts.indexOf(offset)]
    return at !== undefined && written[at - 1] === '\\'
  }
}

/** Where a shorthand is, when the text before it in the node is one plain line. */
function shortcutPosition(node: Text, start: number, end: number): Text['position'] {
  const from = node.position?.start
  if (!from || from.offset === undefined || /[\r\n]/.test(node.value.slice(0, end))) return undefined
  return {
    start: { line: from.line, column: from.column + start, offset: from.offset + start },
    end: { line: from.line, column: from.column + end, offset: from.offset + end },
  }
}

function atOffsets(text: string): number[] {
  const offsets: number[] = []
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) offsets.push(at)
  return offsets
}

/** Attribute names lower-cased → values, from an HTML tag's attribute text. */
function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>()
  for (const match of text.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''))
  }
  return attributes
}

function decodeEntities(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|apos|#39);/g, (_, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", '#39': "'" })[name]!)
}

function withHash(href: string, hash: string): string {
  if (!hash) return href
  const url = new URL(href)
  url.hash = hash
  return url.href
}

/** A relative path as a URL path: encoded, with `?` and `#` kept out of the query and fragment. */
function encodePath(relative: string): string {
  return encodeURI(relative).replaceAll('?', '%3F').replaceAll('#', '%23')
}

/** Messages about nodes that came from an include go to the include file. */
function reportAt(file: VFile, node: Link, rule: 'xref-not-found', reason: string): void {
  const source = node.data?.sourceFile
  if (!source) {
    report(file, rule, reason, node)
    return
  }
  file.messages.push(report(new VFile({ path: source }), rule, reason, node))
}
