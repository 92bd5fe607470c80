/**
 * Expand DocFX `[!INCLUDE [title](path.md)]` directives, block and inline,
 * into the included file's tree. Included files may include others; their
 * front matter is dropped; their relative links are rebased onto the page.
 * Nodes keep the include's positions and are tagged with its path, so later
 * checks report problems in the include, not the page.
 */
import path from 'node:path'
import type { Parent, PhrasingContent, Root, RootContent } from 'mdast'
import type { Node } from 'unist'
import { visit, SKIP } from '../tree/visit.ts'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report, type Place } from '../diagnostics/report.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import type { PageContext } from '../markdown/page-context.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { withinComplexityLimits } from '../markdown/complexity-guard.ts'
import { slashedPath } from '../links/backslash-path.ts'
import { isExternal } from '../links/urls.ts'
import type { IncludeBlock, IncludeInline } from './include-syntax.ts'
import { resolveInclude, type FileSystem, type ResolvedInclude } from './resolve-include.ts'

export interface Options {
  /** File access, injected so tests can pass a virtual tree and builds can cache. */
  fs: FileSystem
  /** Parses Markdown (remark-parse + remark-gfm) into mdast. */
  parse: (text: string) => Root
  /** Nesting depth treated as runaway (default: `8`). */
  maxDepth?: number
}

/**
 * Most include expansions, and most nodes they bring, in one page. Each
 * include is parsed once, but an include that includes the next level four
 * times, eight levels deep, still asks for 4^8 copies of the last one.
 */
export const maxIncludeExpansions = 20_000
export const maxIncludedNodes = 1_000_000

/** An include parsed and expanded, with its own includes inside; rebased onto no page yet. */
interface Expansion {
  children: RootContent[]
  /** Messages about the include and its own includes, given to every page that uses it. */
  messages: VFileMessage[]
  /** Includes expanded inside it, and mdast nodes it holds. */
  expansions: number
  nodes: number
  /** The file texts it was made from, checked before reuse (the dev server edits files). */
  texts: Map<string, string>
  /** False when it met a cycle or the depth limit, which depend on who includes it. */
  reusable: boolean
}

/** Where directives are being expanded: the page itself, or an include being parsed. */
interface Context {
  relPath: string
  chain: string[]
  file: VFile
  page: PageContext
  /** The page's messages, or the include's (collected into its expansion). */
  messages: VFileMessage[]
  /** What has been expanded into this file so far. */
  size: { expansions: number; nodes: number; exceeded: boolean }
  /** The expansion being made, when this is an include. */
  expansion: Expansion | undefined
}

