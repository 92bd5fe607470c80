/**
 * tolk runs compiled (bin/compiled-tolk.js): the command line, its render
 * workers and a config's `import … from 'tolk'` all use the bundle, and the
 * bundle builds a site byte for byte as tolk run from its sources does.
 */
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { compiledTolk } from '../../bin/compiled-tolk.js'
import { listFiles, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const tolk = path.join(repoRoot, 'bin/tolk.js')

async function tolkIn(cwd: string, args: string[], env: Record<string, string> = {}) {
  const environment: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env }
  if (!env['TOLK_FROM_SOURCE']) delete environment['TOLK_FROM_SOURCE']
  return run(process.execPath, [tolk, ...args], { cwd, env: environment, maxBuffer: 64 * 1024 * 1024 })
}

describe('compiled tolk', () => {
  it('is compiled once into node_modules/.cache/tolk-code/<hash>-<deps>/ with the three entries and its packages', async () => {
    const dir = await compiledTolk()
    expect(dir).toBeDefined()
    expect(path.dirname(dir!)).toBe(path.join(repoRoot, 'node_modules/.cache/tolk-code'))
    expect(path.basename(dir!)).toMatch(/^[0-9a-f]{16}-[0-9a-f]{8}$/)
    for (const entry of ['main.mjs', 'render-worker.mjs', 'index.mjs']) expect(existsSync(path.join(dir!, entry))).toBe(true)
    // The packages are bundled, each listed with its installed version; those that find files of their own are not.
    const dependencies = JSON.parse(readFileSync(path.join(dir!, 'dependencies.json'), 'utf8')) as Record<string, string>
    const versionOf = (name: string) => Object.entries(dependencies).find(([folder]) => folder.endsWith(`node_modules/${name}`))?.[1]
    expect(versionOf('unified')).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/unified/package.json'), 'utf8')).version)
    expect(versionOf('tinypool')).toBeUndefined()
    const chunks = readdirSync(dir!).filter((name) => name.endsWith('.mjs')).map((name) => readFileSync(path.join(dir!, name), 'utf8'))
    expect(chunks.some((code) => /^import .* from ["']unified["']/m.test(code))).toBe(false)
    expect(chunks.some((code) => /^import .* from ["']tinypool["']/m.test(code))).toBe(true)
    // The same sources give the same folder: nothing is compiled again.
    expect(await compiledTolk()).toBe(dir)
  })

  it('is not used when TOLK_FROM_SOURCE is set', async () => {
    process.env['TOLK_FROM_SOURCE'] = '1'
    try {
      expect(await compiledTolk()).toBeUndefined()
    } finally {
      delete process.env['TOLK_FROM_SOURCE']
    }
  })

  it('builds the sample guide byte for byte as tolk from its sources does, workers and config included', async () => {
    const temp = mkdtempSync(path.join(os.tmpdir(), 'tolk-compiled-'))
    const site = path.join(temp, 'site')
    for (const part of ['content', 'site-strings', 'tolk.config.ts']) cpSync(path.join(repoRoot, part), path.join(site, part), { recursive: true })
    // A config that imports tolk proves `from 'tolk'` resolves: the sample's does. From the
    // sources it resolves through node_modules, as in a docs repo; compiled, to the bundle.
    expect(readFileSync(path.join(site, 'tolk.config.ts'), 'utf8')).toContain("from 'tolk'")
    mkdirSync(path.join(site, 'node_modules'))
    symlinkSync(repoRoot, path.join(site, 'node_modules/tolk'))
    const compiled = await tolkIn(site, ['build', '--no-cache', '--quiet', '--out', path.join(temp, 'compiled')])
    const source = await tolkIn(site, ['build', '--no-cache', '--quiet', '--out', path.join(temp, 'source')], { TOLK_FROM_SOURCE: '1' })
    // The same diagnostics; the summary line differs only in its time.
    const withoutTime = (stderr: string) => stderr.replace('/source/', '/compiled/').replace(/ in [\d.]+s:/, ' in …:')
    expect(withoutTime(compiled.stderr)).toBe(withoutTime(source.stderr))
    expect(compiled.stderr).toMatch(/Built 32 pages into .*compiled\/ in [\d.]+s: 0 errors, 27 warnings\n$/)
    const files = listFiles(path.join(temp, 'compiled'))
    expect(files.length).toBeGreaterThan(32)
    expect(files).toEqual(listFiles(path.join(temp, 'source')))
    for (const file of files) {
      expect(readFileSync(path.join(temp, 'compiled', file)), file).toEqual(readFileSync(path.join(temp, 'source', file)))
    }
  })

  it('runs an edit to tolk at the next start, compiling it into a new folder', async () => {
    // A copy of tolk (its node_modules linked), so the edit touches no other test.
    const copy = mkdtempSync(path.join(os.tmpdir(), 'tolk-copy-'))
    for (const part of ['bin', 'src', 'package.json']) cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true })
    mkdirSync(path.join(copy, 'node_modules'))
    for (const name of readdirSync(path.join(repoRoot, 'node_modules'))) {
      if (name !== '.cache') symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(copy, 'node_modules', name))
    }
    const help = async () => (await run(process.execPath, [path.join(copy, 'bin/tolk.js'), '--help'], { env: { ...process.env, TOLK_FROM_SOURCE: '' } })).stdout
    expect(await help()).toContain('Build the site into the output folder')
    const main = path.join(copy, 'src/cli/main.ts')
    writeFileSync(main, readFileSync(main, 'utf8').replace('Build the site into the output folder', 'Build the edited site'))
    expect(await help()).toContain('Build the edited site')
    expect(readdirSync(path.join(copy, 'node_modules/.cache/tolk-code')).filter((name) => /^[0-9a-f]{16}-[0-9a-f]{8}$/.test(name))).toHaveLength(2)
  })

  it('compiles again when a bundled package is installed at another version, tolk unchanged', async () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'tolk-copy-'))
    for (const part of ['bin', 'src', 'package.json']) cpSync(path.join(repoRoot, part), path.join(copy, part), { recursive: true })
    mkdirSync(path.join(copy, 'node_modules'))
    // One package tolk imports is a folder of the copy's own, so "upgrading" it touches no other test.
    const upgraded = 'fastest-levenshtein'
    for (const name of readdirSync(path.join(repoRoot, 'node_modules'))) {
      if (name === '.cache') continue
      if (name === upgraded) cpSync(path.join(repoRoot, 'node_modules', name), path.join(copy, 'node_modules', name), { recursive: true })
      else symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(copy, 'node_modules', name))
    }
    const help = () => run(process.execPath, [path.join(copy, 'bin/tolk.js'), '--help'], { env: { ...process.env, TOLK_FROM_SOURCE: '' } })
    const bundles = () => readdirSync(path.join(copy, 'node_modules/.cache/tolk-code')).filter((name) => /^[0-9a-f]{16}-[0-9a-f]{8}$/.test(name)).sort()
    await help()
    const [first] = bundles()
    expect(first).toBeDefined()
    const manifest = path.join(copy, 'node_modules/.cache/tolk-code', first!, 'dependencies.json')
    expect(JSON.parse(readFileSync(manifest, 'utf8'))[`node_modules/${upgraded}`]).toBeDefined()
    // Unchanged: the same bundle.
    await help()
    expect(bundles()).toEqual([first])
    const packageFile = path.join(copy, 'node_modules', upgraded, 'package.json')
    writeFileSync(packageFile, readFileSync(packageFile, 'utf8').replace(/"version":\s*"[^"]+"/, '"version": "99.0.0"'))
    expect((await help()).stdout).toContain('Build the site into the output folder')
    const now = bundles()
    expect(now).toHaveLength(2)
    expect(now.every((name) => name.startsWith(first!.slice(0, 16)))).toBe(true)
    const second = now.find((name) => name !== first)!
    expect(JSON.parse(readFileSync(path.join(copy, 'node_modules/.cache/tolk-code', second, 'dependencies.json'), 'utf8'))[`node_modules/${upgraded}`]).toBe('99.0.0')
  })
})
