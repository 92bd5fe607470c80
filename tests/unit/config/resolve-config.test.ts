import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defaultDir, findKey, localeToLang, packageDir, resolveConfig } from '../../../src/config/resolve-config.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'

const configDir = '/sites/ir-guide'

/** Resolve `input` as if a config file with `source` as its text exported it. */
function resolve(input: unknown, source = '') {
  const file = new VFile({ path: `${configDir}/tolk.config.ts`, value: source })
  const { config } = resolveConfig(input, file, configDir)
  return { config, messages: file.messages.map((message) => formatHuman(message, { cwd: configDir })) }
}

describe('resolveConfig', function () {
  it('should report a default locale that is not a locale, at its key, naming the known ones', function () {
    const source = [
      "import { defineConfig } from 'tolk'",
      '',
      'export default defineConfig({',
      "  defaultLocale: 'fr-fr',",
      '  locales: {',
      "    'en-us': {},",
      "    'da-dk': {},",
      '  },',
      '})',
      '',
    ].join('\n')
    const { config, messages } = resolve({ defaultLocale: 'fr-fr', locales: { 'en-us': {}, 'da-dk': {} } }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:4:3: error: `defaultLocale`: unknown locale `fr-fr`; expected one of `en-us`, `da-dk` [unknown-locale]',
    ])
  })

  it('should report a mistyped nested value at its key, naming the key path', function () {
    const source = [
      'export default {',
      "  defaultLocale: 'en-us',",
      '  locales: {',
      "    'en-us': {},",
      "    'da-dk': { lang: 5 },",
      '  },',
      '}',
      '',
    ].join('\n')
    const { config, messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': { lang: 5 } } }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:5:16: error: `locales.da-dk.lang`: Invalid input: expected string, received number [invalid-config]',
    ])
  })

  it('should report a base path without slashes at its key', function () {
    const source = "export default {\n  defaultLocale: 'en-us',\n  locales: { 'en-us': {} },\n  base: 'docs',\n}\n"
    const { config, messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {} }, base: 'docs' }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:4:3: error: `base`: expected a path with leading and trailing slash, like `/docs/` [invalid-config]',
    ])
  })

  it('should take video hosts in lower case and report what is not a host name at its index', function () {
    const { config } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {} }, videoHosts: ['Media.Example.ORG', 'xn--youtub-h0c.com'] })
    expect(config?.videoHosts).toEqual(['media.example.org', 'xn--youtub-h0c.com'])
    const hosts = ['localhost', '127.0.0.1', 'https://www.youtube.com', 'youtube.com:443', 'youtube.com/', '*.youtube.com', 'youtube.com.', '[::1]', 'yоutube.com']
    const { config: refused, messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {} }, videoHosts: hosts })
    expect(refused).toBeUndefined()
    expect(messages).toEqual(
      hosts.map(
        (_, index) =>
          `tolk.config.ts:1:1: error: \`videoHosts.${index}\`: expected a host name like \`www.youtube-nocookie.com\` (no scheme, port, path or IP address) [invalid-config]`,
      ),
    )
  })

  it('should report an unknown top-level key by its name, at the key', function () {
    const source = "export default {\n  defaultLocale: 'en-us',\n  locales: { 'en-us': {} },\n  outdir: 'public',\n}\n"
    const { config, messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {} }, outdir: 'public' }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual(['tolk.config.ts:4:3: error: `outdir`: unknown key [invalid-config]'])
  })

  it('should report a locale code that is not lower-case BCP 47 at the code, saying what is expected', function () {
    const source = "export default {\n  defaultLocale: 'en-us',\n  locales: {\n    'en-us': {},\n    'da_DK': {},\n  },\n}\n"
    const { config, messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': {}, da_DK: {} } }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:5:5: error: `locales.da_DK`: expected a lower-case BCP 47 code like `da-dk` [invalid-config]',
    ])
  })

  it('should report an empty locale list once', function () {
    const source = "export default {\n  defaultLocale: 'en-us',\n  locales: {},\n}\n"
    const { config, messages } = resolve({ defaultLocale: 'en-us', locales: {} }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual(['tolk.config.ts:3:3: error: `locales`: expected at least one locale [invalid-config]'])
  })

  it('should report at 1:1 when the config text is not available', function () {
    const { messages } = resolve({ defaultLocale: 'en-us', locales: { 'en-us': { dir: 'up' } } })
    expect(messages).toEqual([
      'tolk.config.ts:1:1: error: `locales.en-us.dir`: Invalid option: expected one of "ltr"|"rtl" [invalid-config]',
    ])
  })

  it('should fill defaults and resolve every path against the config folder', function () {
    const { config, messages } = resolve({
      siteUrl: 'https://ir-guide.example.org/',
      defaultLocale: 'en-us',
      locales: { 'en-us': {}, 'da-dk': { root: '../translations/da' } },
      outDir: 'public',
    })
    expect(messages).toEqual([])
    expect(config).toEqual({
      configDir,
      configFile: `${configDir}/tolk.config.ts`,
      siteUrl: 'https://ir-guide.example.org',
      base: '/',
      locales: [
        { code: 'en-us', root: '/sites/ir-guide/content/en-us', lang: 'en-US', dir: 'ltr' },
        { code: 'da-dk', root: '/sites/translations/da', lang: 'da-DK', dir: 'ltr' },
      ],
      defaultLocale: 'en-us',
      outDir: '/sites/ir-guide/public',
      // /sites/ir-guide has no templates/: tolk's packaged ones serve.
      templatesDir: path.join(packageDir, 'templates'),
      // The site's own strings folder, which need not exist: tolk's strings fill in.
      uiStringsDir: '/sites/ir-guide/locales',
      maxIncludeDepth: 8,
      fallback: 'page',
      moniker: undefined,
      externalRoots: {},
      ignoreLinks: [],
      redirectionFile: undefined,
      videoHosts: [
        'www.youtube-nocookie.com',
        'youtube-nocookie.com',
        'www.youtube.com',
        'youtube.com',
        'player.vimeo.com',
        'www.microsoft.com',
        'videoplayercdn.osi.office.net',
        'learn-video.azurefd.net',
        'channel9.msdn.com',
      ],
      maxFileSize: 4 * 1024 * 1024,
      pageTimeout: 120,
      rules: {},
      xrefMaps: [],
      xrefCacheDir: '/sites/ir-guide/node_modules/.cache/tolk/xref',
      cacheDir: '/sites/ir-guide/node_modules/.cache/tolk',
      xrefMapTimeout: 30,
    })
  })

  it("should take each other locale's own DocFX redirection file from its content root, and the default locale's as the site-wide one", function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-redirection-files-'))
    for (const code of ['en-us', 'da-dk']) {
      mkdirSync(path.join(dir, 'content', code), { recursive: true })
      writeFileSync(path.join(dir, 'content', code, '.openpublishing.redirection.json'), '{"redirections": []}\n')
    }
    mkdirSync(path.join(dir, 'content/sv-se'))
    const input = { defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': {}, 'sv-se': {} } }
    const { config } = resolveConfig(input, new VFile({ path: path.join(dir, 'tolk.config.ts') }), dir)
    expect(config?.redirectionFile).toBe(path.join(dir, 'content/en-us/.openpublishing.redirection.json'))
    expect(config?.locales.map((locale) => [locale.code, locale.redirectionFile])).toEqual([
      ['en-us', undefined],
      ['da-dk', path.join(dir, 'content/da-dk/.openpublishing.redirection.json')],
      ['sv-se', undefined],
    ])
    // A configured file replaces the default locale's only.
    const configured = resolveConfig({ ...input, redirectionFile: 'moves.json' }, new VFile({ path: path.join(dir, 'tolk.config.ts') }), dir).config
    expect(configured?.redirectionFile).toBe(path.join(dir, 'moves.json'))
    expect(configured?.locales[1]?.redirectionFile).toBe(path.join(dir, 'content/da-dk/.openpublishing.redirection.json'))
  })

  it('should derive lang and dir from the locale code unless they are given', function () {
    const { config } = resolve({
      defaultLocale: 'en-us',
      locales: {
        'en-us': {},
        'da-dk': {},
        'ar-sa': {},
        'he-il': {},
        'zh-hans-cn': {},
        'nl-nl': { lang: 'nl', dir: 'rtl' },
      },
    })
    expect(config?.locales.map(({ code, lang, dir }) => ({ code, lang, dir }))).toEqual([
      { code: 'en-us', lang: 'en-US', dir: 'ltr' },
      { code: 'da-dk', lang: 'da-DK', dir: 'ltr' },
      { code: 'ar-sa', lang: 'ar-SA', dir: 'rtl' },
      { code: 'he-il', lang: 'he-IL', dir: 'rtl' },
      { code: 'zh-hans-cn', lang: 'zh-Hans-CN', dir: 'ltr' },
      { code: 'nl-nl', lang: 'nl', dir: 'rtl' },
    ])
  })
})

