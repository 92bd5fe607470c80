/**
 * The persistent page cache: what rendering a page gave (its HTML, messages,
 * ids and the anchors its links expect), kept on disk under the config's
 * `cacheDir` with the inputs it was made from. A later build reuses a page
 * when its key (the site fingerprint, the page's locale, path, context and
 * article text) is the same and every file it read still reads the same;
 * otherwise the page is rendered again and its entry replaced. Links and
 * anchors are checked across all pages after every build, cached or not, so
 * a renamed heading is reported on every page that still links to it.
 *
 * An entry is two files: `<name>.json` (key, inputs, messages, anchors, the
 * HTML's digest) and `<name>.html`, so a build can decide what to reuse
 * before it reads any page body, and `check` never reads one.
 *
 * An entry no build has used for 30 days is removed (entry-ages.ts).
 *
 * The cache is an optimisation only: a missing, unreadable or corrupt entry
 * is a miss, and a folder that cannot be written turns the cache off for the
 * build, never failing it.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedConfig } from '../config/schema.ts'
import type { PageJob } from '../content/page-jobs.ts'
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
import type { PreparedSite } from '../prepare-site.ts'
import type { PageResult } from '../render/page-result.ts'
import { writeCacheFile } from './cache-file.ts'
import { recordUse } from './entry-ages.ts'
import type { InputRecord } from './recording-file-system.ts'
import { cacheFormat, configIdentity, siteFingerprint } from './site-fingerprint.ts'

interface Entry {
  format: string
  key: string
  inputs: InputRecord[]
  /** Digest of the page's HTML (in `<name>.html`); absent when the page could not be made. */
  htmlDigest?: string
  messages: PlainMessage[]
  anchors?: string[]
  anchorChecks: PageResult['anchorChecks']
}

/** A page found in the cache: everything but its HTML, which is read only when wanted. */
export interface CachedPage {
  result: Omit<PageResult, 'html'>
  /** Digest of its HTML; `undefined` when the page could not be made. */
  htmlDigest: string | undefined
  /** Its HTML, checked against the digest; `undefined` when lost or changed since (render the page again). */
  readHtml(): string | undefined
  /** The entry's files as they are (for a shard's manifest), the HTML checked; `undefined` when it changed since. */
  entryFiles(): EntryFile[] | undefined
}

/** One file of an entry: its name below the cache's `pages/` folder, and its text. */
export interface EntryFile {
  relFile: string
  text: string
}

export interface PageCache {
  /** `job`'s cached page, when nothing it was made from changed. */
  lookup(job: PageJob): CachedPage | undefined
  /** Whether `job` can be cached at all (not when its article cannot be read: rendering it reports why). */
  cacheable(job: PageJob): boolean
  /** Keep a freshly rendered result of `job` with the files it read (not in a read-only cache). */
  store(job: PageJob, result: PageResult, inputs: InputRecord[]): void
  /** The entry `store` would write for that result, as files (a shard writes them to its manifest). */
  entryFiles(job: PageJob, result: PageResult, inputs: InputRecord[]): EntryFile[]
  /** At the build's end: record the entries this build looked up or stored as used today, and remove long-unused ones (entry-ages.ts). */
  finish(): void
}

/** Where a cache's entries are: the build's own `cacheDir`, or the `pages/` folders of shards, read only. */
export interface CacheFolders {
  /** `pages/` folders a lookup reads, in order; the first fresh entry wins. */
  read: string[]
  /** The `pages/` folder `store` writes; none for a read-only cache. */
  write: string | undefined
}

/** Whether an earlier build left pages in the cache (then few pages, if any, need rendering). */
export function hasPageCache(config: ResolvedConfig): boolean {
  return config.cacheDir !== undefined && existsSync(path.join(config.cacheDir, 'pages'))
}

/** The `pages/` folder of a cache folder or a shard's manifest folder. */
export function pagesDir(dir: string): string {
  return path.join(dir, 'pages')
}

/** The config's own cache folder, read and written; `undefined` when the config turns the cache off. */
export function ownCacheFolders(config: ResolvedConfig): CacheFolders | undefined {
  return config.cacheDir ? { read: [pagesDir(config.cacheDir)], write: pagesDir(config.cacheDir) } : undefined
}

