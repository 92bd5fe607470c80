/**
 * What a build reads every article and TOC for before rendering any page,
 * kept between builds by stat-cache.ts, so a no-change build of the corpus
 * reads none of its 2,635 articles and 29 TOCs: an article's digest (the
 * page cache's key, page-cache.ts) and the `uid` it defines (the xref
 * index), in `<cacheDir>/articles.json`; a TOC's parsed entries and
 * problems, in `<cacheDir>/tocs.json`; the front-matter facts the translation
 * status compares (i18n/article-facts.ts), in `<cacheDir>/status.json`.
 */
import type { ReadLimits } from '../content/read-contained.ts'
import type { StatusFacts } from '../i18n/article-facts.ts'
import type { TocFacts } from '../nav/nav-index.ts'
import { codeFingerprint } from './site-fingerprint.ts'
import { openStatCache, type StatCache } from './stat-cache.ts'

/** What kept facts depend on besides their file: tolk's code (how it reads and parses) and the read limits. */
export function sourceFactsKey(limits: ReadLimits): string {
  return JSON.stringify([codeFingerprint(), limits])
}

/** Where the front matter's (or YAML page's) `uid` is, and the title cross-references show for it. */
export interface ArticleUid {
  uid: string
  name: string
  line: number
  column: number
}

export interface ArticleFacts {
  /** Digest of the article as read (its text and any problem decoding it). */
  digest: string
  uid?: ArticleUid | undefined
}

export function openArticleFacts(cacheDir: string | undefined, key: string, clock?: { now(): number }): StatCache<ArticleFacts> {
  return openStatCache(cacheDir, { name: 'articles.json', key, valid: isArticleFacts, ...(clock ? { clock } : {}) })
}

function isArticleFacts(value: unknown): value is ArticleFacts {
  const facts = value as ArticleFacts | null
  return typeof facts?.digest === 'string' && (facts.uid === undefined || typeof facts.uid.uid === 'string')
}

export function openTocFacts(cacheDir: string | undefined, key: string, clock?: { now(): number }): StatCache<TocFacts> {
  return openStatCache(cacheDir, { name: 'tocs.json', key, valid: isTocFacts, ...(clock ? { clock } : {}) })
}

function isTocFacts(value: unknown): value is TocFacts {
  const facts = value as TocFacts | null
  return Array.isArray(facts?.entries) && Array.isArray(facts.messages)
}

export function openStatusFacts(cacheDir: string | undefined, key: string): StatCache<StatusFacts> {
  return openStatCache(cacheDir, { name: 'status.json', key, valid: isStatusFacts })
}

function isStatusFacts(value: unknown): value is StatusFacts {
  return typeof (value as StatusFacts | null)?.machine === 'boolean'
}
