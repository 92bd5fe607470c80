import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageDir } from '../../../src/config/load-config.ts'
import type { ResolvedConfig } from '../../../src/config/schema.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { loadUiStrings } from '../../../src/i18n/ui-strings.ts'

/** tolk's built-in English strings, which every site's default locale extends. */
const builtIn = JSON.parse(readFileSync(path.join(packageDir, 'locales', 'en-us.json'), 'utf8')) as Record<string, string>

/** A strings folder holding `files`, and a config whose locales are `codes` (the first is the default). */
function setup(codes: string[], files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-ui-strings-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  const config: ResolvedConfig = {
    configDir: dir,
    configFile: undefined,
    siteUrl: undefined,
    base: '/',
    locales: codes.map((code) => ({ code, root: path.join(dir, 'content', code), lang: code, dir: 'ltr' })),
    defaultLocale: codes[0]!,
    outDir: path.join(dir, 'dist'),
    templatesDir: path.join(dir, 'templates'),
    uiStringsDir: dir,
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
  }
  const strings = loadUiStrings(config)
  return { strings, messages: strings.files.flatMap((file) => file.messages.map((message) => formatHuman(message, { cwd: dir }))) }
}

/** Every built-in key plus `extra`, translated by prefixing `prefix`, without `omit`. */
function complete(prefix: string, extra: string[], omit: string[] = []): string {
  const keys = [...Object.keys(builtIn), ...extra].filter((key) => !omit.includes(key))
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, `${prefix} ${key}`])), null, 2)
}

describe('loadUiStrings', function () {
  it("should look up a locale's own strings", function () {
    const { strings, messages } = setup(['en-us', 'da-dk'], {
      'en-us.json': complete('en', ['nav.home']),
      'da-dk.json': complete('da', ['nav.home']),
    })
    expect(messages).toEqual([])
    expect([strings.t('en-us', 'nav.home'), strings.t('da-dk', 'nav.home')]).toEqual(['en nav.home', 'da nav.home'])
  })

  it('should warn about a key missing in a locale and use the default locale text', function () {
    const { strings, messages } = setup(['en-us', 'da-dk'], {
      'en-us.json': complete('en', ['nav.home']),
      'da-dk.json': complete('da', [], ['nav.home']),
    })
    expect(messages).toEqual([
      'da-dk.json:1:1: warning: Missing UI string `nav.home` in `da-dk`; using the `en-us` text [missing-ui-string]',
    ])
    expect(strings.t('da-dk', 'nav.home')).toBe('en nav.home')
  })

  it("should fill the default locale's gaps from tolk's built-in strings", function () {
    const { strings, messages } = setup(['en-us'], { 'en-us.json': '{ "site.title": "IR Guide" }\n' })
    expect(messages).toEqual([])
    expect(strings.t('en-us', 'site.title')).toBe('IR Guide')
    expect(strings.t('en-us', 'alert.note')).toBe(builtIn['alert.note'])
  })

  it('should return the key for a string no locale defines', function () {
    const { strings } = setup(['en-us'], { 'en-us.json': '{}\n' })
    expect(strings.t('en-us', 'no.such.key')).toBe('no.such.key')
    expect([strings.has('no.such.key'), strings.has('alert.note')]).toEqual([false, true])
  })

  it('should warn once about a locale without a strings file', function () {
    const { strings, messages } = setup(['en-us', 'ar-sa'], { 'en-us.json': complete('en', ['nav.home']) })
    expect(messages).toEqual([
      'ar-sa.json:1:1: warning: No UI strings for `ar-sa`; every string falls back to `en-us` [missing-ui-string]',
    ])
    expect(strings.t('ar-sa', 'nav.home')).toBe('en nav.home')
  })

  it('should report invalid JSON at its line and column', function () {
    const text = '{\n  "site.title": "Gids",\n  "nav.home" "Start"\n}\n'
    const { strings, messages } = setup(['en-us', 'nl-nl'], { 'en-us.json': complete('en', ['nav.home']), 'nl-nl.json': text })
    expect(messages.filter((message) => message.endsWith('[invalid-ui-strings]'))).toEqual([
      `nl-nl.json:3:14: error: Invalid JSON: expected \`:\` after the property name, found \`"\` [invalid-ui-strings]`,
    ])
    expect(strings.t('nl-nl', 'site.title')).toBe('en site.title')
  })

  it('should not also warn about every key of a file it could not read', function () {
    const text = '{\n  "site.title": "Gids",\n  "nav.home" "Start"\n}\n'
    const { messages } = setup(['en-us', 'nl-nl'], { 'en-us.json': complete('en', ['nav.home']), 'nl-nl.json': text })
    expect(messages).toEqual([`nl-nl.json:3:14: error: Invalid JSON: expected \`:\` after the property name, found \`"\` [invalid-ui-strings]`])
  })

  it('should report a value that is not text at its key', function () {
    const text = complete('da', ['nav.home']).replace('"da nav.home"', '["Hjem"]')
    const { strings, messages } = setup(['en-us', 'da-dk'], { 'en-us.json': complete('en', ['nav.home']), 'da-dk.json': text })
    const line = text.split('\n').findIndex((entry) => entry.includes('"nav.home"')) + 1
    expect(messages.filter((message) => message.endsWith('[invalid-ui-strings]'))).toEqual([
      `da-dk.json:${line}:3: error: UI string \`nav.home\` must be text [invalid-ui-strings]`,
    ])
    expect(strings.t('da-dk', 'nav.home')).toBe('en nav.home')
  })

  it('should report a file that is not an object', function () {
    const { messages } = setup(['en-us'], { 'en-us.json': '["Guide"]\n' })
    expect(messages).toEqual(['en-us.json:1:1: error: Expected an object of `"key": "text"` pairs [invalid-ui-strings]'])
  })
})
