/**
 * What rendering one page yields for the rest of the build, as plain data:
 * the HTML, the page's messages, its ids and the anchors its links expect.
 * The same shape comes from this thread or from a worker.
 */
import type { VFileMessage } from 'vfile-message'
import type { InputRecord } from '../cache/recording-file-system.ts'
import { applyRuleSettings, type RuleSettings } from '../diagnostics/rule-settings.ts'
import type { AnchorCheck } from '../links/remark-rewrite-links.ts'
import type { RenderedPage } from './render-page.ts'

export interface PageResult {
  /** `undefined` when the page could not be made (its messages say why). */
  html: string | undefined
  messages: VFileMessage[]
  /** Ids on the page; `undefined` when it failed to render (links to it are not checked). */
  anchors: string[] | undefined
  anchorChecks: AnchorCheck[]
  /** The files the page read, for the page cache (cache/recording-file-system.ts); absent when not recorded. */
  inputs?: InputRecord[] | undefined
}

export function toPageResult(rendered: RenderedPage, fallback: boolean, settings: RuleSettings, inputs?: InputRecord[]): PageResult {
  // Settings first, so a rule the site raised to an error counts as one here too.
  const messages = applyRuleSettings(rendered.file.messages, settings)
  return {
    html: rendered.html,
    // A fallback page re-renders the default locale's article: its warnings belong to that page.
    messages: fallback ? messages.filter((message) => message.fatal === true) : messages,
    anchors: rendered.file.data.anchors,
    anchorChecks: rendered.file.data.anchorChecks ?? [],
    inputs,
  }
}
