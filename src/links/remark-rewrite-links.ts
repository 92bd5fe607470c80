/**
 * Point links and images at built pages and copied assets (see
 * resolve-link.ts for where each kind of link goes), report what cannot be
 * resolved, and note every `#fragment` so the build can check it against the
 * target page's ids once all pages are rendered.
 */
import type { Definition, Image, ImageReference, Link, LinkReference, Root } from 'mdast'
import { visit } from '../tree/visit.ts'
import { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import type { RuleId } from '../diagnostics/rules.ts'
import { slashedPath } from './backslash-path.ts'
import { resolveLink, type LinkTarget } from './resolve-link.ts'
import { printableUrl, safeUrl } from './url-policy.ts'
import { articlePath, relativeUrl } from './urls.ts'

/** A `#fragment` to look for on a page once every page's ids are known. */
export interface AnchorCheck {
  locale: string
  relPath: string
  hash: string
  /** The link as written, for the message. */
  written: string
  /** File the link is written in (the page, or an include). */
  file: string
  line: number
  column: number
}

declare module 'vfile' {
  interface DataMap {
    anchorChecks: AnchorCheck[]
  }
}

export default function remarkRewriteLinks() {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    if (!page) return
    const checks: AnchorCheck[] = (file.data.anchorChecks = [])
    const from = articlePath(page.locale, page.relPath)
    const refusedDefinitions = new Set<string>()
    const deadDefinitions = new Set<string>()
    /**
     * A link that leads nowhere (a broken link, a missing download, a YAML
     * page tolk does not build) keeps its text but loses its `href`, like a
     * refused URL: when its rule is only a warning the site is still
     * published, and a reader must not follow it into a 404. Docusaurus's
     * `onBrokenLinks: 'warn'` writes the dead link as is; Hugo's
     * `refLinksNotFoundURL` swaps in a placeholder URL; tolk writes no URL,
     * and the diagnostic at the link says what is missing. An image keeps
     * its `src`, so the reader sees its alt text where the picture would be
     * (a documented missing asset: translation trees ship no media).
     */
    const leadsNowhere = (node: Link | Image | Definition): boolean => {
      if (node.type === 'image') return false
      // `[text][ref]` loses its URL; `![alt][ref]` keeps it, as an image does.
      if (node.type === 'definition') deadDefinitions.add(node.identifier)
      else dropUrl(node)
      return node.type === 'link'
    }
    visit(tree, function (node) {
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') return
      // Links from an include were rebased onto the page; messages quote them as written in the include.
      const written = node.data?.sourceUrl ?? node.url
      // `..\media\a.png` is read as `../media/a.png` (an include's links were read so when rebased).
      const slashed = slashedPath(written)
      if (slashed !== undefined) reportAt(file, node, 'link-backslash', `\`${written}\` separates folders with \`\\\`; read as \`${slashed}\` (write \`/\`)`)
      node.url = slashedPath(node.url) ?? node.url
      const target = resolveLink(node.url, {
        site: page.site,
        locale: page.locale,
        relPath: page.relPath,
        isImage: node.type === 'image',
        written,
        docsetDir: page.roots.docsetDir,
      })
      const place = node.position?.start ?? { line: 1, column: 1 }
      const sourceFile = node.data?.sourceFile ?? String(file.path)
      switch (target.kind) {
        case 'keep':
          break
        case 'fragment':
          if (target.hash) checks.push({ locale: page.locale, relPath: page.relPath, hash: target.hash, written, file: sourceFile, ...place })
          break
        case 'url':
          node.url = target.url
          break
        case 'unbuilt':
          reportAt(file, node, 'link-to-unbuilt-page', `\`${written}\` is a DocFX YAML page, which tolk does not build yet; the link text is shown without a link`)
          if (leadsNowhere(node)) return
          break
        case 'broken':
          reportAt(file, node, target.problem.rule, target.problem.reason)
          if (leadsNowhere(node)) return
          break
        default:
          node.url = urlOf(from, target)
          for (const warning of target.warnings) reportAt(file, node, warning.rule, warning.reason)
          if (target.kind === 'page' && target.hash) {
            checks.push({ locale: target.locale, relPath: target.relPath, hash: target.hash, written, file: sourceFile, ...place })
          }
      }
      // Whatever the link became, it is written only as the URL policy allows.
      const verdict = safeUrl(node.url)
      if (verdict.ok) {
        node.url = verdict.url
        return
      }
      reportAt(file, node, 'unsafe-url', `Link \`${printableUrl(written)}\` is not written: ${verdict.reason}`)
      dropUrl(node)
      if (node.type === 'definition') refusedDefinitions.add(node.identifier)
    })
    // `[text][ref]` takes its URL from the definition: written without one, not as `href=""`.
    if (refusedDefinitions.size > 0 || deadDefinitions.size > 0) {
      visit(tree, function (node) {
        if ((node.type === 'linkReference' || node.type === 'imageReference') && refusedDefinitions.has(node.identifier)) dropUrl(node)
        else if (node.type === 'linkReference' && deadDefinitions.has(node.identifier)) dropUrl(node)
      })
    }
  }
}

export function urlOf(from: string, target: Extract<LinkTarget, { kind: 'page' | 'asset' }>): string {
  const to = target.kind === 'page' ? articlePath(target.locale, target.relPath) : `${target.locale}/${target.relPath}`
  // Paths are kept decoded (`my file.md`); the href needs them encoded.
  return encodeURI(relativeUrl(from, to)) + target.search + (target.hash ? `#${encodeURI(target.hash)}` : '')
}

/** Write the element without its `href`/`src` (a definition has no element: its references get an empty URL). */
function dropUrl(node: Link | Image | Definition | LinkReference | ImageReference): void {
  if ('url' in node) node.url = ''
  if (node.type === 'definition') return
  const image = node.type === 'image' || node.type === 'imageReference'
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, [image ? 'src' : 'href']: undefined } }
}

/** Messages about nodes that came from an include go to the include file. */
function reportAt(file: VFile, node: Link | Image | Definition, rule: RuleId, reason: string): void {
  const source = node.data?.sourceFile
  if (!source) {
    report(file, rule, reason, node)
    return
  }
  file.messages.push(report(new VFile({ path: source }), rule, reason, node))
}
