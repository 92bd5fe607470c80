/**
 * The build, stage by stage: prepare the site (config → sources → index →
 * strings, templates, navigation) → one page at a time (render, write) →
 * anchor checks → redirects, status and site files → assets → commit.
 */
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { digestOf, hasPageCache, openPageCache, pagesDir, type CachedPage, type EntryFile } from './cache/page-cache.ts'
import { siteFingerprint } from './cache/site-fingerprint.ts'
import { findSearchSnapshot, forgetSearchSnapshot, pruneSearchSnapshots, saveSearchSnapshot, searchKey, type SnapshotFile } from './cache/search-snapshot.ts'
import { clientBundle } from './client/client-bundle.ts'
import { findKey } from './config/resolve-config.ts'
import type { ResolvedConfig } from './config/schema.ts'
import { pageJobs, type PageJob } from './content/page-jobs.ts'
import type { SiteIndex } from './content/site-index.ts'
import { sortMessages } from './diagnostics/format.ts'
import { MessageList } from './diagnostics/message-list.ts'
import { report } from './diagnostics/report.ts'
import { collectStatus } from './i18n/collect-status.ts'
import type { UiStringCoverage } from './i18n/ui-strings.ts'
import { checkAnchors, pageKey, type AnchorsByPage } from './links/check-anchors.ts'
import type { AnchorCheck } from './links/remark-rewrite-links.ts'
import { articleOutputFile } from './links/urls.ts'
import { redirectPages } from './output/redirect-pages.ts'
import { homeRelPath } from './output/home-page.ts'
import { notFoundHtml, robotsTxt, rootPageHtml, sitemapXml } from './output/site-files.ts'
import { statusPageFile, statusPageHtml } from './output/status-page.ts'
import { claimOutputDir } from './output/output-dir.ts'
import { readSvgAsset, isSvgPath } from './output/svg-asset.ts'
import { outputRecordFile } from './output/output-record.ts'
import { createSiteWriter, type SiteWriter } from './output/write-site.ts'
import { prepareSite, sharedSiteOf, type PreparedSite } from './prepare-site.ts'
import { createSearchIndexer, partFiles, partsCountFile, type PageBody, type SearchIndexer } from './search/search-index.ts'
import { planSearchParts, type SearchPart } from './search/search-parts.ts'
import { shardManifest, type ShardFolder } from './shard/shard-manifest.ts'
import { shardManifestName, shardPages, type Shard } from './shard/shard-plan.ts'
import { fetchXrefMaps } from './xref/fetch-xref-maps.ts'
import { siteXrefMaps } from './xref/site-xref-maps.ts'
import { toPageResult, type PageResult } from './render/page-result.ts'
import { createRenderPool, workerCount, workerHeapMb, type RenderPool } from './render/render-pool.ts'
import type { Templates } from './render/templates.ts'

export interface BuildOptions {
  /** Write `outDir` (build) or only report (check). */
  write: boolean
  /** Treat warnings as errors. */
  strict?: boolean
  /** Called with each rendered page (the dev server and tests read pages here). */
  onPage?: (page: { outputFile: string; locale: string; relPath: string; html: string }) => void
  /** Called as each page is done (rendered, failed or timed out): `done` of `total` pages. */
  onProgress?: (done: number, total: number) => void
  /**
   * Render only this shard's pages (shard/shard-plan.ts) and write them to
   * `outDir` as a shard folder, not a site: no cross-page checks, site files,
   * assets or search index (`tolk build --shard K/N`).
   */
  shard?: Shard
  /**
   * Take every page from these shard folders and render none; a page no
   * shard holds is an error (`tolk merge`). The config's own cache is not used.
   */
  fromShards?: ShardFolder[]
  /** Pages in one part of a locale's search index, on average (search/search-parts.ts; tests make it small). */
  searchPagesPerPart?: number | undefined
}

export interface BuildResult {
  messages: VFileMessage[]
  pages: number
  assets: number
  /** True when the output folder was written. */
  written: boolean
  /** Pages taken from the persistent cache, not rendered (cache/page-cache.ts). */
  cached: number
  /** Milliseconds per build stage on this thread, in order (`npm run bench` prints them). */
  stages?: Record<string, number>
  /** UI-string coverage per locale, for `tolk check`. */
  uiStrings: UiStringCoverage[]
  /**
   * Why the output folder was not used (`refusing output folder \`.\`: …`),
   * when it was not; then nothing was built or written. Also in `messages`
   * as an `unsafe-output-dir` error.
   */
  outputRefused: string | undefined
}

