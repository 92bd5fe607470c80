/**
 * The search indexer on hand-made pages: one Pagefind index per locale, each
 * with its language's stemmer, written only through the site writer below
 * `_tolk/search/<locale>/`, holding the article text only, with the
 * breadcrumb and fallback marker as metadata.
 */
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { SiteWriter } from '../../../src/output/write-site.ts'
import { createSearchIndexer, publishedFiles } from '../../../src/search/search-index.ts'
import { pagefindStandIn } from '../../helpers/pagefind-stand-in.ts'

/** A writer that keeps what it is given. */
function memoryWriter(): SiteWriter & { files: Map<string, Uint8Array | string> } {
  const files = new Map<string, Uint8Array | string>()
  return {
    files,
    messages: [],
    write(relFile, content) {
      files.set(relFile, content)
      return true
    },
    copy: () => false,
    keep: () => false,
    holds: () => false,
    commit: () => undefined,
    abort: () => undefined,
  }
}

function page(lang: string, title: string, body: string, options: { breadcrumb?: string; fallback?: string } = {}): string {
  return [
    `<!doctype html><html lang="${lang}"><head><title>${title} | Site</title></head><body>`,
    `<header><a href="./">Site</a><search hidden data-pagefind-meta="breadcrumb[data-search-breadcrumb], fallback[data-search-fallback]" data-search-breadcrumb="${options.breadcrumb ?? ''}" data-search-fallback="${options.fallback ?? ''}"><input type="search"></search></header>`,
    '<nav>Sidebar words: sidebarword</nav>',
    `<main><article class="article" data-pagefind-body><h1>${title}</h1><p>${body}</p></article></main>`,
    '<footer>Footer words: footerword</footer></body></html>',
  ].join('')
}

/** A Pagefind data file (gzip, a `pagefind_dcd` signature, then JSON). */
function decoded(content: Uint8Array | string): Record<string, unknown> {
  const text = gunzipSync(content as Uint8Array).toString('utf8')
  return JSON.parse(text.slice(text.indexOf('{'))) as Record<string, unknown>
}

