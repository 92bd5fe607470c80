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
 * A locale's index is made in parts (search-parts.ts says which page goes
 * to which), one part after the other, each written out and deleted from
 * Pagefind before the next begins: Pagefind holds a whole index in memory
 * until it writes it (685 MiB for the corpus's 2,636 pages, 2,578 MiB for
 * 10,544), and a rebuild makes again only the parts whose pages changed
 * (the cache keeps the others). Part 1 lives in the locale's folder, part N
 * in `part-N/` below it, and `tolk-parts.json` says how many there are. The
 * reader's browser merges them into one search (Pagefind's `mergeIndex`,
 * client/features/search.ts); a merged part uses the first part's
 * `pagefind.js` and stemmer, so only part 1 publishes them.
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
import { partFolder, type SearchPart } from './search-parts.ts'

/** Where a locale's index lives below the output folder; client/features/search.ts finds it beside its own chunk. */
export function searchDir(locale: string): string {
  return `_tolk/search/${locale}/`
}

/** Pagefind's own ready-made UIs and its highlighter: tolk has its own UI, so they are not published. */
const unusedFiles = /^(pagefind-(ui|modular-ui|component-ui)\.(js|css)|pagefind-highlight\.js)$/

type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

/** A page's HTML, or a way to read it when its turn comes (a cached page's body stays on disk while it waits). */
export type PageBody = string | (() => string | undefined)

/** A file of a part of an index, by its path below the part's folder. */
export interface IndexFile {
  path: string
  content: Uint8Array
}

