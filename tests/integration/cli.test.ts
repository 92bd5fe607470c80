import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { listFiles, readHtml, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin/tolk.js')
const sites = path.join(repoRoot, 'tests/fixtures/sites')

async function tolk(cwd: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tolk-cli-'))
}

/** Diagnostics lines only: the last line carries the timing, blank lines separate files. */
function diagnostics(stderr: string): string[] {
  return stderr.trimEnd().split('\n').slice(0, -1).filter((line) => line !== '')
}

describe('tolk check', function () {
  const cwd = path.join(sites, 'broken-front-matter')

  it('should group human output by file, one blank line between files', async function () {
    const result = await tolk(cwd, ['check'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n').slice(0, 5)).toEqual([
      'content/en-us/bad-yaml.md:3:14: error: Invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] [front-matter-yaml]',
      '',
      'content/en-us/good.md:6:1: error: Cannot find include `includes/missing.md` [include-not-found]',
      '',
      'content/en-us/no-title.md:1:1: error: Missing `title` in front matter; every article needs one for `<title>` and navigation [missing-title]',
    ])
    expect(result.stderr).toMatch(/\nChecked 3 pages in [\d.]+s: 3 errors, 0 warnings\n$/)
  })

  it('should print a version-1 JSON report on stdout', async function () {
    const result = await tolk(cwd, ['check', '--format', 'json'])
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.version).toBe(1)
    expect(report.summary).toEqual({ errors: 3, warnings: 0, pages: 3 })
    expect(report.diagnostics[1]).toEqual({
      file: 'content/en-us/good.md',
      line: 6,
      column: 1,
      severity: 'error',
      rule: 'include-not-found',
      message: 'Cannot find include `includes/missing.md`',
    })
  })

  it('should print GitHub annotations on stdout', async function () {
    const result = await tolk(cwd, ['check', '--format', 'github'])
    expect(result.code).toBe(1)
    expect(result.stdout.split('\n')[1]).toBe(
      '::error file=content/en-us/good.md,line=6,col=1,title=include-not-found::Cannot find include `includes/missing.md`',
    )
  })

  it('should refuse an unknown format', async function () {
    const result = await tolk(cwd, ['check', '--format', 'xml'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('tolk: `--format xml`: expected one of human, json, github\n')
  })
})

describe('tolk build', function () {
  it('should report broken front matter and includes with positions, exit 1 and leave the output alone', async function () {
    const out = path.join(tempDir(), 'dist')
    mkdirSync(out)
    // A previous build: tolk marks every output it makes.
    writeFileSync(path.join(out, '.tolk-output'), 'tolk output')
    writeFileSync(path.join(out, 'previous.html'), 'previous build')
    const result = await tolk(path.join(sites, 'broken-front-matter'), ['build', '--out', out])
    expect(result.code).toBe(1)
    expect(diagnostics(result.stderr)).toEqual([
      'content/en-us/bad-yaml.md:3:14: error: Invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] [front-matter-yaml]',
      'content/en-us/good.md:6:1: error: Cannot find include `includes/missing.md` [include-not-found]',
      'content/en-us/no-title.md:1:1: error: Missing `title` in front matter; every article needs one for `<title>` and navigation [missing-title]',
    ])
    expect(result.stderr).toMatch(/Build failed; output left unchanged in [\d.]+s: 3 errors, 0 warnings\n$/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(listFiles(out)).toEqual(['.tolk-output', 'previous.html'])
  })

  it('should name the config key of an unknown default locale', async function () {
    const result = await tolk(path.join(sites, 'unknown-locale'), ['build', '--out', path.join(tempDir(), 'dist')])
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(
      'tolk.config.ts:2:3: error: `defaultLocale`: unknown locale `fr-fr`; expected one of `en-us` [unknown-locale]\n1 error, 0 warnings\n',
    )
  })

  it('should warn about a missing UI string, and fail on it with --strict', async function () {
    const cwd = path.join(sites, 'missing-strings')
    const warning = 'locales/da-dk.json:1:1: warning: Missing UI string `switcher.label` in `da-dk`; using the `en-us` text [missing-ui-string]'
    const lenient = await tolk(cwd, ['build', '--out', path.join(tempDir(), 'dist')])
    expect(lenient.code).toBe(0)
    expect(diagnostics(lenient.stderr)).toEqual([warning])
    const check = await tolk(cwd, ['check'])
    // Every key tolk knows; only the one the site changes and Danish leaves out is not in Danish.
    const total = Object.keys(JSON.parse(readFileSync(path.join(repoRoot, 'locales/en.json'), 'utf8'))).length
    expect(check.stderr.split('\n').at(-3)).toBe(`UI strings: en-us ${total}/${total}, da-dk ${total - 1}/${total}`)
    const strict = await tolk(cwd, ['build', '--strict', '--out', path.join(tempDir(), 'dist')])
    expect(strict.code).toBe(1)
    expect(diagnostics(strict.stderr)).toEqual([warning.replace(': warning: ', ': error: ')])
  })

  it('should build a tree given by flags alone', async function () {
    const out = path.join(tempDir(), 'dist')
    const content = path.join(sites, 'escaping/content')
    const result = await tolk(tempDir(), [
      'build',
      '--locale', `da-dk=${path.join(content, 'da-dk')}`,
      '--locale', `en-us=${path.join(content, 'en-us')}`,
      '--default-locale', 'en-us',
      '--out', out,
    ])
    expect(result.code).toBe(0)
    expect(listFiles(out).filter((file) => /^[a-z]{2}-[a-z]{2}\/(.+\/)?index\.html$/.test(file))).toEqual([
      'da-dk/index.html',
      // A Danish page in Danish chrome for the article only English has.
      'da-dk/only-english/index.html',
      'en-us/index.html',
      'en-us/only-english/index.html',
    ])
    expect(readFileSync(path.join(out, 'da-dk/index.html'), 'utf8')).toContain('<html lang="da-DK" dir="ltr">')
  })

  it("should build a tree given by flags with tolk's own strings, never those of the project folder it runs in", async function () {
    const out = path.join(tempDir(), 'dist')
    // The sample guide's folder: its site-strings/ and tolk.config.ts name another site.
    const content = path.join(sites, 'escaping/content')
    const result = await tolk(repoRoot, ['build', '--locale', `da-dk=${path.join(content, 'da-dk')}`, '--locale', `en-us=${path.join(content, 'en-us')}`, '--default-locale', 'en-us', '--out', out])
    expect(result.code).toBe(0)
    const page = readHtml(out, 'da-dk/index.html')
    // No root TOC or docfx.json, and the folder is named after the locale: tolk's neutral Danish title.
    expect([toString(select('.site-title', page)!), toString(select('.site-footer > p:last-child', page)!)]).toEqual(['Dokumentation', 'Bygget med tolk.'])
  })

  it('should reject an unknown command with usage and exit 2', async function () {
    const result = await tolk(repoRoot, ['publish'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^tolk: unknown command `publish`\n\nUsage: tolk <command>/)
  })

  it('should make the same files on worker threads as on the main thread', async function () {
    const single = path.join(tempDir(), 'dist')
    const pooled = path.join(tempDir(), 'dist')
    expect((await tolk(repoRoot, ['build', '--out', single], { TOLK_WORKERS: '0' })).code).toBe(0)
    const result = await tolk(repoRoot, ['build', '--out', pooled], { TOLK_WORKERS: '2' })
    expect(result.code).toBe(0)
    expect(digest(pooled)).toEqual(digest(single))
    expect(diagnostics(result.stderr)).toEqual(diagnostics((await tolk(repoRoot, ['check'], { TOLK_WORKERS: '0' })).stderr).filter((line) => !line.startsWith('UI strings')))
  })

  it('should produce byte-identical output from two builds of the same input', async function () {
    const first = path.join(tempDir(), 'dist')
    const second = path.join(tempDir(), 'dist')
    expect((await tolk(repoRoot, ['build', '--out', first])).code).toBe(0)
    expect((await tolk(repoRoot, ['build', '--out', second])).code).toBe(0)
    expect(digest(second)).toEqual(digest(first))
    expect(Object.keys(digest(first)).length).toBeGreaterThan(20)
  })
})

function digest(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => [file, createHash('sha256').update(readFileSync(path.join(dir, file))).digest('hex')]),
  )
}
