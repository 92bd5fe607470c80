import { beforeAll, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { discover } from '../../src/content/discover.ts'
import { rules } from '../../src/diagnostics/rules.ts'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'

describeWithShared(corpusDir)('checking the Dutch corpus as a single-locale site', function () {
  let result: BuildResult
  let articles: number

  beforeAll(async function () {
    const { config } = await loadConfig({ locales: [`nl-nl=${corpusDir}`] })
    articles = discover(config!.locales[0]!).articles.length
    result = await build(config!, { write: false })
  }, 300_000)

  it('should render every article without a crash', function () {
    expect(articles).toBeGreaterThan(2500)
    expect(result.pages).toBe(articles)
  })

  it('should only report known rules, each with a position', function () {
    for (const message of result.messages) {
      expect(Object.keys(rules)).toContain(message.ruleId)
      expect(message.line).toBeGreaterThan(0)
      expect(message.column).toBeGreaterThan(0)
    }
  })
})