describe('the search indexer', function () {
  it('should write one index per locale, with its language’s stemmer, through the writer', { timeout: 60_000 }, async function () {
    const indexer = createSearchIndexer()
    const locales = { 'da-dk': 'da-DK', 'nl-nl': 'nl-NL', 'ar-sa': 'ar-SA', 'tr-tr': 'tr-TR', 'en-us': 'en-US' }
    for (const [code, lang] of Object.entries(locales)) {
      indexer.add(code, `${code}/guide/index.html`, page(lang, 'Title', 'Some text'), `/content/${code}/guide.md`)
      indexer.add(code, `${code}/index.html`, page(lang, 'Home', 'More text'), `/content/${code}/index.md`)
    }
    const writer = memoryWriter()
    expect(await indexer.finish(writer)).toEqual([])
    for (const [code, lang] of Object.entries(locales)) {
      const entry = JSON.parse(String(new TextDecoder().decode(writer.files.get(`_tolk/search/${code}/pagefind-entry.json`) as Uint8Array))) as {
        languages: Record<string, { wasm: string | null; page_count: number }>
      }
      // Pagefind names the index after the page's `<html lang>`, lowercased; the stemmer is the language's own.
      expect(entry.languages).toEqual({ [lang.toLowerCase()]: expect.objectContaining({ wasm: lang.toLowerCase(), page_count: 2 }) })
      expect(writer.files.has(`_tolk/search/${code}/pagefind.js`)).toBe(true)
      expect(writer.files.has(`_tolk/search/${code}/wasm.${lang.toLowerCase()}.pagefind`)).toBe(true)
    }
    const names = [...writer.files.keys()]
    expect(names.filter((name) => !/^_tolk\/search\/(da-dk|nl-nl|ar-sa|tr-tr|en-us)\//.test(name))).toEqual([])
    // tolk has its own UI: Pagefind's are not published, nor the language-neutral stemmer no page needs.
    expect(names.filter((name) => /pagefind-(ui|modular-ui|component-ui|highlight)|wasm\.unknown/.test(name))).toEqual([])
  })

  it('should index the article text only, with the page’s breadcrumb and fallback marker', { timeout: 60_000 }, async function () {
    const indexer = createSearchIndexer()
    indexer.add('nl-nl', 'nl-nl/guide/a/index.html', page('nl-NL', 'Eigen artikel', 'Vertaalde tekst', { breadcrumb: 'Gids › Deel' }), '/a.md')
    indexer.add('nl-nl', 'nl-nl/guide/b/index.html', page('nl-NL', 'English article', 'Source text', { breadcrumb: 'Gids', fallback: 'en-US' }), '/b.md')
    const writer = memoryWriter()
    await indexer.finish(writer)
    const fragments = [...writer.files].filter(([name]) => name.startsWith('_tolk/search/nl-nl/fragment/')).map(([, content]) => decoded(content))
    const byUrl = new Map(fragments.map((fragment) => [fragment['url'], fragment]))
    expect(byUrl.get('/nl-nl/guide/a/')).toMatchObject({ content: 'Eigen artikel. Vertaalde tekst.', meta: { title: 'Eigen artikel', breadcrumb: 'Gids › Deel', fallback: '' } })
    expect(byUrl.get('/nl-nl/guide/b/')).toMatchObject({ meta: { title: 'English article', breadcrumb: 'Gids', fallback: 'en-US' } })
  })

  it('should index each part of a locale on its own, in build order, with the browser code in part 1 only', { timeout: 60_000 }, async function () {
    const file = (name: string) => `da-dk/${name}/index.html`
    const parts = [['a', 'b'], ['c', 'd'], ['e']].map((names, at) => ({ locale: 'da-dk', number: at + 1, outputFiles: names.map(file) }))
    const indexer = createSearchIndexer(parts)
    // Handed over out of order, as workers finish: each part still gets its pages in build order.
    for (const name of ['c', 'a', 'e', 'b', 'd']) indexer.add('da-dk', file(name), page('da-DK', `Side ${name}`, `Tekst ${name}`), `/${name}.md`)
    const writer = memoryWriter()
    const made: number[] = []
    expect(await indexer.finish(writer, (part) => made.push(part.number))).toEqual([])
    expect(made).toEqual([1, 2, 3])
    const urls = ['', 'part-2/', 'part-3/'].map((part) =>
      [...writer.files]
        .filter(([name]) => name.startsWith(`_tolk/search/da-dk/${part}fragment/`))
        .map(([, content]) => decoded(content)['url'])
        .sort(),
    )
    expect(urls).toEqual([['/da-dk/a/', '/da-dk/b/'], ['/da-dk/c/', '/da-dk/d/'], ['/da-dk/e/']])
    for (const part of ['', 'part-2/', 'part-3/']) expect(writer.files.has(`_tolk/search/da-dk/${part}pagefind-entry.json`)).toBe(true)
    // A merged part runs on part 1's pagefind.js and stemmer (Pagefind's `mergeIndex` loads no WebAssembly of its own).
    expect(writer.files.has('_tolk/search/da-dk/pagefind.js')).toBe(true)
    expect(writer.files.has('_tolk/search/da-dk/wasm.da-dk.pagefind')).toBe(true)
    expect([...writer.files.keys()].filter((name) => /part-\d+\/(pagefind\.js|pagefind-worker\.js|wasm\.)/.test(name))).toEqual([])
  })

  it('should not wait for a page that will not come, and read a page body given as a reader only when its turn comes', async function () {
    const read: string[] = []
    const standIn = pagefindStandIn()
    const outputFiles = ['a', 'b', 'c'].map((name) => `nl-nl/${name}.html`)
    const indexer = createSearchIndexer([{ locale: 'nl-nl', number: 1, outputFiles }], { load: async () => standIn.api })
    await indexer.add('nl-nl', 'nl-nl/c.html', () => (read.push('c'), '<html></html>'), '/c.md')
    await new Promise((resolve) => setTimeout(resolve, 10))
    // `c` waits for `a` and `b`: its body is not read yet.
    expect(read).toEqual([])
    indexer.skip('nl-nl/a.html')
    await indexer.add('nl-nl', 'nl-nl/b.html', () => (read.push('b'), '<html></html>'), '/b.md')
    await new Promise((resolve) => setTimeout(resolve, 10))
    // `a` will not come: `b` and `c` go in without waiting for `finish`.
    expect(read).toEqual(['b', 'c'])
    expect(standIn.added).toEqual(['nl-nl/b.html', 'nl-nl/c.html'])
    expect(await indexer.finish(memoryWriter())).toEqual([])
  })

  it('should have Pagefind hold one part at a time: a part is written out and deleted before the next is made', async function () {
    const standIn = pagefindStandIn()
    const parts = [['a', 'b'], ['c']].map((names, at) => ({ locale: 'nl-nl', number: at + 1, outputFiles: names.map((name) => `nl-nl/${name}.html`) }))
    const indexer = createSearchIndexer(parts, { load: async () => standIn.api })
    await Promise.all(['a', 'b', 'c'].map((name) => indexer.add('nl-nl', `nl-nl/${name}.html`, '<html></html>', `/${name}.md`)))
    const writer = memoryWriter()
    expect(await indexer.finish(writer)).toEqual([])
    expect(standIn.calls).toEqual(['create 1', 'add 1 nl-nl/a.html', 'add 1 nl-nl/b.html', 'files 1', 'delete 1', 'create 2', 'add 2 nl-nl/c.html', 'files 2', 'delete 2', 'close'])
    expect([...writer.files.keys()].sort()).toEqual(['_tolk/search/nl-nl/pagefind-entry.json', '_tolk/search/nl-nl/part-2/pagefind-entry.json'])
  })

  it('should keep the language-neutral stemmer only for a language Pagefind has none for', function () {
    const file = (path: string, text = '') => ({ path, content: new TextEncoder().encode(text) })
    const files = (wasm: string | null) => [
      file('pagefind-entry.json', JSON.stringify({ languages: { x: { wasm, page_count: 1 } } })),
      file('pagefind.js'),
      file('pagefind-ui.js'),
      file('wasm.unknown.pagefind'),
    ]
    expect(publishedFiles(files('da')).map((entry) => entry.path)).toEqual(['pagefind-entry.json', 'pagefind.js'])
    expect(publishedFiles(files(null)).map((entry) => entry.path)).toEqual(['pagefind-entry.json', 'pagefind.js', 'wasm.unknown.pagefind'])
  })
})
