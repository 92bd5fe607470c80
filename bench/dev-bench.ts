/**
 * `tsx bench/dev-bench.ts [--runs N | --quick]` (also run at the end of
 * `npm run bench`): how quickly `tolk dev` answers, from a writer's seat.
 * Time to first page starts a fresh server on the Dutch corpus per run and
 * waits for one article's full body (target: under 3 s; skipped when the
 * corpus is absent). Save-to-update edits the sample guide in a temp copy
 * and times the file write → server-sent event → re-rendered body that shows
 * the edit, for an article and for an include two pages share (target:
 * under 300 ms), and for an article of a temp copy of the corpus (target: the
 * issue's one-article 1 s). Every run is printed, then the medians.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { median, readRunCount } from './measure.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const tolkBin = path.join(repoRoot, 'bin/tolk.js')
const corpusRelPath = '../shared/corpus/nl-nl'
const corpusPage = '/nl-nl/microsoft-365/security/defender/first-incident-post/'
/** The article of `corpusPage`, below the corpus. */
const corpusArticle = 'microsoft-365/security/defender/first-incident-post.md'
const defaultRuns = 5
const firstPageTargetMs = 3000
const updateTargetMs = 300
/** The one-article target. */
const corpusUpdateTargetMs = 1000
/** Long enough for a cold corpus start on a slow machine; a hang beyond it is a failure. */
const startTimeoutMs = 60_000
const updateTimeoutMs = 10_000
/** Pause before each edit so late events from the previous one are not taken for its own. */
const settleMs = 300

/** Site-relative page paths, as the server's events name them. */
const analyzePage = 'en-us/incident-response/analyze/'
const preparePage = 'en-us/incident-response/prepare/'

interface Edit {
  label: string
  /** The file appended to, relative to the sample site. */
  relPath: string
  /** Pages fetched before each edit (so the server knows they use the file), all expected in the event. */
  pages: string[]
  targetMs: number
}

const sampleEdits: Edit[] = [
  { label: 'article edit', relPath: 'content/en-us/incident-response/analyze.md', pages: [analyzePage], targetMs: updateTargetMs },
  { label: 'include edit', relPath: 'content/en-us/incident-response/includes/applies-to.md', pages: [analyzePage, preparePage], targetMs: updateTargetMs },
]

interface DevServer {
  /** Resolves with the served URL (like `http://localhost:5173/`) once the server prints it. */
  ready: Promise<string>
  stderr: () => string
  stop: () => Promise<void>
}

interface UpdateRun {
  index: number
  totalMs: number
  /** Write until the server-sent event arrived: the file watcher's part. */
  eventMs: number
  /** Event until the re-rendered body arrived. */
  renderMs: number
  /** Expected pages the event did not list. */
  missing: string[]
  /** The event said `all` (a full reload) instead of naming pages. */
  all: boolean
}

/** Undone if the bench is interrupted (Ctrl+C), when `finally` blocks do not run. */
const pendingCleanups = new Set<() => void>()

const ms = (value: number): string => `${Math.round(value)} ms`.padStart(8)

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const controller = new AbortController()
  const timeout = sleep(timeoutMs, undefined, { signal: controller.signal }).then(() => {
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    controller.abort()
    timeout.catch(() => {})
  }
}

/** Spawn `tolk dev` in its own process group, so stopping it also stops anything it started. */
function startDevServer(args: string[], cwd: string): DevServer {
  const child = spawn(process.execPath, [tolkBin, 'dev', '--port', '0', ...args], { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] })
  const kill = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid, signal)
    } catch {
      // The group ended between the check and the signal.
    }
  }
  const cleanup = () => kill('SIGKILL')
  pendingCleanups.add(cleanup)
  let stderr = ''
  const ready = new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      const url = /tolk dev: serving (\S+)/.exec(stderr)?.[1]
      if (url) resolve(url)
    })
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`tolk dev exited (${code}) before serving:\n${stderr}`)))
  })
  ready.catch(() => {})
  return {
    ready,
    stderr: () => stderr,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      kill('SIGTERM')
      if (child.exitCode === null && child.signalCode === null) {
        await withTimeout(exited, 5000, 'tolk dev to stop').catch(() => kill('SIGKILL'))
      }
      pendingCleanups.delete(cleanup)
    },
  }
}

