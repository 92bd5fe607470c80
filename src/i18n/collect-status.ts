/**
 * The translation status of a whole site, from front matter alone (no
 * rendering): per locale, which articles are up to date, outdated, made
 * from a newer source than the default locale's, of unknown age, missing,
 * and machine translated (the decision is translation-status.ts's).
 */
import { VFile } from 'vfile'
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources, SourceRef } from '../content/discover.ts'
import { readContained, type ReadLimits } from '../content/read-contained.ts'
import { urlKeyOf } from '../content/site-index.ts'
import { readArticleMeta } from '../front-matter/article-meta.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { readDefaultArticleFacts, translationFacts } from './article-facts.ts'
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

export function collectStatus(config: ResolvedConfig, sources: Map<string, LocaleSources>): LocaleStatus[] {
  const defaults = sources.get(config.defaultLocale)?.articles ?? []
  const limits: ReadLimits = { maxFileSize: config.maxFileSize }
  // Read when a translation needs it: a one-locale site (or a missing translation) reads no default article.
  const originals = new Map<string, DefaultArticleFacts>()
  const originalOf = (ref: SourceRef): DefaultArticleFacts => {
    let facts = originals.get(ref.relPath)
    if (!facts) originals.set(ref.relPath, (facts = readDefaultArticleFacts(ref, limits)))
    return facts
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
      const read = readContained(translation.absPath, [translation.root], limits)
      const file = new VFile({ path: translation.absPath, value: read.ok ? read.text : '' })
      const meta = readArticleMeta(file, parseFrontMatter(file).data, false)
      const info = translationState(translationFacts(meta, false, originalOf(source)))
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
