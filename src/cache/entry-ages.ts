/**
 * How long the page cache keeps an entry no build uses (webpack's
 * filesystem cache does the same with its `maxAge`). An entry is replaced in
 * place when its page changes, but one whose article was deleted or renamed,
 * or that an earlier config made, was kept for ever: a CI cache kept between
 * runs only grew.
 *
 * `<pages>/used.json` records the day each entry was last used, by any build
 * sharing the folder. Once a day a build lists the folder and removes the
 * entries unused for `maxAgeDays`; an entry it finds with no record (made by
 * a build of an older tolk, or whose record a concurrent build overwrote)
 * starts its count then. The cache is an optimisation: a record that cannot
 * be read or written is started again, and an entry removed while another
 * build uses it is rendered again there (page-cache.ts reads a lost body as
 * a miss).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { writeCacheFile } from './cache-file.ts'

/** Days an entry no build used stays in the cache. */
export const maxAgeDays = 30

const recordName = 'used.json'
const recordFormat = 1
const dayMs = 24 * 60 * 60 * 1000

interface UseRecord {
  format: number
  /** The day (days since 1970) the folder was last pruned. */
  prunedOn: number
  /** Entry name (`ab/cdef…`, without extension) → the day it was last used. */
  used: Record<string, number>
}

/**
 * Record that this build used `names` (entries below `pagesDir`, without
 * extension) today, and, once a day, remove the entries unused for
 * `maxAgeDays`. Returns the names removed.
 */
export function recordUse(pagesDir: string, names: Iterable<string>, now = Date.now()): string[] {
  const today = Math.floor(now / dayMs)
  const record = readRecord(pagesDir)
  // On a day the record already says so, a build of an unchanged site writes nothing.
  let changed = false
  for (const name of names) {
    if (record.used[name] === today) continue
    record.used[name] = today
    changed = true
  }
  let removed: string[] = []
  if (record.prunedOn !== today) {
    changed = true
    // Read again just before removing: a build that finished meanwhile may have used an old entry today.
    const latest = readRecord(pagesDir)
    for (const [name, day] of Object.entries(latest.used)) record.used[name] = Math.max(day, record.used[name] ?? day)
    removed = prune(pagesDir, record, today)
    record.prunedOn = today
  }
  if (!changed) return removed
  try {
    writeCacheFile(path.join(pagesDir, recordName), JSON.stringify(record))
  } catch {
    // A cache that cannot be written is no cache; the next build starts the record again.
  }
  return removed
}

/** Remove the entries last used before `today - maxAgeDays`; start the count of those with no record; forget records of entries gone. */
function prune(pagesDir: string, record: UseRecord, today: number): string[] {
  const present = new Set<string>()
  let buckets: string[]
  try {
    buckets = readdirSync(pagesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  } catch {
    return []
  }
  for (const bucket of buckets) {
    let files: string[]
    try {
      files = readdirSync(path.join(pagesDir, bucket))
    } catch {
      continue
    }
    for (const file of files) {
      const match = /^(.+)\.(json|html)$/.exec(file)
      if (match) present.add(`${bucket}/${match[1]}`)
    }
  }
  const removed: string[] = []
  for (const name of present) {
    const day = record.used[name]
    if (day === undefined) {
      record.used[name] = today
      continue
    }
    if (today - day <= maxAgeDays) continue
    try {
      // The entry's JSON first: without it, the body is never found.
      rmSync(path.join(pagesDir, `${name}.json`), { force: true })
      rmSync(path.join(pagesDir, `${name}.html`), { force: true })
      delete record.used[name]
      removed.push(name)
    } catch {
      // Removed by a later build.
    }
  }
  for (const name of Object.keys(record.used)) if (!present.has(name)) delete record.used[name]
  return removed.sort()
}

function readRecord(pagesDir: string): UseRecord {
  try {
    const record = JSON.parse(readFileSync(path.join(pagesDir, recordName), 'utf8')) as Partial<UseRecord>
    if (record.format === recordFormat && typeof record.prunedOn === 'number' && isDays(record.used)) return { format: recordFormat, prunedOn: record.prunedOn, used: { ...record.used } }
  } catch {
    // No record yet, or an unreadable one: start again.
  }
  return { format: recordFormat, prunedOn: -1, used: {} }
}

function isDays(value: unknown): value is Record<string, number> {
  return typeof value === 'object' && value !== null && Object.values(value).every((day) => typeof day === 'number')
}
