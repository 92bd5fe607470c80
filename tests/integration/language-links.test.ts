/**
 * Issue #11, item 2: languages never link to a page that does not exist. A
 * three-locale site where articles exist in every combination of locales
 * (plus `.md`/`.yml` pairs and locales without a home) is built with each
 * fallback mode; every link of the output must land on a written file, and
 * the switcher, hreflang alternates and notices say exactly what exists.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { buildSite, readHtml } from '../helpers/build-site.ts'
import { deadHrefs } from '../helpers/language-links.ts'

const locales = ['en-us', 'da-dk', 'nl-nl'] as const
type Locale = (typeof locales)[number]
const langOf: Record<Locale, string> = { 'en-us': 'en-US', 'da-dk': 'da-DK', 'nl-nl': 'nl-NL' }
const siteUrl = 'https://docs.example.org'
const base = '/docs/'

/** Article name → the locales that have it: every combination of the three. */
const combinations: Record<string, Locale[]> = {
  'only-default': ['en-us'],
  'only-da': ['da-dk'],
  'only-nl': ['nl-nl'],
  'default-da': ['en-us', 'da-dk'],
  'default-nl': ['en-us', 'nl-nl'],
  'da-nl': ['da-dk', 'nl-nl'],
  all: ['en-us', 'da-dk', 'nl-nl'],
}
/** `.md`/`.yml` pairs: the same article as Markdown in one locale and a DocFX YAML page in another. */
const pairs: Record<string, Partial<Record<Locale, 'md' | 'faq' | 'landing'>>> = {
  'faq-pair': { 'en-us': 'md', 'da-dk': 'faq' },
  'landing-pair': { 'en-us': 'landing', 'nl-nl': 'md' },
  'yml-only-pair': { 'da-dk': 'faq', 'nl-nl': 'md' },
}

const markdown = (title: string, locale: Locale): string =>
  `---\ntitle: ${title}\n${locale === 'en-us' ? '' : 'ms.translationtype: MT\n'}---\n\n# ${title}\n\nText of ${title} in ${locale}.\n`
const faq = (title: string): string =>
  `### YamlMime:FAQ\nmetadata:\n  title: ${title}\n  ms.translationtype: MT\ntitle: ${title}\nsummary: Questions.\nsections:\n- name: First\n  questions:\n  - question: Question of ${title}?\n    answer: Answer.\n`
const landing = (title: string): string =>
  `### YamlMime:Landing\ntitle: ${title}\nsummary: Start here.\nmetadata:\n  title: ${title}\nlandingContent:\n- title: Start\n  linkLists:\n  - linkListType: overview\n    links:\n    - text: All languages\n      url: all.md\n`

/** The three-locale tree: only the default locale has `index.md`; Danish has its own root TOC, Dutch none. */
function languageSite(fallback: 'page' | 'none'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-languages-'))
  const config = { defaultLocale: 'en-us', locales: Object.fromEntries(locales.map((code) => [code, {}])), fallback, siteUrl, base }
  writeFileSync(path.join(dir, 'tolk.config.ts'), `export default ${JSON.stringify(config, null, 2)}\n`)
  const write = (locale: Locale, relPath: string, text: string): void => {
    const absPath = path.join(dir, 'content', locale, relPath)
    mkdirSync(path.dirname(absPath), { recursive: true })
    writeFileSync(absPath, text)
  }
  const tocs: Record<Locale, string[]> = { 'en-us': [], 'da-dk': [], 'nl-nl': [] }
  for (const [name, owners] of Object.entries(combinations)) {
    for (const locale of owners) {
      write(locale, `${name}.md`, markdown(name, locale))
      tocs[locale].push(`- name: ${name}\n  href: ${name}.md\n`)
    }
  }
  for (const [name, kinds] of Object.entries(pairs)) {
    for (const [locale, kind] of Object.entries(kinds) as Array<[Locale, 'md' | 'faq' | 'landing']>) {
      const file = kind === 'md' ? `${name}.md` : `${name}.yml`
      write(locale, file, kind === 'md' ? markdown(name, locale) : kind === 'faq' ? faq(name) : landing(name))
      tocs[locale].push(`- name: ${name}\n  href: ${file}\n`)
    }
  }
  write('en-us', 'index.md', markdown('Home', 'en-us'))
  write('en-us', 'TOC.yml', `- name: Home\n  href: index.md\n${tocs['en-us'].join('')}`)
  write('da-dk', 'TOC.yml', tocs['da-dk'].join(''))
  return dir
}

