/**
 * Hostile files from a content root, a site folder or a config: each is
 * refused or read safely, with an exact diagnostic (issue #10, items 6, 9,
 * 10 and 11).
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { fromHtml } from 'hast-util-from-html'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin/tolk.js')
const canary = 'TOP SECRET canary 7f3a'

/** A one-locale site in a temp folder: `files` by path (text or bytes), a secret file beside it. */
function site(files: Record<string, string | Buffer>, config = "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-hostile-reads-'))
  writeFileSync(path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`), `${canary}\n`)
  writeFileSync(path.join(dir, 'tolk.config.ts'), config)
  const all = { 'content/en-us/index.md': '---\ntitle: Home\n---\n# Home\n', ...files }
  for (const [relPath, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, relPath)), { recursive: true })
    writeFileSync(path.join(dir, relPath), text)
  }
  return dir
}

function secretOf(dir: string): string {
  return path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`)
}

/** Check the site in process; diagnostics as printed, and each page's HTML by relPath. */
async function check(dir: string) {
  const { config, file } = await loadConfig({}, dir)
  if (!config) return { messages: file.messages.map((message) => formatHuman(message, { cwd: dir })), pages: new Map<string, string>() }
  const pages = new Map<string, string>()
  const result = await build(config, { write: false, onPage: (page) => pages.set(page.relPath, page.html) })
  return { messages: result.messages.map((message) => formatHuman(message, { cwd: dir })), pages }
}

async function tolk(cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

describe('files reached through symbolic links', function () {
  it('should refuse a redirection file linked to /etc/passwd, and never read a linked TOC, quoting nothing of either', async function () {
    const dir = site({})
    symlinkSync('/etc/passwd', path.join(dir, 'content/en-us/.openpublishing.redirection.json'))
    symlinkSync(secretOf(dir), path.join(dir, 'content/en-us/TOC.yml'))
    const result = await tolk(dir, ['check', '--format', 'json'])
    expect(result.code).toBe(1)
    expect(result.stdout + result.stderr).not.toMatch(/root:|TOP SECRET/)
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; rule: string }> }
    expect(report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'content/en-us/.openpublishing.redirection.json:1:1 file-outside-root',
    ])
  })

  it('should refuse a UI-string file and a partial that link outside the site folder', async function () {
    const dir = site({ 'templates/page.hbs': readFileSync(path.join(repoRoot, 'templates/page.hbs'), 'utf8') })
    mkdirSync(path.join(dir, 'locales'))
    mkdirSync(path.join(dir, 'templates/partials'))
    symlinkSync(secretOf(dir), path.join(dir, 'locales/en-us.json'))
    symlinkSync(secretOf(dir), path.join(dir, 'templates/partials/footer.hbs'))
    const { messages, pages } = await check(dir)
    expect(messages).toEqual([
      `locales/en-us.json:1:1: error: This file is a link to \`${secretOf(dir)}\`, outside the folders tolk reads it from; it is not read [file-outside-root]`,
      `templates/partials/footer.hbs:1:1: error: This file is a link to \`${secretOf(dir)}\`, outside the folders tolk reads it from; it is not read [file-outside-root]`,
    ])
    expect([...pages.values()].join('')).not.toContain('TOP SECRET')
  })
})

describe('file size limit', function () {
  it('should refuse an article, an include and a TOC over `maxFileSize` at the file, and build the rest', async function () {
    const big = `---\ntitle: Big\n---\n${'Lorem ipsum. '.repeat(400)}\n`
    const dir = site(
      {
        'content/en-us/index.md': '---\ntitle: Home\n---\n# Home\n\n[!INCLUDE [big](includes/big.md)]\n',
        'content/en-us/big.md': big,
        'content/en-us/includes/big.md': big,
      },
      "export default { defaultLocale: 'en-us', locales: { 'en-us': {} }, maxFileSize: 4096 }\n",
    )
    const { messages, pages } = await check(dir)
    expect(messages).toEqual([
      'content/en-us/big.md:1:1: error: This file is 5.1 KiB, over the 4 KiB limit (`maxFileSize`); it is not read [content-too-large]',
      'content/en-us/index.md:6:1: error: Include `includes/big.md`: This file is 5.1 KiB, over the 4 KiB limit (`maxFileSize`); it is not read [content-too-large]',
    ])
    expect([...pages.keys()]).toEqual(['index.md'])
  })
})