export async function build(config: ResolvedConfig, options: BuildOptions): Promise<BuildResult> {
  // Before any work: a build must never replace a folder it may not.
  const claimed = options.write ? claimOutputDir(config) : undefined
  if (claimed && 'problem' in claimed) return refusedResult(config, claimed.problem)
  // Before the workers start: they read fetched xref maps from the cache.
  const xrefMessages = await fetchXrefMaps(config)
  // Built (or found in its cache) once, before workers that would each build it.
  clientBundle()
  // Under a page time budget, pages render on workers (the watchdog can only
  // stop a worker); they start once this thread has read the site, which they share.
  const pool = createRenderPool(config)
  try {
    return await buildWith(pool, config, options, claimed, xrefMessages)
  } finally {
    await pool.close()
  }
}

async function buildWith(pool: RenderPool, config: ResolvedConfig, options: BuildOptions, claimed: { outDir: string } | undefined, xrefMessages: VFileMessage[]): Promise<BuildResult> {
  const stages = stageClock()
  const { shard, fromShards } = options
  const prepared = prepareSite(config)
  stages.mark('prepare')
  const { sources, site, strings } = prepared
  const shared = sharedSiteOf(prepared)
  // With no cache every page renders, and with an article new or changed since the last build at least one
  // does: a worker starts on its templates and processor while this thread looks pages up in the cache (it
  // takes 0.7 s to be ready, about the time the corpus's lookups take). A no-change build, or one where only
  // an include changed, starts it at the first page to render; a merge renders nothing.
  if (watchedWorkers(config) && (!hasPageCache(config) || prepared.articlesChanged > 0) && !options.fromShards) pool.warm(shared)
  // Every message of the build enters here, under the site's rule settings.
  const messages = new MessageList(config.rules)
  messages.push(...xrefMessages, ...prepared.messages)
  // A site build with a cache records what it wrote, so the next one rewrites only what changed (write-site.ts).
  const recordFile = config.cacheDir && !shard && !fromShards && claimed ? outputRecordFile(config.cacheDir, claimed.outDir) : undefined
  const writer = claimed && !messages.hasErrors(options.strict) ? openWriter(claimed.outDir, messages, recordFile) : undefined
  const outputs = new Map<string, string>()
  const anchorsByPage: AnchorsByPage = new Map()
  const anchorChecks: AnchorCheck[] = []
  let pages = 0

  // Which job makes which file; two articles that would make the same file are an error.
  const jobs = pageJobs(config, sources, site)
  const chosen: number[] = []
  for (const [index, { locale, source }] of jobs.entries()) {
    const outputFile = articleOutputFile(locale.code, source.relPath)
    const previous = outputs.get(outputFile)
    if (previous) {
      const file = new VFile({ path: source.absPath })
      report(file, 'duplicate-page', `\`${source.relPath}\` and \`${previous}\` both build \`${outputFile}\`; rename one`)
      messages.push(...file.messages)
      continue
    }
    outputs.set(outputFile, source.relPath)
    chosen.push(index)
  }

  // A shard renders its share of the pages and writes them as cache entries, not as a site.
  if (shard) chosen.splice(0, chosen.length, ...shardPages(chosen, jobs, shard))
  const keepInShard = (files: EntryFile[]): void => {
    for (const { relFile, text } of files) writer?.write(`pages/${relFile}`, text)
  }

  // Pages whose inputs did not change since they were cached are taken from there; the rest are rendered.
  // A merge reads the shards' pages instead; a shard needs the cache's entries for its folder even without a cache.
  const cache = fromShards
    ? openPageCache(prepared, { read: fromShards.map((folder) => pagesDir(folder.dir)), write: undefined })
    : openPageCache(prepared, ...(shard && !config.cacheDir ? [{ read: [], write: undefined }] : []))
  if (fromShards) messages.push(...shardMismatches(fromShards, siteFingerprint(prepared)))
  stages.mark('other')
  const hits = new Map<number, CachedPage>()
  const toRender: number[] = []
  for (const index of chosen) {
    const cached = cache?.lookup(jobs[index]!)
    if (cached) {
      hits.set(index, cached)
      continue
    }
    if (fromShards && cache!.cacheable(jobs[index]!)) {
      messages.push(missingFromShards(jobs[index]!))
      continue
    }
    // The first page to render starts a worker (its templates and processor) while this thread goes on.
    if (toRender.length === 0 && watchedWorkers(config)) pool.warm(shared)
    toRender.push(index)
  }
  // Articles are indexed for search (only when a site is written) in parts, each part's pages in job order.
  // A part whose pages all come from the cache, as it last indexed them, is published from the cache; the rest are made.
  const searchOrder = chosen.map((index) => ({ index, locale: jobs[index]!.locale.code, outputFile: articleOutputFile(jobs[index]!.locale.code, jobs[index]!.source.relPath) }))
  const searchParts = writer && !shard ? planSearchParts(searchOrder, options.searchPagesPerPart) : []
  const outputIndex = new Map(searchOrder.map(({ outputFile, index }) => [outputFile, index]))
  const keptParts = config.cacheDir && writer && !fromShards ? keptSearchParts(config.cacheDir, writer, searchParts, outputIndex, hits) : new Map<SearchPart, KeptPart>()
  const partsToMake = searchParts.filter((part) => !keptParts.has(part))
  const search = writer && !shard ? createSearchIndexer(partsToMake) : undefined
  /** The pages the search indexer waits for. */
  const toIndex = new Set(partsToMake.flatMap((part) => part.outputFiles))
  // Digest of each indexed page's HTML, by output file: the key of its part in the cache.
  const htmlDigests = new Map<string, string>()

  /**
   * Takes a page's result; `searchBody` is what the indexer reads when it is
   * not `result.html` (a cached page's body, read when its turn comes). The
   * promise, when there is one, says when Pagefind has room for the next page.
   */
  function take(index: number, result: PageResult, searchBody?: { body: PageBody; digest: string }): Promise<void> | undefined {
    const { locale, source } = jobs[index]!
    messages.push(...result.messages)
    if (result.anchors) anchorsByPage.set(pageKey(locale.code, source.relPath), new Set(result.anchors))
    anchorChecks.push(...result.anchorChecks)
    const outputFile = articleOutputFile(locale.code, source.relPath)
    let room: Promise<void> | undefined
    if (search && toIndex.has(outputFile)) {
      const body = searchBody ?? (result.html === undefined ? undefined : { body: result.html, digest: digestOf([result.html]) })
      if (body) {
        room = search.add(locale.code, outputFile, body.body, source.absPath)
        htmlDigests.set(outputFile, body.digest)
      } else search.skip(outputFile)
    }
    if (result.html === undefined) return room
    // Pages go to disk as they are rendered; the site is never held in memory.
    if (!shard) writer?.write(outputFile, result.html, { path: source.absPath })
    options.onPage?.({ outputFile, locale: locale.code, relPath: source.relPath, html: result.html })
    pages++
    return room
  }

  let done = 0
  const progress = (): void => options.onProgress?.(++done, chosen.length)
  const rendered = async (index: number, result: PageResult): Promise<void> => {
    if (result.inputs) cache?.store(jobs[index]!, result, result.inputs)
    if (shard) keepInShard(cache!.entryFiles(jobs[index]!, result, result.inputs ?? []))
    const room = take(index, result)
    progress()
    await room
  }
  /** Render `indices` on the workers (or on this thread, `TOLK_WORKERS=0`). */
  async function renderPages(indices: number[]): Promise<void> {
    const threads = workerCount(indices.length, config.pageTimeout)
    if (threads > 0) {
      await pool.run(shared, indices, threads, (index, result) => {
        if ('timedOut' in result) messages.push(timeoutMessage(jobs[index]!.source.absPath, config.pageTimeout))
        else if ('outOfMemory' in result) messages.push(outOfMemoryMessage(jobs[index]!.source.absPath))
        else return rendered(index, result)
        search?.skip(articleOutputFile(jobs[index]!.locale.code, jobs[index]!.source.relPath))
        progress()
        return undefined
      })
    } else {
      for (const index of indices) {
        const job = jobs[index]!
        const { result, inputs } = prepared.renderRecorded(job)
        await rendered(index, toPageResult(result, job.fallback, config.rules, inputs))
      }
    }
  }

  // Pages render on the workers while this thread hands over the cached pages and then writes the
  // files that need no page (redirects, status, site files, assets): before, it did all that first
  // (an edited article waited some 0.9 s of the corpus's cached pages). Messages are sorted at the
  // end and Pagefind takes each part's pages in job order whichever comes first; none of the other
  // files depends on a page or takes a page's name (redirects skip pages, a home page is made only
  // where no article is, assets are never `.html`), so the order changes nothing.
  const rendering = renderPages([...toRender])
  // Until it is awaited below: a failed run must not count as an unhandled rejection meanwhile.
  rendering.catch(() => undefined)
  /** Cached pages whose body turned out lost: rendered once the others are. */
  const renderLater: number[] = []
  // `check` reads no page body; a body lost from the cache is rendered again below.
  const wantsHtml = (writer !== undefined && !shard) || options.onPage !== undefined
  let fromCache = 0
  for (const [index, cached] of hits) {
    if (shard && writer) {
      const files = cached.entryFiles()
      if (!files) {
        renderLater.push(index)
        continue
      }
      keepInShard(files)
    }
    // The search indexer reads a cached body when the page's turn comes, not now: pages wait there for the first page still to render.
    const searchBody = cached.htmlDigest !== undefined ? { body: () => cached.readHtml(), digest: cached.htmlDigest } : undefined
    // A page the output already holds as cached is left there unread, unless someone reads its body.
    if (writer && !shard && cached.htmlDigest !== undefined && !options.onPage) {
      const { locale, source } = jobs[index]!
      if (writer.keep(articleOutputFile(locale.code, source.relPath), cached.htmlDigest)) {
        await take(index, { ...cached.result, html: undefined }, searchBody)
        pages++
        fromCache++
        progress()
        continue
      }
    }
    const html = wantsHtml ? cached.readHtml() : undefined
    if (wantsHtml && cached.htmlDigest !== undefined && html === undefined) {
      renderLater.push(index)
      continue
    }
    // Cached pages come faster than Pagefind indexes them: wait for room, so not all of them are with Pagefind at once.
    await take(index, { ...cached.result, html }, searchBody)
    // Counted as made, as it was when it was rendered.
    if (!wantsHtml && cached.htmlDigest !== undefined) pages++
    fromCache++
    progress()
  }
  stages.mark('cache lookup')
  const assets = shard ? 0 : writeSiteExtras({ config, prepared, writer, messages, outputs, stages })
  await rendering
  if (renderLater.length > 0) await renderPages(renderLater)
  // Every page is looked up or stored by now.
  cache?.finish()
  stages.mark('render')
  if (shard) return finishShard(writer, config.outDir, shard, siteFingerprint(prepared), { messages, pages, options, fromCache, stages, strings })
  messages.push(...checkAnchors(anchorChecks, anchorsByPage))
  stages.mark('anchors')
  if (search && writer) messages.push(...(await finishSearch(search, writer, config.cacheDir, searchParts, keptParts, htmlDigests)))
  stages.mark('search index')
  if (writer) messages.push(...writer.messages)
  const written = writer !== undefined && !messages.hasErrors(options.strict) && finish(writer, config.outDir, messages)
  if (writer && !written) finish(writer, config.outDir, messages, 'abort')
  stages.mark('commit')
  const sorted = dedupe(sortMessages(messages.all()))
  return { messages: sorted, pages, assets, written, cached: fromCache, stages: stages.all(), uiStrings: strings.coverage(), outputRefused: undefined }
}

