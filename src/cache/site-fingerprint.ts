/**
 * What every page of a build depends on besides its own article and the
 * files it reads, as one hash: tolk itself (its code, templates, strings and
 * dependencies), the resolved config, the site index (which articles, assets,
 * redirects and uids exist), the TOC trees, the site's UI strings and
 * templates. A change to any of them re-renders every page; an article's
 * body or an include does not change it (see page-cache.ts).
 */
import { createHash, type Hash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import { clientBundle } from '../client/client-bundle.ts'
import { packageDir } from '../config/resolve-config.ts'
import type { ResolvedConfig } from '../config/schema.ts'
import type { PreparedSite } from '../prepare-site.ts'

/** Bump when the cache entry format changes. */
export const cacheFormat = 'tolk-page-cache-1'

const fingerprints = new WeakMap<PreparedSite, string>()

/** What every page of `prepared` depends on, hashed once per prepared site. */
export function siteFingerprint(prepared: PreparedSite): string {
  let fingerprint = fingerprints.get(prepared)
  if (fingerprint === undefined) fingerprints.set(prepared, (fingerprint = hashSite(prepared)))
  return fingerprint
}

function hashSite(prepared: PreparedSite): string {
  const hash = createHash('sha256').update(cacheFormat).update(codeFingerprint())
  const { site, navs, strings, templates } = prepared
  hashValue(hash, { config: pageConfig(prepared.config), site, navs, strings: strings.files, templates: templates.files, templateAssets: templates.assets, client: clientBundle().files })
  return hash.digest('base64url')
}

/** The config as pages see it: where the site is written and cached changes no page. */
export function pageConfig(config: ResolvedConfig): Omit<ResolvedConfig, 'outDir' | 'cacheDir'> {
  const { outDir: _outDir, cacheDir: _cacheDir, ...rest } = config
  return rest
}

/** One hash of `pageConfig`, for entry names: two configs of one folder (a test's flags, say) keep apart entries. */
export function configIdentity(config: ResolvedConfig): string {
  const hash = createHash('sha256')
  hashValue(hash, pageConfig(config))
  return hash.digest('base64url')
}

let code: string | undefined

/**
 * tolk's own files (code, built-in templates and strings, reader code) and
 * its package and lock files, hashed once per process: a new tolk, or a
 * dependency upgrade in a checkout, never reuses pages an older one made.
 */
export function codeFingerprint(): string {
  if (code !== undefined) return code
  const hash = createHash('sha256')
  const walk = (dir: string): void => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) hash.update(path.relative(packageDir, full)).update('\0').update(readFileSync(full)).update('\0')
    }
  }
  for (const dir of ['src', 'templates', 'locales', 'client']) walk(path.join(packageDir, dir))
  for (const file of ['package.json', 'package-lock.json']) {
    try {
      hash.update(file).update(readFileSync(path.join(packageDir, file)))
    } catch {
      // An installed tolk has no lock file of its own; its version is in package.json.
    }
  }
  code = hash.digest('base64url')
  return code
}

/**
 * Feed `value` to `hash` as canonical text: maps and sets by their entries in
 * order (the index is built in a fixed order), a VFile by its path and text,
 * functions left out. Streaming keeps a large site index from becoming one
 * huge string.
 */
function hashValue(hash: Hash, value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || value === undefined) {
    hash.update(value === null ? 'n' : 'u')
    return
  }
  switch (typeof value) {
    case 'string':
      hash.update(`s${value.length}:`).update(value)
      return
    case 'number':
    case 'boolean':
    case 'bigint':
      hash.update(`${typeof value}:${String(value)};`)
      return
    case 'function':
    case 'symbol':
      hash.update('f')
      return
  }
  const object = value as object
  // A value reached twice along one path would loop; a shared one is hashed each time it is met.
  if (seen.has(object)) {
    hash.update('cycle')
    return
  }
  seen.add(object)
  if (object instanceof VFile) {
    hashValue(hash, [object.path, String(object.value ?? '')], seen)
  } else if (object instanceof Map) {
    hash.update(`M${object.size}[`)
    for (const [key, entry] of object) {
      hashValue(hash, key, seen)
      hashValue(hash, entry, seen)
    }
    hash.update(']')
  } else if (object instanceof Set || Array.isArray(object)) {
    hash.update(object instanceof Set ? 'S[' : 'A[')
    for (const entry of object) hashValue(hash, entry, seen)
    hash.update(']')
  } else if (object instanceof Date) {
    hash.update(`D${object.getTime()};`)
  } else if (object instanceof RegExp) {
    hash.update(`R${String(object)};`)
  } else {
    hash.update('{')
    for (const key of Object.keys(object).sort()) {
      hash.update(`${key}=`)
      hashValue(hash, (object as Record<string, unknown>)[key], seen)
    }
    hash.update('}')
  }
  seen.delete(object)
}
