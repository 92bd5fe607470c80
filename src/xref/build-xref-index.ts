/** The build's xref index: each locale's own uids, then the external maps (see xref-index.ts). */
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleSources } from '../content/discover.ts'
import { loadXrefMaps } from './external-maps.ts'
import { collectSiteUids } from './site-uids.ts'
import type { XrefIndex } from './xref-index.ts'

/** `uidOf` gives the uid an article defines (see `collectSiteUids`). */
export function buildXrefIndex(
  config: ResolvedConfig,
  sources: Map<string, LocaleSources>,
  configText: string,
  uidOf: Parameters<typeof collectSiteUids>[1],
): { index: XrefIndex; messages: VFileMessage[] } {
  const messages: VFileMessage[] = []
  const byLocale = new Map<string, Map<string, import('./xref-index.ts').SiteXref>>()
  for (const locale of config.locales) {
    const collected = collectSiteUids(sources.get(locale.code)?.articles ?? [], uidOf)
    byLocale.set(locale.code, collected.uids)
    messages.push(...collected.messages)
  }
  const maps = loadXrefMaps(config, configText)
  messages.push(...maps.messages)
  return { index: { byLocale, external: maps.external }, messages }
}
