/**
 * The front-matter facts the outdated check needs (see translation-status.ts),
 * read from a default-locale article on disk or from a translation's
 * already-read metadata. Shared by page rendering and `tolk status`, so a
 * page's banner and the status table always agree.
 */
import { VFile } from 'vfile'
import type { SourceRef } from '../content/discover.ts'
import { decodeText, readContainedBytes, type ReadLimits } from '../content/read-contained.ts'
import { readArticleMeta, type ArticleMeta } from '../front-matter/article-meta.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { sourceHash, type DefaultArticleFacts, type TranslationFacts } from './translation-status.ts'

/**
 * The default-locale article's SHA-1 (of its bytes as on disk, as `sha1sum`
 * prints it), `ms.openlocfilehash` and `ms.date`. Problems in its front matter
 * are not reported here: its own page reports them.
 */
export function readDefaultArticleFacts(ref: SourceRef, limits: ReadLimits): DefaultArticleFacts {
  const read = readContainedBytes(ref.absPath, [ref.root], limits)
  if (!read.ok) return { fileHash: undefined, originHash: undefined, date: undefined }
  const file = new VFile({ path: ref.absPath, value: decodeText(read.bytes).text })
  const meta = readArticleMeta(file, parseFrontMatter(file).data, true)
  return { fileHash: sourceHash(read.bytes), originHash: meta.originHash, date: meta.dateValue }
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
