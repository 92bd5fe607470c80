/** The build's xref index: each locale's own uids, then the external maps (see xref-index.ts). */
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources } from '../content/discover.ts'
import type { ReadLimits } from '../content/read-contained.ts'
import { loadXrefMaps } from './external-maps.ts'
import { collectSiteUids } from './site-uids.ts'
import type { XrefIndex } from './xref-index.ts'

/** `onRead` sees each article as it is read for its `uid` (the page cache keeps a digest of it, so it is not read again). */
export function buildXrefIndex(
  config: ResolvedConfig,
  sources: Map<string, LocaleSources>,
  configText: string,
  limits: ReadLimits,
  onRead?: Parameters<typeof collectSiteUids>[2],
): { index: XrefIndex; messages: VFileMessage[] } {
  const messages: VFileMessage[] = []
  const byLocale = new Map<string, Map<string, import('./xref-index.ts').SiteXref>>()
  for (const locale of config.locales) {
    const collected = collectSiteUids(sources.get(locale.code)?.articles ?? [], limits, onRead)
    byLocale.set(locale.code, collected.uids)
    messages.push(...collected.messages)
  }
  const maps = loadXrefMaps(config, configText)
  messages.push(...maps.messages)
  return { index: { byLocale, external: maps.external }, messages }
}
