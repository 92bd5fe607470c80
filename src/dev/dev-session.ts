/**
 * The dev server's state: the prepared site, which URL is which page or
 * asset, rendered pages with the files each one used, and what a changed
 * file means for them. Pages render when requested, with the same
 * `renderSource` as the build; nothing renders at start.
 */
import { clientBundle } from '../client/client-bundle.ts'
import path from 'node:path'
import type { VFileMessage } from 'vfile-message'
import type { ResolveResult } from '../config/resolve-config.ts'
import { pageJobs, type PageJob } from '../content/page-jobs.ts'
import { sortMessages } from '../diagnostics/format.ts'
import { applyRuleSettings } from '../diagnostics/rule-settings.ts'
import { checkAnchors, pageKey } from '../links/check-anchors.ts'
import { articlePath } from '../links/urls.ts'
import { rootPageHtml } from '../output/site-files.ts'
import { isSvgPath, readSvgAsset } from '../output/svg-asset.ts'
import { prepareSite, type PreparedSite } from '../prepare-site.ts'
import { fetchXrefMaps } from '../xref/fetch-xref-maps.ts'
import { createNodeFileSystem } from '../content/node-file-system.ts'
import { ownRelPath } from '../content/site-index.ts'

export type DevResponse =
  | { kind: 'page'; html: string | undefined; messages: VFileMessage[] }
  | { kind: 'file'; absPath: string }
  /** A content SVG, sanitized as the build would publish it; `bytes` is `undefined` when the build would not publish it. */
  | { kind: 'svg'; bytes: Buffer | undefined; messages: VFileMessage[] }
  | { kind: 'not-found'; messages: VFileMessage[] }

/** Site-relative URL paths whose pages changed, or `'all'`. */
export type Changed = string[] | 'all'

interface CachedPage {
  html: string | undefined
  messages: VFileMessage[]
  /** Files this page was made from: article, includes, the source it translates. */
  files: Set<string>
  anchors: Set<string> | undefined
}

export interface DevSession {
  /** (Re)load config and site; returns the config problems, if any. */
  reload(): Promise<VFileMessage[]>
  respond(urlPath: string): DevResponse
  fileChanged(absPath: string, event: 'add' | 'change' | 'unlink'): Promise<Changed>
  /** Folders and files to watch: the config's folder (the config and what it imports), the content roots, templates, UI strings, redirection files. */
  watched(): string[]
  /** Folders below those that tolk writes and never reads as input: the output and cache folders. */
  unwatched(): string[]
  /** The site's base path, like `/docs/`. */
  base(): string
  /** Counts changes; a page records the count it was made at. */
  version(): number
  /** True when `urlPath` changed after `version` (a client that reconnects late asks this). */
  changedSince(urlPath: string, version: number): boolean
}

