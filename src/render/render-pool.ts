/**
 * Render pages on worker threads (Tinypool) under a watchdog. Each worker
 * gets the site as this thread read it (`SharedSite`, cloned with its
 * worker data), makes its own templates and processor, then takes one page
 * at a time. A page that runs past `pageTimeout` (micromark has inputs that
 * take minutes) is aborted, which makes Tinypool terminate its worker; the
 * page gets a `render-timeout` error and the other pages go on on a fresh
 * worker; so does a page that makes its worker reach its heap limit
 * (`render-out-of-memory`). Results arrive in any order; the build sorts what it prints.
 */
import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { BroadcastChannel } from 'node:worker_threads'
import Tinypool from 'tinypool'
import type { ResolvedConfig } from '../config/schema.ts'
import { fromPlainMessage } from '../diagnostics/plain-message.ts'
import type { SharedSite } from '../prepare-site.ts'
import type { PageResult } from './page-result.ts'
import type { RenderReply, RenderWorkerData } from './render-worker.ts'

/** Below this many pages, a second worker costs more than it saves. */
export const minPagesForWorkers = 300

/** At most this many workers, whatever the machine or `TOLK_WORKERS` say. */
const maxWorkers = 8

/**
 * How many workers to use; `TOLK_WORKERS=N` sets it (0: render on the main
 * thread, where no time budget can be enforced). With a page budget, even a
 * small site renders on one worker, so no page can hang the build.
 */
export function workerCount(pages: number, pageTimeout: number): number {
  const forced = forcedWorkers()
  if (forced !== undefined) return Math.min(forced, maxWorkers, pages)
  const watched = pageTimeout > 0 && pages > 0 ? 1 : 0
  if (pages < minPagesForWorkers) return watched
  return Math.max(watched, Math.min(availableParallelism(), maxWorkers, Math.ceil(pages / minPagesForWorkers)))
}

/** The most workers `workerCount` gives on this machine, whatever the site. */
function workerLimit(): number {
  return Math.max(1, Math.min(forcedWorkers() ?? availableParallelism(), maxWorkers))
}

function forcedWorkers(): number | undefined {
  const forced = process.env['TOLK_WORKERS']
  return forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : undefined
}

/** A page's result, or why it has none: it ran past its time budget, or its worker out of memory. */
export type PoolResult = PageResult | { timedOut: true } | { outOfMemory: true }

export interface RenderPool {
  /** Render `indices` (into the build's job list) with at most `threads` pages at a time. */
  run(site: SharedSite, indices: number[], threads: number, onResult: (index: number, result: PoolResult) => Promise<void> | void): Promise<void>
  /** Start one worker now (a page turned out to need rendering), so it is ready when `run` starts. */
  warm(site: SharedSite): void
  /** End the workers. */
  close(): Promise<void>
}

/**
 * The young generation a worker's V8 heap may grow to. Rendering allocates
 * mostly short-lived objects (micromark events, trees, strings); with V8's
 * default many of them were promoted and collected by full GCs, which a CPU
 * profile put at a fifth of a page's time. Corpus, `tolk build --no-cache`,
 * two workers, alternating runs on a noisy shared machine: V8's default
 * 84.6 and 73.6 s (tolk's peak RSS 1,018 and 1,142 MiB); 64 MB 64.1 and
 * 69.5 s (972 and 1,211 MiB); 128 MB 62.2 and 65.4 s (1,438 and 1,233 MiB).
 * 64 MB keeps most of the time saved without the memory 128 MB costs.
 */
const youngGenerationMb = 64

/**
 * The old generation a worker's V8 heap may grow to. A worker's live heap is
 * small (32 MiB with the corpus's shared site before its first page, 60 MiB
 * after 2,500 pages, measured after forced GCs), but V8 lets garbage pile up
 * towards a limit set from the machine's memory, so RSS grew with the site.
 * Corpus `tolk check --no-cache`, alternating runs: no limit 43.4 and 46.6 s,
 * peak RSS 1,320 and 944 MB; 512 MB 46.5 and 48.3 s, 709 and 778 MB; 256 MB
 * 48.6 and 52.5 s, 704 and 659 MB. 4× corpus: no limit 1,605 MiB, 512 MB
 * 903 MiB. A page that needs more is stopped as `render-out-of-memory`.
 */
export const workerHeapMb = 512

/**
 * The worker's entry: the compiled render worker beside this chunk when tolk
 * runs compiled (bin/compiled-tolk.js); from the sources, an entry that
 * registers tsx in the worker (Node 20 workers do not inherit the main
 * thread's loader hooks) and then loads render-worker.ts.
 */
const workerEntry = import.meta.url.endsWith('.mjs')
  ? new URL('./render-worker.mjs', import.meta.url)
  : new URL('./render-worker-entry.js', import.meta.url)

export interface PoolOptions {
  /** The worker module (tests pass one of their own); tolk's render worker by default. */
  entry?: URL
  /** Each worker's old-generation limit in MB (tests pass a small one). */
  heapMb?: number
}

