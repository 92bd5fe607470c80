/**
 * Links written as raw HTML (`<a href="configure-endpoints.md">`, common in
 * DocFX tables) go where Markdown links go: resolved by resolve-link.ts,
 * reported with the same rules at the element, and written without an `href`
 * when they lead nowhere (see remark-rewrite-links.ts for why). Markdown
 * links were already rewritten before raw HTML became elements, so
 * `rehypeMarkMarkdownUrls` marks the elements Markdown made before
 * `rehype-raw` runs, and `rehypeRewriteRawLinks` judges only the others.
 */
import type { Element, Root } from 'hast'
import { visit } from '../tree/visit.ts'
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import type { AnchorCheck } from './remark-rewrite-links.ts'
import { urlOf } from './remark-rewrite-links.ts'
import { resolveLink } from './resolve-link.ts'
import { safeUrl } from './url-policy.ts'
import { articlePath } from './urls.ts'

/** Survives `rehype-raw` (it is an attribute); removed again right after it. */
const marker = 'dataTolkMarkdownUrl'

/** Before `rehype-raw`: every element with a URL so far came from Markdown. */
export function rehypeMarkMarkdownUrls() {
  return function (tree: Root): void {
    visit(tree, 'element', function (node: Element) {
      if (node.properties['href'] !== undefined || node.properties['src'] !== undefined) node.properties[marker] = ''
    })
  }
}

/** After `rehype-raw`: resolve the `href` of raw `<a>` and the `src` of raw `<img>`. */
export function rehypeRewriteRawLinks() {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    visit(tree, 'element', function (node: Element) {
      if (marker in node.properties) {
        delete node.properties[marker]
        return
      }
      if (!page) return
      const name = node.tagName === 'a' ? 'href' : node.tagName === 'img' ? 'src' : undefined
      const value = name && node.properties[name]
      if (!name || typeof value !== 'string') return
      const written = value.trim()
      // A URL the policy refuses is reported and removed by rehype-url-policy.ts, once.
      if (!safeUrl(written).ok) return
      const target = resolveLink(written, {
        site: page.site,
        locale: page.locale,
        relPath: page.relPath,
        isImage: name === 'src',
        written,
        docsetDir: page.roots.docsetDir,
      })
      const place = node.position?.start ?? { line: 1, column: 1 }
      const check = (locale: string, relPath: string, hash: string): void => {
        const checks: AnchorCheck[] = (file.data.anchorChecks ??= [])
        checks.push({ locale, relPath, hash, written, file: String(file.path), ...place })
      }
      switch (target.kind) {
        case 'keep':
          return
        case 'fragment':
          if (target.hash) check(page.locale, page.relPath, target.hash)
          return
        case 'url':
          node.properties[name] = target.url
          return
        case 'unbuilt':
          report(file, 'link-to-unbuilt-page', `\`${written}\` is a DocFX YAML page, which tolk does not build yet; the link text is shown without a link`, place)
          if (name === 'href') delete node.properties[name]
          return
        case 'broken':
          report(file, target.problem.rule, target.problem.reason, place)
          // An image keeps its `src`: the reader sees its alt text.
          if (name === 'href') delete node.properties[name]
          return
        default:
          node.properties[name] = urlOf(articlePath(page.locale, page.relPath), target)
          for (const warning of target.warnings) report(file, warning.rule, warning.reason, place)
          if (target.kind === 'page' && target.hash) check(target.locale, target.relPath, target.hash)
      }
    })
  }
}
