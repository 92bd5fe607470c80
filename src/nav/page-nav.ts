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
  const trail = findTrail(toc.nodes, relPath) ?? []
  // Small TOCs are written whole (closed branches fold into <details>, which
  // opens without JavaScript); big ones only along the page's own branch.
  const whole = countNodes(toc.nodes) <= maxWholeTocNodes
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
  const index = toc.order.indexOf(relPath)
  const link = (target: string | undefined): NavLink | undefined => {
    if (target === undefined) return undefined
    const node = findTrail(toc.nodes, target)?.at(-1)
    const href = node && hrefOf(node)
    return node && href ? { title: node.title, href } : undefined
  }
  return {
    items: toc.nodes.map(view),
    breadcrumbs: trail.slice(0, -1).map((node) => ({ title: node.title, href: hrefOf(node) })),
    previous: index > 0 ? link(toc.order[index - 1]) : undefined,
    next: index >= 0 ? link(toc.order[index + 1]) : undefined,
  }
}

const maxWholeTocNodes = 300

function countNodes(nodes: NavNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countNodes(node.children), 0)
}

/** The nodes from the top of the tree down to the first entry for `relPath`. */
function findTrail(nodes: NavNode[], relPath: string): NavNode[] | undefined {
  for (const node of nodes) {
    if (node.relPath === relPath) return [node]
    const below = findTrail(node.children, relPath)
    if (below) return [node, ...below]
  }
  return undefined
}
