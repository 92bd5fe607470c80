/**
 * A render worker: prepares the site from the same resolved config as the
 * main thread, then renders the pages it is given by index into the build's
 * job list and posts each result back as plain data.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ResolvedConfig } from '../config/schema.ts'
import { pageJobs } from '../content/page-jobs.ts'
import { toPlainMessage } from '../diagnostics/plain-message.ts'
import { prepareSite } from '../prepare-site.ts'
import { toPageResult } from './page-result.ts'

const { config, indices } = workerData as { config: ResolvedConfig; indices: number[] }
const prepared = prepareSite(config)
const jobs = pageJobs(config, prepared.sources)

for (const index of indices) {
  const job = jobs[index]!
  const result = toPageResult(prepared.renderSource(job), job.fallback)
  parentPort!.postMessage({ index, result: { ...result, messages: result.messages.map(toPlainMessage) } })
}
parentPort!.postMessage({ done: true })
