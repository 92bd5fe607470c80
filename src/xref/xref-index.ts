/**
 * The cross-reference index a build resolves uids against: per locale, the
 * uids its own articles define (front matter `uid`, or a Landing/FAQ page's
 * `uid`), then the external maps of `xrefMaps`. Made once in `prepareSite`;
 * pages read it through `SiteIndex.xref`.
 */

/** A uid one of the site's articles defines. */
export interface SiteXref {
  uid: string
  /** The article's path inside its locale's content root. */
  relPath: string
  /** Its title (front matter `title`, else its first `#` heading, else the uid): the link text of a link without one. */
  name: string
  /** Where `uid:` is written, for messages. */
  file: string
  line: number
  column: number
}

/** A uid from an external `xrefmap.yml`. */
export interface ExternalXref {
  uid: string
  /** Absolute `http(s)` URL. */
  href: string
  /** Its string properties as the map gives them (`name`, `fullName`, `nameWithType`, …). */
  properties: Record<string, string>
}

export interface XrefIndex {
  /** Locale → uid → the article of that locale defining it. */
  byLocale: Map<string, Map<string, SiteXref>>
  /** uid → its entry in the first external map naming it. */
  external: Map<string, ExternalXref>
}

export type XrefTarget =
  /** An article of the site: link its path, as an ordinary link would, from the reader's page. */
  | { kind: 'article'; relPath: string; name: string }
  | { kind: 'external'; href: string; name: string }

/**
 * Where `uid` leads for a reader of `locale`: the locale's own article,
 * else the default locale's (ordinary link resolution then finds the
 * locale's fallback page), else an external map's entry.
 * `displayProperty` picks the name of an external entry (`fullName`,
 * `nameWithType`); an article has only its title.
 */
export function resolveXref(index: XrefIndex, uid: string, locale: string, defaultLocale: string, displayProperty?: string): XrefTarget | undefined {
  for (const code of locale === defaultLocale ? [locale] : [locale, defaultLocale]) {
    const own = index.byLocale.get(code)?.get(uid)
    if (own) return { kind: 'article', relPath: own.relPath, name: own.name }
  }
  const external = index.external.get(uid)
  if (!external) return undefined
  const { properties } = external
  const name = (displayProperty !== undefined ? properties[displayProperty] : undefined) ?? properties['name'] ?? uid
  return { kind: 'external', href: external.href, name }
}

export function emptyXrefIndex(): XrefIndex {
  return { byLocale: new Map(), external: new Map() }
}
