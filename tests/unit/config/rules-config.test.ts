import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { defineConfig } from '../../../src/config/define-config.ts'
import { resolveConfig } from '../../../src/config/resolve-config.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'

const configDir = '/sites/ir-guide'

function resolve(rules: unknown, source: string) {
  const file = new VFile({ path: `${configDir}/tolk.config.ts`, value: source })
  const { config } = resolveConfig({ defaultLocale: 'en-us', locales: { 'en-us': {} }, rules }, file, configDir)
  return { config, messages: file.messages.map((message) => formatHuman(message, { cwd: configDir })) }
}

/** A config file whose `rules` object holds `lines`, one key a line from line 4. */
function sourceWith(lines: string[]): string {
  return ['export default {', "  defaultLocale: 'en-us',", "  locales: { 'en-us': {} },", '  rules: {', ...lines.map((line) => `    ${line}`), '  },', '}', ''].join('\n')
}

describe('config `rules`', function () {
  it('should resolve rule settings as given', function () {
    const rules = { 'missing-asset': 'warning', 'orphan-page': 'off', 'link-case': 'error', 'include-not-found': 'error' }
    const { config, messages } = resolve(rules, '')
    expect(messages).toEqual([])
    expect(config?.rules).toEqual(rules)
  })

  it('should default to no settings', function () {
    const file = new VFile({ path: `${configDir}/tolk.config.ts` })
    expect(resolveConfig({ defaultLocale: 'en-us', locales: { 'en-us': {} } }, file, configDir).config?.rules).toEqual({})
  })

  it('should report an unknown rule at its key, with the closest known id', function () {
    const source = sourceWith(["'missing-assets': 'warning',", "'no-such-thing': 'off',"])
    const { config, messages } = resolve({ 'missing-assets': 'warning', 'no-such-thing': 'off' }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:5:5: error: `rules.missing-assets`: unknown rule `missing-assets`; did you mean `missing-asset`? [invalid-config]',
      'tolk.config.ts:6:5: error: `rules.no-such-thing`: unknown rule `no-such-thing` [invalid-config]',
    ])
  })

  it('should report an unknown setting at its key, with the closest known one', function () {
    const source = sourceWith(["'broken-link': 'warn',", "'link-case': 0,"])
    const { config, messages } = resolve({ 'broken-link': 'warn', 'link-case': 0 }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      'tolk.config.ts:5:5: error: `rules.broken-link`: expected `error`, `warning` or `off`, not `warn`; did you mean `warning`? [invalid-config]',
      'tolk.config.ts:6:5: error: `rules.link-case`: expected `error`, `warning` or `off`, not number [invalid-config]',
    ])
  })

  it('should refuse to lower a rule that guards the site\'s integrity, saying why', function () {
    const source = sourceWith(["'include-not-found': 'warning',", "'invalid-front-matter': 'off',"])
    const { config, messages } = resolve({ 'include-not-found': 'warning', 'invalid-front-matter': 'off' }, source)
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      "tolk.config.ts:5:5: error: `rules.include-not-found`: `include-not-found` guards the site's integrity and cannot be set to `warning`: a missing include leaves its page incomplete [invalid-config]",
      "tolk.config.ts:6:5: error: `rules.invalid-front-matter`: `invalid-front-matter` guards the site's integrity and cannot be set to `off`: an article whose front matter is invalid would be published without its metadata [invalid-config]",
    ])
  })

  it('should report `rules` that is not an object', function () {
    const { config, messages } = resolve(['broken-link'], "export default {\n  rules: ['broken-link'],\n}\n")
    expect(config).toBeUndefined()
    expect(messages).toEqual(['tolk.config.ts:2:3: error: `rules`: Invalid input: expected record, received array [invalid-config]'])
  })

  it('should give config files typed rule ids and settings', function () {
    const config = defineConfig({
      defaultLocale: 'en-us',
      locales: { 'en-us': {} },
      // @ts-expect-error: no such rule
      rules: { 'missing-assets': 'warning' },
    })
    // @ts-expect-error: no such setting
    const typo = defineConfig({ defaultLocale: 'en-us', locales: { 'en-us': {} }, rules: { 'missing-asset': 'warn' } })
    const file = new VFile({ path: `${configDir}/tolk.config.ts` })
    expect(resolveConfig(config, file, configDir).config).toBeUndefined()
    expect(resolveConfig(typo, file, configDir).config).toBeUndefined()
  })
})