/**
 * Redirect pages, the translation status page, site files (sitemap, robots,
 * 404 pages, root and home pages, xref maps) and assets: everything the
 * output holds that no article renders. Returns the number of assets.
 */
function writeSiteExtras(state: {
  config: ResolvedConfig
  prepared: PreparedSite
  writer: SiteWriter | undefined
  messages: MessageList
  outputs: Map<string, string>
  stages: ReturnType<typeof stageClock>
}): number {
  const { config, prepared, writer, messages, outputs, stages } = state
  const { sources, site, strings, templates } = prepared
  const redirected = redirectPages(config, site, strings.t)
  messages.push(...redirected.messages)
  for (const page of redirected.pages) {
    if (outputs.has(page.outputFile)) continue
    writer?.write(page.outputFile, page.html, page.redirectionFile ? { path: page.redirectionFile } : undefined)
  }

  if (writer) {
    const statuses = collectStatus(config, sources, prepared.statusFacts)
    // Every article the status compares has been asked for now (`check` asks only for some, and keeps none).
    prepared.statusFacts.save()
    writer.write(statusPageFile, statusPageHtml(config, statuses, (key) => strings.t(config.defaultLocale, key)))
    writeSiteFiles(writer, config, site, templates, strings.t)
    for (const map of siteXrefMaps(config, site)) writer.write(map.relFile, map.text)
    for (const locale of config.locales) {
      const home = prepared.homePage(locale.code)
      if (home !== undefined) writer.write(articleOutputFile(locale.code, homeRelPath), home)
    }
  }

  stages.mark('site files')
  let assets = 0
  for (const locale of config.locales) {
    for (const asset of sources.get(locale.code)!.assets) {
      const relFile = `${locale.code}/${asset.relPath}`
      const origin = { path: asset.absPath }
      if (isSvgPath(asset.relPath)) {
        // Sanitized in `check` too, so its warnings come before anything is published.
        const svg = readSvgAsset(asset.absPath)
        messages.push(...svg.messages)
        if (!svg.bytes) continue
        writer?.write(relFile, svg.bytes, origin)
      } else {
        writer?.copy(relFile, asset.absPath, origin)
      }
      if (writer) assets++
    }
  }
  // tolk's reader code (client/, built by Vite with hashed names), then the site's template assets.
  if (writer) {
    const bundle = clientBundle()
    for (const name of bundle.files) writer.copy(`_tolk/${name}`, path.join(bundle.dir, name))
  }
  // The site's own templates are trusted code (they hold its scripts), so their assets are copied as they are.
  if (writer) for (const name of templates.assets) writer.copy(`_tolk/${name}`, path.join(templates.assetsDir, name))

  stages.mark('assets')
  return assets
}