describe('text encodings', function () {
  it('should warn at the first invalid UTF-8 byte and render U+FFFD', async function () {
    const dir = site({ 'content/en-us/index.md': Buffer.concat([Buffer.from('---\ntitle: Home\n---\n# Home\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' menu\n')]) })
    const { messages, pages } = await check(dir)
    expect(messages).toEqual(['content/en-us/index.md:6:4: warning: Invalid UTF-8 (byte 0xe9); shown as \uFFFD. Save the file as UTF-8 [invalid-encoding]'])
    expect(toString(select('article p', fromHtml(pages.get('index.md')!))!)).toBe('Caf\uFFFD menu')
  })

  it('should warn at a NUL byte and never write it into the HTML', async function () {
    const dir = site({ 'content/en-us/index.md': '---\ntitle: Home\n---\n# Home\n\nA\0B <span title="x\0y">C</span>\n' })
    const { messages, pages } = await check(dir)
    expect(messages).toEqual(['content/en-us/index.md:6:2: warning: NUL character (2 in this file); shown as \uFFFD [invalid-encoding]'])
    expect(pages.get('index.md')).not.toContain('\0')
    expect(pages.get('index.md')).toContain('A\uFFFDB')
  })

  it('should read CR-only line endings as lines: the title is found and positions are right', async function () {
    const dir = site({ 'content/en-us/index.md': '---\rtitle: Home\r---\r# Home\r\rSee [gone](gone.md).\r' })
    const { messages, pages } = await check(dir)
    expect(messages).toEqual(['content/en-us/index.md:6:5: error: Cannot find `gone.md` [broken-link]'])
    expect(toString(select('title', fromHtml(pages.get('index.md')!))!)).toMatch(/^Home/)
  })

  it('should decode a UTF-16 article with its byte order mark instead of reporting a missing title', async function () {
    const text = '---\r\ntitle: Hjem\r\n---\r\n# Hjem\r\n'
    const dir = site({ 'content/en-us/index.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) })
    const { messages, pages } = await check(dir)
    expect(messages).toEqual([])
    expect(toString(select('h1', fromHtml(pages.get('index.md')!))!)).toBe('Hjem')
  })
})

describe('quiet wrong output', function () {
  it('should put yaml warnings in the JSON report and nothing on stderr', async function () {
    const dir = site({ 'content/en-us/index.md': '---\ntitle: Home\nms.topic: !custom article\n---\n# Home\n' })
    const result = await tolk(dir, ['check', '--format', 'json'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).diagnostics).toEqual([
      { file: 'content/en-us/index.md', line: 3, column: 11, severity: 'warning', rule: 'yaml-warning', message: 'YAML front matter: Unresolved tag: !custom' },
    ])
  })

  it("should report unclosed front matter, and render the body of one closed by YAML's `...`", async function () {
    const dir = site({
      'content/en-us/index.md': '---\ntitle: Home\n...\n\n# Home\n\nThe body.\n',
      'content/en-us/open.md': '---\ntitle: Open\n\n# Open\n\nThe body.\n',
    })
    const { messages, pages } = await check(dir)
    expect(messages).toEqual([
      'content/en-us/open.md:1:1: error: Front matter opened by `---` is never closed; end it with a `---` line, or nothing below is read as the article [front-matter-yaml]',
    ])
    expect(toString(select('article p', fromHtml(pages.get('index.md')!))!)).toBe('The body.')
  })

  it('should report invalid JSON in the redirection and UI-string files at its line and column', async function () {
    const dir = site({
      'content/en-us/.openpublishing.redirection.json': '{\n  "redirections": [\n    {"source_path": "a.md", "redirect_url": "/index"}\n    {"source_path": "b.md", "redirect_url": "/index"}\n  ]\n}\n',
      'locales/en-us.json': '{\n  "site.title": "Guide",\n  "nav.home": "Home",,\n}\n',
    })
    const { messages } = await check(dir)
    expect(messages).toEqual([
      'content/en-us/.openpublishing.redirection.json:4:5: error: Invalid JSON: expected `,` or `]`, found `{` [invalid-redirects]',
      'locales/en-us.json:3:22: error: Invalid JSON: expected a property name in double quotes, found `,` [invalid-ui-strings]',
    ])
  })

  it('should report a content root that is a file at its locale key and exit 1', async function () {
    const dir = site({ 'guide.md': '# Not a folder\n' }, "export default {\n  defaultLocale: 'en-us',\n  locales: {\n    'en-us': { root: 'guide.md' },\n  },\n}\n")
    const result = await tolk(dir, ['check'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe(`tolk.config.ts:4:5: error: Content root \`${path.join(dir, 'guide.md')}\` of locale \`en-us\` is a file, not a folder [invalid-config]`)
  })

  it('should report `locales/en-us.json` being a folder, without a stack trace', async function () {
    const dir = site({ 'locales/en-us.json/x.txt': 'x' })
    const result = await tolk(dir, ['check'])
    expect(result.code).toBe(1)
    expect(result.stderr.split('\n')[0]).toBe('locales/en-us.json:1:1: error: `en-us.json` is a folder, not a file tolk can read [invalid-ui-strings]')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('config code', function () {
  const valid = "{ defaultLocale: 'en-us', locales: { 'en-us': {} } }"
  // In a process of its own: an exit or an unhandled rejection would end it.
  const processCases: Array<[string, string, string]> = [
    ['process.exit(0)', `process.exit(0)\nexport default ${valid}\n`, 'tolk.config.ts:1:1: error: Cannot load config: the config called `process.exit(0)`; a config only exports settings [invalid-config]'],
    ['a rejected promise', "export default Promise.reject(new Error('no vault'))\n", 'tolk.config.ts:1:1: error: Cannot load config: no vault [invalid-config]'],
  ]
  for (const [name, source, expected] of processCases) {
    it(`should make \`check\` exit 1 with one diagnostic for ${name}`, async function () {
      const result = await tolk(site({}, source), ['check'])
      expect(result.code).toBe(1)
      expect(result.stderr).toBe(`${expected}\n1 error, 0 warnings\n`)
    })
  }
  const cases: Array<[string, string, string]> = [
    ['a throwing getter', "export default { defaultLocale: 'en-us', get locales() { throw new Error('no locales') } }\n", 'tolk.config.ts:1:1: error: Cannot load config: no locales [invalid-config]'],
    ['a Proxy that throws', "export default new Proxy({}, { ownKeys() { throw new Error('trap') }, get() { throw new Error('trap') }, has() { throw new Error('trap') } })\n", 'tolk.config.ts:1:1: error: Cannot load config: trap [invalid-config]'],
    ['a syntax error', "export default {\n  defaultLocale: 'en-us'\n  locales: {},\n}\n", 'tolk.config.ts:3:3: error: Cannot load config: Expected "}" but found "locales" [invalid-config]'],
    ['a bad `lang`', "export default { defaultLocale: 'en-us', locales: { 'en-us': { lang: '!!bad' } } }\n", 'tolk.config.ts:1:64: error: `locales.en-us.lang`: expected a BCP 47 language tag, like `da-DK` [invalid-config]'],
  ]
  for (const [name, source, expected] of cases) {
    it(`should report ${name} as one diagnostic`, async function () {
      expect((await check(site({}, source))).messages).toEqual([expected])
    })
  }
})
