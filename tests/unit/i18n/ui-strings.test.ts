import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageDir } from '../../../src/config/load-config.ts'
import { localeToLang } from '../../../src/config/resolve-config.ts'
import type { ResolvedConfig } from '../../../src/config/schema.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { loadUiStrings } from '../../../src/i18n/ui-strings.ts'

/** tolk's built-in strings for a language, read as a site never could change them. */
function builtIn(tag: string): Record<string, string> {
  return JSON.parse(readFileSync(path.join(packageDir, 'locales', `${tag}.json`), 'utf8')) as Record<string, string>
}

/**
 * A site folder holding `files`, its strings folder `locales/` unless
 * `stringsDir` names another (`null`: none, as when built from flags), and
 * its strings for `codes` (the first is the default locale).
 */
function setup(codes: string[], files: Record<string, string>, options: { stringsDir?: string | null; siteTitle?: string } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-ui-strings-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  const config: ResolvedConfig = {
    configDir: dir,
    configFile: undefined,
    siteUrl: undefined,
    base: '/',
    locales: codes.map((code) => ({ code, root: path.join(dir, 'content', code), lang: localeToLang(code), dir: 'ltr' })),
    defaultLocale: codes[0]!,
    outDir: path.join(dir, 'dist'),
    templatesDir: path.join(dir, 'templates'),
    uiStringsDir: options.stringsDir === null ? undefined : path.join(dir, options.stringsDir ?? 'locales'),
    maxIncludeDepth: 8,
    fallback: 'page',
    moniker: undefined,
    externalRoots: {},
    ignoreLinks: [],
    redirectionFile: undefined,
    videoHosts: [],
    maxFileSize: 4 * 1024 * 1024,
    pageTimeout: 0,
    rules: {},
    xrefMaps: [],
    xrefCacheDir: path.join(dir, 'xref-cache'),
    xrefMapTimeout: 30,
  }
  const strings = loadUiStrings(config, { siteTitle: options.siteTitle })
  const later = () => strings.files.flatMap((file) => file.messages.map((message) => formatHuman(message, { cwd: dir })))
  return { strings, messages: later(), later }
}