export default function remarkInclude(options: Options) {
  const maxDepth = options.maxDepth ?? 8
  // One processor renders every page of a build: an include used by many pages,
  // or many times in one, is parsed once per locale, docset and nesting depth.
  const expansions = new Map<string, Expansion>()

  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    if (!page) return
    const size = { expansions: 0, nodes: 0, exceeded: false }
    expand(tree, { relPath: page.relPath, chain: [page.relPath], file, page, messages: file.messages, size, expansion: undefined })
    rebaseOnto(tree, page.relPath)
  }

  /** Expand every directive in `tree`, which came from `context.relPath`. */
  function expand(tree: Root, context: Context): void {
    visit(tree, isDirective, function (node: IncludeBlock | IncludeInline, index, parent: Parent | undefined) {
      if (!parent || index === undefined) return
      const children = load(node.url, node.position?.start, context) ?? []
      const replacement = node.type === 'includeBlock' ? children : inlineContentOf(children, node, context)
      parent.children.splice(index, 1, ...(replacement as typeof parent.children))
      return [SKIP, index + replacement.length]
    })
  }

  /** A fresh copy of one include's expanded content; `undefined` after reporting why it could not be. */
  function load(href: string, at: Place | undefined, context: Context): RootContent[] | undefined {
    const { page } = context
    // Past the page's limit, the rest of its includes are left out; the limit was reported once.
    if (context.size.exceeded) return undefined
    const resolved = resolveInclude(href, context.relPath, page.roots, options.fs)
    if (!resolved.ok) {
      reportAt(context, resolved.rule, resolved.reason, at, chainNote(context.chain))
      return undefined
    }
    if (context.chain.includes(resolved.relPath)) {
      const chain = [...context.chain, resolved.relPath].join(' → ')
      reportAt(context, 'include-cycle', `Include cycle: ${chain}`, at)
      markUnreusable(context)
      return undefined
    }
    if (context.chain.length > maxDepth) {
      reportAt(context, 'include-too-deep', `Includes nest more than ${maxDepth} deep at \`${href}\`; is there runaway nesting?`, at, chainNote(context.chain))
      markUnreusable(context)
      return undefined
    }
    if (resolved.slashed !== undefined) {
      reportAt(context, 'link-backslash', `Include \`${href}\` separates folders with \`\\\`; read as \`${resolved.slashed}\` (write \`/\`)`, at)
    }
    if (resolved.fromFallback) {
      reportAt(context, 'untranslated-include', `Include \`${href}\` is not translated into \`${page.locale}\`; using the \`${page.site.defaultLocale}\` copy`, at)
    }
    const expansion = expansionOf(resolved, context)
    if (!expansion.reusable) markUnreusable(context)
    context.messages.push(...expansion.messages)
    const expansionsAfter = context.size.expansions + 1 + expansion.expansions
    const nodesAfter = context.size.nodes + expansion.nodes
    if (expansionsAfter > maxIncludeExpansions || nodesAfter > maxIncludedNodes) {
      const what = context.expansion ? `\`${context.relPath}\`` : 'this page'
      const limit = expansionsAfter > maxIncludeExpansions ? `${maxIncludeExpansions.toLocaleString('en-US')} includes` : `${maxIncludedNodes.toLocaleString('en-US')} nodes`
      reportAt(context, 'include-too-large', `Including \`${href}\` here makes ${what} expand more than ${limit}; includes that include others several times multiply`, at)
      context.size.exceeded = true
      return undefined
    }
    context.size.expansions = expansionsAfter
    context.size.nodes = nodesAfter
    if (context.expansion) {
      for (const [absPath, text] of expansion.texts) context.expansion.texts.set(absPath, text)
    }
    return structuredClone(expansion.children)
  }

  /** The include parsed and expanded, from the cache when nothing it was made from changed. */
  function expansionOf(resolved: Extract<ResolvedInclude, { ok: true }>, context: Context): Expansion {
    const { page } = context
    const chain = [...context.chain, resolved.relPath]
    const key = [page.locale, page.roots.root, page.roots.fallbackRoot ?? '', page.roots.docsetDir, chain.length, resolved.absPath].join('\0')
    const cached = expansions.get(key)
    // Reading each file again also tells the dev server which files this page used.
    if (cached && [...cached.texts].every(([absPath, text]) => options.fs.read(absPath) === text)) return cached
    const includeFile = new VFile({ path: resolved.absPath, value: resolved.text })
    for (const problem of resolved.problems) report(includeFile, problem.rule, problem.reason, problem.place)
    const expansion: Expansion = {
      children: [],
      messages: [],
      expansions: 0,
      nodes: 0,
      texts: new Map([[resolved.absPath, resolved.text]]),
      reusable: true,
    }
    const body = parseFrontMatter(includeFile).body
    if (withinComplexityLimits(body, includeFile)) {
      const tree = options.parse(body)
      // Nested includes first: their nodes are tagged by their own expansion, so
      // tagging below only touches nodes written in this include.
      const size = { expansions: 0, nodes: 0, exceeded: false }
      expand(tree, { relPath: resolved.relPath, chain, file: includeFile, page, messages: expansion.messages, size, expansion })
      expansion.expansions = size.expansions
      expansion.nodes = tag(tree, resolved.relPath, resolved.absPath)
      expansion.children = tree.children
    }
    expansion.messages.push(...includeFile.messages)
    if (expansion.reusable) expansions.set(key, expansion)
    return expansion
  }
}

function isDirective(node: Node): node is IncludeBlock | IncludeInline {
  return node.type === 'includeBlock' || node.type === 'includeInline'
}

/** A cycle or the depth limit depends on the chain of includes, so nothing around it is cached. */
function markUnreusable(context: Context): void {
  if (context.expansion) context.expansion.reusable = false
}

