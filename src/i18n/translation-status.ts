/**
 * How each translation stands against its default-locale source: a
 * translation records the SHA-1 of the source text it was made from
 * (`tolk.source-hash`, or DocFX's `ms.openlocfilehash` read the same way);
 * when the source's current hash differs, the translation is outdated.
 */
import { createHash } from 'node:crypto'

export type TranslationState = 'source' | 'up-to-date' | 'outdated' | 'unknown' | 'missing'

export interface TranslationInfo {
  state: TranslationState
  /** `ms.translationtype: MT` or `tolk.machine-translated: true`. */
  machine: boolean
}

/** SHA-1 of a source file's bytes, as `sha1sum` prints it. */
export function sourceHash(bytes: string | Buffer): string {
  return createHash('sha1').update(bytes).digest('hex')
}

export interface TranslationFacts {
  isDefaultLocale: boolean
  /** The translation's recorded source hash, if any. */
  recordedHash: string | undefined
  /** The default-locale source's current hash, or `undefined` when there is no source. */
  currentSourceHash: string | undefined
  machine: boolean
}

/**
 * @example translationState({isDefaultLocale: false, recordedHash: 'a', currentSourceHash: 'b', machine: false})
 * // => {state: 'outdated', machine: false}
 */
export function translationState(facts: TranslationFacts): TranslationInfo {
  if (facts.isDefaultLocale) return { state: 'source', machine: false }
  if (facts.currentSourceHash === undefined || facts.recordedHash === undefined) return { state: 'unknown', machine: facts.machine }
  return {
    state: facts.recordedHash.toLowerCase() === facts.currentSourceHash ? 'up-to-date' : 'outdated',
    machine: facts.machine,
  }
}

/** True for DocFX's `ms.translationtype: MT` and tolk's own `tolk.machine-translated: true`. */
export function isMachineTranslated(data: Record<string, unknown>): boolean {
  const type = data['ms.translationtype']
  return (typeof type === 'string' && type.trim().toUpperCase() === 'MT') || data['tolk.machine-translated'] === true
}