/** A shard's end: its manifest written and its folder committed, unless an error stopped it. */
function finishShard(
  writer: SiteWriter | undefined,
  outDir: string,
  shard: Shard,
  site: string,
  state: { messages: MessageList; pages: number; options: BuildOptions; fromCache: number; stages: ReturnType<typeof stageClock>; strings: { coverage(): UiStringCoverage[] } },
): BuildResult {
  const { messages, pages, options } = state
  writer?.write(shardManifestName, shardManifest(shard, pages, site))
  if (writer) messages.push(...writer.messages)
  const written = writer !== undefined && !messages.hasErrors(options.strict) && finish(writer, outDir, messages)
  if (writer && !written) finish(writer, outDir, messages, 'abort')
  state.stages.mark('commit')
  const sorted = dedupe(sortMessages(messages.all()))
  return { messages: sorted, pages, assets: 0, written, cached: state.fromCache, stages: state.stages.all(), uiStrings: state.strings.coverage(), outputRefused: undefined }
}

/** A shard built from other sources, config or tolk than the merge: its pages would not be found. */
function shardMismatches(folders: ShardFolder[], site: string): VFileMessage[] {
  return folders
    .filter((folder) => folder.site !== site)
    .map((folder) =>
      report(
        new VFile({ path: path.join(folder.dir, shardManifestName) }),
        'shard-mismatch',
        `Shard ${folder.shard.index}/${folder.shard.count} was built from other sources, config or tolk than this merge; build every shard and the merge from the same commit with the same options`,
        { line: 1, column: 1 },
      ),
    )
}

