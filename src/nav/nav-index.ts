/**
 * Resolve each locale's `TOC.yml` files into navigation trees: hrefs become
 * article paths (the same rules as links, see resolve-link.ts), nested TOCs
 * are inlined, and every entry that points nowhere is a `toc-broken-link`
 * error at its line. A page belongs to the nearest TOC at or above its folder.
 */
import path from 'node:path'
import { openStatCache, type StatCache } from '../cache/stat-cache.ts'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import type { SourceRef } from '../content/discover.ts'
import { docsetDirOf } from '../content/docset.ts'
import type { ContainedText, Refusal } from '../content/read-contained.ts'
import type { SiteIndex } from '../content/site-index.ts'
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
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

/**
 * Most entries one TOC may have once its nested TOCs are inlined. A TOC that
 * lists a nested TOC twice, which lists the next twice, … doubles per level:
 * 19 such files would make half a million entries in every page's sidebar.
 */
export const maxTocEntries = 10_000

/** A TOC's parsed entries and the problems met reading and parsing it: what `tocs` keeps of an unchanged TOC. */
export interface TocFacts {
  entries: TocEntry[]
  messages: PlainMessage[]
}

/** `tocs` keeps each TOC's parse between builds (see stat-cache.ts); without it, every TOC is read and parsed. */
export function buildLocaleNav(
  locale: string,
  tocRefs: SourceRef[],
  site: SiteIndex,
  reader: NavReader,
  tocs: StatCache<TocFacts> = openStatCache(undefined, { name: '', key: '', valid: (value): value is TocFacts => false }),
): { nav: LocaleNav; messages: VFileMessage[] } {
  const messages: VFileMessage[] = []
  const tocsByDir = new Map<string, Toc>()
  const listed = new Set<string>()
  const byRelPath = new Map(tocRefs.map((ref) => [ref.relPath.toLowerCase(), ref]))
  // Each TOC file is read, parsed and its hrefs resolved once, however often it is nested.
  const parsed = new Map<SourceRef, { file: VFile; entries: TocEntry[] }>()
  const resolved = new Map<TocEntry, Pick<NavNode, 'relPath' | 'url'>>()
  const sizes = new Map<SourceRef, number>()
  const docsets = new Map<string, string>()

  /** The docset root of a TOC (`~/` starts there), relative to its content root. */
  function docsetOf(tocRelPath: string): string {
    const ref = byRelPath.get(tocRelPath.toLowerCase())
    return ref ? docsetDirOf(ref.root, ref.relPath, docsets) : ''
  }

  function note(file: VFile, rule: 'toc-invalid' | 'toc-broken-link', reason: string, place: TocEntry['place']): void {
    messages.push(report(file, rule, reason, place))
  }

  function parsedToc(ref: SourceRef): { file: VFile; entries: TocEntry[] } {
    let toc = parsed.get(ref)
    if (!toc) {
      const file = new VFile({ path: ref.absPath })
      let refusal: Refusal | undefined
      const facts = tocs.factsOf(ref.absPath, () => {
        const read = reader.readContained(ref.absPath, [ref.root])
        if (!read.ok) return void (refusal = read)
        const parsing = new VFile({ path: ref.absPath, value: read.text })
        for (const problem of read.problems) report(parsing, problem.rule, problem.reason, problem.place)
        const entries = parseToc(parsing)
        return { entries, messages: parsing.messages.map(toPlainMessage) }
      })
      if (refusal) report(file, refusal.kind === 'outside' || refusal.kind === 'too-large' ? refusal.rule : 'toc-invalid', refusal.reason)
      file.messages.push(...(facts?.messages.map(fromPlainMessage) ?? []))
      toc = { file, entries: facts?.entries ?? [] }
      messages.push(...file.messages)
      parsed.set(ref, toc)
    }
    return toc
  }

  /**
   * Entries `ref` expands to with its nested TOCs inlined (a TOC already being
   * counted counts 0, so cycles end); memoized, so this is linear in the files.
   */
  function sizeOf(ref: SourceRef): number {
    const known = sizes.get(ref)
    if (known !== undefined) return known
    sizes.set(ref, 0)
    const count = (entries: TocEntry[], tocRelPath: string): number =>
      entries.reduce((sum, entry) => {
        const nested = entry.href ? nestedToc(entry.href, tocRelPath) : undefined
        return sum + 1 + (nested ? sizeOf(nested) : 0) + count(entry.items, tocRelPath)
      }, 0)
    // Saturate: the count only has to say "too many".
    const size = Math.min(count(parsedToc(ref).entries, ref.relPath), Number.MAX_SAFE_INTEGER)
    sizes.set(ref, size)
    return size
  }

  /** Expand one top-level TOC; `budget` counts the entries it has made so far. */
  function load(ref: SourceRef, chain: string[], budget: { entries: number }): NavNode[] {
    const { file, entries } = parsedToc(ref)
    return entries.map((entry) => toNode(entry, ref.relPath, file, [...chain, ref.relPath], budget))
  }

  function toNode(entry: TocEntry, tocRelPath: string, file: VFile, chain: string[], budget: { entries: number }): NavNode {
    budget.entries++
    const node: NavNode = { title: entry.name, relPath: undefined, url: undefined, expanded: entry.expanded, children: [] }
    const href = allowed(entry.href, entry, file)
    const nested = href ? nestedToc(href, tocRelPath) : undefined
    if (nested) {
      if (chain.includes(nested.relPath)) {
        note(file, 'toc-invalid', `TOC cycle: ${[...chain, nested.relPath].join(' → ')}`, entry.place)
      } else if (budget.entries + sizeOf(nested) > maxTocEntries) {
        note(
          file,
          'toc-invalid',
          `Inlining \`${entry.href}\` here makes \`${chain[0]}\` longer than ${maxTocEntries.toLocaleString('en-US')} entries; is a TOC nested many times over?`,
          entry.place,
        )
      } else {
        node.children.push(...load(nested, chain, budget))
      }
    }
    const pageHref = nested ? allowed(entry.topicHref, entry, file) : href
    if (pageHref) Object.assign(node, resolveOnce(entry, pageHref, tocRelPath, file))
    node.children.push(...entry.items.map((item) => toNode(item, tocRelPath, file, chain, budget)))
    return node
  }

  function resolveOnce(entry: TocEntry, href: string, tocRelPath: string, file: VFile): Pick<NavNode, 'relPath' | 'url'> {
    let target = resolved.get(entry)
    if (!target) {
      target = { relPath: undefined, url: undefined }
      resolveHref(target, href, tocRelPath, file, entry)
      resolved.set(entry, target)
    }
    return target
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
    messages.push(report(file, 'unsafe-url', `TOC entry \`${entry.name}\` is not linked to \`${printableUrl(href)}\`: ${verdict.reason}`, entry.place))
    return undefined
  }

  function nestedToc(href: string, tocRelPath: string): SourceRef | undefined {
    if (isExternal(href) || href.startsWith('/')) return undefined
    // `join` normalizes, and keeps the trailing slash of a folder href (`sub/`); `~/` is the docset root.
    const joined = href.startsWith('~/') ? path.posix.join(docsetOf(tocRelPath), href.slice(2)) : path.posix.join(path.posix.dirname(tocRelPath), href)
    const candidate = /toc\.yml$/i.test(joined) ? joined : href.endsWith('/') ? path.posix.join(joined, 'toc.yml') : undefined
    return candidate ? byRelPath.get(candidate.toLowerCase()) : undefined
  }

  function resolveHref(node: Pick<NavNode, 'relPath' | 'url'>, href: string, tocRelPath: string, file: VFile, entry: TocEntry): void {
    const target = resolveLink(href, { site, locale, relPath: tocRelPath, isImage: false, docsetDir: docsetOf(tocRelPath) })
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
        note(file, 'toc-broken-link', `TOC entry \`${entry.name}\` points to \`${href}\`, which is not in this build`, entry.place)
        return
      default:
        note(file, 'toc-broken-link', `TOC entry \`${entry.name}\` points to \`${href}\`, which is not a page`, entry.place)
    }
  }

  // Nested TOCs are loaded both inline (for their parents) and on their own (for their folder's pages).
  for (const ref of tocRefs) {
    const nodes = load(ref, [], { entries: 0 })
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

/** A TOC cycle is met from each TOC in it; report each once. */
function dedupe(messages: VFileMessage[]): VFileMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = `${message.file}:${message.line}:${message.column}:${message.reason}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
