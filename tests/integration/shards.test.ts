/**
 * `tolk build --shard K/N` and `tolk merge`: three shards of the sample guide
 * merged give the site a single build gives, byte for byte, with the same
 * diagnostics; a merge that lacks a shard, or joins shards of other
 * sources, says so and writes nothing.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyOfSampleGuide, listFiles, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)

interface Ran {
  code: number
  stderr: string
}

async function tolk(cwd: string, args: string[]): Promise<Ran> {
  try {
    const { stderr } = await run(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), ...args, '--quiet'], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stderr }
  } catch (error) {
    const failed = error as { code?: number; stderr?: string }
    return { code: failed.code ?? 1, stderr: failed.stderr ?? '' }
  }
}

/** Every line but the last (the summary, which says how the site was made). */
const diagnostics = (ran: Ran): string[] => ran.stderr.trimEnd().split('\n').slice(0, -1)
const summary = (ran: Ran): string => ran.stderr.trimEnd().split('\n').at(-1)!

describe('shards', () => {
  let site: string
  let work: string
  const shards: Ran[] = []

  beforeAll(async () => {
    site = copyOfSampleGuide('tolk-shards-')
    work = mkdtempSync(path.join(os.tmpdir(), 'tolk-shard-out-'))
    for (const index of [1, 2, 3]) shards.push(await tolk(site, ['build', '--no-cache', '--shard', `${index}/3`, '--out', path.join(work, `shard-${index}`)]))
  }, 120_000)

  it('merges three shards into the site a single build makes, byte for byte, with the same diagnostics', async () => {
    const single = await tolk(site, ['build', '--no-cache', '--out', path.join(work, 'single')])
    const merged = await tolk(site, ['merge', path.join(work, 'shard-3'), path.join(work, 'shard-1'), path.join(work, 'shard-2'), '--out', path.join(work, 'merged')])
    expect(single.code).toBe(0)
    expect(merged.code).toBe(0)
    expect(summary(merged)).toMatch(/^Merged 3 shards: 32 pages into .*merged\/ in [\d.]+s: 0 errors, 27 warnings$/)
    expect(diagnostics(merged)).toEqual(diagnostics(single))
    const files = listFiles(path.join(work, 'single'))
    expect(files.filter((file) => file.endsWith('.html')).length).toBeGreaterThan(32)
    expect(listFiles(path.join(work, 'merged'))).toEqual(files)
    for (const file of files) expect(readFileSync(path.join(work, 'merged', file)), file).toEqual(readFileSync(path.join(work, 'single', file)))
  }, 120_000)

  it('gives every page to exactly one shard, in shares of about the same size', () => {
    const counts = shards.map((ran) => {
      expect(ran.code).toBe(0)
      return Number(/^Built shard \d\/3: (\d+) pages into /.exec(summary(ran))![1])
    })
    expect(counts.reduce((a, b) => a + b)).toBe(32)
    for (const count of counts) expect(count).toBeGreaterThanOrEqual(8)
    const entries = [1, 2, 3].map((index) => listFiles(path.join(work, `shard-${index}`, 'pages')).filter((file) => file.endsWith('.json')))
    expect(new Set(entries.flat()).size).toBe(entries.flat().length)
    // Each shard's manifest says which shard it is.
    const manifest = JSON.parse(readFileSync(path.join(work, 'shard-2', 'tolk-shard.json'), 'utf8')) as { shard: unknown; pages: number }
    expect(manifest.shard).toEqual({ index: 2, count: 3 })
    expect(manifest.pages).toBe(counts[1])
  })

  it('refuses a merge that lacks a shard, or joins one twice, before building', async () => {
    const lacking = await tolk(site, ['merge', path.join(work, 'shard-1'), path.join(work, 'shard-3'), '--out', path.join(work, 'lacking')])
    expect(lacking).toEqual({ code: 2, stderr: 'tolk: shard 2/3 is missing; every shard is needed\n' })
    const twice = await tolk(site, ['merge', path.join(work, 'shard-1'), path.join(work, 'shard-1'), '--out', path.join(work, 'twice')])
    expect(twice.code).toBe(2)
    expect(twice.stderr).toMatch(/^tolk: `.*shard-1` and `.*shard-1` are both shard 1\/3\n$/)
    const notShard = await tolk(site, ['merge', path.join(site, 'content'), '--out', path.join(work, 'not')])
    expect(notShard.code).toBe(2)
    expect(notShard.stderr).toContain('is not a shard folder of this tolk (no readable tolk-shard.json)')
    expect(await tolk(site, ['build', '--shard', '4/3'])).toEqual({ code: 2, stderr: 'tolk: `--shard 4/3`: expected K/N with 1 ≤ K ≤ N, like 2/3\n' })
    expect(await tolk(site, ['check', '--shard', '1/3'])).toEqual({ code: 2, stderr: 'tolk: `--shard` is for `tolk build`\n' })
    for (const name of ['lacking', 'twice', 'not']) expect(existsSync(path.join(work, name))).toBe(false)
  })

  it('reports shards of other sources at their manifests and writes nothing', async () => {
    const edited = copyOfSampleGuide('tolk-shards-edited-')
    // A page added after the shards were built changes what every page links to.
    writeFileSync(path.join(edited, 'content/en-us/added-later.md'), '---\ntitle: Added later\ndescription: A page the shards never saw.\n---\n\n# Added later\n\nText.\n')
    const merged = await tolk(edited, ['merge', path.join(work, 'shard-1'), path.join(work, 'shard-2'), path.join(work, 'shard-3'), '--out', path.join(work, 'other')])
    expect(merged.code).toBe(1)
    const mismatches = diagnostics(merged).filter((line) => line.includes('[shard-mismatch]'))
    expect(mismatches).toEqual(
      [1, 2, 3].map(
        (index) =>
          `${path.relative(edited, path.join(work, `shard-${index}`, 'tolk-shard.json'))}:1:1: error: Shard ${index}/3 was built from other sources, config or tolk than this merge; build every shard and the merge from the same commit with the same options [shard-mismatch]`,
      ),
    )
    expect(diagnostics(merged).filter((line) => line.includes('[shard-missing]')).length).toBeGreaterThan(0)
    expect(summary(merged)).toMatch(/^Build failed; output left unchanged/)
    expect(existsSync(path.join(work, 'other'))).toBe(false)
  })
})
