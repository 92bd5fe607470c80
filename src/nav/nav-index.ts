/**
 * Resolve each locale's `TOC.yml` files into navigation trees: hrefs become
 * article paths (the same rules as links, see resolve-link.ts), nested TOCs
 * are inlined, and every entry that points nowhere is a `toc-broken-link`
 * error at its line. A page belongs to the nearest TOC at or above its folder.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { SourceRef } from '../content/discover.ts'
import type { ContainedText } from '../content/read-contained.ts'
import type { SiteIndex } from '../content/site-index.ts'
import { report } from '../diagnostics/report.ts'
import { resolveLink } from '../links/resolve-link.ts'
import { printableUrl, safeUrl } from '../links/url-policy.ts'
import { isExternal } from '../links/urls.ts'
import { parseToc, type TocEntry } from './parse-toc.ts'

export interface NavNode {
  title: string
  /** Article path (in the TOC's locale or the default locale's) this entry opens. */
  relPath: string | undefined
  /** An absolute URL, for entries that leave the site. */
  url: string | undefined
  expanded: boolean
  children: NavNode[]
}

export interface Toc {
  /** Folder the TOC file sits in, `''` for the root. */
  dir: string
  locale: string
  nodes: NavNode[]
  /** Article paths in TOC order, each once: for previous/next. */
  order: string[]
}

export interface LocaleNav {
  /** TOC folder → its tree. */
  tocsByDir: Map<string, Toc>
  /** Every article some TOC of this locale lists. */
  listed: Set<string>
}

export interface NavReader {
  /** Read through `readContained` (content/read-contained.ts); a TOC is read only inside its locale's root. */
  readContained(absPath: string, roots: readonly string[]): ContainedText
}

export function buildLocaleNav(locale: string, tocRefs: SourceRef[], site: SiteIndex, reader: NavReader): { nav: LocaleNav; messages: VFileMessage[] } {
  const messages: VFileMessage[] = []
  const tocsByDir = new Map<string, Toc>()
  const listed = new Set<string>()
  const byRelPath = new Map(tocRefs.map((ref) => [ref.relPath.toLowerCase(), ref]))

  function load(ref: SourceRef, chain: string[]): NavNode[] {
    const read = reader.readContained(ref.absPath, [ref.root])
    const file = new VFile({ path: ref.absPath, value: read.ok ? read.text : '' })
    if (read.ok) for (const problem of read.problems) report(file, problem.rule, problem.reason, problem.place)
    else report(file, read.kind === 'outside' || read.kind === 'too-large' ? read.rule : 'toc-invalid', read.reason)
    const entries = read.ok ? parseToc(file) : []
    const nodes = entries.map((entry) => toNode(entry, ref.relPath, file, [...chain, ref.relPath]))
    messages.push(...file.messages)
    return nodes
  }

  function toNode(entry: TocEntry, tocRelPath: string, file: VFile, chain: string[]): NavNode {
    const node: NavNode = { title: entry.name, relPath: undefined, url: undefined, expanded: entry.expanded, children: [] }
    const href = allowed(entry.href, entry, file)
    const nested = href ? nestedToc(href, tocRelPath) : undefined
    if (nested) {
      if (chain.includes(nested.relPath)) {
        report(file, 'toc-invalid', `TOC cycle: ${[...chain, nested.relPath].join(' → ')}`, entry.place)
      } else {
        node.children.push(...load(nested, chain))
      }
    }
    const pageHref = nested ? allowed(entry.topicHref, entry, file) : href
    if (pageHref) resolveHref(node, pageHref, tocRelPath, file, entry)
    node.children.push(...entry.items.map((item) => toNode(item, tocRelPath, file, chain)))
    return node
  }

  /**
   * `href` as written (or, with `asWritten` false, in the form the URL policy
   * writes it) when the policy allows it; else an `unsafe-url` error at the
   * entry, and the entry gets no link.
   */
  function allowed(href: string | undefined, entry: TocEntry, file: VFile, asWritten = true): string | undefined {
    if (href === undefined) return undefined
    const verdict = safeUrl(href)
    if (verdict.ok) return asWritten ? href : verdict.url
    report(file, 'unsafe-url', `TOC entry \`${entry.name}\` is not linked to \`${printableUrl(href)}\`: ${verdict.reason}`, entry.place)
    return undefined
  }

  function nestedToc(href: string, tocRelPath: string): SourceRef | undefined {
    if (isExternal(href) || href.startsWith('/')) return undefined
    // `join` normalizes, and keeps the trailing slash of a folder href (`sub/`).
    const joined = path.posix.join(path.posix.dirname(tocRelPath), href)
    const candidate = /toc\.yml$/i.test(joined) ? joined : href.endsWith('/') ? path.posix.join(joined, 'toc.yml') : undefined
    return candidate ? byRelPath.get(candidate.toLowerCase()) : undefined
  }

  function resolveHref(node: NavNode, href: string, tocRelPath: string, file: VFile, entry: TocEntry): void {
    const target = resolveLink(href, { site, locale, relPath: tocRelPath, isImage: false })
    switch (target.kind) {
      case 'page':
        node.relPath = target.relPath
        listed.add(target.relPath)
        return
      case 'url':
        node.url = allowed(target.url, entry, file, false)
        return
      case 'keep':
        if (isExternal(href)) node.url = allowed(href, entry, file, false)
        return
      case 'unbuilt':
        return // A DocFX YAML page: the entry stays, as a heading without a link.
      case 'broken':
        report(file, 'toc-broken-link', `TOC entry \`${entry.name}\` points to \`${href}\`, which is not in this build`, entry.place)
        return
      default:
        report(file, 'toc-broken-link', `TOC entry \`${entry.name}\` points to \`${href}\`, which is not a page`, entry.place)
    }
  }

  // Nested TOCs are loaded both inline (for their parents) and on their own (for their folder's pages).
  for (const ref of tocRefs) {
    const nodes = load(ref, [])
    const dir = path.posix.dirname(ref.relPath)
    tocsByDir.set(dir === '.' ? '' : dir, { dir: dir === '.' ? '' : dir, locale, nodes, order: orderOf(nodes) })
  }
  return { nav: { tocsByDir, listed }, messages: dedupe(messages) }
}

/** The TOC of the nearest folder at or above `relPath`. */
export function tocFor(nav: LocaleNav, relPath: string): Toc | undefined {
  let dir = path.posix.dirname(relPath)
  while (true) {
    const key = dir === '.' ? '' : dir
    const toc = nav.tocsByDir.get(key)
    if (toc) return toc
    if (key === '') return undefined
    dir = path.posix.dirname(key)
  }
}

function orderOf(nodes: NavNode[]): string[] {
  const order: string[] = []
  const seen = new Set<string>()
  const walk = (list: NavNode[]): void => {
    for (const node of list) {
      if (node.relPath && !seen.has(node.relPath)) {
        seen.add(node.relPath)
        order.push(node.relPath)
      }
      walk(node.children)
    }
  }
  walk(nodes)
  return order
}

/** A nested TOC is loaded once per parent; report its problems once. */
function dedupe(messages: VFileMessage[]): VFileMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = `${message.file}:${message.line}:${message.column}:${message.reason}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
