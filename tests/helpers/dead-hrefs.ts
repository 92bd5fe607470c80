/**
 * Find the links in a built site that lead nowhere: every `href` (and the URL
 * of a `<meta http-equiv=refresh>`) and every `src` in every `.html` file,
 * resolved against its file and the site `base`, that lands on no written
 * file. `x/` lands on `x/index.html`, and so does `x` when there is no file
 * `x` (static servers redirect it). External URLs (`http:`, `https:`, `//host`),
 * `mailto:`/`tel:` and same-page `#fragment`s are not judged; fragments are the
 * anchor checker's business, not this one's. `src`s are listed apart from
 * `href`s: a missing image keeps its `<img>` and alt text, a documented gap.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Element } from 'hast'
import { visit } from 'unist-util-visit'
import { listFiles } from './build-site.ts'
import { refreshUrl } from './url-policy-check.ts'

export interface DeadRef {
  /** The HTML file the URL is written in, relative to the output folder. */
  file: string
  /** `a href`, `link href`, `meta refresh`, `img src`, … */
  where: string
  url: string
  /** The output path it was looked for at (`` for a URL outside `base`). */
  target: string
}

export interface DeadRefs {
  hrefs: DeadRef[]
  srcs: DeadRef[]
  /** How many URLs were judged (external ones not counted). */
  checked: { hrefs: number; srcs: number }
}

/** Dead hrefs and srcs of an output folder on disk. */
export function deadRefsInFolder(outDir: string, base = '/'): DeadRefs {
  const files = listFiles(outDir)
  const html = new Map<string, string>()
  for (const file of files) if (file.endsWith('.html')) html.set(file, readFileSync(path.join(outDir, file), 'utf8'))
  return deadRefs(new Set(files), html, base)
}

/**
 * Dead hrefs and srcs given every written file's path (relative, `/`-separated)
 * and the text of the HTML ones.
 */
export function deadRefs(written: ReadonlySet<string>, html: ReadonlyMap<string, string>, base = '/'): DeadRefs {
  const result: DeadRefs = { hrefs: [], srcs: [], checked: { hrefs: 0, srcs: 0 } }
  for (const [file, text] of [...html].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    visit(fromHtml(text), 'element', function (node: Element) {
      const props = node.properties
      const judge = (kind: 'hrefs' | 'srcs', attribute: string, url: string): void => {
        const target = landing(file, url, base)
        if (target === undefined) return
        result.checked[kind]++
        if (target !== '' && lands(target, written)) return
        result[kind].push({ file, where: `${node.tagName} ${attribute}`, url, target })
      }
      if (typeof props['href'] === 'string') judge('hrefs', 'href', props['href'])
      if (typeof props['src'] === 'string') judge('srcs', 'src', props['src'])
      if (node.tagName === 'meta' && String(props['httpEquiv']).toLowerCase() === 'refresh' && typeof props['content'] === 'string') {
        const url = refreshUrl(props['content'])
        if (url !== undefined) judge('hrefs', 'refresh', url)
      }
    })
  }
  return result
}

/**
 * The output path `url`, written in `file`, lands on: `undefined` when it is
 * not judged (external, `mailto:`, a pure `#fragment`), `''` when it leaves
 * the site's `base`.
 */
export function landing(file: string, url: string, base = '/'): string | undefined {
  const trimmed = url.trim()
  if (trimmed.startsWith('#')) return undefined
  if (/^(?:https?|mailto|tel):/i.test(trimmed) || trimmed.startsWith('//')) return undefined
  // Any other scheme (`javascript:`, `data:`, `file:`) leads to no written file.
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return ''
  const pathname = trimmed.split('#')[0]!.split('?')[0]!
  if (pathname === '') return file
  const absolute = pathname.startsWith('/') ? pathname : `${base}${path.posix.dirname(file)}/${pathname}`
  // Resolving `..` beyond the host's root stays at the root, as a browser does.
  let resolved: string
  try {
    resolved = decodeURIComponent(new URL(absolute, 'http://site.invalid').pathname)
  } catch {
    return ''
  }
  const wasFolder = resolved.endsWith('/')
  if (!`${resolved}${wasFolder ? '' : '/'}`.startsWith(base)) return ''
  const inside = resolved.slice(base.length)
  if (inside === '') return 'index.html'
  return wasFolder ? `${inside}index.html` : inside
}

function lands(target: string, written: ReadonlySet<string>): boolean {
  return written.has(target) || (!target.endsWith('/index.html') && written.has(`${target}/index.html`))
}

/** `{ 'a href': 3, 'img src': 1 }`: dead refs counted by where they are written. */
export function countByWhere(refs: readonly DeadRef[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const ref of refs) counts[ref.where] = (counts[ref.where] ?? 0) + 1
  return counts
}
