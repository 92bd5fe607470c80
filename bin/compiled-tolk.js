// tolk compiled once to plain JavaScript, so that a run does not pay for tsx
// compiling and resolving some 130 TypeScript modules at every start (about
// 1.5 s of a 2.7 s `tolk --help`). esbuild bundles the command line, the
// render worker and the public API (shared chunks, dependencies left as
// imports) into node_modules/.cache/tolk-code/<hash>/, where <hash> covers
// every file under src/, this file and esbuild's version: an edit to tolk is
// picked up by the next run, and an unchanged tolk compiles once per install.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const codeDir = path.join(packageDir, 'node_modules/.cache/tolk-code')
/** A bundle of another tolk version is removed once it is this old (a run still using it has long loaded it). */
const staleAfterMs = 60 * 60 * 1000

/**
 * The folder of the compiled bundle (main.mjs, render-worker.mjs, index.mjs),
 * made now when missing. Undefined when it cannot be made (esbuild missing, a
 * read-only install, TOLK_FROM_SOURCE set): tolk then runs from its sources.
 */
export async function compiledTolk() {
  if (process.env.TOLK_FROM_SOURCE) return undefined
  try {
    const esbuild = await import('esbuild')
    const dir = path.join(codeDir, sourceHash(esbuild.version))
    if (existsSync(path.join(dir, 'main.mjs'))) return dir
    // Concurrent first runs each compile into their own folder; the first
    // rename wins and the others use its result.
    const scratch = `${dir}.${process.pid}.tmp`
    rmSync(scratch, { recursive: true, force: true })
    await esbuild.build({
      absWorkingDir: packageDir,
      entryPoints: { main: 'src/cli/main.ts', 'render-worker': 'src/render/render-worker.ts', index: 'src/index.ts' },
      outdir: scratch,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      bundle: true,
      splitting: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'silent',
    })
    try {
      renameSync(scratch, dir)
    } catch {
      rmSync(scratch, { recursive: true, force: true })
      if (!existsSync(path.join(dir, 'main.mjs'))) return undefined
    }
    pruneStale(path.basename(dir))
    return dir
  } catch {
    return undefined
  }
}

function sourceHash(esbuildVersion) {
  const hash = createHash('sha256').update(esbuildVersion).update('\0').update(readFileSync(fileURLToPath(import.meta.url)))
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile()) hash.update(path.relative(packageDir, full)).update('\0').update(readFileSync(full)).update('\0')
    }
  }
  walk(path.join(packageDir, 'src'))
  return hash.digest('hex').slice(0, 16)
}

function pruneStale(keep) {
  for (const name of readdirSync(codeDir)) {
    if (name === keep || !/^[0-9a-f]{16}$/.test(name)) continue
    const full = path.join(codeDir, name)
    try {
      if (Date.now() - statSync(full).mtimeMs > staleAfterMs) rmSync(full, { recursive: true, force: true })
    } catch {
      // Another run removed it first.
    }
  }
}