export function createDevSession(loadConfig: () => Promise<ResolveResult>): DevSession {
  const fs = createNodeFileSystem()
  let prepared: PreparedSite | undefined
  let configMessages: VFileMessage[] = []
  let jobsByUrl = new Map<string, PageJob>()
  let filesByUrl = new Map<string, string>()
  /** URL paths of content SVGs, which are served sanitized (template assets are the site's own code). */
  let contentSvgs = new Set<string>()
  let globalFiles = new Set<string>()
  const cache = new Map<string, CachedPage>()
  // Kept from the last good load, so a broken config is still watched and can be fixed.
  let watchedPaths: string[] = []
  let version = 0
  let everythingChangedAt = 0
  const changedAt = new Map<string, number>()

  async function reload(): Promise<VFileMessage[]> {
    const { config, file } = await loadConfig()
    cache.clear()
    configMessages = file.messages
    if (!config) {
      prepared = undefined
      return configMessages
    }
    for (const absPath of [...globalFiles]) fs.invalidate(absPath)
    fs.setLimits({ maxFileSize: config.maxFileSize })
    // xrefMaps URLs are fetched into the cache prepareSite reads, as in a build.
    configMessages = [...configMessages, ...(await fetchXrefMaps(config))]
    prepared = prepareSite(config, { fs })
    jobsByUrl = new Map(pageJobs(config, prepared.sources, prepared.site).map((job) => [articlePath(job.locale.code, job.source.relPath), job]))
    filesByUrl = new Map()
    contentSvgs = new Set()
    for (const locale of config.locales) {
      for (const asset of prepared.sources.get(locale.code)!.assets) {
        filesByUrl.set(`${locale.code}/${asset.relPath}`, asset.absPath)
        if (isSvgPath(asset.relPath)) contentSvgs.add(`${locale.code}/${asset.relPath}`)
      }
    }
    const bundle = clientBundle()
    for (const name of bundle.files) filesByUrl.set(`_tolk/${name}`, path.join(bundle.dir, name))
    for (const name of prepared.templates.assets) filesByUrl.set(`_tolk/${name}`, path.join(prepared.templates.assetsDir, name))
    globalFiles = new Set(
      [
        config.configFile,
        config.redirectionFile,
        ...config.locales.map((locale) => locale.redirectionFile),
        ...prepared.templates.files.map((file) => String(file.path)),
        ...prepared.strings.files.map((file) => String(file.path)),
        ...config.locales.flatMap((locale) => prepared!.sources.get(locale.code)!.tocs.map((toc) => toc.absPath)),
      ].filter((file): file is string => Boolean(file)),
    )
    return configMessages
  }

  function render(urlPath: string): CachedPage | undefined {
    const cached = cache.get(urlPath)
    if (cached) return cached
    const job = jobsByUrl.get(urlPath)
    if (!job || !prepared) return undefined
    const { result, files } = fs.recording(() => prepared!.renderSource(job))
    files.add(job.source.absPath)
    const original = ownRelPath(prepared.site, job.source.relPath, prepared.config.defaultLocale)
    const sourceOfTranslation = original === undefined ? undefined : prepared.site.articlesByLocale.get(prepared.config.defaultLocale)?.get(original)
    if (sourceOfTranslation) files.add(sourceOfTranslation.absPath)
    const page: CachedPage = {
      html: result.html,
      messages: result.file.messages,
      files,
      anchors: result.file.data.anchors ? new Set(result.file.data.anchors) : undefined,
    }
    cache.set(urlPath, page)
    // Anchors on other pages are known once those render; render them now (cached) to check.
    const checks = result.file.data.anchorChecks ?? []
    const anchorsByPage = new Map<string, Set<string>>()
    for (const check of checks) {
      const target = articlePath(check.locale, check.relPath)
      const anchors = target === urlPath ? page.anchors : render(target)?.anchors
      if (anchors) anchorsByPage.set(pageKey(check.locale, check.relPath), anchors)
    }
    page.messages = [...page.messages, ...checkAnchors(checks, anchorsByPage)]
    return page
  }

  return {
    reload,
    base: () => prepared?.config.base ?? '/',
    respond(urlPath) {
      // What the overlay shows passes the site's rule settings, as the build's messages do.
      const settled = (messages: VFileMessage[]) => sortMessages(applyRuleSettings(messages, prepared?.config.rules ?? {}))
      const global = [...configMessages, ...settled(prepared?.messages ?? []).filter((message) => message.fatal === true)]
      const page = render(urlPath === '' || urlPath.endsWith('/') ? urlPath : `${urlPath}/`)
      if (page) return { kind: 'page', html: page.html, messages: settled([...global, ...page.messages]) }
      const absPath = filesByUrl.get(urlPath)
      if (absPath && contentSvgs.has(urlPath)) {
        // Read on every request: an SVG is small, and an edited one is served as the build would write it.
        const { bytes, messages } = readSvgAsset(absPath)
        return { kind: 'svg', bytes, messages: settled(messages) }
      }
      if (absPath) return { kind: 'file', absPath }
      const locale = prepared?.config.locales.find((entry) => urlPath === entry.code || urlPath === `${entry.code}/`)
      const home = locale && prepared!.homePage(locale.code)
      if (home !== undefined) return { kind: 'page', html: home, messages: sortMessages(global) }
      if (urlPath === '' && prepared) {
        return { kind: 'page', html: rootPageHtml(prepared.config, prepared.strings.t), messages: settled(global) }
      }
      return { kind: 'not-found', messages: settled(global) }
    },
    version: () => version,
    changedSince: (urlPath, since) => everythingChangedAt > since || (changedAt.get(urlPath) ?? 0) > since,
    async fileChanged(absPath, event) {
      fs.invalidate(absPath)
      version++
      if (!prepared || globalFiles.has(absPath) || event !== 'change' || !absPath.endsWith('.md')) {
        await reload()
        everythingChangedAt = version
        return 'all'
      }
      const changed = new Set<string>()
      for (const [urlPath, page] of cache) {
        if (page.files.has(absPath)) changed.add(urlPath)
      }
      for (const [urlPath, job] of jobsByUrl) {
        if (job.source.absPath === absPath) {
          changed.add(urlPath)
          if (job.source.locale === prepared.config.defaultLocale) prepared.forgetSource(job.source.relPath)
        }
      }
      // Anchor checks of cached pages may point at a changed page: re-check them on their next view.
      for (const urlPath of changed) {
        cache.delete(urlPath)
        changedAt.set(urlPath, version)
      }
      for (const [urlPath, page] of cache) if (page.messages.some((message) => message.ruleId === 'broken-anchor')) cache.delete(urlPath)
      return [...changed].sort()
    },
    watched() {
      if (!prepared) return watchedPaths
      const config = prepared.config
      return (watchedPaths = [
        ...config.locales.map((locale) => locale.root),
        config.templatesDir,
        ...(config.uiStringsDir ? [config.uiStringsDir] : []),
        ...(config.configFile ? [path.dirname(config.configFile)] : []),
        ...(config.redirectionFile ? [config.redirectionFile] : []),
      ])
    },
    unwatched() {
      const config = prepared?.config
      return config ? [config.outDir, ...(config.cacheDir ? [config.cacheDir] : [])] : []
    },
  }
}
