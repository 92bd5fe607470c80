/**
 * The page cache's record of when each entry was last used: entries no
 * build used for more than `maxAgeDays` are removed, once a day; an entry
 * found with no record starts its count; used ones stay.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { maxAgeDays, recordUse } from '../../../src/cache/entry-ages.ts'

const dayMs = 24 * 60 * 60 * 1000
const day0 = 20_000 * dayMs

/** A pages folder with entries `names` (`ab/cd`), each a JSON file and an HTML body. */
function pagesWith(names: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-entry-ages-'))
  for (const name of names) {
    mkdirSync(path.join(dir, path.dirname(name)), { recursive: true })
    writeFileSync(path.join(dir, `${name}.json`), '{}')
    writeFileSync(path.join(dir, `${name}.html`), '<p></p>')
  }
  return dir
}

const present = (dir: string, name: string): boolean => existsSync(path.join(dir, `${name}.json`)) || existsSync(path.join(dir, `${name}.html`))

describe('the page cache entry ages', function () {
  it('should remove only the entries unused for more than maxAgeDays, counting unrecorded ones from when they are found', function () {
    const dir = pagesWith(['aa/used', 'bb/stale', 'cc/recent'])
    // Day 0: the build uses one entry; the two others are found with no record and start their count.
    expect(recordUse(dir, ['aa/used'], day0)).toEqual([])
    // Day 10: `recent` is used.
    expect(recordUse(dir, ['aa/used', 'cc/recent'], day0 + 10 * dayMs)).toEqual([])
    // maxAgeDays after day 0, `stale` is just within the limit.
    expect(recordUse(dir, ['aa/used'], day0 + maxAgeDays * dayMs)).toEqual([])
    // A day later it is past it; `recent` (day 10) is not.
    expect(recordUse(dir, ['aa/used'], day0 + (maxAgeDays + 1) * dayMs)).toEqual(['bb/stale'])
    expect([present(dir, 'aa/used'), present(dir, 'bb/stale'), present(dir, 'cc/recent')]).toEqual([true, false, true])
    const record = JSON.parse(readFileSync(path.join(dir, 'used.json'), 'utf8')) as { used: Record<string, number> }
    expect(Object.keys(record.used).sort()).toEqual(['aa/used', 'cc/recent'])
  })

  it('should prune at most once a day', function () {
    const dir = pagesWith(['aa/kept', 'bb/old'])
    recordUse(dir, ['aa/kept', 'bb/old'], day0)
    const later = day0 + (maxAgeDays + 1) * dayMs
    expect(recordUse(dir, ['aa/kept'], later)).toEqual(['bb/old'])
    // Later that day an entry long unused turns up (another build recorded it): it stays until the next day's pruning.
    mkdirSync(path.join(dir, 'cc'))
    writeFileSync(path.join(dir, 'cc/older.json'), '{}')
    const record = JSON.parse(readFileSync(path.join(dir, 'used.json'), 'utf8')) as { used: Record<string, number> }
    writeFileSync(path.join(dir, 'used.json'), JSON.stringify({ ...record, used: { ...record.used, 'cc/older': day0 / dayMs } }))
    expect(recordUse(dir, ['aa/kept'], later + 60_000)).toEqual([])
    expect(present(dir, 'cc/older')).toBe(true)
    expect(recordUse(dir, ['aa/kept'], later + dayMs)).toEqual(['cc/older'])
  })

  it('should start again from an unreadable record, removing nothing', function () {
    const dir = pagesWith(['aa/one', 'bb/two'])
    writeFileSync(path.join(dir, 'used.json'), '{"format":1,"prunedOn":')
    expect(recordUse(dir, [], day0 + 1000 * dayMs)).toEqual([])
    expect([present(dir, 'aa/one'), present(dir, 'bb/two')]).toEqual([true, true])
  })
})
