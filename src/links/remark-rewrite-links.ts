/**
 * Point relative links and images at built pages and copied assets:
 * `analyze.md#triage` → `../analyze/#triage` in the page's own locale, or the
 * default locale's page when the article is not translated yet. A `.md`
 * target that is not in the build is a `broken-link` error.
 */
import type { Definition, Image, Link, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { assetLocale, landingLocale } from '../content/site-index.ts'
import type { PageContext } from '../markdown/page-context.ts'
import { articlePath, isExternal, relativeUrl, resolveRelPath, splitUrl } from './urls.ts'

export default function remarkRewriteLinks() {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    if (!page) return
    visit(tree, function (node) {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return
      const result = rewrite(node.url, page, node.type === 'image')
      if (typeof result === 'string') node.url = result
      else if (result) reportAt(file, node, result.rule, result.reason)
    })
  }
}

type Rewrite = string | { rule: RuleId; reason: string } | undefined

/** The new URL, a problem to report, or `undefined` to leave the URL alone. */
export function rewrite(url: string, page: PageContext, isImage: boolean): Rewrite {
  if (!url || url.startsWith('#') || url.startsWith('/') || url.startsWith('~') || isExternal(url)) return undefined
  const { pathname, search, hash } = splitUrl(url)
  if (!pathname) return undefined
  const from = articlePath(page.locale, page.relPath)
  const target = resolveRelPath(page.relPath, pathname)
  if (target === undefined) return { rule: 'broken-link', reason: `Link \`${url}\` points outside the content root` }
  const suffix = search + (hash ? `#${hash}` : '')
  const site = page.site
  if (!isImage) {
    const article = articleFor(target, pathname)
    if (article) {
      const locale = landingLocale(site, article, page.locale)
      if (locale) return relativeUrl(from, articlePath(locale, article)) + suffix
      if (/\.md$/i.test(pathname)) return { rule: 'broken-link', reason: `Cannot find \`${pathname}\` (resolved to \`${target}\`)` }
    }
    const folderIndex = `${target ? `${target}/` : ''}index.md`
    const locale = landingLocale(site, folderIndex, page.locale)
    if (locale) return relativeUrl(from, articlePath(locale, folderIndex)) + suffix
  }
  const locale = assetLocale(site, target, page.locale) ?? page.locale
  return relativeUrl(from, `${locale}/${target}`) + suffix
}

function articleFor(target: string, pathname: string): string | undefined {
  return /\.md$/i.test(pathname) ? target : undefined
}

/** Messages about nodes that came from an include go to the include file. */
function reportAt(file: VFile, node: Link | Image | Definition, rule: RuleId, reason: string): void {
  const source = node.data?.sourceFile
  if (!source) {
    report(file, rule, reason, node)
    return
  }
  const message = report(new VFile({ path: source }), rule, reason, node)
  file.messages.push(message)
}