/** GET `url` until `accept` takes the response; connection errors count as not yet. */
async function pollPage(url: string, accept: (status: number, body: string) => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let last = 'no response'
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url)
      const body = await response.text()
      if (accept(response.status, body)) return
      last = `${response.status}`
    } catch (error) {
      // The server may not accept connections yet.
      last = (error as Error).message
    }
    await sleep(10)
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for GET ${url} (last: ${last})`)
}

const ok = (status: number): boolean => status === 200

/** One fresh server on the corpus: ms from spawn to serving, and to the article's full body. */
async function firstPageOnce(corpus: string): Promise<{ servingMs: number; pageMs: number }> {
  const started = performance.now()
  const server = startDevServer(['--locale', `nl-nl=${corpus}`, '--external-root', '/=https://learn.microsoft.com/{locale}/'], repoRoot)
  try {
    const url = await withTimeout(server.ready, startTimeoutMs, 'the `serving` line')
    const servingMs = performance.now() - started
    const page = new URL(corpusPage, url).href
    await pollPage(page, ok, startTimeoutMs)
    return { servingMs, pageMs: performance.now() - started }
  } finally {
    await server.stop()
  }
}

async function benchFirstPage(runs: number): Promise<void> {
  const corpus = path.resolve(repoRoot, corpusRelPath)
  console.log(`Time to first page: ${corpusRelPath}, GET ${corpusPage}`)
  if (!existsSync(corpus)) {
    console.log(`  skipped: ${corpusRelPath} not found (the Dutch corpus lives beside the repo in CI)\n`)
    return
  }
  const times: number[] = []
  for (let index = 1; index <= runs; index++) {
    const { servingMs, pageMs } = await firstPageOnce(corpus)
    console.log(`  run ${index}  ${ms(pageMs)}  (serving after ${ms(servingMs).trim()})`)
    times.push(pageMs)
  }
  const result = median(times)
  console.log(`  median ${ms(result)}  target < ${firstPageTargetMs} ms: ${result < firstPageTargetMs ? 'met' : 'MISSED'}\n`)
}

/** A temp copy of the sample guide whose config needs no `tolk` import. */
function makeSampleSite(): string {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-dev-bench-'))
  for (const name of ['content', 'locales', 'templates']) cpSync(path.join(repoRoot, name), path.join(siteDir, name), { recursive: true })
  const config = readFileSync(path.join(repoRoot, 'tolk.config.ts'), 'utf8')
  writeFileSync(path.join(siteDir, 'tolk.config.ts'), config.replace(/^import .*\n/gm, '').replace('defineConfig(', '('))
  return siteDir
}

interface PageEvent {
  at: number
  pages: string[] | 'all'
}

interface EventStream {
  /** The first event from `since` on that lists `page` (or all pages). */
  next: (since: number, page: string) => Promise<PageEvent>
  close: () => void
}

/** Read `GET /__tolk/events` as a stream, stamping each `data:` message with its arrival time. */
async function openEvents(url: string): Promise<EventStream> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  if (response.status !== 200 || !response.body) throw new Error(`GET ${url}: ${response.status}`)
  const received: PageEvent[] = []
  const waiters = new Set<() => void>()
  const wake = () => waiters.forEach((waiter) => waiter())
  let ended = false
  void readEvents(response.body, (event) => {
    received.push(event)
    wake()
  })
    .catch(() => {})
    .finally(() => {
      ended = true
      wake()
    })
  return {
    async next(since, page) {
      for (;;) {
        const found = received.find((event) => event.at >= since && (event.pages === 'all' || event.pages.includes(page)))
        if (found) return found
        if (ended) throw new Error('The event stream ended')
        await new Promise<void>((resolve) => waiters.add(resolve)).finally(() => waiters.clear())
      }
    },
    close: () => controller.abort(),
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: PageEvent) => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return
    const at = performance.now()
    buffer += decoder.decode(value, { stream: true })
    const messages = buffer.split('\n\n')
    buffer = messages.pop() ?? ''
    for (const message of messages) {
      const data = message.split('\n').find((line) => line.startsWith('data: '))
      if (data) onEvent({ at, pages: (JSON.parse(data.slice('data: '.length)) as { pages: PageEvent['pages'] }).pages })
    }
  }
}

/** Append a unique line to the edit's file; time the event for its first page and the body that shows the line. */
async function updateOnce(siteDir: string, url: string, events: EventStream, edit: Edit, index: number): Promise<UpdateRun> {
  for (const page of edit.pages) await pollPage(new URL(page, url).href, ok, updateTimeoutMs)
  await sleep(settleMs)
  const file = path.join(siteDir, edit.relPath)
  const marker = `tolk-dev-bench-${edit.label.replace(' ', '-')}-${index}-${Date.now()}`
  const text = readFileSync(file, 'utf8')
  const [page] = edit.pages as [string]
  const t0 = performance.now()
  writeFileSync(file, `${text}\n${marker}\n`)
  const event = await withTimeout(events.next(t0, page), updateTimeoutMs, `an event listing \`${page}\``)
  await pollPage(new URL(page, url).href, (status, body) => ok(status) && body.includes(marker), updateTimeoutMs)
  const t1 = performance.now()
  const missing = event.pages === 'all' ? [] : edit.pages.filter((expected) => !event.pages.includes(expected))
  return { index, totalMs: t1 - t0, eventMs: event.at - t0, renderMs: t1 - event.at, missing, all: event.pages === 'all' }
}

