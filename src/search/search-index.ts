/**
 * The site's search index: Pagefind (its Node API, which drives its bundled
 * binary) indexes each article as the build renders it, one index per
 * locale, and the index files go to `_tolk/search/<locale>/` through the site
 * writer, next to tolk's other reader files.
 *
 * One Pagefind index per locale, not one split by `<html lang>`: two locales
 * of one language (`en-us`, `en-gb`) would share a split index, and a reader
 * searches the locale they read. Pagefind still reads each page's `<html
 * lang>`, so a locale's index gets its language's stemmer (`wasm.<lang>`,
 * Danish, Dutch, Arabic, Turkish…; `null` for a language without one).
 *
 * Pagefind holds a whole index in memory until it writes it: 685 MiB for
 * the corpus's 2,636 pages, 2,578 MiB for 10,544, and no less for pages cut
 * down to their article. So a locale of more than `pagesPerIndex` pages is
 * indexed in parts, one part after the other, each written out and deleted
 * from Pagefind before the next begins: part 1 in the locale's folder, part
 * N in `part-N/` below it, and `tolk-parts.json` says how many there are.
 * The reader's browser merges them into one search (Pagefind's `mergeIndex`,
 * client/features/search.ts).
 *
 * What it indexes is said in the templates: `data-pagefind-body` on the
 * `<article>` (only the article text), `data-pagefind-meta` for the
 * breadcrumb and the fallback marker (templates/partials/search.hbs); the
 * title is the article's h1. Only articles are added, so redirect, 404,
 * status and root pages are never in the index.
 */
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report } from '../diagnostics/report.ts'
import type { SiteWriter } from '../output/write-site.ts'

/** Where a locale's index lives below the output folder; client/features/search.ts finds it beside its own chunk. */
export function searchDir(locale: string): string {
  return `_tolk/search/${locale}/`
}

/** Pagefind's own ready-made UIs and its highlighter: tolk has its own UI, so they are not published. */
const unusedFiles = /^(pagefind-(ui|modular-ui|component-ui)\.(js|css)|pagefind-highlight\.js)$/

type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

export interface SearchIndexer {
  /**
   * Index one rendered article (`outputFile` like `da-dk/guide/index.html`;
   * `sourcePath` for diagnostics). The promise resolves once fewer than
   * `maxInFlight` pages are on their way to Pagefind: a caller that awaits it
   * never has more page bodies queued for Pagefind than that.
   */
  add(locale: string, outputFile: string, html: string, sourcePath: string): Promise<void>
  /**
   * Wait for every page, write each locale's index through `writer`, stop
   * Pagefind; returns the problems met. `onIndexed` gets each locale's
   * published files when Pagefind made them without error (the cache keeps them).
   */
  finish(writer: SiteWriter, onIndexed?: (locale: string, files: Array<{ path: string; content: Uint8Array }>) => void): Promise<VFileMessage[]>
  /** Stop Pagefind without writing (a failed build). */
  close(): Promise<void>
}

/**
 * Pages sent to Pagefind and not yet indexed. Without a bound, a rebuild that
 * takes thousands of pages from the cache sent them all at once: at 10,540
 * pages tolk queued every body for Pagefind's stdin (2.1 GiB) and Pagefind
 * worked on all of them together (2.7 GiB).
 */
export const defaultMaxInFlight = 16

/** Pages in one part of a locale's index at most (about 750 MiB of Pagefind's memory on the corpus). */
export const defaultPagesPerIndex = 3000

/** The file below a locale's search folder that says how many parts its index has. */
export const searchPartsFile = 'tolk-parts.json'

export interface IndexerOptions {
  /** Pages on their way to Pagefind at most, when the caller awaits `add`. */
  maxInFlight?: number
  /** Pages in one part of a locale's index at most. */
  pagesPerIndex?: number | undefined
  /** Loads Pagefind's Node API (tests pass a stand-in). */
  load?: () => Promise<Pagefind>
}