/** The cache for this build over `folders` (by default the config's own), or `undefined` when there is none. */
export function openPageCache(prepared: PreparedSite, folders = ownCacheFolders(prepared.config)): PageCache | undefined {
  const { config } = prepared
  if (!folders) return undefined
  const fingerprint = siteFingerprint(prepared)
  const identity = configIdentity(config)

  // A page not found is stored after rendering under the key its lookup made: its article is read and hashed once.
  const keys = new Map<PageJob, string | undefined>()

  /** The job's key, or `undefined` when its article cannot be read (its page reports why; nothing is cached). */
  function keyOf(job: PageJob): string | undefined {
    if (keys.has(job)) return keys.get(job)
    const text = prepared.articleDigest(job)
    const key = text === undefined ? undefined : digestOf([fingerprint, job.locale.code, job.source.absPath, String(job.fallback), prepared.pageContext(job), text])
    keys.set(job, key)
    return key
  }

  /** The entry's file name below `pages/`, without extension: one entry per page, replaced when the page changes. */
  function entryName(job: PageJob): string {
    const name = digestOf([identity, job.locale.code, job.source.relPath, String(job.fallback)], 'hex')
    return `${name.slice(0, 2)}/${name.slice(2)}`
  }

  /** Entries this build asked for or wrote: in use, whatever became of them. */
  const used = new Set<string>()

  /** The first folder holding a fresh entry for `job`, with that entry. */
  function find(job: PageJob): { base: string; entry: Entry } | undefined {
    const key = keyOf(job)
    if (key === undefined) return undefined
    const name = entryName(job)
    used.add(name)
    for (const dir of folders!.read) {
      const base = path.join(dir, name)
      const entry = readEntry(base, key)
      if (entry) return { base, entry }
    }
    return undefined
  }

  function readBody(base: string, htmlDigest: string): string | undefined {
    try {
      const html = readFileSync(`${base}.html`, 'utf8')
      return digestOf([html]) === htmlDigest ? html : undefined
    } catch {
      return undefined
    }
  }

  function entryOf(key: string, result: PageResult, inputs: InputRecord[]): Entry {
    return {
      format: cacheFormat,
      key,
      inputs,
      ...(result.html !== undefined ? { htmlDigest: digestOf([result.html]) } : {}),
      messages: result.messages.map(toPlainMessage),
      ...(result.anchors ? { anchors: result.anchors } : {}),
      anchorChecks: result.anchorChecks,
    }
  }

  function readEntry(base: string, key: string): Entry | undefined {
    let entry: unknown
    try {
      entry = JSON.parse(readFileSync(`${base}.json`, 'utf8'))
    } catch {
      return undefined
    }
    if (!isEntry(entry) || entry.format !== cacheFormat || entry.key !== key) return undefined
    const fresh = entry.inputs.every(([absPath, roots, digest]) => prepared.fs.digestOf(absPath, roots) === digest)
    return fresh ? entry : undefined
  }

  let writable = folders.write !== undefined
  return {
    cacheable: (job) => keyOf(job) !== undefined,
    lookup(job) {
      const found = find(job)
      if (!found) return undefined
      const { base, entry } = found
      const { htmlDigest } = entry
      let messages
      try {
        messages = entry.messages.map(fromPlainMessage)
      } catch {
        return undefined
      }
      const name = entryName(job)
      return {
        result: { messages, anchors: entry.anchors, anchorChecks: entry.anchorChecks },
        htmlDigest,
        readHtml: () => (htmlDigest === undefined ? undefined : readBody(base, htmlDigest)),
        entryFiles() {
          const files = [{ relFile: `${name}.json`, text: JSON.stringify(entry) }]
          if (htmlDigest === undefined) return files
          const html = readBody(base, htmlDigest)
          return html === undefined ? undefined : [{ relFile: `${name}.html`, text: html }, ...files]
        },
      }
    },
    store(job, result, inputs) {
      const key = keyOf(job)
      if (!writable || key === undefined) return
      used.add(entryName(job))
      const base = path.join(folders.write!, entryName(job))
      try {
        // The body first: an entry is only found once its body is in place.
        if (result.html !== undefined) writeCacheFile(`${base}.html`, result.html)
        writeCacheFile(`${base}.json`, JSON.stringify(entryOf(key, result, inputs)))
      } catch {
        // A read-only or full disk only costs the next build its speed.
        writable = false
      }
    },
    entryFiles(job, result, inputs) {
      const key = keyOf(job)
      if (key === undefined) return []
      const name = entryName(job)
      const json = { relFile: `${name}.json`, text: JSON.stringify(entryOf(key, result, inputs)) }
      return result.html === undefined ? [json] : [{ relFile: `${name}.html`, text: result.html }, json]
    },
    finish() {
      if (writable && folders.write !== undefined) recordUse(folders.write, used)
    },
  }
}

/** SHA-256 of `parts`, each length-prefixed so no two lists hash alike. */
export function digestOf(parts: string[], encoding: 'base64url' | 'hex' = 'base64url'): string {
  const hash = createHash('sha256')
  for (const part of parts) hash.update(`${part.length}:`).update(part)
  return hash.digest(encoding)
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Partial<Entry> | null
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.key === 'string' &&
    Array.isArray(entry.inputs) &&
    entry.inputs.every((input) => Array.isArray(input) && typeof input[0] === 'string' && Array.isArray(input[1]) && typeof input[2] === 'string') &&
    (entry.htmlDigest === undefined || typeof entry.htmlDigest === 'string') &&
    Array.isArray(entry.messages) &&
    (entry.anchors === undefined || Array.isArray(entry.anchors)) &&
    Array.isArray(entry.anchorChecks)
  )
}
