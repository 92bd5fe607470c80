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
 * The cache is an optimisation only: a missing, unreadable or corrupt entry
 * is a miss, and a folder that cannot be written turns the cache off for the
 * build, never failing it.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedConfig } from '../config/schema.ts'
import type { PageJob } from '../content/page-jobs.ts'
import { fromPlainMessage, toPlainMessage, type PlainMessage } from '../diagnostics/plain-message.ts'
import type { PreparedSite } from '../prepare-site.ts'
import type { PageResult } from '../render/page-result.ts'
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
}

export interface PageCache {
  /** `job`'s cached page, when nothing it was made from changed. */
  lookup(job: PageJob): CachedPage | undefined
  /** Keep a freshly rendered result of `job` with the files it read. */
  store(job: PageJob, result: PageResult, inputs: InputRecord[]): void
}

/** Whether an earlier build left pages in the cache (then few pages, if any, need rendering). */
export function hasPageCache(config: ResolvedConfig): boolean {
  return config.cacheDir !== undefined && existsSync(path.join(config.cacheDir, 'pages'))
}

/** The cache for this build, or `undefined` when the config turns it off. */
export function openPageCache(prepared: PreparedSite): PageCache | undefined {
  const { config } = prepared
  if (!config.cacheDir) return undefined
  const dir = path.join(config.cacheDir, 'pages')
  const fingerprint = siteFingerprint(prepared)
  const identity = configIdentity(config)
  const madeDirs = new Set<string>()
  let writable = true

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

  /** The entry's file name without extension: one entry per page, replaced when the page changes. */
  function entryBase(job: PageJob): string {
    const name = digestOf([identity, job.locale.code, job.source.relPath, String(job.fallback)], 'hex')
    return path.join(dir, name.slice(0, 2), name.slice(2))
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

  /** Write `content` to `file` by way of a temporary sibling, so a stopped build never leaves half a file. */
  function put(file: string, content: string): void {
    const folder = path.dirname(file)
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true })
      madeDirs.add(folder)
    }
    const temp = `${file}.${process.pid}.tmp`
    writeFileSync(temp, content)
    renameSync(temp, file)
  }

  return {
    lookup(job) {
      const key = keyOf(job)
      const base = entryBase(job)
      const entry = key === undefined ? undefined : readEntry(base, key)
      if (!entry) return undefined
      const { htmlDigest } = entry
      let messages
      try {
        messages = entry.messages.map(fromPlainMessage)
      } catch {
        return undefined
      }
      return {
        result: { messages, anchors: entry.anchors, anchorChecks: entry.anchorChecks },
        htmlDigest,
        readHtml() {
          if (htmlDigest === undefined) return undefined
          try {
            const html = readFileSync(`${base}.html`, 'utf8')
            return digestOf([html]) === htmlDigest ? html : undefined
          } catch {
            return undefined
          }
        },
      }
    },
    store(job, result, inputs) {
      const key = keyOf(job)
      if (!writable || key === undefined) return
      const base = entryBase(job)
      const entry: Entry = {
        format: cacheFormat,
        key,
        inputs,
        ...(result.html !== undefined ? { htmlDigest: digestOf([result.html]) } : {}),
        messages: result.messages.map(toPlainMessage),
        ...(result.anchors ? { anchors: result.anchors } : {}),
        anchorChecks: result.anchorChecks,
      }
      try {
        // The body first: an entry is only found once its body is in place.
        if (result.html !== undefined) put(`${base}.html`, result.html)
        put(`${base}.json`, JSON.stringify(entry))
      } catch {
        // A read-only or full disk only costs the next build its speed.
        writable = false
      }
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
