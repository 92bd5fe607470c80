/**
 * Render pages on worker threads, one per spare core: rendering a page is a
 * function of its inputs, so each worker prepares the same site and renders
 * every n-th page. Results arrive in any order; the build sorts what it prints.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from '../config/schema.ts'
import { fromPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
import type { PageResult } from './page-result.ts'

/** Below this many pages, starting workers costs more than it saves. */
export const minPagesForWorkers = 300

/** How many workers to use; `TOLK_WORKERS=N` sets it (0: render on the main thread). */
export function workerCount(pages: number): number {
  const forced = process.env['TOLK_WORKERS']
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 8, pages)
  if (pages < minPagesForWorkers) return 0
  return Math.max(0, Math.min(availableParallelism(), 8, Math.ceil(pages / minPagesForWorkers)))
}

type WorkerMessage =
  | { index: number; result: Omit<PageResult, 'messages'> & { messages: PlainMessage[] } }
  | { done: true }

export async function renderOnWorkers(
  config: ResolvedConfig,
  indices: number[],
  threads: number,
  onResult: (index: number, result: PageResult) => Promise<void> | void,
): Promise<void> {
  const shares = Array.from({ length: threads }, (_, thread) => indices.filter((_, position) => position % threads === thread))
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          // The entry registers tsx in the worker, which then runs render-worker.ts.
          const worker = new Worker(new URL('./render-worker-entry.js', import.meta.url), {
            workerData: { config, indices: share },
          })
          let pending = Promise.resolve()
          worker.on('message', (message: WorkerMessage) => {
            if ('done' in message) {
              void pending.then(() => worker.terminate()).then(() => resolve(), reject)
              return
            }
            const result = { ...message.result, messages: message.result.messages.map(fromPlainMessage) }
            // Keep writes in arrival order and never two at once.
            pending = pending.then(() => onResult(message.index, result))
          })
          worker.on('error', reject)
          worker.on('exit', (code) => {
            if (code !== 0 && code !== 1) reject(new Error(`render worker exited with code ${code}`))
          })
        }),
    ),
  )
}
