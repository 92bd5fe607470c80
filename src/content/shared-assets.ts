/**
 * Translation trees often carry byte-identical copies of the default
 * locale's images. Drop those copies, so each distinct file is written once
 * and translated pages link the default locale's file; a translated image
 * (different bytes) stays the locale's own.
 */
import { readFileSync, statSync } from 'node:fs'
import type { LocaleSources, SourceRef } from './discover.ts'

export function dropCopiesOfDefault(sources: Map<string, LocaleSources>, defaultLocale: string): void {
  const defaults = new Map((sources.get(defaultLocale)?.assets ?? []).map((ref) => [ref.relPath, ref]))
  for (const [locale, localeSources] of sources) {
    if (locale === defaultLocale) continue
    localeSources.assets = localeSources.assets.filter((ref) => {
      const original = defaults.get(ref.relPath)
      return !original || !sameBytes(ref, original)
    })
  }
}

function sameBytes(a: SourceRef, b: SourceRef): boolean {
  try {
    if (statSync(a.absPath).size !== statSync(b.absPath).size) return false
    return readFileSync(a.absPath).equals(readFileSync(b.absPath))
  } catch {
    return false
  }
}
