import { describe, expect, it } from 'vitest'
import { noticesFor } from '../../../src/i18n/notices.ts'
import { translationState, type DefaultArticleFacts, type TranslationFacts } from '../../../src/i18n/translation-status.ts'

const march = new Date(Date.UTC(2024, 2, 1))
const june = new Date(Date.UTC(2024, 5, 1))

/** The default-locale article as the source itself (no `ms.openlocfilehash`), its file hashing to `f1`. */
const sourceArticle: DefaultArticleFacts = { fileHash: 'f1', originHash: undefined, date: march }
/** The default-locale article as a translation too, made from source version `e1`, dated `date`. */
const translatedArticle = (date: Date | undefined): DefaultArticleFacts => ({ fileHash: 'f1', originHash: 'e1', date })

function facts(overrides: Partial<TranslationFacts>): TranslationFacts {
  return { isDefaultLocale: false, tolkSourceHash: undefined, originHash: undefined, date: undefined, defaultArticle: sourceArticle, machine: false, ...overrides }
}

// One case per row of the decision table in translation-status.ts, in its order.
describe('translationState', function () {
  it('should call a default-locale page the source', function () {
    expect(translationState(facts({ isDefaultLocale: true, originHash: 'e1', machine: true }))).toEqual({ state: 'source', machine: false })
  })

  it('should not tell the age of a translation without a default-locale article, or with an unreadable one', function () {
    expect(translationState(facts({ tolkSourceHash: 'f1', defaultArticle: undefined }))).toEqual({ state: 'unknown', machine: false })
    const unreadable = { fileHash: undefined, originHash: 'e1', date: march }
    expect(translationState(facts({ tolkSourceHash: 'f1', originHash: 'e1', defaultArticle: unreadable }))).toEqual({ state: 'unknown', machine: false })
  })

  it('should call a translation whose `tolk.source-hash` is the default file’s SHA-1 up to date, even when that file is a translation', function () {
    expect(translationState(facts({ tolkSourceHash: 'F1' }))).toEqual({ state: 'up-to-date', machine: false })
    expect(translationState(facts({ tolkSourceHash: 'f1', originHash: 'e0', date: march, defaultArticle: translatedArticle(june) }))).toEqual({
      state: 'up-to-date',
      machine: false,
    })
  })

  it('should call a translation whose `tolk.source-hash` differs from the default file’s SHA-1 outdated against that file', function () {
    expect(translationState(facts({ tolkSourceHash: 'f0', originHash: 'e1', defaultArticle: translatedArticle(undefined) }))).toEqual({
      state: 'outdated',
      machine: false,
      basis: 'default-file',
    })
  })

  it('should compare `ms.openlocfilehash` with the SHA-1 of a default-locale article that is the source', function () {
    expect(translationState(facts({ originHash: 'f1' }))).toEqual({ state: 'up-to-date', machine: false })
    expect(translationState(facts({ originHash: 'e9', date: june }))).toEqual({ state: 'outdated', machine: false, basis: 'default-file' })
  })

  it('should call two translations of the same source version up to date, whatever their dates', function () {
    expect(translationState(facts({ originHash: 'E1', date: march, defaultArticle: translatedArticle(june) }))).toEqual({ state: 'up-to-date', machine: false })
  })

  it('should call a translation of an older source version than the default article’s outdated against the shared source', function () {
    expect(translationState(facts({ originHash: 'e0', date: march, defaultArticle: translatedArticle(june), machine: true }))).toEqual({
      state: 'outdated',
      machine: true,
      basis: 'shared-source',
    })
  })

  it('should call a translation of a newer source version than the default article’s newer', function () {
    expect(translationState(facts({ originHash: 'e2', date: june, defaultArticle: translatedArticle(march) }))).toEqual({
      state: 'newer',
      machine: false,
      basis: 'shared-source',
    })
  })

  it('should not guess which of two source versions is newer without two different dates', function () {
    expect(translationState(facts({ originHash: 'e2', date: june, defaultArticle: translatedArticle(june) }))).toEqual({ state: 'unknown', machine: false })
    expect(translationState(facts({ originHash: 'e2', date: undefined, defaultArticle: translatedArticle(june) }))).toEqual({ state: 'unknown', machine: false })
    expect(translationState(facts({ originHash: 'e2', date: june, defaultArticle: translatedArticle(undefined) }))).toEqual({ state: 'unknown', machine: false })
  })

  it('should not tell the age of a translation that records no hash', function () {
    expect(translationState(facts({ date: june, machine: true }))).toEqual({ state: 'unknown', machine: true })
    expect(translationState(facts({ date: june, defaultArticle: translatedArticle(march) }))).toEqual({ state: 'unknown', machine: false })
  })
})

describe('noticesFor', function () {
  const t = (key: string) => `[${key}] {sourceLanguage}`
  const notices = (translation: Parameters<typeof noticesFor>[0]['translation']) =>
    noticesFor({ fallback: false, translation, language: 'Dansk', sourceLanguage: 'Nederlands', sourceLang: 'nl-NL', sourceHref: '../x/', t }).map(
      (notice) => [notice.kind, notice.text],
    )

  it('should word the banner by what the state was measured against', function () {
    expect(notices({ state: 'outdated', machine: false, basis: 'default-file' })).toEqual([['outdated', '[notice.outdated] Nederlands']])
    expect(notices({ state: 'outdated', machine: false, basis: 'shared-source' })).toEqual([['older-source', '[notice.older-source] Nederlands']])
    expect(notices({ state: 'newer', machine: true, basis: 'shared-source' })).toEqual([
      ['machine', '[notice.machine] Nederlands'],
      ['newer-source', '[notice.newer-source] Nederlands'],
    ])
  })

  it('should show no age banner for up-to-date, unknown or source pages', function () {
    for (const state of ['up-to-date', 'unknown', 'source'] as const) expect(notices({ state, machine: false })).toEqual([])
  })
})
