/**
 * tolk's own folder (templates, UI strings, client sources), found from this
 * module's place whether it runs as TypeScript from `src/` or from the
 * compiled copy in `node_modules/.cache/tolk-code/` (bin/compiled-tolk.js):
 * the nearest folder above holding tolk's package.json.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && isTolk(manifest)) return dir
    if (path.dirname(dir) === dir) throw new Error(`tolk: cannot find tolk's package.json above ${from}`)
  }
}

function isTolk(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'tolk'
  } catch {
    return false
  }
}

export const packageDir = findPackageDir(path.dirname(fileURLToPath(import.meta.url)))
