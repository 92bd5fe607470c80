/**
 * Expand DocFX `[!INCLUDE [title](path.md)]` directives, block and inline,
 * into the included file's tree. Included files may include others; their
 * front matter is dropped; their relative links are rebased onto the page.
 * Nodes keep the include's positions and are tagged with its path, so later
 * checks report problems in the include, not the page.
 */
import path from 'node:path'
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { visit, SKIP } from 'unist-util-visit'
import { VFile } from 'vfile'
import { report, type Place } from '../diagnostics/report.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { withinComplexityLimits } from '../markdown/complexity-guard.ts'
import { isExternal } from '../links/urls.ts'
import { directiveStart, findIncludeDirectives, isBlockDirective, surroundingText } from './include-directive.ts'
import { resolveInclude, type FileSystem } from './resolve-include.ts'

export interface Options {
  /** File access, injected so tests can pass a virtual tree and builds can cache. */
  fs: FileSystem
  /** Parses Markdown (remark-parse + remark-gfm) into mdast. */
  parse: (text: string) => Root
  /** Nesting depth treated as runaway (default: `8`). */
  maxDepth?: number
}

export default function remarkInclude(options: Options) {
  const maxDepth = options.maxDepth ?? 8
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    if (!page) return
    expand(tree, file, { relPath: page.relPath, chain: [page.relPath], file })
  }

  /** Expand every directive in `tree`, which came from `context.relPath`. */
  function expand(tree: Root, pageFile: VFile, context: { relPath: string; chain: string[]; file: VFile }): void {
    visit(tree, 'paragraph', function (paragraph: Paragraph, index, parent: Parent | undefined) {
      if (!parent || index === undefined) return
      const directives = findIncludeDirectives(paragraph)
      if (directives.length === 0) return
      if (directives.length === 1 && isBlockDirective(paragraph, directives[0]!)) {
        const children = load(directives[0]!.link.url, directiveStart(paragraph, directives[0]!), pageFile, context)
        parent.children.splice(index, 1, ...(children ?? []))
        return [SKIP, index + (children?.length ?? 0)]
      }
      // Inline: replace each directive's three nodes with the include's phrasing content.
      for (const directive of [...directives].reverse()) {
        const children = load(directive.link.url, directiveStart(paragraph, directive), pageFile, context)
        const [head, tail] = surroundingText(paragraph, directive)
        paragraph.children.splice(directive.startIndex, 3, ...head, ...phrasingOf(children ?? []), ...tail)
      }
      return SKIP
    })
  }

  /** Load, parse and expand one include; `undefined` after reporting why it could not be. */
  function load(
    href: string,
    at: Place | undefined,
    pageFile: VFile,
    context: { relPath: string; chain: string[]; file: VFile },
  ): RootContent[] | undefined {
    const page = pageFile.data.page!
    const resolved = resolveInclude(href, context.relPath, page.roots, options.fs)
    if (!resolved.ok) {
      reportInto(pageFile, context.file, resolved.rule, resolved.reason, at, chainNote(context.chain))
      return undefined
    }
    if (context.chain.includes(resolved.relPath)) {
      const chain = [...context.chain, resolved.relPath].join(' → ')
      reportInto(pageFile, context.file, 'include-cycle', `Include cycle: ${chain}`, at)
      return undefined
    }
    if (context.chain.length > maxDepth) {
      reportInto(
        pageFile,
        context.file,
        'include-too-deep',
        `Includes nest more than ${maxDepth} deep at \`${href}\`; is there runaway nesting?`,
        at,
        chainNote(context.chain),
      )
      return undefined
    }
    if (resolved.fromFallback) {
      reportInto(
        pageFile,
        context.file,
        'untranslated-include',
        `Include \`${href}\` is not translated into \`${page.locale}\`; using the \`${page.site.defaultLocale}\` copy`,
        at,
      )
    }
    const includeFile = new VFile({ path: resolved.absPath, value: resolved.text })
    for (const problem of resolved.problems) report(includeFile, problem.rule, problem.reason, problem.place)
    const body = parseFrontMatter(includeFile).body
    if (!withinComplexityLimits(body, includeFile)) {
      pageFile.messages.push(...includeFile.messages)
      return undefined
    }
    const tree = options.parse(body)
    // Nested includes first: their nodes are rebased by their own expansion, so
    // tagAndRebase below only touches nodes written in this include.
    expand(tree, pageFile, { relPath: resolved.relPath, chain: [...context.chain, resolved.relPath], file: includeFile })
    tagAndRebase(tree, resolved.relPath, resolved.absPath, page.relPath)
    pageFile.messages.push(...includeFile.messages)
    return tree.children
  }
}

/** Report on the file the directive is in (the page or an include), collected on the page. */
function reportInto(
  pageFile: VFile,
  directiveFile: VFile,
  rule: Parameters<typeof report>[1],
  reason: string,
  at: Place | undefined,
  note?: string,
): void {
  const message = report(directiveFile, rule, reason, at, note)
  if (directiveFile !== pageFile) {
    directiveFile.messages.pop()
    pageFile.messages.push(message)
  }
}

function chainNote(chain: string[]): string | undefined {
  return chain.length > 1 ? `included via ${chain.join(' → ')}` : undefined
}

/** Mark nodes with their include file and make relative URLs relative to the page. */
function tagAndRebase(tree: Root, includeRelPath: string, includeAbsPath: string, pageRelPath: string): void {
  visit(tree, function (node) {
    if (node.data?.sourceFile) return
    node.data = { ...node.data, sourceFile: includeAbsPath, sourceRelPath: includeRelPath }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && 'url' in node) {
      node.data.sourceUrl = node.url
      node.url = rebase(node.url, includeRelPath, pageRelPath)
    }
  })
}

function rebase(url: string, fromRelPath: string, toRelPath: string): string {
  if (!url || url.startsWith('#') || url.startsWith('/') || url.startsWith('~') || isExternal(url)) return url
  const joined = path.posix.join(path.posix.dirname(fromRelPath), url)
  const relative = path.posix.relative(path.posix.dirname(toRelPath), joined)
  return relative || './'
}

/** The phrasing content of an include used inline: its paragraphs, joined by spaces. */
function phrasingOf(children: RootContent[]): PhrasingContent[] {
  const phrasing: PhrasingContent[] = []
  for (const child of children) {
    if (child.type !== 'paragraph') continue
    if (phrasing.length) phrasing.push({ type: 'text', value: ' ' })
    phrasing.push(...child.children)
  }
  return phrasing
}