/** A page that no shard folder holds (for a mismatched shard, each of its pages). */
function missingFromShards(job: PageJob): VFileMessage {
  return report(
    new VFile({ path: job.source.absPath }),
    'shard-missing',
    `No shard holds the ${job.locale.code} page of this article; merge the folders of every shard (\`tolk build --shard K/N\`) of this commit`,
    { line: 1, column: 1 },
  )
}

/** Pages render on workers under the `pageTimeout` watchdog (render-pool.ts), unless `TOLK_WORKERS=0`. */
function watchedWorkers(config: ResolvedConfig): boolean {
  return config.pageTimeout > 0 && process.env['TOLK_WORKERS'] !== '0'
}

/** A search part published from the cache, and its key there. */
interface KeptPart {
  key: string
  /** Its published files; `content` read from the cache when the output folder does not hold the file as made. */
  files: Array<SnapshotFile & { relFile: string; content?: Uint8Array }>
}

/**
 * The kept snapshot of each search part whose pages all come from the
 * cache, unchanged since the part was made. Files the output folder lacks
 * are read now: a snapshot that cannot be read whole is not used, and its
 * part is indexed again.
 */
function keptSearchParts(cacheDir: string, writer: SiteWriter, parts: SearchPart[], outputIndex: Map<string, number>, hits: Map<number, CachedPage>): Map<SearchPart, KeptPart> {
  const kept = new Map<SearchPart, KeptPart>()
  for (const part of parts) {
    const cached = part.outputFiles.map((file) => hits.get(outputIndex.get(file)!))
    if (!cached.every((page) => page !== undefined)) continue
    const digests = new Map(part.outputFiles.map((file, at) => [file, cached[at]!.htmlDigest]))
    const key = searchKey(part.locale, indexedPages(part, digests))
    const snapshot = findSearchSnapshot(cacheDir, part.locale, key)
    if (!snapshot) continue
    const files: KeptPart['files'] = partFiles(part.locale, part.number, snapshot.files)
    const whole = files.every((file) => {
      if (writer.holds(file.relFile, file.digest)) return true
      const content = file.read()
      if (content !== undefined) file.content = content
      return content !== undefined
    })
    if (whole) kept.set(part, { key, files })
    else forgetSearchSnapshot(cacheDir, part.locale, key)
  }
  return kept
}

