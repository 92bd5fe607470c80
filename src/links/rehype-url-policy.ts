/**
 * The last word on an article's URLs: every URL attribute that survived the
 * sanitizer and tolk's own plugins goes through the URL policy
 * (url-policy.ts). Relative URLs get their `./`; a URL the policy refuses
 * (raw HTML `<a href="//evil.example">`, `irc:`, which GitHub's allowlist
 * lets through) is removed with an `unsafe-url` error at the element.
 * Markdown links were already judged in remark-rewrite-links.ts, at their
 * Markdown position.
 */
import type { Element, Root } from 'hast'
import { visit } from '../tree/visit.ts'
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import { printableUrl, safeUrl } from './url-policy.ts'

/** hast property names of the attributes that hold one URL. */
const urlProperties = ['href', 'src', 'poster', 'action', 'formAction', 'cite', 'longDesc', 'data', 'xLinkHref']

export default function rehypeUrlPolicy() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'element', function (node: Element) {
      for (const name of urlProperties) {
        const value = node.properties[name]
        if (value === undefined || value === null) continue
        // `<a href>` or `href=""` points at nothing: the element is written without it.
        if (String(value).trim() === '') {
          delete node.properties[name]
          continue
        }
        const verdict = safeUrl(Array.isArray(value) ? value.join(' ') : String(value))
        if (verdict.ok) {
          node.properties[name] = verdict.url
          continue
        }
        refuse(file, node, name, String(value), verdict.reason)
      }
      const srcSet = node.properties['srcSet']
      if (srcSet !== undefined && srcSet !== null) {
        const candidates = Array.isArray(srcSet) ? srcSet.map(String) : String(srcSet).split(',')
        const checked: string[] = []
        for (const candidate of candidates) {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/)
          const verdict = safeUrl(url)
          if (verdict.ok) checked.push([verdict.url, ...descriptor].join(' '))
          else refuse(file, node, 'srcSet', url, verdict.reason)
        }
        if (checked.length) node.properties['srcSet'] = checked.join(', ')
        else delete node.properties['srcSet']
      }
    })
  }
}

function refuse(file: VFile, node: Element, name: string, url: string, reason: string): void {
  delete node.properties[name]
  report(file, 'unsafe-url', `\`${printableUrl(url)}\` in \`${name.toLowerCase()}\` on \`<${node.tagName}>\` is not written: ${reason}`, node.position ? node : undefined)
}
