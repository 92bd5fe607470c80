/**
 * tolk's reader-side code (`client/`), built by Vite into hashed files that
 * every site copies to `_tolk/`. The build is cached by the hash of its
 * sources (`node_modules/.cache/tolk/client/<hash>`), so it runs once per
 * change of tolk, not once per site build; it is synchronous because render
 * workers prepare the site synchronously.
 */
import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { packageDir as packageRoot } from '../package/package-dir.ts'

export interface ClientBundle {
  /** The folder holding the built files. */
  dir: string
  /** Every built file, relative to `dir` (they all go to `_tolk/`). */
  files: string[]
  /** The page stylesheet, the page module and the root page's module, relative to `_tolk/`. */
  style: string
  page: string
  root: string
  /** The favicon. */
  icon: string
}

const clientDir = path.join(packageRoot, 'client')
const buildScript = path.join(packageRoot, 'src/client/build-client.mjs')

let built: ClientBundle | undefined

export function clientBundle(): ClientBundle {
  built ??= loadOrBuild()
  return built
}

function loadOrBuild(): ClientBundle {
  const hash = sourceHash()
  for (const cacheRoot of cacheRoots()) {
    const dir = path.join(cacheRoot, hash)
    const ready = readBundle(dir)
    if (ready) return ready
    try {
      mkdirSync(cacheRoot, { recursive: true })
    } catch {
      continue
    }
    // Built beside its final place, then renamed: a reader never sees half a bundle,
    // and two builds racing (parallel test files) both end with a whole one.
    const temp = path.join(cacheRoot, `.${hash}-${process.pid}-${Date.now()}`)
    const run = spawnSync(process.execPath, [buildScript, temp], { encoding: 'utf8' })
    if (run.status !== 0) {
      rmSync(temp, { recursive: true, force: true })
      throw new Error(`Building tolk's client code failed:\n${run.stderr || run.stdout}`)
    }
    try {
      renameSync(temp, dir)
    } catch {
      rmSync(temp, { recursive: true, force: true })
    }
    const bundle = readBundle(dir)
    if (bundle) return bundle
  }
  throw new Error('Building tolk\'s client code failed: no writable cache folder')
}

/** Under tolk's own node_modules when writable, else the system's temp folder. */
function cacheRoots(): string[] {
  return [path.join(packageRoot, 'node_modules/.cache/tolk/client'), path.join(tmpdir(), 'tolk-client')]
}

/** The client sources, the build script and Vite's version: what the built files depend on. */
function sourceHash(): string {
  const hash = createHash('sha256')
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else {
        hash.update(path.relative(clientDir, full)).update('\0').update(readFileSync(full)).update('\0')
      }
    }
  }
  walk(clientDir)
  hash.update(readFileSync(buildScript))
  hash.update(readFileSync(createRequire(import.meta.url).resolve('vite/package.json')))
  return hash.digest('hex').slice(0, 16)
}

interface ManifestChunk {
  file: string
}

function readBundle(dir: string): ClientBundle | undefined {
  const manifestFile = path.join(dir, '.vite/manifest.json')
  if (!existsSync(manifestFile)) return undefined
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>
  const entry = (name: string) => {
    const chunk = manifest[name]
    if (!chunk) throw new Error(`tolk's client build has no \`${name}\``)
    return chunk.file
  }
  const files = readdirSync(dir).filter((name) => !name.startsWith('.')).sort()
  // The favicon is an emitted asset, not a manifest entry: found by its name.
  const icon = files.find((name) => /^favicon-[\w-]+\.svg$/.test(name))
  if (!icon) throw new Error("tolk's client build has no favicon")
  return { dir, files, style: entry('styles/page.css'), page: entry('page.ts'), root: entry('root.ts'), icon }
}