/** A part's indexed pages (those with HTML), in build order, as `[outputFile, htmlDigest]`. */
function indexedPages(part: SearchPart, digests: Map<string, string | undefined>): Array<[string, string]> {
  const pages: Array<[string, string]> = []
  for (const file of part.outputFiles) {
    const digest = digests.get(file)
    if (digest !== undefined) pages.push([file, digest])
  }
  return pages
}

/**
 * Publish the search index: the kept parts from the cache, the made ones
 * from Pagefind (kept in the cache for the next build), and each locale's
 * count of parts. The cache then forgets the parts no longer in the site.
 */
async function finishSearch(
  search: SearchIndexer,
  writer: SiteWriter,
  cacheDir: string | false | undefined,
  parts: SearchPart[],
  kept: Map<SearchPart, KeptPart>,
  htmlDigests: Map<string, string>,
): Promise<VFileMessage[]> {
  const used = new Map<string, Set<string>>()
  const use = (part: SearchPart, key: string): void => {
    let keys = used.get(part.locale)
    if (!keys) used.set(part.locale, (keys = new Set()))
    keys.add(key)
  }
  const lost: VFileMessage[] = []
  for (const [part, { key, files }] of kept) {
    // The output folder most often holds the part as it was made: then it stays there unread.
    for (const file of files) {
      if (file.content === undefined && writer.keep(file.relFile, file.digest)) continue
      // Changed in the output folder since the part was found: read it from the cache after all.
      const content = file.content ?? file.read()
      if (content !== undefined) writer.write(file.relFile, content)
      // `kept` holds parts only when there is a cache folder.
      else lost.push(lostSearchFile(cacheDir as string, file.relFile))
    }
    use(part, key)
  }
  const messages = await search.finish(writer, (part, files) => {
    if (!cacheDir) return
    const key = searchKey(part.locale, indexedPages(part, htmlDigests))
    saveSearchSnapshot(cacheDir, part.locale, key, files)
    use(part, key)
  })
  const counts = new Map<string, number>()
  for (const part of parts) counts.set(part.locale, Math.max(counts.get(part.locale) ?? 0, part.number))
  for (const [locale, count] of counts) {
    const file = partsCountFile(locale, count)
    writer.write(file.relFile, file.content)
  }
  if (cacheDir && messages.length === 0 && lost.length === 0) for (const locale of counts.keys()) pruneSearchSnapshots(cacheDir, locale, used.get(locale) ?? new Set())
  return [...lost, ...messages]
}