describe('localeToLang', function () {
  it('should canonicalize region and script case', function () {
    expect(['da-dk', 'ar-sa', 'zh-hans-cn', 'nl'].map(localeToLang)).toEqual(['da-DK', 'ar-SA', 'zh-Hans-CN', 'nl'])
  })

  it('should return a code that is not a language tag unchanged', function () {
    expect(localeToLang('not_a_tag!')).toBe('not_a_tag!')
  })
})

describe('defaultDir', function () {
  it('should be rtl for right-to-left languages and ltr otherwise', function () {
    expect(['ar-SA', 'he', 'fa-IR', 'ur-PK', 'da-DK', 'en-US'].map(defaultDir)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'ltr'])
  })
})

describe('findKey', function () {
  it('should find a nested key after its parents, quoted or not', function () {
    const source = "export default {\n  base: '/',\n  locales: {\n    \"da-dk\": { lang: 'da' },\n  },\n}\n"
    expect(findKey(source, ['locales', 'da-dk', 'lang'])).toEqual({ line: 4, column: 16 })
  })

  it('should point at the deepest parent it finds when the key itself is absent', function () {
    const source = "export default {\n  lang: 'x',\n  locales: {},\n}\n"
    expect(findKey(source, ['locales', 'en-us'])).toEqual({ line: 3, column: 3 })
  })

  it('should find nothing in empty text', function () {
    expect(findKey('', ['base'])).toBeUndefined()
  })
})