/** The locales whose build writes a page for an article owned by `owners`. */
function builtIn(owners: Locale[], fallback: 'page' | 'none'): Locale[] {
  return fallback === 'page' && owners.includes('en-us') ? [...locales] : owners
}

const urlOf = (locale: Locale, name: string): string => `${siteUrl}${base}${locale}/${name}/`

describe.each(['page', 'none'] as const)('a three-locale site with fallback %s', function (fallback) {
  let outDir: string
  let messages: string[]
  const page = (file: string): Root => readHtml(outDir, file)

  beforeAll(async function () {
    const built = await buildSite(languageSite(fallback))
    outDir = built.outDir
    messages = built.messages
    expect(built.result.written, messages.join('\n')).toBe(true)
  }, 240_000)

  it('should write no link, hreflang or sitemap entry that lands on a missing page', function () {
    const { checked, dead } = deadHrefs(outDir, { base, siteUrl })
    expect(checked).toBeGreaterThan(100)
    expect(dead).toEqual([])
  })

  it('should build exactly the pages of each combination, and no duplicate-page for .md/.yml pairs', function () {
    for (const [name, owners] of Object.entries(combinations)) {
      for (const locale of locales) {
        expect(existsSync(path.join(outDir, locale, name, 'index.html')), `${locale}/${name}`).toBe(builtIn(owners, fallback).includes(locale))
      }
    }
    expect(messages.filter((message) => message.includes('[duplicate-page]'))).toEqual([])
  })

  it.each(Object.entries(combinations))('should offer in the switcher of %s only the languages that have a page', function (name, owners) {
    const built = builtIn(owners, fallback)
    for (const locale of built) {
      const items = selectAll('.language-switcher li', page(`${locale}/${name}/index.html`))
      // A language with only a fallback page carries a marker after its name (`Dansk*` and a note).
      expect(items.map((item) => toString(item).split('*')[0])).toEqual(['English', 'Dansk', 'Nederlands'])
      const links = items.map((item, position) => (select('a', item) ? locales[position] : undefined)).filter(Boolean)
      expect(links, `${locale}/${name}`).toEqual(built)
      for (const [position, item] of items.entries()) {
        const link = select('a', item)
        const other = locales[position]!
        if (link) expect(link.properties.href).toBe(other === locale ? './' : `../../${other}/${name}/`)
        else expect(select('span.unavailable', item)!.properties.title).toBeTruthy()
      }
    }
  })

  it.each(Object.entries(combinations))('should give %s hreflang alternates of its translations only, x-default only with a default-locale original', function (name, owners) {
    for (const locale of owners) {
      const alternates = selectAll('link[rel=alternate]', page(`${locale}/${name}/index.html`)).map((link) => [link.properties.hrefLang, link.properties.href])
      const expected = owners.map((owner) => [langOf[owner], urlOf(owner, name)])
      if (owners.includes('en-us')) expected.push(['x-default', urlOf('en-us', name)])
      expect(alternates).toEqual(expected)
    }
  })

  it.each(Object.entries(combinations))('should link the original from the notices of %s only when the default locale has it', function (name, owners) {
    for (const locale of builtIn(owners, fallback).filter((code) => code !== 'en-us')) {
      const tree = page(`${locale}/${name}/index.html`)
      const own = owners.includes(locale)
      const notice = select(own ? 'aside.notice-machine' : 'aside.notice-untranslated', tree)
      expect(notice, `${locale}/${name}`).toBeDefined()
      const links = selectAll('a', notice!)
      if (owners.includes('en-us')) expect(links.map((link) => link.properties.href)).toEqual([`../../en-us/${name}/`])
      else expect(links).toEqual([])
    }
  })

  it('should build a locale\'s faq.yml as the translation of the default locale\'s faq.md, and link them', function () {
    const danish = page('da-dk/faq-pair/index.html')
    expect(select('aside.notice-untranslated', danish)).toBeUndefined()
    expect(toString(select('article', danish)!)).toContain('Question of faq-pair?')
    expect(selectAll('link[rel=alternate]', danish).map((link) => link.properties.hrefLang)).toEqual(['en-US', 'da-DK', 'x-default'])
    const english = page('en-us/faq-pair/index.html')
    expect(select('.language-switcher a[hreflang=da-DK]', english)!.properties.href).toBe('../../da-dk/faq-pair/')
    // The Dutch Markdown translates the English landing page.
    const dutch = page('nl-nl/landing-pair/index.html')
    expect(select('aside.notice-untranslated', dutch)).toBeUndefined()
    expect(toString(select('article', dutch)!)).toContain('Text of landing-pair in nl-nl.')
    expect(select('.language-switcher a[hreflang=en-US]', dutch)!.properties.href).toBe('../../en-us/landing-pair/')
    // A pair without the default locale: linked to each other, no original.
    const pairWithoutOriginal = page('nl-nl/yml-only-pair/index.html')
    expect(selectAll('link[rel=alternate]', pairWithoutOriginal).map((link) => link.properties.hrefLang)).toEqual(['da-DK', 'nl-NL'])
    expect(selectAll('aside.notice-machine a', pairWithoutOriginal)).toEqual([])
  })

  it('should list each sitemap URL once, with alternates only to translations', function () {
    const sitemap = readFileSync(path.join(outDir, 'sitemap.xml'), 'utf8')
    const entries = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!)
    expect(entries.filter((url) => url === urlOf('da-dk', 'faq-pair'))).toHaveLength(1)
    expect(entries).not.toContain(urlOf('en-us', 'only-da'))
    const onlyDa = /<url>\s*<loc>[^<]*\/da-dk\/only-da\/<\/loc>([\s\S]*?)<\/url>/.exec(sitemap)![1]!
    expect([...onlyDa.matchAll(/hreflang="([^"]*)"/g)].map((match) => match[1])).toEqual(['da-DK'])
  })

  it('should give every locale a home page at /<locale>/ that the site title, 404 page and root page link', function () {
    for (const locale of locales) {
      const home = page(`${locale}/index.html`)
      const generated = locale !== 'en-us' && fallback === 'none'
      if (generated) {
        expect(toString(select('main h1', home)!)).toBe(toString(select('.site-title', home)!))
        // The site title once, not `Title | Title`.
        expect(toString(select('title', home)!)).toBe(toString(select('.site-title', home)!))
        const list = selectAll('main ul.home-contents > li > a', home).map((link) => [toString(link), link.properties.href])
        // Danish lists its own root TOC; Dutch has none and lists the default locale's.
        const expected =
          locale === 'da-dk'
            ? [['only-da', './only-da/'], ['default-da', './default-da/'], ['da-nl', './da-nl/'], ['all', './all/'], ['faq-pair', './faq-pair/'], ['yml-only-pair', './yml-only-pair/']]
            : [['Home', '../en-us/'], ['only-default', '../en-us/only-default/'], ['default-da', '../en-us/default-da/'], ['default-nl', './default-nl/'], ['all', './all/'], ['faq-pair', '../en-us/faq-pair/'], ['landing-pair', './landing-pair/']]
        expect(list).toEqual(expected)
      }
      const notFound = page(`${locale}/404.html`)
      expect(select('main a', notFound)!.properties.href).toBe(`${base}${locale}/`)
    }
    const root = page('index.html')
    expect(selectAll('#languages a', root).map((link) => link.properties.href)).toEqual(locales.map((locale) => `./${locale}/`))
    expect(select('.site-title', page('da-dk/only-da/index.html'))!.properties.href).toBe('../')
  })
})

describe('a real clash inside one locale', function () {
  it('should still be a duplicate-page error: faq.md and faq.yml side by side', async function () {
    const dir = languageSite('page')
    writeFileSync(path.join(dir, 'content/da-dk/faq-pair.md'), markdown('faq-pair', 'da-dk'))
    const { config } = await loadConfig({}, dir)
    const result = await build(config!, { write: false })
    const duplicates = result.messages.filter((message) => message.ruleId === 'duplicate-page')
    expect(duplicates.map((message) => [path.relative(dir, String(message.file)), message.reason])).toEqual([
      ['content/da-dk/faq-pair.yml', '`faq-pair.yml` and `faq-pair.md` both build `da-dk/faq-pair/index.html`; rename one'],
    ])
  }, 240_000)
})
