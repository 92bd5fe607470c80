import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig, packageDir, type ConfigFlags } from '../../../src/config/load-config.ts'
import { defaultVideoHosts } from '../../../src/config/schema.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tolk-load-config-'))
}

async function load(flags: ConfigFlags, cwd: string) {
  const { config, file } = await loadConfig(flags, cwd)
  return { config, messages: file.messages.map((message) => formatHuman(message, { cwd })) }
}

describe('loadConfig', function () {
  describe('from `--locale` flags', function () {
    it('should resolve each `code=path` against the working folder, in flag order', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({ locales: ['en-us=content/en', 'ar-sa=../translations/ar'] }, cwd)
      expect(messages).toEqual([])
      expect(config?.locales).toEqual([
        { code: 'en-us', root: path.join(cwd, 'content/en'), lang: 'en-US', dir: 'ltr' },
        { code: 'ar-sa', root: path.join(path.dirname(cwd), 'translations/ar'), lang: 'ar-SA', dir: 'rtl' },
      ])
      expect(config?.defaultLocale).toBe('en-us')
      expect(config?.configDir).toBe(cwd)
      expect(config?.outDir).toBe(path.join(cwd, 'dist'))
    })

    it("should use tolk's own templates and strings only", async function () {
      const cwd = tempDir()
      const { config } = await load({ locales: ['en-us=content/en-us'] }, cwd)
      expect(config?.templatesDir).toBe(path.join(packageDir, 'templates'))
      expect(config?.uiStringsDir).toBe(undefined)
    })

    it("should never use the current folder's templates and strings, which belong to another project", async function () {
      const cwd = tempDir()
      mkdirSync(path.join(cwd, 'templates'))
      mkdirSync(path.join(cwd, 'locales'))
      const { config } = await load({ locales: ['en-us=content/en-us'] }, cwd)
      expect(config?.templatesDir).toBe(path.join(packageDir, 'templates'))
      expect(config?.uiStringsDir).toBe(undefined)
    })

    it('should apply the other flags', async function () {
      const cwd = tempDir()
      const { config, messages } = await load(
        { locales: ['en-us=a', 'da-dk=b'], defaultLocale: 'da-dk', outDir: 'public', base: '/docs/', siteUrl: 'https://example.org/' },
        cwd,
      )
      expect(messages).toEqual([])
      expect(config?.defaultLocale).toBe('da-dk')
      expect(config?.outDir).toBe(path.join(cwd, 'public'))
      expect(config?.base).toBe('/docs/')
      expect(config?.siteUrl).toBe('https://example.org')
    })

    it('should leave `configFile` undefined, as there is no config file', async function () {
      const cwd = tempDir()
      const { config } = await load({ locales: ['en-us=content/en-us'] }, cwd)
      expect(config).toBeDefined()
      expect(config?.configFile).toBeUndefined()
    })

    it('should report a default locale that is not among the flags, naming the known ones', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({ locales: ['en-us=content/en-us', 'nl-nl=content/nl-nl'], defaultLocale: 'da-dk' }, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual([
        '<command line>:1:1: error: `defaultLocale`: unknown locale `da-dk`; expected one of `en-us`, `nl-nl` [unknown-locale]',
      ])
    })

    it('should report a `--locale` value without a path', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({ locales: ['en-us'] }, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual([
        '<command line>:1:1: error: `--locale en-us`: expected `code=path`, like `nl-nl=content/nl-nl` [invalid-config]',
      ])
    })

    it('should report a bad locale code given as a flag', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({ locales: ['en-us=a', 'DA=b'] }, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual([
        '<command line>:1:1: error: `locales.DA`: expected a lower-case BCP 47 code like `da-dk` [invalid-config]',
      ])
    })

    it('should ask for a config file or flags when it has neither', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({}, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual([
        '<command line>:1:1: error: No `tolk.config.ts` here and no `--locale code=path`; give one or the other [invalid-config]',
      ])
    })
  })

  describe('from a config file', function () {
    it('should resolve a tolk.config.ts against its own folder', async function () {
      const cwd = tempDir()
      writeFileSync(
        path.join(cwd, 'tolk.config.ts'),
        "export default {\n  defaultLocale: 'en-us',\n  locales: {\n    'en-us': {},\n    'ar-sa': { root: 'content/arabic' },\n  },\n}\n",
      )
      const { config, messages } = await load({}, cwd)
      expect(messages).toEqual([])
      expect(config).toEqual({
        configDir: cwd,
        configFile: path.join(cwd, 'tolk.config.ts'),
        siteUrl: undefined,
        base: '/',
        locales: [
          { code: 'en-us', root: path.join(cwd, 'content/en-us'), lang: 'en-US', dir: 'ltr' },
          { code: 'ar-sa', root: path.join(cwd, 'content/arabic'), lang: 'ar-SA', dir: 'rtl' },
        ],
        defaultLocale: 'en-us',
        outDir: path.join(cwd, 'dist'),
        // The site has no templates/ of its own: tolk's packaged ones serve.
        templatesDir: path.join(packageDir, 'templates'),
        // Its own strings would be here; tolk's fill in what is not.
        uiStringsDir: path.join(cwd, 'locales'),
        maxIncludeDepth: 8,
        fallback: 'page',
        moniker: undefined,
        externalRoots: {},
        ignoreLinks: [],
        redirectionFile: undefined,
        videoHosts: [...defaultVideoHosts],
        maxFileSize: 4 * 1024 * 1024,
        pageTimeout: 120,
        rules: {},
        xrefMaps: [],
        xrefCacheDir: path.join(cwd, 'node_modules/.cache/tolk/xref'),
        cacheDir: path.join(cwd, 'node_modules/.cache/tolk'),
        xrefMapTimeout: 30,
      })
    })

    it('should let flags override the values in the file', async function () {
      const cwd = tempDir()
      writeFileSync(path.join(cwd, 'tolk.config.ts'), "export default { defaultLocale: 'en-us', locales: { 'en-us': {} }, outDir: 'dist' }\n")
      const { config } = await load({ outDir: 'elsewhere' }, cwd)
      expect(config?.outDir).toBe(path.join(cwd, 'elsewhere'))
    })

    it('should report an unknown default locale at its line in the file, naming the known ones', async function () {
      const cwd = tempDir()
      writeFileSync(
        path.join(cwd, 'tolk.config.ts'),
        "export default {\n  locales: {\n    'en-us': {},\n    'da-dk': {},\n  },\n  defaultLocale: 'nl-nl',\n}\n",
      )
      const { config, messages } = await load({}, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual([
        'tolk.config.ts:6:3: error: `defaultLocale`: unknown locale `nl-nl`; expected one of `en-us`, `da-dk` [unknown-locale]',
      ])
    })

    it('should report a `--config` file that does not exist', async function () {
      const cwd = tempDir()
      const { config, messages } = await load({ config: 'site.config.ts' }, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual(['site.config.ts:1:1: error: Cannot find config file `site.config.ts` [invalid-config]'])
    })

    it('should report a config file that throws while loading', async function () {
      const cwd = tempDir()
      writeFileSync(path.join(cwd, 'tolk.config.ts'), "throw new Error('no locales yet')\n")
      const { config, messages } = await load({}, cwd)
      expect(config).toBeUndefined()
      expect(messages).toEqual(['tolk.config.ts:1:1: error: Cannot load config: no locales yet [invalid-config]'])
    })

    describe('hostile or broken config code', function () {
      /** Load a config whose source is `source`; messages relative to its folder. */
      async function loadSource(source: string) {
        const cwd = tempDir()
        writeFileSync(path.join(cwd, 'tolk.config.ts'), source)
        return load({}, cwd)
      }
      const valid = "{ defaultLocale: 'en-us', locales: { 'en-us': {} } }"

      it('should report a default export that is a rejected promise', async function () {
        const { config, messages } = await loadSource("export default Promise.reject(new Error('vault unreachable'))\n")
        expect(config).toBeUndefined()
        expect(messages).toEqual(['tolk.config.ts:1:1: error: Cannot load config: vault unreachable [invalid-config]'])
      })

      it('should accept a default export that is a promise of settings', async function () {
        const { config, messages } = await loadSource(`export default Promise.resolve(${valid})\n`)
        expect(messages).toEqual([])
        expect(config?.defaultLocale).toBe('en-us')
      })

      it('should report a getter that throws, once, while loading', async function () {
        const { config, messages } = await loadSource("export default { defaultLocale: 'en-us', get locales() { throw new Error('getter says no') } }\n")
        expect(config).toBeUndefined()
        expect(messages).toEqual(['tolk.config.ts:1:1: error: Cannot load config: getter says no [invalid-config]'])
      })

      it('should report a Proxy that throws on every trap', async function () {
        const traps = ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'].map((trap) => `${trap}() { throw new Error('trap ${trap}') }`)
        const { config, messages } = await loadSource(`export default new Proxy({}, { ${traps.join(', ')} })\n`)
        expect(config).toBeUndefined()
        expect(messages).toHaveLength(1)
        expect(messages[0]).toMatch(/^tolk\.config\.ts:1:1: error: Cannot load config: trap \w+ \[invalid-config\]$/)
      })

      it('should stop a `process.exit(0)` in the config and report it', async function () {
        const exit = process.exit
        const { config, messages } = await loadSource(`process.exit(0)\nexport default ${valid}\n`)
        expect(config).toBeUndefined()
        expect(messages).toEqual([
          'tolk.config.ts:1:1: error: Cannot load config: the config called `process.exit(0)`; a config only exports settings [invalid-config]',
        ])
        expect(process.exit).toBe(exit)
      })

      it("should report a syntax error with esbuild's reason at its line and column", async function () {
        const { config, messages } = await loadSource("export default {\n  defaultLocale: 'en-us',\n  locales: { 'en-us': {} }\n  outDir: 'site',\n}\n")
        expect(config).toBeUndefined()
        expect(messages).toEqual(['tolk.config.ts:4:3: error: Cannot load config: Expected "}" but found "outDir" [invalid-config]'])
      })

      it('should report a `lang` that is not a BCP 47 tag at its key', async function () {
        const { config, messages } = await loadSource("export default {\n  defaultLocale: 'en-us',\n  locales: {\n    'en-us': { lang: '!!bad' },\n  },\n}\n")
        expect(config).toBeUndefined()
        expect(messages).toEqual(['tolk.config.ts:4:16: error: `locales.en-us.lang`: expected a BCP 47 language tag, like `da-DK` [invalid-config]'])
      })
    })
  })
})
