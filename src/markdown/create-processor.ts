/**
 * The Markdown pipeline, in order: the only file that knows plugin order.
 * One frozen processor renders every page; per-page facts travel on
 * `file.data.page` (see page-context.ts).
 */
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import type { Root } from 'mdast'
import type { HighlighterCore } from 'shiki/core'
import remarkInclude from '../includes/remark-include.ts'
import type { FileSystem } from '../includes/resolve-include.ts'
import remarkRewriteLinks from '../links/remark-rewrite-links.ts'
import remarkDocfxAlerts from './plugins/remark-docfx-alerts.ts'
import rehypeHeadingAnchorNames from './plugins/rehype-heading-anchor-names.ts'
import rehypeHeadingIds from './plugins/rehype-heading-ids.ts'
import rehypeHighlightCode, { createCodeHighlighter } from './plugins/rehype-highlight-code.ts'
import { sanitizeSchema } from './sanitize-schema.ts'

export interface ProcessorOptions {
  fs: FileSystem
  maxIncludeDepth: number
  /** Shared Shiki highlighter (default: a new one; creating it costs ~100 ms). */
  highlighter?: HighlighterCore
}

export function createProcessor(options: ProcessorOptions) {
  const parser = unified().use(remarkParse).use(remarkGfm).freeze()
  const parse = (text: string): Root => parser.parse(text)
  const highlighter = options.highlighter ?? createCodeHighlighter()
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // mdast: DocFX syntax first, so later stages see plain Markdown nodes.
      .use(remarkInclude, { fs: options.fs, parse, maxDepth: options.maxIncludeDepth })
      .use(remarkDocfxAlerts)
      .use(remarkRewriteLinks)
      .use(remarkRehype, { allowDangerousHtml: true })
      // hast: raw HTML becomes elements, DocFX anchors become ids, then sanitize.
      .use(rehypeRaw)
      .use(rehypeHeadingAnchorNames)
      .use(rehypeSanitize, sanitizeSchema)
      // Trusted output from here on.
      .use(rehypeHeadingIds)
      .use(rehypeHighlightCode, { highlighter })
      .use(rehypeStringify)
      .freeze()
  )
}

export type Processor = ReturnType<typeof createProcessor>