/** A locale's index as it is being made: the part pages go to now, and the parts done. */
interface LocaleIndex {
  /** The locale's pages in the build, when known: its last part is finished as its last page goes in. */
  total: number | undefined
  added: number
  current: Promise<PagefindIndex | undefined> | undefined
  inCurrent: number
  currentAdds: Array<Promise<unknown>>
  parts: Array<Promise<PartFiles | undefined>>
}

interface PartFiles {
  errors: string[]
  files: Array<{ path: string; content: Uint8Array }>
}

/**
 * @param order every page, in the order the build lists them: Pagefind's
 * output depends on the order pages are added, and render workers finish in
 * any order, so a page waits here until those before it came (or `finish` is
 * called). Builds of the same input make the same index.
 */
export function createSearchIndexer(order: Array<{ locale: string; outputFile: string }> = [], options: IndexerOptions = {}): SearchIndexer {
  const maxInFlight = options.maxInFlight ?? defaultMaxInFlight
  const pagesPerIndex = Math.max(1, options.pagesPerIndex ?? defaultPagesPerIndex)
  const load = options.load ?? (() => import('pagefind'))
  let inFlight = 0
  /** Callers waiting for room, woken as pages finish. */
  const waitingForRoom: Array<() => void> = []
  const messages: VFileMessage[] = []
  const orderedFiles = order.map((page) => page.outputFile)
  const ordered = new Set(orderedFiles)
  const totals = new Map<string, number>()
  for (const { locale } of order) totals.set(locale, (totals.get(locale) ?? 0) + 1)
  const waiting = new Map<string, () => void>()
  let next = 0
  const pending: Array<Promise<unknown>> = []
  const indexes = new Map<string, LocaleIndex>()
  /** Settles when every part closed so far is written out and deleted: a new part begins after it, so Pagefind holds one part at a time. */
  let closed: Promise<unknown> = Promise.resolve()
  let pagefind: Promise<Pagefind | undefined> | undefined

  function problem(path: string, reason: string): void {
    messages.push(report(new VFile({ path }), 'search-index', reason))
  }

  function service(): Promise<Pagefind | undefined> {
    pagefind ??= load().catch((error: unknown) => {
      problem('<search>', `Cannot load Pagefind, so the site has no search: ${String(error)}`)
      return undefined
    })
    return pagefind
  }

  /** A new part of `locale`'s index, made once the parts closed before it are done. */
  function newPart(locale: string): Promise<PagefindIndex | undefined> {
    return closed.then(service).then(async (api) => {
      if (!api) return undefined
      try {
        const created = await api.createIndex({})
        if (created.errors.length > 0 || !created.index) {
          problem('<search>', `Pagefind could not create the \`${locale}\` search index: ${created.errors.join('; ') || 'no index'}`)
        }
        return created.index
      } catch (error) {
        problem('<search>', `Pagefind could not create the \`${locale}\` search index: ${String(error)}`)
        return undefined
      }
    })
  }

  /** Once its pages are in, have Pagefind build the current part's files, then delete the part. */
  function closePart(state: LocaleIndex): void {
    const { current, currentAdds } = state
    if (!current) return
    state.current = undefined
    state.inCurrent = 0
    state.currentAdds = []
    const files = (async (): Promise<PartFiles | undefined> => {
      await Promise.allSettled(currentAdds)
      const index = await current
      if (!index) return undefined
      try {
        const built = await index.getFiles()
        return { errors: built.errors, files: publishedFiles(built.files) }
      } catch (error) {
        return { errors: [String(error)], files: [] }
      } finally {
        await index.deleteIndex().catch(() => undefined)
      }
    })()
    state.parts.push(files)
    closed = Promise.allSettled([closed, files])
  }

  function addNow(locale: string, outputFile: string, html: string, sourcePath: string): void {
    let state = indexes.get(locale)
    if (!state) indexes.set(locale, (state = { total: totals.get(locale), added: 0, current: undefined, inCurrent: 0, currentAdds: [], parts: [] }))
    state.current ??= newPart(locale)
    inFlight++
    const added = state.current.then(async (index) => {
      if (!index) return
      try {
        const result = await index.addHTMLFile({ sourcePath: outputFile, content: html })
        if (result.errors.length > 0) problem(sourcePath, `This page could not be added to the search index: ${result.errors.join('; ')}`)
      } catch (error) {
        problem(sourcePath, `This page could not be added to the search index: ${String(error)}`)
      }
    }).finally(() => {
      inFlight--
      if (inFlight < maxInFlight) waitingForRoom.shift()?.()
    })
    state.currentAdds.push(added)
    pending.push(added)
    state.added++
    state.inCurrent++
    // A full part, or the locale's last page: the part is done.
    if (state.inCurrent >= pagesPerIndex || state.added === state.total) closePart(state)
  }

  /** Resolves when fewer than `maxInFlight` pages are with Pagefind. */
  function room(): Promise<void> {
    if (inFlight < maxInFlight) return Promise.resolve()
    return new Promise((resolve) => waitingForRoom.push(resolve))
  }

  /** Add the waiting pages whose turn has come; with `all`, every waiting page in order. */
  function flush(all = false): void {
    for (; next < orderedFiles.length; next++) {
      const added = waiting.get(orderedFiles[next]!)
      if (added) {
        waiting.delete(orderedFiles[next]!)
        added()
      } else if (!all) return
    }
    // Pages not in `order` (none in a build) go last, as they came.
    for (const added of waiting.values()) added()
    waiting.clear()
  }

  return {
    add(locale, outputFile, html, sourcePath) {
      waiting.set(outputFile, () => addNow(locale, outputFile, html, sourcePath))
      flush(!ordered.has(outputFile))
      return room()
    },
    async finish(writer, onIndexed) {
      flush(true)
      await Promise.all(pending)
      for (const state of indexes.values()) closePart(state)
      for (const [locale, state] of [...indexes].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const parts = await Promise.all(state.parts)
        if (parts.every((part) => part === undefined)) continue
        const errors = parts.flatMap((part) => part?.errors ?? [])
        if (errors.length > 0) problem('<search>', `Pagefind could not build the \`${locale}\` search index: ${errors.join('; ')}`)
        const published = parts.flatMap((part, number) => (part?.files ?? []).map((file) => ({ path: `${number === 0 ? '' : `part-${number + 1}/`}${file.path}`, content: file.content })))
        published.push({ path: searchPartsFile, content: new TextEncoder().encode(`${JSON.stringify({ parts: parts.length })}\n`) })
        for (const file of published) writer.write(`${searchDir(locale)}${file.path}`, file.content)
        // Kept only when every page went in: a reused index must say all this one said.
        if (errors.length === 0 && messages.length === 0) onIndexed?.(locale, published)
      }
      await this.close()
      return messages
    },
    async close() {
      await Promise.allSettled(pending)
      const api = pagefind && (await pagefind)
      // Pagefind runs as a child process: the build must not leave it behind.
      if (api) await api.close()
    },
  }
}

/** The files a reader's browser may fetch: the index, fragments, `pagefind.js`, its worker, and the locale's stemmer (the language-neutral one only when there is none). */
export function publishedFiles<F extends { path: string; content: Uint8Array }>(files: F[]): F[] {
  const entry = files.find((file) => file.path === 'pagefind-entry.json')
  const languages = entry ? (JSON.parse(new TextDecoder().decode(entry.content)) as { languages?: Record<string, { wasm: string | null }> }).languages : undefined
  const needsUnknown = !languages || Object.values(languages).some((language) => language.wasm === null)
  return files.filter((file) => !unusedFiles.test(file.path) && (needsUnknown || file.path !== 'wasm.unknown.pagefind'))
}
