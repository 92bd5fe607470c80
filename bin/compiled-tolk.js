// tolk compiled once to plain JavaScript, so that a run does not pay for tsx
// compiling and resolving some 130 TypeScript modules at every start (about
// 1.5 s of a 2.7 s `tolk --help`). esbuild bundles the command line, the
// render worker and the public API (shared chunks) with the packages they
// use into node_modules/.cache/tolk-code/<hash>-<deps>/: <hash> covers every
// file under src/, this file and esbuild's version, so an edit to tolk is
// picked up by the next run; <deps> the version of every bundled package,
// each checked at start-up (dependencies.json), so an `npm install` that
// changes one compiles again. An unchanged tolk compiles once per install.
//
// Bundling the packages too (not leaving them as imports) halves the time
// Node takes to load them: one ESM file per chunk instead of some 400
// modules resolved and read one by one (corpus no-change build: about
// 0.25 s of 2.4 s; each render worker starts that much sooner too).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const codeDir = path.join(packageDir, 'node_modules/.cache/tolk-code')
/** A bundle of another tolk version is removed once it is this old (a run still using it has long loaded it). */
const staleAfterMs = 60 * 60 * 1000
/** The bundled packages and their versions, in each bundle's folder. */
const dependenciesFile = 'dependencies.json'
/**
 * Left as imports: packages that find files of their own at run time (a
 * worker script, a native binary) or that tolk loads only on demand.
 */
const external = ['tinypool', 'pagefind', 'vite', 'esbuild', 'tsx', 'tsx/*']
/** The bundle's CommonJS packages call `require`, which an ES module lacks. */
const requireShim = "import { createRequire as __tolkCreateRequire } from 'node:module'; const require = __tolkCreateRequire(import.meta.url);"

/**
 * The folder of the compiled bundle (main.mjs, render-worker.mjs, index.mjs),
 * made now when missing. Undefined when it cannot be made (esbuild missing, a
 * read-only install, TOLK_FROM_SOURCE set): tolk then runs from its sources.
 */
export async function compiledTolk() {
  if (process.env.TOLK_FROM_SOURCE) return undefined
  try {
    const esbuild = await import('esbuild')
    const hash = sourceHash(esbuild.version)
    const current = currentBundle(hash)
    if (current) return current
    // Concurrent first runs each compile into their own folder; the first
    // rename wins and the others use its result.
    const scratch = path.join(codeDir, `${hash}.${process.pid}.tmp`)
    rmSync(scratch, { recursive: true, force: true })
    const result = await esbuild.build({
      absWorkingDir: packageDir,
      entryPoints: { main: 'src/cli/main.ts', 'render-worker': 'src/render/render-worker.ts', index: 'src/index.ts' },
      outdir: scratch,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      bundle: true,
      splitting: true,
      external,
      banner: { js: requireShim },
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
    })
    const dependencies = bundledPackages(result.metafile)
    writeFileSync(path.join(scratch, dependenciesFile), `${JSON.stringify(dependencies, null, 2)}\n`)
    const dir = path.join(codeDir, `${hash}-${createHash('sha256').update(JSON.stringify(dependencies)).digest('hex').slice(0, 8)}`)
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

/** The folder compiled from these sources whose bundled packages are all still installed at the same versions. */
function currentBundle(hash) {
  let names
  try {
    names = readdirSync(codeDir)
  } catch {
    return undefined
  }
  for (const name of names) {
    if (!name.startsWith(`${hash}-`) || !/^[0-9a-f]{16}-[0-9a-f]{8}$/.test(name)) continue
    const dir = path.join(codeDir, name)
    if (existsSync(path.join(dir, 'main.mjs')) && dependenciesInstalled(dir)) return dir
  }
  return undefined
}

function dependenciesInstalled(dir) {
  try {
    const recorded = JSON.parse(readFileSync(path.join(dir, dependenciesFile), 'utf8'))
    return Object.entries(recorded).every(([packagePath, version]) => packageVersion(path.resolve(packageDir, packagePath)) === version)
  } catch {
    return false
  }
}

function packageVersion(packageRoot) {
  try {
    return JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version ?? null
  } catch {
    return undefined
  }
}

/** Each package folder the bundle took files from (relative to tolk's folder, `/`-separated), with its version. */
function bundledPackages(metafile) {
  const packages = {}
  for (const input of Object.keys(metafile.inputs).sort()) {
    const root = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]
    if (root && !(root in packages)) packages[root] = packageVersion(path.resolve(packageDir, root)) ?? null
  }
  return packages
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
    if (name === keep || !/^[0-9a-f]{16}(-[0-9a-f]{8})?$/.test(name)) continue
    const full = path.join(codeDir, name)
    try {
      if (Date.now() - statSync(full).mtimeMs > staleAfterMs) rmSync(full, { recursive: true, force: true })
    } catch {
      // Another run removed it first.
    }
  }
}