describe('loadUiStrings', function () {
  const english = builtIn('en')

  it('should ship every string in each promised language, and nothing of a site', function () {
    const promised = ['en', 'da', 'nl', 'ar', 'de', 'fr', 'es', 'sv', 'nb', 'fi', 'it', 'pt', 'ja', 'zh', 'he', 'pl']
    const shipped = readdirSync(path.join(packageDir, 'locales')).map((name) => name.replace(/\.json$/, ''))
    expect(promised.filter((tag) => !shipped.includes(tag))).toEqual([])
    for (const tag of shipped) {
      const table = builtIn(tag)
      expect([tag, Object.keys(table).sort()]).toEqual([tag, Object.keys(english).sort()])
      expect([tag, Object.values(table).filter((text) => /incident|security|sikkerhed/i.test(text))]).toEqual([tag, []])
    }
    expect([english['site.title'], english['footer.text']]).toEqual(['Documentation', 'Built with tolk.'])
  })

  it("should use tolk's strings for the locale's language: `da-dk` → `da`", function () {
    const { strings, messages } = setup(['en-us', 'da-dk', 'pt-br', 'zh-cn'], {})
    expect(messages).toEqual([])
    expect(['en-us', 'da-dk', 'pt-br', 'zh-cn'].map((code) => strings.t(code, 'alert.note'))).toEqual([
      english['alert.note'],
      builtIn('da')['alert.note'],
      builtIn('pt')['alert.note'],
      builtIn('zh')['alert.note'],
    ])
  })

  it("should name a locale in its own language, from tolk's strings or else `Intl`, with the region when two share a language", function () {
    const { strings } = setup(['nl-nl', 'tr-tr', 'ko-kr', 'pt-br', 'pt-pt'], {})
    expect(['nl-nl', 'tr-tr', 'ko-kr', 'pt-br', 'pt-pt'].map((code) => strings.t(code, 'locale.name'))).toEqual([
      'Nederlands',
      'Türkçe',
      '한국어',
      'Português (Brasil)',
      'Português (Portugal)',
    ])
  })

  it("should fall back to the default locale's language, then English, for a language tolk does not speak, and say so once", function () {
    const { strings, messages } = setup(['nl-nl', 'ko-kr'], {})
    expect(strings.t('ko-kr', 'alert.note')).toBe(builtIn('nl')['alert.note'])
    const alone = setup(['ko-kr'], {})
    expect(alone.strings.t('ko-kr', 'alert.note')).toBe(english['alert.note'])
    const total = Object.keys(english).length
    expect(messages).toEqual([
      `locales/ko-kr.json:1:1: warning: tolk has no built-in UI strings for \`ko-kr\`; ${total - 1} of ${total} are shown in another language until \`ko-kr.json\` gives them [missing-ui-string]`,
    ])
    expect(strings.coverage()).toEqual([
      { locale: 'nl-nl', defined: total, total, missing: [] },
      { locale: 'ko-kr', defined: 1, total, missing: Object.keys(english).filter((key) => key !== 'locale.name').sort() },
    ])
  })

  it("should take only what a site changes from its files, and use the default locale's text where another locale's file is missing", function () {
    const { strings, messages } = setup(['en-us', 'da-dk', 'nl-nl'], {
      'locales/en-us.json': '{ "site.title": "IR Guide", "alert.note": "Remark", "locale.name": "English (US)" }\n',
      'locales/nl-nl.json': '{ "site.title": "IR-gids", "alert.note": "Let op" }\n',
    })
    expect(messages).toEqual([])
    expect(['en-us', 'da-dk', 'nl-nl'].map((code) => [strings.t(code, 'site.title'), strings.t(code, 'alert.note'), strings.t(code, 'locale.name')])).toEqual([
      ['IR Guide', 'Remark', 'English (US)'],
      // `locale.name` describes the default locale alone; Danish keeps its own.
      ['IR Guide', 'Remark', 'Dansk'],
      ['IR-gids', 'Let op', 'Nederlands'],
    ])
    expect(strings.t('da-dk', 'alert.tip')).toBe(builtIn('da')['alert.tip'])
  })

  it("should warn about a key the default locale's file changes that another locale's file leaves out", function () {
    const { strings, messages } = setup(['en-us', 'da-dk'], {
      'locales/en-us.json': '{ "site.title": "IR Guide", "footer.text": "By the SOC." }\n',
      'locales/da-dk.json': '{ "site.title": "IR-vejledning" }\n',
    })
    expect(messages).toEqual(['locales/da-dk.json:1:1: warning: Missing UI string `footer.text` in `da-dk`; using the `en-us` text [missing-ui-string]'])
    expect(strings.t('da-dk', 'footer.text')).toBe('By the SOC.')
    expect(strings.coverage()[1]).toEqual({ locale: 'da-dk', defined: Object.keys(english).length - 1, total: Object.keys(english).length, missing: ['footer.text'] })
  })

  it('should read the strings folder the config names', function () {
    const { strings } = setup(['en-us'], { 'site-strings/en-us.json': '{ "site.title": "IR Guide" }\n' }, { stringsDir: 'site-strings' })
    expect(strings.t('en-us', 'site.title')).toBe('IR Guide')
  })

  it("should read no site strings when built from flags alone, whatever the current folder holds", function () {
    const { strings, messages } = setup(['en-us'], { 'locales/en-us.json': '{ "site.title": "Incident Response Guide" }\n' }, { stringsDir: null })
    expect(messages).toEqual([])
    expect(strings.t('en-us', 'site.title')).toBe('Documentation')
  })

  it("should title the site with its neutral title unless its strings give one, else tolk's `Documentation` in each language", function () {
    expect(setup(['en-us', 'da-dk'], {}, { siteTitle: 'Contoso Docs' }).strings.t('da-dk', 'site.title')).toBe('Contoso Docs')
    const titled = setup(['en-us', 'da-dk'], { 'locales/da-dk.json': '{ "site.title": "Contoso-dokumentation" }\n' }, { siteTitle: 'Contoso Docs' })
    expect(['en-us', 'da-dk'].map((code) => titled.strings.t(code, 'site.title'))).toEqual(['Contoso Docs', 'Contoso-dokumentation'])
    expect(setup(['en-us', 'da-dk'], {}).strings.t('da-dk', 'site.title')).toBe('Dokumentation')
  })

  it('should report a site string tolk does not know unless a template uses it', function () {
    const { strings, later } = setup(['en-us'], { 'locales/en-us.json': '{\n  "site.tilte": "IR Guide",\n  "nav.home": "Home"\n}\n' })
    expect(strings.has('nav.home')).toBe(true)
    strings.checkSiteKeys(new Set(['nav.home']))
    expect(later()).toEqual(['locales/en-us.json:2:3: error: Unknown UI string `site.tilte`; tolk has no such string and no template uses it [unknown-ui-string]'])
  })

  it('should return the key for a string nobody defines', function () {
    const { strings } = setup(['en-us'], {})
    expect(strings.t('en-us', 'no.such.key')).toBe('no.such.key')
    expect([strings.has('no.such.key'), strings.has('alert.note')]).toEqual([false, true])
  })

  it('should report invalid JSON at its line and column, and nothing else about that file', function () {
    const text = '{\n  "site.title": "Gids",\n  "nav.home" "Start"\n}\n'
    const { strings, messages } = setup(['en-us', 'nl-nl'], { 'locales/en-us.json': '{ "site.title": "Guide", "alert.note": "Remark" }', 'locales/nl-nl.json': text })
    expect(messages).toEqual([`locales/nl-nl.json:3:14: error: Invalid JSON: expected \`:\` after the property name, found \`"\` [invalid-ui-strings]`])
    expect(strings.t('nl-nl', 'site.title')).toBe('Guide')
  })

  it('should report a value that is not text at its key', function () {
    const text = '{\n  "site.title": "Gids",\n  "alert.note": ["Let op"]\n}\n'
    const { strings, messages } = setup(['nl-nl'], { 'locales/nl-nl.json': text })
    expect(messages).toEqual(['locales/nl-nl.json:3:3: error: UI string `alert.note` must be text [invalid-ui-strings]'])
    expect(strings.t('nl-nl', 'alert.note')).toBe(builtIn('nl')['alert.note'])
  })

  it('should report a file that is not an object', function () {
    const { messages } = setup(['en-us'], { 'locales/en-us.json': '["Guide"]\n' })
    expect(messages).toEqual(['locales/en-us.json:1:1: error: Expected an object of `"key": "text"` pairs [invalid-ui-strings]'])
  })
})
