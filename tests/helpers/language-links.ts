/**
 * Dead links in a built site: every `href`/`src` of every HTML file and every
 * sitemap `<loc>`/`xhtml:link` that points into the site must land on a
 * written file. Relative URLs resolve against the page's folder; base-absolute
 * (`/docs/…`) and `siteUrl` ones against the output folder.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { listFiles } from './build-site.ts'

export interface DeadHref {
  /** The output file that holds the link. */
  file: string
  href: string
  /** The output file it should land on. */
  target: string
}

export interface SiteAddress {
  /** The configured base path, like `/docs/`. */
  base: string
  /** The configured `siteUrl`, without the base. */
  siteUrl?: string | undefined
}

/** Every link of the built site (HTML and sitemap) that lands on no written file. */
export function deadHrefs(outDir: string, address: SiteAddress): { checked: number; dead: DeadHref[] } {
  const dead: DeadHref[] = []
  let checked = 0
  const check = (file: string, url: string): void => {
    const target = targetOf(file, url, address)
    if (target === undefined) return
    checked++
    if (!landsOnFile(outDir, target)) dead.push({ file, href: url, target })
  }
  for (const file of listFiles(outDir)) {
    if (file.endsWith('.html')) {
      const tree = fromHtml(readFileSync(path.join(outDir, file), 'utf8'))
      for (const element of selectAll('[href], [src]', tree)) {
        const value = element.properties.href ?? element.properties.src
        if (typeof value === 'string') check(file, value)
      }
    } else if (file.endsWith('.xml')) {
      const xml = readFileSync(path.join(outDir, file), 'utf8')
      for (const match of xml.matchAll(/<loc>([^<]*)<\/loc>|\shref="([^"]*)"/g)) check(file, unescapeXml(match[1] ?? match[2]!))
    }
  }
  return { checked, dead }
}

/** The output file (`/`-separated, below the output folder) a URL on `file` points at; `undefined` for external URLs and same-page fragments. */
function targetOf(file: string, url: string, { base, siteUrl }: SiteAddress): string | undefined {
  const pathname = url.split('#')[0]!.split('?')[0]!
  if (pathname === '') return undefined
  let sitePath: string
  if (siteUrl && pathname.startsWith(`${siteUrl}${base}`)) sitePath = pathname.slice(`${siteUrl}${base}`.length)
  else if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(pathname)) return undefined
  else if (pathname.startsWith('/')) sitePath = pathname.startsWith(base) ? pathname.slice(base.length) : `../${pathname}`
  else sitePath = path.posix.join(path.posix.dirname(file), decodeURI(pathname))
  const normal = path.posix.normalize(sitePath)
  return pathname.endsWith('/') || normal === '.' ? path.posix.join(normal, 'index.html') : normal
}

function landsOnFile(outDir: string, target: string): boolean {
  if (target.startsWith('../')) return false
  const absPath = path.join(outDir, target)
  return existsSync(absPath) && statSync(absPath).isFile()
}

function unescapeXml(text: string): string {
  return text.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
}
