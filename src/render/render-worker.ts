/**
 * A render worker (run by Tinypool, render-pool.ts): prepares the site from
 * the build's resolved config and the site the build's thread already read,
 * then renders each page it is handed (by index into the build's job list)
 * and returns the result as plain data. It says on the pool's channel when
 * it begins a page, so the page's time budget starts then.
 */
import { BroadcastChannel } from 'node:worker_threads'
import Tinypool from 'tinypool'
import type { ResolvedConfig } from '../config/schema.ts'
import { pageJobs } from '../content/page-jobs.ts'
import { toPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
import { prepareSite, type SharedSite } from '../prepare-site.ts'
import { toPageResult, type PageResult } from './page-result.ts'

export interface RenderWorkerData {
  config: ResolvedConfig
  site: SharedSite
  /** The BroadcastChannel the worker names each page on as it begins it. */
  channel: string
}

export type RenderReply = Omit<PageResult, 'messages'> & { messages: PlainMessage[] }

const { config, site, channel } = Tinypool.workerData as RenderWorkerData
const prepared = prepareSite(config, { shared: site })
const jobs = pageJobs(config, prepared.sources, prepared.site)
const started = new BroadcastChannel(channel)
started.unref()

export default function renderPage(index: number): RenderReply {
  started.postMessage(index)
  const job = jobs[index]!
  const { result: rendered, inputs } = prepared.renderRecorded(job)
  const result = toPageResult(rendered, job.fallback, config.rules, inputs)
  return { ...result, messages: result.messages.map(toPlainMessage) }
}
