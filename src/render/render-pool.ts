/**
 * Render pages on worker threads under a watchdog: each worker prepares the
 * same site from the resolved config, then takes one page at a time. A page
 * that runs past `pageTimeout` (micromark has inputs that take minutes) has
 * its worker terminated and replaced; the page gets a `render-timeout` error
 * and the other pages go on. Results arrive in any order; the build sorts
 * what it prints.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ResolvedConfig } from '../config/schema.ts'
import { fromPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
import type { PageResult } from './page-result.ts'

/** Below this many pages, a second worker costs more than it saves. */
export const minPagesForWorkers = 300

/**
 * How many workers to use; `TOLK_WORKERS=N` sets it (0: render on the main
 * thread, where no time budget can be enforced). With a page budget, even a
 * small site renders on one worker, so no page can hang the build.
 */
export function workerCount(pages: number, pageTimeout: number): number {
  const forced = process.env['TOLK_WORKERS']
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), 8, pages)
  const watched = pageTimeout > 0 && pages > 0 ? 1 : 0
  if (pages < minPagesForWorkers) return watched
  return Math.max(watched, Math.min(availableParallelism(), 8, Math.ceil(pages / minPagesForWorkers)))
}

type WorkerMessage =
  | { ready: true }
  | { index: number; result: Omit<PageResult, 'messages'> & { messages: PlainMessage[] } }

export type PoolResult = PageResult | { timedOut: true }

interface Started {
  worker: Worker
  /** Resolves once the worker has prepared the site. */
  ready: Promise<void>
}

export interface RenderPool {
  /** Render `indices` (into the build's job list) on `threads` workers. */
  run(indices: number[], threads: number, onResult: (index: number, result: PoolResult) => Promise<void> | void): Promise<void>
  /** Start one worker preparing the site now, if none is waiting yet (a page turned out to need rendering). */
  warm(): void
  /** End workers that were started but not used. */
  close(): Promise<void>
}

/**
 * Start the pool; with `prewarm`, the first worker starts preparing the site
 * now, alongside the main thread, so a small site pays little for its watchdog.
 */
export function startRenderPool(config: ResolvedConfig, prewarm: boolean): RenderPool {
  const spare: Started[] = prewarm ? [start(config)] : []
  return {
    run: (indices, threads, onResult) => renderOnWorkers(config, indices, threads, onResult, spare),
    warm() {
      if (spare.length === 0) spare.push(start(config))
    },
    async close() {
      await Promise.all(spare.splice(0).map(({ worker }) => worker.terminate()))
    },
  }
}

/**
 * The worker's entry: the compiled render worker beside this chunk when tolk
 * runs compiled (bin/compiled-tolk.js); from the sources, an entry that
 * registers tsx in the worker (Node 20 workers do not inherit the main
 * thread's loader hooks) and then runs render-worker.ts.
 */
const workerEntry = import.meta.url.endsWith('.mjs')
  ? new URL('./render-worker.mjs', import.meta.url)
  : new URL('./render-worker-entry.js', import.meta.url)

function start(config: ResolvedConfig): Started {
  const worker = new Worker(workerEntry, { workerData: { config } })
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve())
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`render worker exited with code ${code}`)))
  })
  // Awaited in `run`; a pool closed unused must not leave an unhandled rejection.
  ready.catch(() => undefined)
  return { worker, ready }
}

async function renderOnWorkers(
  config: ResolvedConfig,
  indices: number[],
  threads: number,
  onResult: (index: number, result: PoolResult) => Promise<void> | void,
  spare: Started[],
): Promise<void> {
  const queue = [...indices]
  const budgetMs = config.pageTimeout * 1000
  let pending = Promise.resolve()
  // Keep results in arrival order and never two `onResult` calls at once.
  const deliver = (index: number, result: PoolResult): void => {
    pending = pending.then(() => onResult(index, result))
  }

  /** One worker slot: runs workers one after another until the queue is empty. */
  const slot = async (): Promise<void> => {
    const { worker, ready } = spare.pop() ?? start(config)
    try {
      await ready
    } catch (error) {
      await worker.terminate()
      throw error
    }
    return new Promise<void>((resolve, reject) => {
      let current: number | undefined
      let timer: NodeJS.Timeout | undefined
      let stopped = false
      const stop = (then: () => void): void => {
        stopped = true
        clearTimeout(timer)
        void worker.terminate().then(then, then)
      }
      const next = (): void => {
        current = queue.shift()
        if (current === undefined) return stop(resolve)
        if (budgetMs > 0) {
          timer = setTimeout(() => {
            deliver(current!, { timedOut: true })
            // A fresh worker takes the rest of the queue; this one may be stuck in a loop.
            stop(() => (queue.length > 0 ? slot().then(resolve, reject) : resolve()))
          }, budgetMs)
        }
        worker.postMessage({ index: current })
      }
      worker.on('message', (message: WorkerMessage) => {
        if (stopped || 'ready' in message) return
        clearTimeout(timer)
        deliver(
          message.index,
          { ...message.result, messages: message.result.messages.map(fromPlainMessage) },
        )
        next()
      })
      worker.on('error', (error) => {
        if (!stopped) stop(() => reject(error))
      })
      worker.on('exit', (code) => {
        if (!stopped) stop(() => reject(new Error(`render worker exited with code ${code}`)))
      })
      next()
    })
  }

  // Spare workers beyond those needed are ended by `close`.
  await Promise.all(Array.from({ length: threads }, slot))
  await pending
}