/** A kept search file removed from the cache between finding its part and publishing it (a build sharing the cache pruned it). */
function lostSearchFile(cacheDir: string, relFile: string): VFileMessage {
  return report(
    new VFile({ path: path.join(cacheDir, 'search') }),
    'output-error',
    `Cannot write \`${relFile}\`: its search-index part was removed from the cache folder during this build (by another build sharing it?); build again`,
  )
}

/** Wall time between marks, added up by stage name. */
function stageClock(): { mark(stage: string): void; all(): Record<string, number> } {
  const stages: Record<string, number> = {}
  let last = performance.now()
  return {
    mark(stage) {
      const now = performance.now()
      stages[stage] = (stages[stage] ?? 0) + Math.round(now - last)
      last = now
    },
    all: () => stages,
  }
}

/** The site writer, or `undefined` after reporting why its temp folder could not be made. */
function openWriter(outDir: string, messages: MessageList, recordFile: string | undefined): SiteWriter | undefined {
  try {
    return createSiteWriter(outDir, { recordFile })
  } catch (error) {
    messages.push(outputError(outDir, error))
    return undefined
  }
}

/** Commit (or abort) the writer; a file-system error becomes an `output-error`, never a throw. */
function finish(writer: SiteWriter, outDir: string, messages: MessageList, how: 'commit' | 'abort' = 'commit'): boolean {
  try {
    if (how === 'commit') writer.commit()
    else writer.abort()
    return true
  } catch (error) {
    messages.push(outputError(outDir, error))
    return false
  }
}

function outputError(outDir: string, error: unknown): VFileMessage {
  const code = (error as NodeJS.ErrnoException).code ?? String(error)
  return report(new VFile({ path: outDir }), 'output-error', `Cannot write the output folder: ${code}`)
}

/** Nothing built: the output folder may not be used. Reported at the config's `outDir` when it has one. */
function refusedResult(config: ResolvedConfig, problem: string): BuildResult {
  const file = new VFile({ path: config.configFile ?? '<command line>' })
  let where
  if (config.configFile) {
    try {
      where = findKey(readFileSync(config.configFile, 'utf8'), ['outDir'])
    } catch {
      where = undefined
    }
  }
  report(file, 'unsafe-output-dir', problem.charAt(0).toUpperCase() + problem.slice(1), where)
  return { messages: file.messages, pages: 0, assets: 0, written: false, cached: 0, uiStrings: [], outputRefused: problem }
}


/** Sitemap, robots.txt, 404 pages and the language-choice root page. */
function writeSiteFiles(writer: SiteWriter, config: ResolvedConfig, site: SiteIndex, templates: Templates, t: (locale: string, key: string) => string): void {
  const sitemap = sitemapXml(config, site)
  if (sitemap) writer.write('sitemap.xml', sitemap)
  writer.write('robots.txt', robotsTxt(config))
  writer.write('index.html', rootPageHtml(config, t))
  if (!templates.page) return
  for (const locale of config.locales) {
    const html = notFoundHtml(config, locale.code, templates.page, t)
    writer.write(`${locale.code}/404.html`, html)
    if (locale.code === config.defaultLocale) writer.write('404.html', html)
  }
}





function timeoutMessage(absPath: string, seconds: number): VFileMessage {
  return report(
    new VFile({ path: absPath }),
    'render-timeout',
    `Rendering this page took longer than ${seconds} s, so it was stopped; simplify it (long emphasis runs, deep quotes, huge tables) or raise \`pageTimeout\` in the config`,
    { line: 1, column: 1 },
  )
}

function outOfMemoryMessage(absPath: string): VFileMessage {
  return report(
    new VFile({ path: absPath }),
    'render-out-of-memory',
    `Rendering this page needed more memory than a render worker may use (${workerHeapMb} MB), so it was stopped; split the page or simplify it (huge tables, very many includes)`,
    { line: 1, column: 1 },
  )
}

/** An include used by many pages reports its problem once. */
function dedupe(messages: VFileMessage[]): VFileMessage[] {
  const seen = new Set<string>()
  return messages.filter((message) => {
    const key = `${message.file}:${message.line}:${message.column}:${message.ruleId}:${message.reason}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