export interface SearchIndexer {
  /**
   * Index one rendered article (`outputFile` like `da-dk/guide/index.html`;
   * `sourcePath` for diagnostics). The promise resolves once fewer than
   * `maxInFlight` pages are on their way to Pagefind: a caller that awaits it
   * never has more page bodies queued for Pagefind than that.
   */
  add(locale: string, outputFile: string, body: PageBody, sourcePath: string): Promise<void>
  /** A planned page that will not come (its render failed): the pages after it need not wait for it. */
  skip(outputFile: string): void
  /**
   * Wait for every page, write each part made through `writer`, stop
   * Pagefind; returns the problems met. `onPart` gets each part's files when
   * Pagefind made them and no problem was met (the cache keeps them).
   */
  finish(writer: SiteWriter, onPart?: (part: SearchPart, files: IndexFile[]) => void): Promise<VFileMessage[]>
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

/** The file below a locale's search folder that says how many parts its index has. */
export const searchPartsFile = 'tolk-parts.json'

export interface IndexerOptions {
  /** Pages on their way to Pagefind at most, when the caller awaits `add`. */
  maxInFlight?: number
  /** Loads Pagefind's Node API (tests pass a stand-in). */
  load?: () => Promise<Pagefind>
}

/** A part as it is being made. */
interface PartState {
  part: SearchPart
  /** Its pages not yet added or skipped: at 0 the part is done. */
  remaining: number
  index: Promise<PagefindIndex | undefined> | undefined
  adds: Array<Promise<unknown>>
  files: Promise<{ errors: string[]; files: IndexFile[] } | undefined> | undefined
}

/**
 * @param parts the parts to make, with their pages in build order
 * (search-parts.ts): Pagefind's output depends on the order pages are
 * added, and render workers finish in any order, so a page waits here until
 * those before it came or were skipped (or `finish` is called). Builds of
 * the same input make the same index. A page in no part goes to an extra
 * part of its locale, made at `finish`.
 */
export function createSearchIndexer(parts: SearchPart[] = [], options: IndexerOptions = {}): SearchIndexer {
  const maxInFlight = options.maxInFlight ?? defaultMaxInFlight
  const load = options.load ?? (() => import('pagefind'))
  let inFlight = 0
  /** Callers waiting for room, woken as pages finish. */
  const waitingForRoom: Array<() => void> = []
  const messages: VFileMessage[] = []
  const states: PartState[] = parts.map((part) => ({ part, remaining: part.outputFiles.length, index: undefined, adds: [], files: undefined }))
  const partOf = new Map<string, PartState>()
  for (const state of states) for (const file of state.part.outputFiles) partOf.set(file, state)
  const order = states.flatMap((state) => state.part.outputFiles)
  /** Pages that came before their turn, and planned pages that will not come. */
  const waiting = new Map<string, () => void>()
  const skipped = new Set<string>()
  let next = 0
  /** Each locale's part for pages in no planned part. */
  const extra = new Map<string, PartState>()
  const pending: Array<Promise<unknown>> = []
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

  /** A new index for a part, made once the parts closed before it are done. */
  function newIndex(locale: string): Promise<PagefindIndex | undefined> {
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

  /** Once its pages are in, have Pagefind build the part's files, then delete its index. */
  function closePart(state: PartState): void {
    const { index, adds } = state
    if (!index || state.files) return
    state.files = (async () => {
      await Promise.allSettled(adds)
      const made = await index
      if (!made) return undefined
      try {
        const built = await made.getFiles()
        return { errors: built.errors, files: publishedFiles(built.files) }
      } catch (error) {
        return { errors: [String(error)], files: [] }
      } finally {
        await made.deleteIndex().catch(() => undefined)
      }
    })()
    closed = Promise.allSettled([closed, state.files])
  }

  /** One page of `state`'s part is in (or will never be): the last one closes the part. */
  function counted(state: PartState): void {
    if (--state.remaining === 0) closePart(state)
  }

  function addNow(state: PartState, outputFile: string, body: PageBody, sourcePath: string): void {
    state.index ??= newIndex(state.part.locale)
    inFlight++
    const added = state.index.then(async (index) => {
      if (!index) return
      // A cached page's body is read only now, so pages waiting for their turn hold no body.
      const html = typeof body === 'function' ? body() : body
      if (html === undefined) {
        problem(sourcePath, 'This page’s cached HTML could not be read, so it is not in the search index; build again')
        return
      }
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
    state.adds.push(added)
    pending.push(added)
    counted(state)
  }

  /** Resolves when fewer than `maxInFlight` pages are with Pagefind. */
  function room(): Promise<void> {
    if (inFlight < maxInFlight) return Promise.resolve()
    return new Promise((resolve) => waitingForRoom.push(resolve))
  }

  /** Add the waiting pages whose turn has come; with `all`, every waiting page in order. */
  function flush(all = false): void {
    for (; next < order.length; next++) {
      const file = order[next]!
      const added = waiting.get(file)
      if (added) {
        waiting.delete(file)
        added()
      } else if (skipped.delete(file)) {
        counted(partOf.get(file)!)
      } else if (!all) return
    }
  }

  /** The extra part of `locale`, for pages in no planned part. */
  function extraPart(locale: string): PartState {
    let state = extra.get(locale)
    if (!state) {
      const number = 1 + Math.max(0, ...parts.filter((part) => part.locale === locale).map((part) => part.number))
      // Never done by counting: closed at `finish`.
      state = { part: { locale, number, outputFiles: [] }, remaining: Infinity, index: undefined, adds: [], files: undefined }
      extra.set(locale, state)
      states.push(state)
    }
    return state
  }

  return {
    add(locale, outputFile, body, sourcePath) {
      const state = partOf.get(outputFile)
      if (!state) {
        const own = extraPart(locale)
        own.part.outputFiles.push(outputFile)
        addNow(own, outputFile, body, sourcePath)
        return room()
      }
      waiting.set(outputFile, () => addNow(state, outputFile, body, sourcePath))
      flush()
      return room()
    },
    skip(outputFile) {
      if (!partOf.has(outputFile) || waiting.has(outputFile)) return
      skipped.add(outputFile)
      flush()
    },
    async finish(writer, onPart) {
      flush(true)
      await Promise.all(pending)
      for (const state of states) closePart(state)
      const made = [...states].sort((a, b) => (a.part.locale === b.part.locale ? a.part.number - b.part.number : a.part.locale < b.part.locale ? -1 : 1))
      for (const { part, files } of made) {
        const built = await files
        if (!built) continue
        if (built.errors.length > 0) problem('<search>', `Pagefind could not build part ${part.number} of the \`${part.locale}\` search index: ${built.errors.join('; ')}`)
        for (const file of partFiles(part.locale, part.number, built.files)) writer.write(file.relFile, file.content)
        // Kept only when every page went in: a reused part must say all this one said.
        if (built.errors.length === 0 && messages.length === 0) onPart?.(part, built.files)
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

/** Pagefind's browser code and stemmers: a merged part uses the first part's. */
const runtimeFiles = /^(pagefind\.js|pagefind-worker\.js|wasm\.[^/]+\.pagefind)$/

/** Where a part's files go in the output (below `_tolk/search/<locale>/`); only part 1 carries the browser code. */
export function partFiles<F extends { path: string }>(locale: string, number: number, files: F[]): Array<F & { relFile: string }> {
  return files.filter((file) => number === 1 || !runtimeFiles.test(file.path)).map((file) => ({ ...file, relFile: `${searchDir(locale)}${partFolder(number)}${file.path}` }))
}

/** The file that tells the reader's browser how many parts `locale`'s index has. */
export function partsCountFile(locale: string, parts: number): { relFile: string; content: string } {
  return { relFile: `${searchDir(locale)}${searchPartsFile}`, content: `${JSON.stringify({ parts })}\n` }
}

/** The files a reader's browser may fetch: the index, fragments, `pagefind.js`, its worker, and the locale's stemmer (the language-neutral one only when there is none). */
export function publishedFiles<F extends { path: string; content: Uint8Array }>(files: F[]): F[] {
  const entry = files.find((file) => file.path === 'pagefind-entry.json')
  const languages = entry ? (JSON.parse(new TextDecoder().decode(entry.content)) as { languages?: Record<string, { wasm: string | null }> }).languages : undefined
  const needsUnknown = !languages || Object.values(languages).some((language) => language.wasm === null)
  return files.filter((file) => !unusedFiles.test(file.path) && (needsUnknown || file.path !== 'wasm.unknown.pagefind'))
}
