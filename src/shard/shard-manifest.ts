/**
 * A shard folder's manifest (`tolk-shard.json`): which shard of how many it
 * holds and how many pages. `tolk merge` reads the manifests first and
 * refuses a set that is not exactly shards 1 to N of one N.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { cacheFormat } from '../cache/site-fingerprint.ts'
import { shardManifestName, type Shard } from './shard-plan.ts'

interface Manifest {
  format: string
  shard: Shard
  pages: number
  /** The site fingerprint (cache/site-fingerprint.ts): tolk, config and sources the shard was built from. */
  site: string
}

export interface ShardFolder {
  dir: string
  shard: Shard
  site: string
}

export function shardManifest(shard: Shard, pages: number, site: string): string {
  const manifest: Manifest = { format: cacheFormat, shard, pages, site }
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** The shard folders, absolute and in shard order, or the problem to print. */
export function readShardFolders(dirs: readonly string[], cwd = process.cwd()): { folders: ShardFolder[] } | { problem: string } {
  if (dirs.length === 0) return { problem: '`tolk merge` needs the shard folders, like `tolk merge shard-1 shard-2 shard-3`' }
  const byIndex = new Map<number, ShardFolder>()
  let count: number | undefined
  for (const dir of dirs) {
    const absDir = path.resolve(cwd, dir)
    const manifest = readManifest(path.join(absDir, shardManifestName))
    if (!manifest) return { problem: `\`${dir}\` is not a shard folder of this tolk (no readable ${shardManifestName}); make it with \`tolk build --shard K/N --out ${dir}\`` }
    const { index, count: total } = manifest.shard
    if (count !== undefined && total !== count) return { problem: `\`${dir}\` is shard ${index}/${total}, but an earlier folder is one of ${count} shards` }
    count = total
    const twin = byIndex.get(index)
    if (twin) return { problem: `\`${path.relative(cwd, twin.dir) || '.'}\` and \`${dir}\` are both shard ${index}/${total}` }
    byIndex.set(index, { dir: absDir, shard: manifest.shard, site: manifest.site })
  }
  const missing = Array.from({ length: count! }, (_, at) => at + 1).filter((index) => !byIndex.has(index))
  if (missing.length) return { problem: `shard ${missing.map((index) => `${index}/${count}`).join(', ')} is missing; every shard is needed` }
  return { folders: [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, folder]) => folder) }
}

function readManifest(file: string): Manifest | undefined {
  if (!existsSync(file)) return undefined
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<Manifest>
    const shard = value.shard as Partial<Shard> | undefined
    if (value.format !== cacheFormat || typeof value.site !== 'string' || !shard || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) return undefined
    if (shard.index! < 1 || shard.index! > shard.count!) return undefined
    return value as Manifest
  } catch {
    return undefined
  }
}
