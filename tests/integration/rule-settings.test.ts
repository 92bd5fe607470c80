/**
 * Rule severities end to end: config `rules`, `--rule`, locked rules, `off`,
 * `--strict`, exit codes and the output folder, through `bin/tolk.js`, the
 * programmatic `build()` and the dev session, on a small site with one
 * broken link, one missing image and one orphan page.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { fromHtml } from 'hast-util-from-html'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { createDevSession } from '../../src/dev/dev-session.ts'
import { listFiles, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin/tolk.js')

/** A CPU-bound build on a shared machine: the timeout only guards against a hang. */
const hangGuard = 600_000

/** Run tolk; `onMainThread` renders without the worker (faster where workers are not the point). */
async function tolk(cwd: string, args: string[], onMainThread = false) {
  try {
    const env = { ...process.env, NO_COLOR: '1', ...(onMainThread ? { TOLK_WORKERS: '0' } : {}) }
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

/** Diagnostics lines only: the last line carries the timing, blank lines separate files. */
function diagnostics(stderr: string): string[] {
  return stderr.trimEnd().split('\n').slice(0, -1).filter((line) => line !== '' && !line.startsWith('UI strings: '))
}

const brokenLink = 'content/en-us/index.md:6:1: error: Cannot find `missing.md` [broken-link]'
const missingImage = 'content/en-us/index.md:8:1: error: Cannot find `pic.png` [missing-asset]'
const orphan = 'content/en-us/lone.md:1:1: warning: No TOC.yml lists this article, so readers can only reach it by links [orphan-page]'

/** A one-locale site; `rules` goes into its config as written. */
function site(rules = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-rules-'))
  const content = path.join(dir, 'content/en-us')
  mkdirSync(content, { recursive: true })
  writeFileSync(
    path.join(dir, 'tolk.config.ts'),
    [
      'export default {',
      "  defaultLocale: 'en-us',",
      "  locales: { 'en-us': {} },",
      `  templatesDir: ${JSON.stringify(path.join(repoRoot, 'templates'))},`,
      `  uiStringsDir: ${JSON.stringify(path.join(repoRoot, 'locales'))},`,
      ...(rules ? [`  rules: ${rules},`] : []),
      '}',
      '',
    ].join('\n'),
  )
  writeFileSync(path.join(content, 'TOC.yml'), '- name: Home\n  href: index.md\n')
  writeFileSync(path.join(content, 'index.md'), '---\ntitle: Home\n---\n# Home\n\n[Gone](missing.md)\n\n![Picture](pic.png)\n')
  writeFileSync(path.join(content, 'lone.md'), '---\ntitle: Lone\n---\n# Lone\n')
  return dir
}

/** An output folder holding a previous build. */
function previousOutput(): string {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-rules-out-')), 'dist')
  mkdirSync(out)
  writeFileSync(path.join(out, '.tolk-output'), 'tolk output')
  writeFileSync(path.join(out, 'previous.html'), 'previous build')
  return out
}

describe('rule severities through the CLI', { timeout: hangGuard }, function () {
  it('should fail on the default errors and leave the previous output untouched', async function () {
    const out = previousOutput()
    const result = await tolk(site(), ['build', '--out', out])
    expect(result.code).toBe(1)
    expect(diagnostics(result.stderr)).toEqual([brokenLink, missingImage, '', orphan].filter(Boolean))
    expect(listFiles(out)).toEqual(['.tolk-output', 'previous.html'])
  })

  it('should build with exit 0 and print the warning when `broken-link` is lowered by `--rule`', async function () {
    const out = previousOutput()
    const result = await tolk(site(), ['build', '--out', out, '--rule', 'broken-link=warning', '--rule', 'missing-asset=warning'])
    expect(result.code).toBe(0)
    expect(diagnostics(result.stderr)).toEqual([
      brokenLink.replace(': error: ', ': warning: '),
      missingImage.replace(': error: ', ': warning: '),
      orphan,
    ])
    expect(result.stderr).toMatch(/\nBuilt 2 pages into .+ in [\d.]+s: 0 errors, 3 warnings\n$/)
    expect(listFiles(out).filter((file) => file.endsWith('.html') && file.startsWith('en-us/'))).toEqual(['en-us/404.html', 'en-us/index.html', 'en-us/lone/index.html'])
    const home = fromHtml(readFileSync(path.join(out, 'en-us/index.html'), 'utf8'))
    expect(toString(select('main h1', home)!)).toBe('Home')
  })

  it('should take the config\'s `rules`, with `off` dropped from the output and the summary', async function () {
    const out = previousOutput()
    const cwd = site("{ 'broken-link': 'warning', 'missing-asset': 'off', 'orphan-page': 'off' }")
    const result = await tolk(cwd, ['build', '--out', out])
    expect(result.code).toBe(0)
    expect(diagnostics(result.stderr)).toEqual([brokenLink.replace(': error: ', ': warning: ')])
    expect(result.stderr).toMatch(/: 0 errors, 1 warning\n$/)
    const json = await tolk(cwd, ['check', '--format', 'json'], true)
    expect(json.code).toBe(0)
    const report = JSON.parse(json.stdout)
    expect(report.summary).toEqual({ errors: 0, warnings: 1, pages: 2 })
    expect(report.diagnostics.map((d: { rule: string; severity: string }) => [d.rule, d.severity])).toEqual([['broken-link', 'warning']])
  })

  it('should apply `--rule` after the config, the later flag winning', async function () {
    const cwd = site("{ 'broken-link': 'warning', 'missing-asset': 'off', 'orphan-page': 'off' }")
    const result = await tolk(cwd, ['check', '--rule', 'broken-link=off', '--rule', 'orphan-page=off', '--rule', 'orphan-page=error', '--format', 'github'], true)
    expect(result.code).toBe(1)
    expect(result.stdout).toBe(
      '::error file=content/en-us/lone.md,line=1,col=1,title=orphan-page::No TOC.yml lists this article, so readers can only reach it by links\n',
    )
  })

  it('should let `--strict` turn the warnings that remain into errors, never the rules that are off', async function () {
    const out = previousOutput()
    const cwd = site("{ 'broken-link': 'warning', 'missing-asset': 'off', 'orphan-page': 'off' }")
    const result = await tolk(cwd, ['build', '--strict', '--out', out], true)
    expect(result.code).toBe(1)
    expect(diagnostics(result.stderr)).toEqual([brokenLink])
    expect(result.stderr).toMatch(/Build failed; output left unchanged in [\d.]+s: 1 error, 0 warnings\n$/)
    expect(listFiles(out)).toEqual(['.tolk-output', 'previous.html'])
    const all = await tolk(cwd, ['check', '--strict', '--rule', 'broken-link=off'], true)
    expect(all.code).toBe(0)
    expect(diagnostics(all.stderr)).toEqual([])
  })

  it('should fail a build on a warning raised to error and leave the previous output untouched', async function () {
    const out = previousOutput()
    const result = await tolk(site(), ['build', '--out', out, '--rule', 'broken-link=warning', '--rule', 'missing-asset=off', '--rule', 'orphan-page=error'])
    expect(result.code).toBe(1)
    expect(diagnostics(result.stderr)).toEqual([brokenLink.replace(': error: ', ': warning: '), '', orphan.replace(': warning: ', ': error: ')].filter(Boolean))
    expect(listFiles(out)).toEqual(['.tolk-output', 'previous.html'])
  })

  it('should refuse a bad or lowering `--rule` as a usage error, exit 2, before any work', async function () {
    const cwd = site()
    const cases: Array<[string, string]> = [
      ['include-not-found=warning', "tolk: `--rule include-not-found=warning`: `include-not-found` guards the site's integrity and cannot be set to `warning`: a missing include leaves its page incomplete\n"],
      ['missing-assets=off', 'tolk: `--rule missing-assets=off`: unknown rule `missing-assets`; did you mean `missing-asset`?\n'],
      ['missing-asset=warn', 'tolk: `--rule missing-asset=warn`: expected `error`, `warning` or `off`, not `warn`; did you mean `warning`?\n'],
      ['missing-asset', 'tolk: `--rule missing-asset`: expected `rule=error|warning|off`, like `missing-asset=warning`\n'],
    ]
    for (const [pair, message] of cases) {
      const result = await tolk(cwd, ['check', '--rule', pair])
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(message)
    }
    // Raising a locked rule is no change, and allowed.
    expect((await tolk(cwd, ['check', '--rule', 'include-not-found=error', '--rule', 'broken-link=off', '--rule', 'missing-asset=off'], true)).code).toBe(0)
  })

  it('should report a locked rule lowered in the config as `invalid-config` at its key, exit 1', async function () {
    const cwd = site("{ 'file-outside-root': 'off' }")
    const result = await tolk(cwd, ['check'])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      "tolk.config.ts:6:12: error: `rules.file-outside-root`: `file-outside-root` guards the site's integrity and cannot be set to `off`: a file outside its root is never read [invalid-config]\n1 error, 0 warnings\n",
    )
  })
})

describe('rule severities through the API and the dev server', { timeout: hangGuard }, function () {
  it('should give the programmatic build() the same messages and outcome as the CLI', async function () {
    const cwd = site("{ 'broken-link': 'warning', 'missing-asset': 'off' }")
    const out = previousOutput()
    const { config } = await loadConfig({ outDir: out, rules: ['orphan-page=off'] }, cwd)
    const result = await build(config!, { write: true })
    expect(result.messages.map((message) => formatHuman(message, { cwd }))).toEqual([brokenLink.replace(': error: ', ': warning: ')])
    expect(result.written).toBe(true)
    const strict = await build(config!, { write: true, strict: true })
    expect(strict.written).toBe(false)
  })

  it('should show the dev overlay\'s messages under the same settings', async function () {
    const cwd = site("{ 'broken-link': 'warning', 'missing-asset': 'off', 'orphan-page': 'error' }")
    const session = createDevSession(() => loadConfig({}, cwd))
    expect(await session.reload()).toEqual([])
    const answer = session.respond('en-us/')
    expect(answer.kind).toBe('page')
    const shown = answer.kind === 'page' ? answer.messages.map((message) => formatHuman(message, { cwd })) : []
    // The orphan page is a site-wide error now, so every page shows it.
    expect(shown).toEqual([brokenLink.replace(': error: ', ': warning: '), orphan.replace(': warning: ', ': error: ')])
  })
})
