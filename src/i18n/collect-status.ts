/**
 * The translation status of a whole site, from front matter alone (no
 * rendering): per locale, which articles are up to date, outdated, made
 * from a newer source than the default locale's, of unknown age, missing,
 * and machine translated (the decision is translation-status.ts's).
 */
import { openStatusFacts } from '../cache/source-facts.ts'
import type { StatCache } from '../cache/stat-cache.ts'
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources, SourceRef } from '../content/discover.ts'
import type { ReadLimits } from '../content/read-contained.ts'
import { urlKeyOf } from '../content/site-index.ts'
import { cachedStatusFacts, defaultArticleFacts, translationStatusFacts, type StatusFacts } from './article-facts.ts'
import { translationState, type DefaultArticleFacts } from './translation-status.ts'

export interface LocaleStatus {
  locale: string
  /** Default-locale articles this status is measured against. */
  total: number
  upToDate: string[]
  outdated: string[]
  /** Translations whose age cannot be told: no source hash, or made from a different source version of unknown order. */
  unknown: string[]
  missing: string[]
  machine: string[]
  /** Translations made from a newer version of the source than the default-locale article (itself a translation). */
  newer: string[]
}

export function collectStatus(config: ResolvedConfig, sources: Map<string, LocaleSources>, facts: StatCache<StatusFacts> = openStatusFacts(undefined, '')): LocaleStatus[] {
  const defaults = sources.get(config.defaultLocale)?.articles ?? []
  const limits: ReadLimits = { maxFileSize: config.maxFileSize }
  const factsOf = (ref: SourceRef): StatusFacts => cachedStatusFacts(facts, ref, limits)
  // Read when a translation needs it: a one-locale site (or a missing translation) reads no default article.
  const originals = new Map<string, DefaultArticleFacts>()
  const originalOf = (ref: SourceRef): DefaultArticleFacts => {
    let original = originals.get(ref.relPath)
    if (!original) originals.set(ref.relPath, (original = defaultArticleFacts(factsOf(ref))))
    return original
  }
  const statuses: LocaleStatus[] = []
  for (const locale of config.locales) {
    if (locale.code === config.defaultLocale) continue
    // Matched by URL: a locale's `faq.yml` translates the default locale's `faq.md`.
    const own = new Map((sources.get(locale.code)?.articles ?? []).map((ref) => [urlKeyOf(ref.relPath), ref]))
    const status: LocaleStatus = { locale: locale.code, total: defaults.length, upToDate: [], outdated: [], unknown: [], missing: [], machine: [], newer: [] }
    for (const source of defaults) {
      const translation = own.get(urlKeyOf(source.relPath))
      if (!translation) {
        status.missing.push(source.relPath)
        continue
      }
      // An unreadable translation counts as one of unknown age; `check` reports why.
      const info = translationState(translationStatusFacts(factsOf(translation), originalOf(source)))
      if (info.state === 'up-to-date') status.upToDate.push(source.relPath)
      else if (info.state === 'outdated') status.outdated.push(source.relPath)
      else if (info.state === 'newer') status.newer.push(source.relPath)
      else status.unknown.push(source.relPath)
      if (info.machine) status.machine.push(source.relPath)
    }
    statuses.push(status)
  }
  return statuses
}