/** Report on the file the directive is in (the page or an include), collected where the context collects. */
function reportAt(context: Context, rule: RuleId, reason: string, at: Place | undefined, note?: string): void {
  const message = report(context.file, rule, reason, at, note)
  if (context.file.messages !== context.messages) {
    context.file.messages.pop()
    context.messages.push(message)
  }
}

function chainNote(chain: string[]): string | undefined {
  return chain.length > 1 ? `included via ${chain.join(' → ')}` : undefined
}

/** Mark nodes with their include file and keep each URL as written; returns how many nodes the tree has. */
function tag(tree: Root, includeRelPath: string, includeAbsPath: string): number {
  let nodes = 0
  visit(tree, function (node) {
    nodes++
    if (node.data?.sourceFile) return
    node.data = { ...node.data, sourceFile: includeAbsPath, sourceRelPath: includeRelPath }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && 'url' in node) node.data.sourceUrl = node.url
  })
  return nodes
}

/** Make the relative URLs of included nodes relative to the page. */
function rebaseOnto(tree: Root, pageRelPath: string): void {
  visit(tree, function (node) {
    const data = node.data
    if (data?.sourceRelPath === undefined || data.sourceUrl === undefined || !('url' in node)) return
    node.url = rebase(data.sourceUrl, data.sourceRelPath, pageRelPath)
  })
}

function rebase(written: string, fromRelPath: string, toRelPath: string): string {
  // `..\media\a.png` is read as `../media/a.png`; remark-rewrite-links warns about it.
  const url = slashedPath(written) ?? written
  if (!url || url.startsWith('#') || url.startsWith('/') || url.startsWith('~') || isExternal(url)) return url
  const joined = path.posix.join(path.posix.dirname(fromRelPath), url)
  const relative = path.posix.relative(path.posix.dirname(toRelPath), joined)
  return relative || './'
}

/**
 * The content of an include used inline. DocFX reads such a file as
 * paragraphs only and writes them without `<p>`, so its words stand inline
 * whatever Markdown they are: the same here, paragraphs joined by spaces,
 * the text of headings, list items, table cells and quotes kept in order,
 * code as inline code. Blocks that are no paragraph are reported once, at
 * the directive: they lose their block form here.
 */
function inlineContentOf(children: RootContent[], directive: IncludeInline, context: Context): PhrasingContent[] {
  const phrasing: PhrasingContent[] = []
  let firstBlock: RootContent | undefined
  function add(parts: PhrasingContent[]): void {
    if (parts.length === 0) return
    if (phrasing.length) phrasing.push({ type: 'text', value: ' ' })
    phrasing.push(...parts)
  }
  function walk(nodes: RootContent[], top: boolean): void {
    for (const node of nodes) {
      if (top && node.type !== 'paragraph' && node.type !== 'definition' && firstBlock === undefined) firstBlock = node
      switch (node.type) {
        case 'paragraph':
        case 'heading':
        case 'tableCell':
          add(node.children)
          break
        case 'code':
          add([{ type: 'inlineCode', value: node.value, ...(node.position ? { position: node.position } : {}), ...(node.data ? { data: node.data } : {}) }])
          break
        case 'html':
          add([node])
          break
        case 'definition':
        case 'thematicBreak':
          break
        default:
          if ('children' in node) walk(node.children as RootContent[], false)
          else if ('value' in node && typeof node.value === 'string') add([{ type: 'text', value: node.value }])
      }
    }
  }
  walk(children, true)
  if (firstBlock) {
    const line = firstBlock.position ? ` (line ${firstBlock.position.start.line})` : ''
    const reason = `Include \`${directive.url}\` is used inline but holds a ${blockName(firstBlock)}${line}; its text is inlined without the block (write the directive on a line of its own)`
    reportAt(context, 'include-inline-block', reason, directive.position?.start)
  }
  return phrasing
}

function blockName(node: RootContent): string {
  switch (node.type) {
    case 'heading':
      return 'heading'
    case 'list':
      return 'list'
    case 'table':
      return 'table'
    case 'code':
      return 'code block'
    case 'blockquote':
      return 'block quote'
    case 'thematicBreak':
      return 'thematic break'
    case 'html':
      return 'HTML block'
    default:
      return `\`${node.type}\` block`
  }
}
