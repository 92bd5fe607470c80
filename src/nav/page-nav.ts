/**
 * One page's view of its TOC: the sidebar (top level, plus the branch that
 * leads to the page, opened), breadcrumbs and previous/next, with URLs
 * relative to the page. Only the current branch is expanded so a page of a
 * 1,500-entry TOC stays small and readable without JavaScript.
 */
import { landingLocale, type SiteIndex } from '../content/site-index.ts'
import { computedUrl } from '../links/url-policy.ts'
import { articlePath, relativeUrl } from '../links/urls.ts'
import type { NavNode, Toc } from './nav-index.ts'

export interface NavItemView {
  title: string
  href: string | undefined
  current: boolean
  /** Children are shown (the branch holds the page, or the TOC says `expanded`). */
  open: boolean
  hasChildren: boolean
  children: NavItemView[]
}

export interface NavLink {
  title: string
  href: string
}

export interface PageNav {
  items: NavItemView[]
  /** The page's ancestors in the TOC; a group without a page of its own links its first page. */
  breadcrumbs: Array<{ title: string; href: string | undefined }>
  previous: NavLink | undefined
  next: NavLink | undefined
}

export function pageNav(toc: Toc, relPath: string, locale: string, site: SiteIndex): PageNav {
  const from = articlePath(locale, relPath)
  const hrefOf = (node: NavNode): string | undefined => {
    // `node.url` passed the URL policy when the TOC was read (nav-index.ts).
    if (node.url) return computedUrl(node.url)
    if (!node.relPath) return undefined
    const target = landingLocale(site, node.relPath, locale)
    return target ? computedUrl(relativeUrl(from, articlePath(target, node.relPath))) : undefined
  }
  // A group crumb links where the group has a page: its own entry's, else its first page's (as Learn does).
  const groupHref = (node: NavNode): string | undefined => {
    const own = hrefOf(node)
    if (own !== undefined || node.relPath || node.url) return own
    for (const child of node.children) {
      const href = groupHref(child)
      if (href !== undefined) return href
    }
    return undefined
  }
  const index = indexOf(toc)
  const trail = index.trail(relPath) ?? []
  // Small TOCs are written whole (closed branches fold into <details>, which
  // opens without JavaScript); big ones only along the page's own branch.
  const whole = index.size <= maxWholeTocNodes
  const onTrail = new Set(trail)
  const view = (node: NavNode): NavItemView => {
    const open = onTrail.has(node) || node.expanded
    return {
      title: node.title,
      href: hrefOf(node),
      current: node === trail.at(-1) && node.relPath === relPath,
      open: open && node.children.length > 0,
      hasChildren: node.children.length > 0,
      children: open || whole ? node.children.map(view) : [],
    }
  }
  const position = index.positions.get(relPath) ?? -1
  const link = (target: string | undefined): NavLink | undefined => {
    if (target === undefined) return undefined
    const node = index.first.get(target)
    const href = node && hrefOf(node)
    return node && href ? { title: node.title, href } : undefined
  }
  return {
    items: toc.nodes.map(view),
    breadcrumbs: trail.slice(0, -1).map((node) => ({ title: node.title, href: groupHref(node) })),
    previous: position > 0 ? link(toc.order[position - 1]) : undefined,
    next: position >= 0 ? link(toc.order[position + 1]) : undefined,
  }
}

const maxWholeTocNodes = 300

interface TocLookup {
  size: number
  /** The first entry (depth first, in TOC order) for each article. */
  first: Map<string, NavNode>
  parents: Map<NavNode, NavNode | undefined>
  /** Index of each article in `toc.order`. */
  positions: Map<string, number>
  /** The nodes from the top of the tree down to the first entry for `relPath`. */
  trail(relPath: string): NavNode[] | undefined
}

/**
 * Every page of a TOC asks the same questions of it; walk it once per TOC,
 * not once per page, so a site's navigation costs time linear in its TOCs.
 */
const lookups = new WeakMap<Toc, TocLookup>()

function indexOf(toc: Toc): TocLookup {
  let lookup = lookups.get(toc)
  if (lookup) return lookup
  const first = new Map<string, NavNode>()
  const parents = new Map<NavNode, NavNode | undefined>()
  let size = 0
  const walk = (nodes: NavNode[], parent: NavNode | undefined): void => {
    for (const node of nodes) {
      size++
      parents.set(node, parent)
      if (node.relPath !== undefined && !first.has(node.relPath)) first.set(node.relPath, node)
      walk(node.children, node)
    }
  }
  walk(toc.nodes, undefined)
  const trail = (relPath: string): NavNode[] | undefined => {
    const trail: NavNode[] = []
    for (let node = first.get(relPath); node; node = parents.get(node)) trail.push(node)
    return trail.length ? trail.reverse() : undefined
  }
  lookup = { size, first, parents, positions: new Map(toc.order.map((relPath, position) => [relPath, position])), trail }
  lookups.set(toc, lookup)
  return lookup
}