function formatUpdateRun(run: UpdateRun): string {
  const note = run.all ? '  event said `all`' : run.missing.length ? `  event did NOT list ${run.missing.join(', ')}` : ''
  return `  run ${run.index}  ${ms(run.totalMs)}  (event ${ms(run.eventMs).trim()} + render ${ms(run.renderMs).trim()})${note}`
}

function printUpdateMedians(runs: UpdateRun[], targetMs: number): void {
  const total = median(runs.map((run) => run.totalMs))
  const event = median(runs.map((run) => run.eventMs))
  const render = median(runs.map((run) => run.renderMs))
  const verdict = total < targetMs ? 'met' : 'MISSED'
  console.log(`  median ${ms(total)}  (event ${ms(event).trim()} + render ${ms(render).trim()})  target < ${targetMs} ms: ${verdict}`)
}

/** Save-to-update on a site copied to `siteDir` (removed after), served by `tolk dev` with `args`, for each of `edits` in turn. */
async function benchUpdates(runs: number, siteDir: string, args: string[], edits: Edit[]): Promise<void> {
  const removeSite = () => rmSync(siteDir, { recursive: true, force: true })
  pendingCleanups.add(removeSite)
  const server = startDevServer(args, siteDir)
  let events: EventStream | undefined
  try {
    const url = await withTimeout(server.ready, startTimeoutMs, 'the `serving` line')
    const [firstPage] = edits[0]!.pages as [string]
    await pollPage(new URL(firstPage, url).href, ok, startTimeoutMs)
    events = await openEvents(new URL(`__tolk/events?page=${firstPage}&version=0`, url).href)
    for (const edit of edits) {
      console.log(`Save-to-update, ${edit.label}: ${edit.relPath} → GET /${edit.pages[0]}`)
      const results: UpdateRun[] = []
      for (let index = 1; index <= runs; index++) {
        results.push(await updateOnce(siteDir, url, events, edit, index))
        console.log(formatUpdateRun(results.at(-1)!))
      }
      printUpdateMedians(results, edit.targetMs)
    }
  } catch (error) {
    throw new Error(`${(error as Error).message}\ntolk dev said:\n${server.stderr()}`, { cause: error })
  } finally {
    events?.close()
    await server.stop()
    removeSite()
    pendingCleanups.delete(removeSite)
  }
}

/**
 * An article edit on a temp copy of the corpus: what a writer of a real tree
 * waits for (the one-article target, 1 s, holds for a rebuild; the
 * dev server renders only the page asked for).
 */
async function benchCorpusUpdates(runs: number): Promise<void> {
  const corpus = path.resolve(repoRoot, corpusRelPath)
  if (!existsSync(corpus)) {
    console.log(`Save-to-update on the corpus: skipped: ${corpusRelPath} not found\n`)
    return
  }
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-dev-bench-corpus-'))
  cpSync(corpus, path.join(siteDir, 'nl-nl'), { recursive: true })
  const page = corpusPage.replace(/^\//, '')
  const edit: Edit = { label: 'corpus article edit', relPath: `nl-nl/${corpusArticle}`, pages: [page], targetMs: corpusUpdateTargetMs }
  await benchUpdates(runs, siteDir, ['--locale', `nl-nl=${path.join(siteDir, 'nl-nl')}`, '--external-root', '/=https://learn.microsoft.com/{locale}/'], [edit])
}

/** Run the dev-server measurements; `argv` takes `--runs N` or `--quick`. */
export async function runDevBench(argv: string[]): Promise<void> {
  const runs = readRunCount(argv, defaultRuns)
  const interrupted = () => {
    for (const cleanup of pendingCleanups) cleanup()
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    console.log(`tolk dev: ${runs} run(s) each\n`)
    await benchFirstPage(runs)
    await benchUpdates(runs, makeSampleSite(), [], sampleEdits)
    await benchCorpusUpdates(runs)
  } finally {
    process.off('SIGINT', interrupted)
    process.off('SIGTERM', interrupted)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs`)
  await runDevBench(process.argv.slice(2))
}
