/**
 * A render worker: prepares the site from the same resolved config as the
 * main thread, says it is ready, then renders each page it is sent (by index
 * into the build's job list) and posts the result back as plain data. The
 * pool times each page from the moment it is sent.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { ResolvedConfig } from '../config/schema.ts'
import { pageJobs } from '../content/page-jobs.ts'
import { toPlainMessage } from '../diagnostics/plain-message.ts'
import { prepareSite } from '../prepare-site.ts'
import { toPageResult } from './page-result.ts'

const { config } = workerData as { config: ResolvedConfig }
const prepared = prepareSite(config)
const jobs = pageJobs(config, prepared.sources, prepared.site)

parentPort!.on('message', ({ index }: { index: number }) => {
  const job = jobs[index]!
  const { result: rendered, inputs } = prepared.renderRecorded(job)
  const result = toPageResult(rendered, job.fallback, config.rules, inputs)
  parentPort!.postMessage({ index, result: { ...result, messages: result.messages.map(toPlainMessage) } })
})
parentPort!.postMessage({ ready: true })
