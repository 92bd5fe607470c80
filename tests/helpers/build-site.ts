/**
 * Build a site from a config folder into a fresh temp folder through the
 * public API, and read back its HTML as hast for assertions.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import type { Root } from 'hast'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'

export const repoRoot = path.resolve(import.meta.dirname, '../..')

export async function buildSite(siteDir: string, options: { outDir?: string; rules?: string[] } = {}) {
  const outDir = options.outDir ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-test-')), 'dist')
  const { config, file } = await loadConfig({ outDir, ...(options.rules ? { rules: options.rules } : {}) }, siteDir)
  if (!config) throw new Error(`config failed: ${file.messages.map((m) => formatHuman(m)).join('\n')}`)
  const result = await build(config, { write: true })
  return {
    outDir,
    config,
    result,
    messages: result.messages.map((message) => formatHuman(message, { cwd: siteDir })),
  }
}

/** Every file below `dir`, `/`-separated and sorted. */
/** Render a fixture site without writing: each page's hast by output file, and the messages as printed. */
export async function renderSitePages(siteDir: string): Promise<{ pages: Map<string, Root>; messages: string[] }> {
  const pages = new Map<string, Root>()
  const { config } = await loadConfig({}, siteDir)
  const result = await build(config!, { write: false, onPage: (page) => pages.set(page.outputFile, fromHtml(page.html)) })
  return { pages, messages: result.messages.map((message) => formatHuman(message, { cwd: siteDir })) }
}

export function listFiles(dir: string, prefix = ''): string[] {
  const files: string[] = []
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relPath = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) files.push(...listFiles(dir, relPath))
    else files.push(relPath)
  }
  return files.sort()
}

/** The build's persistent cache: with the output, the one place a build writes (config `cacheDir`). */
export const defaultCacheDir = 'node_modules/.cache/tolk/'

/** `listFiles` without the build's cache folder. */
export function listFilesButCache(dir: string): string[] {
  return listFiles(dir).filter((file) => !file.startsWith(defaultCacheDir))
}

export function readHtml(outDir: string, relFile: string): Root {
  return fromHtml(readFileSync(path.join(outDir, relFile), 'utf8'))
}

/** The output file a relative `href` on page `fromFile` lands on (`dir/` → `dir/index.html`). */
export function hrefTarget(fromFile: string, href: string): string {
  const pathname = href.split('#')[0]!.split('?')[0]!
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), pathname))
  return pathname === '' ? fromFile : pathname.endsWith('/') || joined === '.' ? path.posix.join(joined, 'index.html') : joined
}

/**
 * A copy of the sample guide in a temp folder, safe to edit, with the repo's
 * config minus its `tolk` import (nothing to resolve it from there).
 */
export function copyOfSampleGuide(prefix = 'tolk-sample-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  for (const name of ['content', 'site-strings', 'templates']) cpSync(path.join(repoRoot, name), path.join(dir, name), { recursive: true })
  const config = readFileSync(path.join(repoRoot, 'tolk.config.ts'), 'utf8').replace(/^import .*\n/m, '').replace('defineConfig(', '(')
  writeFileSync(path.join(dir, 'tolk.config.ts'), config)
  return dir
}

/** The built site's stylesheet (`_tolk/style-<hash>.css`), as the pages link it. */
export function builtStylesheet(outDir: string): { name: string; text: string } {
  const names = readdirSync(path.join(outDir, '_tolk')).filter((name) => /^style-[\w-]+\.css$/.test(name))
  if (names.length !== 1) throw new Error(`expected one _tolk/style-<hash>.css, found ${names.join(', ') || 'none'}`)
  return { name: names[0]!, text: readFileSync(path.join(outDir, '_tolk', names[0]!), 'utf8') }
}
