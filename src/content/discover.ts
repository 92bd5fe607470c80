/**
 * Walk each locale's content root and list its articles, include files and
 * assets, sorted so every later stage sees the same order on every run.
 * Follows DocFX's defaults: `includes/` folders hold fragments, not pages.
 */
import { readdirSync } from 'node:fs'
import path from 'node:path'
import type { ResolvedLocale } from '../config/schema.ts'
import { defaultLimits, readContainedBytes, type ReadLimits } from './read-contained.ts'
import { yamlPageKind } from './yaml-page.ts'

export interface SourceRef {
  locale: string
  /** Absolute content root of the locale. */
  root: string
  /** Path inside the root, `/`-separated: the article's identity across locales. */
  relPath: string
  /** Absolute path on disk. */
  absPath: string
}

export interface LocaleSources {
  articles: SourceRef[]
  assets: SourceRef[]
  /** DocFX `TOC.yml` files. */
  tocs: SourceRef[]
  /** Other `.yml` files: DocFX YAML pages tolk does not build (Hub, …); Landing and FAQ pages are articles. */
  yamlPages: SourceRef[]
}

const assetExtensions = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.avif', '.ico', '.pdf', '.mp4', '.webm', '.zip', '.txt', '.csv',
])
/** Repository files that are not pages, as DocFX's default excludes. */
const skippedFiles = new Set(['toc.md', 'license', 'license-code', 'thirdpartynotices'])

/** True for a path inside an `includes` folder, which DocFX never builds as a page. */
export function isIncludePath(relPath: string): boolean {
  return relPath.split('/').slice(0, -1).includes('includes')
}

export function discover(locale: ResolvedLocale, limits: ReadLimits = defaultLimits): LocaleSources {
  const articles: SourceRef[] = []
  const assets: SourceRef[] = []
  const tocs: SourceRef[] = []
  const yamlPages: SourceRef[] = []
  for (const relPath of walk(locale.root, '')) {
    const ref = { locale: locale.code, root: locale.root, relPath, absPath: path.join(locale.root, relPath) }
    const extension = path.posix.extname(relPath).toLowerCase()
    const base = path.posix.basename(relPath).toLowerCase()
    if (base === 'toc.yml') tocs.push(ref)
    else if (extension === '.yml' && !isIncludePath(relPath)) (yamlPageKind(firstLine(ref, limits)) ? articles : yamlPages).push(ref)
    else if (extension === '.md' && !isIncludePath(relPath) && !skippedFiles.has(base)) articles.push(ref)
    else if (assetExtensions.has(extension) && !isIncludePath(relPath)) assets.push(ref)
  }
  return { articles, assets, tocs, yamlPages }
}

/** The first line of a file (its first 64 bytes suffice for `### YamlMime:…`). */
function firstLine(ref: SourceRef, limits: ReadLimits): string {
  const read = readContainedBytes(ref.absPath, [ref.root], limits, 64)
  return read.ok ? (read.bytes.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '') : ''
}

/** Files under `dir`, depth first, sorted by code unit; dot-folders and symlinks are skipped. */
function walk(root: string, dir: string): string[] {
  let entries
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true })
  } catch {
    return []
  }
  const files: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const relPath = dir ? `${dir}/${entry.name}` : entry.name
    // Symlinks are never followed: a content tree must not reach outside its root.
    if (entry.isDirectory()) files.push(...walk(root, relPath))
    else if (entry.isFile()) files.push(relPath)
  }
  return files
}
