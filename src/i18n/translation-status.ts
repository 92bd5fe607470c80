/**
 * How each translation stands against its default-locale article. Two
 * records tell it:
 *
 * - `tolk.source-hash`: tolk's own, the SHA-1 of the default-locale file the
 *   translation was made from (what `sha1sum` prints);
 * - `ms.openlocfilehash`: DocFX's, the hash of the source (usually English)
 *   the translation was made from. When the default-locale article carries
 *   one too, it is itself a translation, and its file's SHA-1 can never
 *   match: the two translations are compared by the source they came from.
 *
 * The decision, first matching row wins (T = the translation, D = the
 * default-locale article of the same path):
 *
 * | T / D                                  | compared                                   | state        | banner         |
 * |----------------------------------------|--------------------------------------------|--------------|----------------|
 * | T is in the default locale             | –                                          | `source`     | none           |
 * | no D, or D cannot be read              | –                                          | `unknown`    | none           |
 * | T has `tolk.source-hash`               | it equals SHA-1 of D                       | `up-to-date` | none           |
 * | T has `tolk.source-hash`               | it differs from SHA-1 of D                 | `outdated`   | `outdated`     |
 * | D has no `ms.openlocfilehash` (source) | T's `ms.openlocfilehash` = SHA-1 of D      | `up-to-date` | none           |
 * | D has no `ms.openlocfilehash` (source) | T's `ms.openlocfilehash` ≠ SHA-1 of D      | `outdated`   | `outdated`     |
 * | D has `ms.openlocfilehash`             | both `ms.openlocfilehash` equal            | `up-to-date` | none           |
 * | D has `ms.openlocfilehash`             | differ, T's `ms.date` before D's           | `outdated`   | `older-source` |
 * | D has `ms.openlocfilehash`             | differ, T's `ms.date` after D's            | `newer`      | `newer-source` |
 * | D has `ms.openlocfilehash`             | differ, same `ms.date` or either has none  | `unknown`    | none           |
 * | T records no hash                      | –                                          | `unknown`    | none           |
 *
 * A difference is only called outdated when tolk can tell which side is
 * newer: a banner that is wrong on most pages teaches readers to ignore it.
 */
import { createHash } from 'node:crypto'

export type TranslationState = 'source' | 'up-to-date' | 'outdated' | 'newer' | 'unknown' | 'missing'

export interface TranslationInfo {
  state: TranslationState
  /** `ms.translationtype: MT` or `tolk.machine-translated: true`. */
  machine: boolean
  /**
   * What an `outdated` or `newer` state was measured against: the
   * default-locale file itself, or the source both translations were made
   * from (when the default-locale article is a translation too).
   */
  basis?: 'default-file' | 'shared-source'
}

/** SHA-1 of a source file's bytes, as `sha1sum` prints it. */
export function sourceHash(bytes: string | Buffer): string {
  return createHash('sha1').update(bytes).digest('hex')
}

/** What tolk knows of the default-locale article a translation is compared with. */
export interface DefaultArticleFacts {
  /** SHA-1 of the file now; `undefined` when it cannot be read. */
  fileHash: string | undefined
  /** Its own `ms.openlocfilehash`: set when it is a translation too. */
  originHash: string | undefined
  /** Its `ms.date`. */
  date: Date | undefined
}

export interface TranslationFacts {
  isDefaultLocale: boolean
  /** `tolk.source-hash`: SHA-1 of the default-locale file the translation was made from. */
  tolkSourceHash: string | undefined
  /** `ms.openlocfilehash`: hash of the source the translation was made from. */
  originHash: string | undefined
  /** The translation's `ms.date`. */
  date: Date | undefined
  /** The default-locale article of the same path, or `undefined` when there is none. */
  defaultArticle: DefaultArticleFacts | undefined
  machine: boolean
}

/**
 * The state of one translation, by the decision table above.
 *
 * @example translationState({isDefaultLocale: false, tolkSourceHash: 'a', originHash: undefined, date: undefined,
 *   defaultArticle: {fileHash: 'b', originHash: undefined, date: undefined}, machine: false})
 * // => {state: 'outdated', machine: false, basis: 'default-file'}
 */
export function translationState(facts: TranslationFacts): TranslationInfo {
  const machine = facts.machine
  if (facts.isDefaultLocale) return { state: 'source', machine: false }
  const original = facts.defaultArticle
  if (!original || original.fileHash === undefined) return { state: 'unknown', machine }
  const againstFile = (recorded: string): TranslationInfo =>
    sameHash(recorded, original.fileHash!) ? { state: 'up-to-date', machine } : { state: 'outdated', machine, basis: 'default-file' }
  if (facts.tolkSourceHash !== undefined) return againstFile(facts.tolkSourceHash)
  if (facts.originHash === undefined) return { state: 'unknown', machine }
  if (original.originHash === undefined) return againstFile(facts.originHash)
  if (sameHash(facts.originHash, original.originHash)) return { state: 'up-to-date', machine }
  const order = compareDates(facts.date, original.date)
  if (order < 0) return { state: 'outdated', machine, basis: 'shared-source' }
  if (order > 0) return { state: 'newer', machine, basis: 'shared-source' }
  return { state: 'unknown', machine }
}

function sameHash(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** Negative when `a` is earlier, positive when later, 0 when equal or either is missing. */
function compareDates(a: Date | undefined, b: Date | undefined): number {
  if (!a || !b) return 0
  return Math.sign(a.getTime() - b.getTime())
}

/** True for DocFX's `ms.translationtype: MT` and tolk's own `tolk.machine-translated: true`. */
export function isMachineTranslated(data: Record<string, unknown>): boolean {
  const type = data['ms.translationtype']
  return (typeof type === 'string' && type.trim().toUpperCase() === 'MT') || data['tolk.machine-translated'] === true
}
