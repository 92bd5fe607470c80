/**
 * Shards: `tolk build --shard K/N` renders a deterministic, size-balanced
 * 1/N of the pages into a shard folder; `tolk merge` joins the folders into
 * the site. Every shard of one commit and config computes the same plan, so
 * together they cover each page exactly once.
 */
import { statSync } from 'node:fs'
import type { PageJob } from '../content/page-jobs.ts'

export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

/** The manifest file every shard folder holds. */
export const shardManifestName = 'tolk-shard.json'

/** `2/3` → shard 2 of 3; a problem to print when the text is not `K/N` with 1 ≤ K ≤ N. */
export function parseShard(text: string): Shard | { problem: string } {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || index < 1 || count < 1 || index > count) return { problem: `\`--shard ${text}\`: expected K/N with 1 ≤ K ≤ N, like 2/3` }
  return { index, count }
}

/**
 * The job indices (of `chosen`, in their order) that shard `shard` renders.
 * Longest article first to the least loaded shard (ties to the lower
 * shard), so the shards get about equal bytes of Markdown to render.
 */
export function shardPages(chosen: readonly number[], jobs: readonly PageJob[], shard: Shard): number[] {
  const sizes = new Map(chosen.map((index) => [index, sizeOf(jobs[index]!.source.absPath)]))
  const bySize = [...chosen].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b)
  const loads = new Array<number>(shard.count).fill(0)
  const mine = new Set<number>()
  for (const index of bySize) {
    let least = 0
    for (let other = 1; other < loads.length; other++) if (loads[other]! < loads[least]!) least = other
    // Every page costs something, however small its article.
    loads[least]! += sizes.get(index)! + 1
    if (least === shard.index - 1) mine.add(index)
  }
  return chosen.filter((index) => mine.has(index))
}

function sizeOf(absPath: string): number {
  try {
    return statSync(absPath).size
  } catch {
    // Rendering it reports why it cannot be read.
    return 0
  }
}
