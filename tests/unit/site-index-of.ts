/**
 * A site index made by the real `createSiteIndex` from lists of paths, for
 * unit tests of the stages that read it (links, nav, redirect pages). Nothing
 * touches the disk: sources live under `/virtual/<locale>/`.
 */
import { VFile } from 'vfile'
import { resolveConfig } from '../../src/config/resolve-config.ts'
import type { ResolvedConfig } from '../../src/config/schema.ts'
import type { LocaleSources, SourceRef } from '../../src/content/discover.ts'
import { createSiteIndex, type SiteIndex } from '../../src/content/site-index.ts'
import { movedArticles } from '../../src/links/resolve-link.ts'

export interface SiteSpec {
  /** locale → article paths; locales in config order. */
  articles: Record<string, string[]>
  assets?: Record<string, string[]>
  tocs?: Record<string, string[]>
  yamlPages?: Record<string, string[]>
  /** `source_path` → `redirect_url`. */
  redirects?: Record<string, string>
  /** locale → its own redirection file's `source_path` → `redirect_url`. */
  localeRedirects?: Record<string, Record<string, string>>
  externalRoots?: Record<string, string>
  ignoreLinks?: string[]
  /** Default: the first locale. */
  defaultLocale?: string
  siteUrl?: string | undefined
  /** Untranslated articles: a page in every locale (`page`, the config default) or links to the default locale's (`none`). */
  fallback?: 'page' | 'none'
}

export function sourceRef(locale: string, relPath: string): SourceRef {
  return { locale, root: `/virtual/${locale}`, relPath, absPath: `/virtual/${locale}/${relPath}` }
}

/** The config a `tolk.config.ts` in `/virtual` with these settings resolves to (defaults filled by the real schema). */
export function configOf(spec: SiteSpec): ResolvedConfig {
  const input = {
    ...(spec.siteUrl ? { siteUrl: spec.siteUrl } : {}),
    locales: Object.fromEntries(Object.keys(spec.articles).map((code) => [code, { root: code }])),
    defaultLocale: spec.defaultLocale ?? Object.keys(spec.articles)[0]!,
    externalRoots: spec.externalRoots ?? {},
    ignoreLinks: spec.ignoreLinks ?? [],
    redirectionFile: '.openpublishing.redirection.json',
    ...(spec.fallback ? { fallback: spec.fallback } : {}),
  }
  const { config, file } = resolveConfig(input, new VFile({ path: '/virtual/tolk.config.ts' }), '/virtual')
  if (!config) throw new Error(`invalid test config: ${file.messages.map(String).join('; ')}`)
  return config
}

export function sourcesOf(spec: SiteSpec): Map<string, LocaleSources> {
  const refs = (lists: Record<string, string[]> | undefined, locale: string) => (lists?.[locale] ?? []).map((relPath) => sourceRef(locale, relPath))
  return new Map(
    Object.keys(spec.articles).map((locale) => [
      locale,
      { articles: refs(spec.articles, locale), assets: refs(spec.assets, locale), tocs: refs(spec.tocs, locale), yamlPages: refs(spec.yamlPages, locale) },
    ]),
  )
}

export function siteIndexOf(spec: SiteSpec): SiteIndex {
  const site = createSiteIndex(configOf(spec), sourcesOf(spec), {
    redirects: new Map(Object.entries(spec.redirects ?? {})),
    localeRedirects: new Map(Object.entries(spec.localeRedirects ?? {}).map(([locale, entries]) => [locale, new Map(Object.entries(entries))])),
  })
  site.movedByLocale = movedArticles(site)
  return site
}
