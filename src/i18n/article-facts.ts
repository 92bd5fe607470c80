/**
 * The front-matter facts the outdated check needs (see translation-status.ts),
 * read from a default-locale article on disk or from a translation's
 * already-read metadata. Shared by page rendering and `tolk status`, so a
 * page's banner and the status table always agree.
 */
import { VFile } from 'vfile'
import type { StatCache } from '../cache/stat-cache.ts'
import type { SourceRef } from '../content/discover.ts'
import { decodeText, readContainedBytes, type ReadLimits } from '../content/read-contained.ts'
import { readArticleMeta, type ArticleMeta } from '../front-matter/article-meta.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { sourceHash, type DefaultArticleFacts, type TranslationFacts } from './translation-status.ts'

/**
 * What the translation status needs of one article file, on either side of
 * the comparison: the SHA-1 of its bytes as on disk (as `sha1sum` prints
 * it), `tolk.source-hash`, `ms.openlocfilehash`, `ms.date` (ms since the
 * epoch) and whether it is machine translated. Plain data, so the status
 * facts cache (cache/source-facts.ts) can keep it between builds.
 */
export interface StatusFacts {
  /** `undefined` when the file cannot be read. */
  fileHash?: string | undefined
  tolkSourceHash?: string | undefined
  originHash?: string | undefined
  date?: number | undefined
  machine: boolean
}

/** Read `ref`'s status facts. Problems in its front matter are not reported here: its own page reports them. */
export function readStatusFacts(ref: SourceRef, limits: ReadLimits): StatusFacts {
  const read = readContainedBytes(ref.absPath, [ref.root], limits)
  if (!read.ok) return { machine: false }
  const file = new VFile({ path: ref.absPath, value: decodeText(read.bytes).text })
  const meta = readArticleMeta(file, parseFrontMatter(file).data, true)
  return {
    fileHash: sourceHash(read.bytes),
    tolkSourceHash: meta.tolkSourceHash,
    originHash: meta.originHash,
    date: meta.dateValue?.getTime(),
    machine: meta.machineTranslated,
  }
}

/** `ref`'s status facts, from `facts` while its file is unchanged (cache/stat-cache.ts). */
export function cachedStatusFacts(facts: StatCache<StatusFacts>, ref: SourceRef, limits: ReadLimits): StatusFacts {
  // `readStatusFacts` never gives `undefined`, so neither does `factsOf`.
  return facts.factsOf(ref.absPath, () => readStatusFacts(ref, limits))!
}

/** The default-locale article's side of the comparison: its SHA-1, `ms.openlocfilehash` and `ms.date`. */
export function defaultArticleFacts(facts: StatusFacts): DefaultArticleFacts {
  return { fileHash: facts.fileHash, originHash: facts.originHash, date: facts.date === undefined ? undefined : new Date(facts.date) }
}

/** A translation's side of the comparison, from its status facts (as `translationFacts` makes it from a rendered page's metadata). */
export function translationStatusFacts(facts: StatusFacts, defaultArticle: DefaultArticleFacts | undefined): TranslationFacts {
  return {
    isDefaultLocale: false,
    tolkSourceHash: facts.tolkSourceHash,
    originHash: facts.originHash,
    date: facts.date === undefined ? undefined : new Date(facts.date),
    defaultArticle,
    machine: facts.machine,
  }
}

/** The translation's side of the comparison, from its metadata. */
export function translationFacts(
  meta: ArticleMeta,
  isDefaultLocale: boolean,
  defaultArticle: DefaultArticleFacts | undefined,
): TranslationFacts {
  return {
    isDefaultLocale,
    tolkSourceHash: meta.tolkSourceHash,
    originHash: meta.originHash,
    date: meta.dateValue,
    defaultArticle,
    machine: meta.machineTranslated,
  }
}