/** A pool that starts no worker until a page needs one. */
export function createRenderPool(config: ResolvedConfig, options: PoolOptions = {}): RenderPool {
  let pool: Tinypool | undefined
  /** A worker that failed outside a page (it could not start): the run fails with it. */
  let failure: unknown
  let started: BroadcastChannel | undefined
  /** Called when a worker says it began a page: the page's budget counts from then, not from a worker's start-up. */
  let onStarted: (index: number) => void = () => undefined

  function open(site: SharedSite, warm: boolean): Tinypool {
    if (pool) return pool
    // Tinypool hands a task to any free worker, so the worker says which page it began on a channel of its own.
    const channel = `tolk-render-${randomUUID()}`
    started = new BroadcastChannel(channel)
    started.unref()
    started.onmessage = (event) => onStarted((event as { data: number }).data)
    const workerData: RenderWorkerData = { config, site, channel }
    pool = new Tinypool({
      filename: fileURLToPath(options.entry ?? workerEntry),
      // One worker starts at once when warmed; the rest when pages are handed over.
      minThreads: warm ? 1 : 0,
      // `run` lowers it to its number of pages at once (see there).
      maxThreads: workerLimit(),
      // Workers stay for the whole run; `close` ends them.
      idleTimeout: 60_000,
      workerData,
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb, maxOldGenerationSizeMb: options.heapMb ?? workerHeapMb },
    })
    // A worker that dies while starting fails no task of its own: without this, pages queued for it would wait forever.
    pool.on('error', (error: unknown) => {
      failure ??= error
      pool?.cancelPendingTasks()
    })
    return pool
  }

  return {
    warm(site) {
      open(site, true)
    },
    async run(site, indices, threads, onResult) {
      const workers = open(site, false)
      // Tinypool starts another worker for a page handed over while no worker is ready and idle, up to
      // its `maxThreads`. Workers take seconds to start with a large site, and the warm worker finishes
      // pages meanwhile, so each lane's next page started one more: eight workers for two lanes, 2 GB
      // RSS at 4× the corpus. Tinypool reads its live options on each task, so the limit holds from here.
      workers.options.maxThreads = Math.max(1, Math.min(threads, workerLimit()))
      const budgetMs = config.pageTimeout * 1000
      const queue = [...indices]
      const running = new Map<number, { abort: AbortController; timer?: NodeJS.Timeout }>()
      onStarted = (index) => {
        const page = running.get(index)
        if (page && budgetMs > 0 && !page.timer) page.timer = setTimeout(() => page.abort.abort(), budgetMs)
      }
      let delivering = Promise.resolve()
      // Results in arrival order and never two `onResult` calls at once.
      const deliver = (index: number, result: PoolResult): Promise<void> => (delivering = delivering.then(() => onResult(index, result)))
      let failed = false

      /** One of `threads` lanes: a page at a time until the queue is empty (or another lane failed). */
      const lane = async (): Promise<void> => {
        for (let index = queue.shift(); index !== undefined && !failed; index = queue.shift()) {
          const page: { abort: AbortController; timer?: NodeJS.Timeout } = { abort: new AbortController() }
          running.set(index, page)
          try {
            const reply = (await workers.run(index, { signal: page.abort.signal })) as RenderReply
            // Waiting for the result to be taken bounds what is in flight (Pagefind may be slower than the workers).
            await deliver(index, { ...reply, messages: reply.messages.map(fromPlainMessage) })
          } catch (error) {
            // The page made its worker reach its heap limit: Tinypool replaces the worker, the page is lost.
            if (isOutOfMemory(error)) {
              await deliver(index, { outOfMemory: true })
              continue
            }
            if (!page.abort.signal.aborted) {
              failed = true
              throw failure ?? error
            }
            await deliver(index, { timedOut: true })
          } finally {
            clearTimeout(page.timer)
            running.delete(index)
          }
        }
      }
      await Promise.all(Array.from({ length: Math.max(1, threads) }, lane))
      await delivering
      if (failure !== undefined) throw failure
    },
    async close() {
      started?.close()
      const closing = pool
      pool = undefined
      if (!closing) return
      for (const thread of closing.threads) letRemoveListeners(thread)
      // A worker still starting may fail while it is ended; the run has its result (or its failure) already.
      await closing.destroy().catch(() => undefined)
    },
  }
}

/**
 * Tinypool 2.2's `destroy` waits for each worker with `events.once(wrapper, 'exit')`,
 * and its wrapper around a thread has `on` and `once` but no `removeListener`. When
 * a worker that is still starting fails while it is ended (a worker that cannot
 * start, closed after the run failed), `once`'s error listener calls the missing
 * method and throws outside any promise: an uncaught exception that ends the
 * process. With the method, `once` rejects and `close` can ignore it.
 */
function letRemoveListeners(wrapper: object): void {
  const thread = (wrapper as { thread?: unknown }).thread
  if ('removeListener' in wrapper || !(thread instanceof EventEmitter)) return
  Object.assign(wrapper, { removeListener: (name: string, listener: (...args: unknown[]) => void) => thread.removeListener(name, listener) })
}

function isOutOfMemory(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
}
