/**
 * The persistent page cache (src/cache/): after each kind of change, a build
 * that reuses the cache writes exactly the files, bytes and diagnostics a
 * build without it writes, and renders only the pages the change touched.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { gunzipSync } from 'node:zlib'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { articleOutputFile } from '../../src/links/urls.ts'
import { statusPageFile } from '../../src/output/status-page.ts'
import { searchDir } from '../../src/search/search-index.ts'
import { copyOfSampleGuide, listFiles } from '../helpers/build-site.ts'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tolk-cache-test-'))
let site: string
let cacheDir: string
let run = 0

interface Built {
  outDir: string
  /** False when the build failed (an error), as a cold build fails too. */
  written: boolean
  messages: string[]
  /** Pages rendered (not taken from the cache), by `locale/relPath`. */
  rendered: number
  cached: number
  /** Each page's HTML by output file, as the build handed it over. */
  pages: Map<string, { relPath: string; html: string }>
}

/**
 * Build the site with the test's cache into the same folder each time, as a
 * writer's `dist/` is (so it is patched in place, write-site.ts), or without
 * it into a fresh folder.
 */
async function buildOnce(withCache: boolean): Promise<Built> {
  const outDir = withCache ? path.join(scratch, 'out-cached') : path.join(scratch, `out-${++run}`)
  const { config } = await loadConfig({ outDir, cacheDir: withCache ? cacheDir : false }, site)
  const pages = new Map<string, { relPath: string; html: string }>()
  const result = await build(config!, { write: true, onPage: (page) => pages.set(page.outputFile, { relPath: page.relPath, html: page.html }) })
  return {
    outDir,
    written: result.written,
    messages: result.messages.map((message) => formatHuman(message, { cwd: site })),
    rendered: result.pages - result.cached,
    cached: result.cached,
    pages,
  }
}

/** Every file of two output folders, byte for byte. */
function expectSameOutput(cached: Built, cold: Built): void {
  expect(cached.written).toBe(cold.written)
  expect(cached.messages).toEqual(cold.messages)
  if (!cold.written) return
  const files = listFiles(cold.outDir)
  expect(listFiles(cached.outDir)).toEqual(files)
  const differing = files.filter((file) => !readFileSync(path.join(cached.outDir, file)).equals(readFileSync(path.join(cold.outDir, file))))
  expect(differing, 'files that differ from a build without the cache').toEqual([])
  expect(cached.messages).toEqual(cold.messages)
}

/** Apply `change`, then build with the cache and without; both must agree. */
async function afterChange(change: () => void): Promise<{ cached: Built; cold: Built }> {
  change()
  const cached = await buildOnce(true)
  const cold = await buildOnce(false)
  expectSameOutput(cached, cold)
  return { cached, cold }
}

const edit = (relFile: string, from: string | RegExp, to: string): void => {
  const file = path.join(site, relFile)
  const text = readFileSync(file, 'utf8')
  const changed = text.replace(from, to)
  if (changed === text) throw new Error(`${relFile}: nothing to replace`)
  writeFileSync(file, changed)
}

/** Each file of `dir` with its inode and modification time: what a rewrite would change. */
function fileIdentities(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((file) => {
    const stats = statSync(path.join(dir, file))
    return [file, `${stats.ino}:${stats.mtimeMs}`]
  }))
}

/** Output pages built from `relPath`, in every locale. */
const pagesOf = (built: Built, relPath: string): number => [...built.pages.values()].filter((page) => page.relPath === relPath).length

