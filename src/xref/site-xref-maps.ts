/**
 * The site's own `xrefmap.yml`, so other DocFX or tolk sites can link its
 * articles by uid: one per locale at `<locale>/xrefmap.yml` (the uids a
 * reader of that locale can follow: its own, and the default locale's where
 * it has none, pointing at the page that reader gets), and one at the root
 * with the default locale's. Hrefs are relative to the map's folder, and
 * `baseUrl` is that folder's URL when `siteUrl` is set. Sorted by uid, so a
 * build writes the same bytes every time. Written only when some article
 * defines a uid.
 */
import { stringify } from 'yaml'
import type { ResolvedConfig } from '../config/schema.ts'
import type { SiteIndex } from '../content/site-index.ts'
import { articlePath, relativeUrl } from '../links/urls.ts'
import { computedUrl } from '../links/url-policy.ts'

export interface XrefMapFile {
  /** Path below the output folder. */
  relFile: string
  text: string
}

export function siteXrefMaps(config: ResolvedConfig, site: SiteIndex): XrefMapFile[] {
  const index = site.xref
  if (!index || [...index.byLocale.values()].every((uids) => uids.size === 0)) return []
  const files: XrefMapFile[] = []
  for (const locale of site.locales) {
    files.push({ relFile: `${locale}/xrefmap.yml`, text: mapText(config, site, locale, `${locale}/`) })
    if (locale === site.defaultLocale) files.push({ relFile: 'xrefmap.yml', text: mapText(config, site, locale, '') })
  }
  return files
}

function mapText(config: ResolvedConfig, site: SiteIndex, locale: string, folder: string): string {
  const own = site.xref!.byLocale.get(locale)!
  const fallback = locale === site.defaultLocale ? new Map() : site.xref!.byLocale.get(site.defaultLocale)!
  const references = [...new Set([...own.keys(), ...fallback.keys()])].sort(byCodePoint).map((uid) => {
    const spec = own.get(uid) ?? fallback.get(uid)!
    const pageLocale = own.has(uid) || site.articlesByLocale.get(locale)?.has(spec.relPath) || site.fallbackPages ? locale : site.defaultLocale
    // Relative to the map's folder (`./a/`, `../en-us/a/`); the URL policy judges it as any URL tolk writes.
    const href = computedUrl(encodeURI(relativeUrl(folder, articlePath(pageLocale, spec.relPath))))
    return { uid, name: spec.name, href }
  })
  const document: Record<string, unknown> = { sorted: true }
  if (config.siteUrl) document['baseUrl'] = `${config.siteUrl}/${folder}`
  document['references'] = references
  return `### YamlMime:XRefMap\n${stringify(document, { lineWidth: 0 })}`
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
