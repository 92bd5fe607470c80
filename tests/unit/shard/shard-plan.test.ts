import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PageJob } from '../../../src/content/page-jobs.ts'
import { parseShard, shardPages } from '../../../src/shard/shard-plan.ts'

/** Jobs whose articles have these sizes in bytes (only `source.absPath` is read). */
function jobsOfSizes(sizes: number[]): PageJob[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-shard-plan-'))
  return sizes.map((size, at) => {
    const absPath = path.join(dir, `page-${at}.md`)
    writeFileSync(absPath, 'x'.repeat(size))
    return { source: { absPath, relPath: `page-${at}.md` }, fallback: false } as unknown as PageJob
  })
}

describe('parseShard', () => {
  it('reads K/N with 1 ≤ K ≤ N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 })
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 })
  })

  it.each(['0/3', '4/3', '1/0', '3', '1/3/5', ' 1/3', '-1/3', 'a/b', '1.5/3'])('refuses %j', (text) => {
    expect(parseShard(text)).toEqual({ problem: `\`--shard ${text}\`: expected K/N with 1 ≤ K ≤ N, like 2/3` })
  })
})

describe('shardPages', () => {
  const sizes = [9000, 10, 4000, 4000, 20, 3000, 1, 1, 2500, 700, 6000, 30]
  const jobs = jobsOfSizes(sizes)
  const chosen = jobs.map((_, index) => index)

  it('gives every page to exactly one of N shards, keeping build order within a shard', () => {
    for (const count of [1, 2, 3, 5, 12, 20]) {
      const shares = Array.from({ length: count }, (_, at) => shardPages(chosen, jobs, { index: at + 1, count }))
      expect(shares.flat().sort((a, b) => a - b)).toEqual(chosen)
      for (const share of shares) expect(share).toEqual([...share].sort((a, b) => a - b))
    }
  })

  it('balances the shares by article size: no share exceeds the ideal by more than the largest article', () => {
    const total = sizes.reduce((a, b) => a + b)
    for (const count of [2, 3, 4]) {
      for (let index = 1; index <= count; index++) {
        const share = shardPages(chosen, jobs, { index, count }).reduce((sum, at) => sum + sizes[at]!, 0)
        expect(share).toBeLessThanOrEqual(total / count + Math.max(...sizes))
      }
    }
    // Longest first to the least loaded: 9000 | 6000, 3000… | 4000, 4000…
    expect(shardPages(chosen, jobs, { index: 1, count: 3 })).toContain(0)
    expect(shardPages(chosen, jobs, { index: 2, count: 3 })).toContain(10)
  })

  it('makes the same plan from the same pages every time', () => {
    expect(shardPages(chosen, jobs, { index: 2, count: 3 })).toEqual(shardPages([...chosen], jobs, { index: 2, count: 3 }))
  })
})