describe('the persistent page cache', { timeout: 240_000 }, function () {
  let first: Built

  beforeAll(async function () {
    site = copyOfSampleGuide('tolk-cache-site-')
    cacheDir = path.join(scratch, 'cache')
    first = await buildOnce(true)
  }, 240_000)

  it('should make a no-change rebuild from the cache alone, byte-identical to a cold build', async function () {
    expect(first.cached).toBe(0)
    const { cached, cold } = await afterChange(() => undefined)
    expect(cached.rendered).toBe(0)
    expect(cached.cached).toBe(cold.pages.size)
    expect(cold.pages.size).toBeGreaterThan(30)
  })

  it('should re-render only the pages of an edited article (its translations compare against it)', async function () {
    const { cached } = await afterChange(() => edit('content/en-us/incident-response/remediate.md', /\n## /, '\nA sentence added for the cache test.\n\n## '))
    expect(cached.rendered).toBe(pagesOf(cached, 'incident-response/remediate.md'))
    expect(cached.rendered).toBeGreaterThan(1)
  })

  it('should re-render exactly the pages that show an edited include', async function () {
    const marker = 'Cache probe text in the include'
    const { cached, cold } = await afterChange(() => appendFileSync(path.join(site, 'content/en-us/incident-response/includes/soc-name.md'), ` ${marker}`))
    const showing = [...cold.pages.values()].filter((page) => page.html.includes(marker)).length
    expect(showing).toBeGreaterThan(0)
    expect(cached.rendered).toBe(showing)
  })

  it('should report a renamed heading on the pages that still link to it, from cached pages too', async function () {
    const { cached } = await afterChange(() => edit('content/en-us/incident-response/analyze.md', '<a name="severity-levels"></a>Severity levels', 'Levels of severity'))
    expect(cached.messages.some((line) => line.startsWith('content/en-us/incident-response/post-incident-review.md:') && line.includes('severity-levels'))).toBe(true)
    // The linking page itself did not change: it came from the cache.
    expect(cached.written).toBe(false)
    expect(cached.rendered).toBe(pagesOf(cached, 'incident-response/analyze.md'))
    // Named back: the error is gone again, with the linking pages still cached.
    const restored = await afterChange(() => edit('content/en-us/incident-response/analyze.md', 'Levels of severity', '<a name="severity-levels"></a>Severity levels'))
    expect(restored.cached.written).toBe(true)
    expect(restored.cached.rendered).toBe(pagesOf(restored.cached, 'incident-response/analyze.md'))
  })

  it('should re-render every page after a TOC edit', async function () {
    const { cached } = await afterChange(() => edit('content/en-us/TOC.yml', /name: ([^\n]+)/, 'name: $1 (edited)'))
    expect(cached.cached).toBe(0)
  })

  it('should re-render every page after a template edit', async function () {
    const { cached } = await afterChange(() => edit('templates/page.hbs', '</body>', '<!-- edited --></body>'))
    expect(cached.cached).toBe(0)
  })

  it('should re-render every page after a UI-string edit', async function () {
    const strings = path.join(site, 'site-strings/da-dk.json')
    const { cached } = await afterChange(() => {
      const table = JSON.parse(readFileSync(strings, 'utf8')) as Record<string, string>
      const key = Object.keys(table)[0]!
      writeFileSync(strings, JSON.stringify({ ...table, [key]: `${table[key]} (edited)` }, null, 2))
    })
    expect(cached.cached).toBe(0)
  })

  it('should re-render every page after a config edit', async function () {
    const { cached } = await afterChange(() => edit('tolk.config.ts', "siteUrl: 'https://ir-guide.example.org'", "siteUrl: 'https://ir.example.net'"))
    expect(cached.cached).toBe(0)
  })

  it('should drop a deleted page and report the links to it, as a cold build does', async function () {
    const { cached } = await afterChange(() => rmSync(path.join(site, 'content/da-dk/incident-response/prepare.md')))
    expect(cached.messages).not.toEqual(first.messages)
  })

  it('should remove the cache entries no build has used for 30 days (the deleted page, an earlier config), and keep the rest', async function () {
    const pages = path.join(cacheDir, 'pages')
    const entries = (): string[] => readdirSync(pages, { recursive: true }).map(String).filter((name) => /\/.+\.json$/.test(name)).sort()
    const before = entries()
    // As if the last builds were 31 days ago: every entry's last use, and the last pruning, moved back.
    const record = JSON.parse(readFileSync(path.join(pages, 'used.json'), 'utf8')) as { format: number; prunedOn: number; used: Record<string, number> }
    const used = Object.fromEntries(Object.entries(record.used).map(([name, day]) => [name, day - 31]))
    writeFileSync(path.join(pages, 'used.json'), JSON.stringify({ ...record, prunedOn: record.prunedOn - 31, used }))
    const { cached } = await afterChange(() => undefined)
    expect(cached.rendered).toBe(0)
    // Left: one entry per page of this build. Gone: the Danish page of the deleted article (now a fallback
    // page, another entry) and the entries made before the config edit (another config identity).
    const after = entries()
    expect(after).toHaveLength(cached.pages.size)
    expect(before.length - after.length).toBeGreaterThanOrEqual(1)
    expect(after.every((name) => before.includes(name))).toBe(true)
  })

  it('should render again a page whose cache entry was damaged', async function () {
    // A fresh cache holds only this site's entries as it is now.
    rmSync(cacheDir, { recursive: true })
    expect((await buildOnce(true)).cached).toBe(0)
    const pages = path.join(cacheDir, 'pages')
    const entries = readdirSync(pages, { recursive: true }).map(String)
    // Entries are in bucket folders; `used.json` beside them records their ages.
    const json = entries.filter((name) => name.includes('/') && name.endsWith('.json')).slice(0, 3)
    const html = entries.filter((name) => name.endsWith('.html')).slice(0, 3)
    expect(json.length + html.length).toBe(6)
    for (const name of json) writeFileSync(path.join(pages, name), '{"format":')
    for (const name of html) appendFileSync(path.join(pages, name), '<p>tampered</p>')
    const { cached } = await afterChange(() => undefined)
    // Three unreadable entries, three changed bodies: at most six pages, fewer where a body and an entry are one page's.
    expect(cached.rendered).toBeGreaterThanOrEqual(3)
    expect(cached.rendered).toBeLessThanOrEqual(6)
    expect(cached.cached).toBe(cached.pages.size - cached.rendered)
  })

  it("should take an unchanged article's digest from the facts cache without reading it, and read it again once changed", async function () {
    const relPath = 'incident-response/investigate-phishing.md'
    const article = path.join(site, 'content/en-us', relPath)
    const factsFile = path.join(cacheDir, 'articles.json')
    // The article has not changed for seconds, so this build keeps what it read of it.
    await buildOnce(true)
    const kept = JSON.parse(readFileSync(factsFile, 'utf8')) as { files: Record<string, [string, { digest: string }]> }
    expect(kept.files[article]?.[1].digest).toMatch(/^[\w-]{43}$/)
    // A wrong digest kept for the unchanged file is believed: only the pages made from that file miss the
    // page cache, the English one and the Arabic fallback (Danish and Dutch have their own translations).
    kept.files[article]![1].digest = 'not-the-digest'
    writeFileSync(factsFile, JSON.stringify(kept))
    const trusted = await buildOnce(true)
    expect(trusted.rendered).toBe(2)
    // Edited, the article is read again (its translations compare against it), and the build agrees with one without any cache.
    const { cached } = await afterChange(() => edit(`content/en-us/${relPath}`, /\n## /, '\nA sentence added for the facts cache test.\n\n## '))
    expect(cached.rendered).toBe(pagesOf(cached, relPath))
    expect(cached.rendered).toBe(4)
  })

  it("should take a translation's status from the status facts cache while its file is unchanged, and read it again once changed", async function () {
    const relFile = 'content/da-dk/incident-response/investigate-phishing.md'
    const translation = path.join(site, relFile)
    const statusFile = path.join(cacheDir, 'status.json')
    // Unchanged for seconds, the translation's facts are kept by this build.
    await buildOnce(true)
    const kept = JSON.parse(readFileSync(statusFile, 'utf8')) as { files: Record<string, [string, { machine: boolean }]> }
    expect(kept.files[translation]?.[1].machine).toBe(false)
    // Believed while the file is unchanged: the status page lists the human translation as machine translated.
    kept.files[translation]![1].machine = true
    writeFileSync(statusFile, JSON.stringify(kept))
    const trusted = await buildOnce(true)
    const cold = await buildOnce(false)
    const statusPage = (built: Built): string => readFileSync(path.join(built.outDir, statusPageFile), 'utf8')
    expect(statusPage(trusted)).not.toBe(statusPage(cold))
    expect(statusPage(trusted).split('investigate-phishing').length).toBeGreaterThan(statusPage(cold).split('investigate-phishing').length)
    // Edited, the translation is read again, and the build agrees with one without any cache.
    await afterChange(() => edit(relFile, /\n## /, '\nEn sætning til testen.\n\n## '))
  })

  it('should leave an unchanged output untouched, and move in only the files an edit changed', async function () {
    const outDir = path.join(scratch, 'out-kept')
    const { config } = await loadConfig({ outDir, cacheDir }, site)
    // No `onPage`, as in `tolk build`: cached pages the output holds are not even read.
    expect((await build(config!, { write: true })).written).toBe(true)
    const before = fileIdentities(outDir)
    const again = await build(config!, { write: true })
    expect(again.written).toBe(true)
    expect(again.cached).toBe(again.pages)
    expect(fileIdentities(outDir)).toEqual(before)

    edit('content/en-us/incident-response/remediate.md', /\n## /, '\nA second sentence for the output record.\n\n## ')
    expect((await build(config!, { write: true })).written).toBe(true)
    const after = fileIdentities(outDir)
    const touched = [...after].filter(([file, identity]) => before.get(file) !== identity).map(([file]) => file)
    const page = articleOutputFile('en-us', 'incident-response/remediate.md')
    expect(touched).toContain(page)
    // The article's pages, the translation status (its translations compare against it) and the search indexes: nothing else was written.
    const ownPages = new Set([...config!.locales.map((locale) => articleOutputFile(locale.code, 'incident-response/remediate.md')), statusPageFile])
    expect(touched.filter((file) => !ownPages.has(file) && !config!.locales.some((locale) => file.startsWith(searchDir(locale.code))))).toEqual([])
    // Gone: only search files the new index names differently.
    const removed = [...before.keys()].filter((file) => !after.has(file))
    expect(removed.length).toBeGreaterThan(0)
    expect(removed.filter((file) => !file.startsWith('_tolk/search/'))).toEqual([])

    // What the patched folder holds is what a build without cache makes.
    const cold = await buildOnce(false)
    expect(listFiles(outDir)).toEqual(listFiles(cold.outDir))
    const differing = listFiles(cold.outDir).filter((file) => !readFileSync(path.join(outDir, file)).equals(readFileSync(path.join(cold.outDir, file))))
    expect(differing).toEqual([])
  })

  it('should index again only the search part an edited article is in, and publish the same index as a build without cache', async function () {
    const outDir = path.join(scratch, 'out-parts')
    const { config } = await loadConfig({ outDir, cacheDir }, site)
    // Small parts, so each locale's index has several.
    const options = { write: true, searchPagesPerPart: 2 }
    expect((await build(config!, options)).written).toBe(true)
    const before = fileIdentities(outDir)
    // The parts the cache keeps, by locale: one folder per part, named by the key of its pages.
    const keptParts = () => new Map(config!.locales.map((locale) => [locale.code, new Set(readdirSync(path.join(cacheDir, 'search', locale.code)))]))
    const keptBefore = keptParts()
    edit('content/en-us/incident-response/remediate.md', /\n## /, '\nA sentence that only the search part of this page sees again.\n\n## ')
    expect((await build(config!, options)).written).toBe(true)
    const after = fileIdentities(outDir)
    const partFolderOf = (file: string) => /^_tolk\/search\/[^/]+\/(part-\d+\/)?/.exec(file)![0]
    const folders = (files: Iterable<string>) => new Set([...files].filter((file) => file.startsWith('_tolk/search/') && !file.endsWith('/tolk-parts.json')).map(partFolderOf))
    const rewritten = folders([...after].filter(([file, identity]) => before.get(file) !== identity).map(([file]) => file))
    const all = folders(after.keys())
    const english = [...all].filter((folder) => folder.startsWith(searchDir('en-us')))
    expect(english.length).toBeGreaterThan(2)
    // In English, only the part that holds the edited page was made again (its fragment names the page).
    const holder = english.filter((folder) => listFiles(path.join(outDir, folder, 'fragment')).some((name) => {
      const text = gunzipSync(readFileSync(path.join(outDir, folder, 'fragment', name))).toString('utf8')
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url === '/en-us/incident-response/remediate/'
    }))
    expect(holder).toHaveLength(1)
    expect([...rewritten].filter((folder) => folder.startsWith(searchDir('en-us')))).toEqual(holder)
    // At most one part per locale (the page's translations compare against it), of many.
    for (const locale of config!.locales) expect([...rewritten].filter((folder) => folder.startsWith(searchDir(locale.code))).length).toBeLessThanOrEqual(1)
    expect(rewritten.size).toBeLessThan(all.size / 2)
    // Pagefind made only those parts: one new part in the cache for each, in place of the old one; the rest were reused.
    const keptAfter = keptParts()
    const made = config!.locales.map((locale) => [...keptAfter.get(locale.code)!].filter((part) => !keptBefore.get(locale.code)!.has(part)).length)
    const dropped = config!.locales.map((locale) => [...keptBefore.get(locale.code)!].filter((part) => !keptAfter.get(locale.code)!.has(part)).length)
    expect(made[config!.locales.findIndex((locale) => locale.code === 'en-us')]).toBe(1)
    expect(made.every((count) => count <= 1)).toBe(true)
    expect(dropped).toEqual(made)
    expect(keptAfter.get('en-us')!.size).toBe(english.length)

    // The index the kept and the new parts make is the one a build without cache makes.
    const coldDir = path.join(scratch, 'out-parts-cold')
    const { config: cold } = await loadConfig({ outDir: coldDir, cacheDir: false }, site)
    expect((await build(cold!, options)).written).toBe(true)
    const searchFiles = (dir: string) => listFiles(dir).filter((file) => file.startsWith('_tolk/search/'))
    expect(searchFiles(outDir)).toEqual(searchFiles(coldDir))
    expect(searchFiles(coldDir).filter((file) => !readFileSync(path.join(outDir, file)).equals(readFileSync(path.join(coldDir, file))))).toEqual([])
  })

  it('should keep kept search parts in an output that holds them without reading them, and write them into one that does not', async function () {
    const outDir = path.join(scratch, 'out-search-kept')
    const { config } = await loadConfig({ outDir, cacheDir }, site)
    const options = { write: true, searchPagesPerPart: 2 }
    expect((await build(config!, options)).written).toBe(true)
    const searchFiles = (dir: string) => listFiles(dir).filter((file) => file.startsWith('_tolk/search/'))
    const published = new Map(searchFiles(outDir).map((file) => [file, readFileSync(path.join(outDir, file))]))
    // The kept parts' bytes leave the cache; their lists of files and digests stay.
    const keptFiles = config!.locales.flatMap((locale) => readdirSync(path.join(cacheDir, 'search', locale.code)).map((key) => path.join(cacheDir, 'search', locale.code, key, 'files')))
    expect(keptFiles.length).toBeGreaterThan(config!.locales.length)
    const hidden = path.join(scratch, 'hidden-search-files')
    for (const [at, dir] of keptFiles.entries()) renameSync(dir, `${hidden}-${at}`)
    // The output holds every part as made: nothing is read, nothing indexed again, nothing rewritten.
    const before = fileIdentities(outDir)
    const again = await build(config!, options)
    expect(again.written).toBe(true)
    expect(again.messages.map((message) => message.ruleId)).not.toContain('output-error')
    expect(fileIdentities(outDir)).toEqual(before)
    // A new output folder needs the bytes: parts that cannot be read are indexed again, to the same files.
    const freshDir = path.join(scratch, 'out-search-fresh')
    const { config: fresh } = await loadConfig({ outDir: freshDir, cacheDir }, site)
    expect((await build(fresh!, options)).written).toBe(true)
    expect(searchFiles(freshDir)).toEqual([...published.keys()])
    expect(searchFiles(freshDir).filter((file) => !readFileSync(path.join(freshDir, file)).equals(published.get(file)!))).toEqual([])
    // The parts made again are kept again, so a third folder is written from the cache.
    for (const dir of keptFiles) expect(existsSync(dir), dir).toBe(true)
    const thirdDir = path.join(scratch, 'out-search-third')
    const { config: third } = await loadConfig({ outDir: thirdDir, cacheDir }, site)
    expect((await build(third!, options)).written).toBe(true)
    expect(searchFiles(thirdDir).filter((file) => !readFileSync(path.join(thirdDir, file)).equals(published.get(file)!))).toEqual([])
  })

  it('should keep nothing with --no-cache, and build the same', async function () {
    const before = existsSync(cacheDir) ? listFiles(cacheDir) : []
    const cold = await buildOnce(false)
    expect(cold.cached).toBe(0)
    expect(listFiles(cacheDir)).toEqual(before)
  })
})
