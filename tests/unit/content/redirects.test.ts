import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultLimits } from '../../../src/content/read-contained.ts'
import { loadRedirects } from '../../../src/content/redirects.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-redirects-'))

/** Write `text` as a redirection file and load it; messages relative to its folder. */
function load(text: string) {
  const filePath = path.join(dir, '.openpublishing.redirection.json')
  writeFileSync(filePath, text)
  const { bySource, file } = loadRedirects(filePath, [dir], defaultLimits)
  return { bySource: Object.fromEntries(bySource), messages: (file?.messages ?? []).map((message) => formatHuman(message, { cwd: dir })) }
}

describe('loadRedirects', function () {
  it('should read every redirection in file order', function () {
    const text = JSON.stringify({
      redirections: [
        { source_path: 'guide/old.md', redirect_url: '/guide/new', redirect_document_id: true },
        { source_path: 'guide/gone.md', redirect_url: 'https://learn.microsoft.com/defender/' },
      ],
    })
    expect(load(text)).toEqual({
      bySource: { 'guide/old.md': '/guide/new', 'guide/gone.md': 'https://learn.microsoft.com/defender/' },
      messages: [],
    })
  })

  it('should turn a root-relative or backslashed `source_path` into a content path', function () {
    const text = JSON.stringify({ redirections: [{ source_path: '/guide\\sub\\old.md', redirect_url: '/guide/new' }] })
    expect(load(text).bySource).toEqual({ 'guide/sub/old.md': '/guide/new' })
  })

  it('should read no-break spaces used as indentation, warning at the first one', function () {
    const nbsp = '\u00a0'
    const text = `{\n${nbsp}${nbsp}"redirections": [\n${nbsp}${nbsp}${nbsp}${nbsp}{"source_path": "guide/old.md", "redirect_url": "/guide/new"}\n${nbsp}${nbsp}]\n}\n`
    expect(load(text)).toEqual({
      bySource: { 'guide/old.md': '/guide/new' },
      messages: ['.openpublishing.redirection.json:2:1: warning: No-break space in the JSON; read as a space [redirects-json-lenient]'],
    })
  })

  it('should warn at the line and column of a no-break space after other text', function () {
    const text = '{\n  "redirections": [\n    {"source_path": "a.md",\u00a0"redirect_url": "/b"}\n  ]\n}\n'
    expect(load(text).messages).toEqual([
      '.openpublishing.redirection.json:3:28: warning: No-break space in the JSON; read as a space [redirects-json-lenient]',
    ])
  })

  it('should report invalid JSON and read nothing', function () {
    expect(load('{"redirections": [}')).toEqual({
      bySource: {},
      messages: [
        '.openpublishing.redirection.json:1:19: error: Invalid JSON: expected a value (object, array, string, number, `true`, `false` or `null`), found `}` [invalid-redirects]',
      ],
    })
  })

  it('should report a file without a `redirections` list', function () {
    expect(load('{"redirects": []}\n')).toEqual({
      bySource: {},
      messages: ['.openpublishing.redirection.json:1:1: error: Expected `{"redirections": [...]}` [invalid-redirects]'],
    })
    expect(load('null\n').messages).toEqual([
      '.openpublishing.redirection.json:1:1: error: Expected `{"redirections": [...]}` [invalid-redirects]',
    ])
  })

  it('should report an entry missing a field at the value it has, and keep the others', function () {
    const text = [
      '{',
      '  "redirections": [',
      '    {"source_path": "guide/a.md", "redirect_url": "/guide/b"},',
      '    {"redirect_url": "/guide/c"},',
      '    {"source_path": "guide/d.md", "redirect_url": 5}',
      '  ]',
      '}',
      '',
    ].join('\n')
    expect(load(text)).toEqual({
      bySource: { 'guide/a.md': '/guide/b' },
      messages: [
        '.openpublishing.redirection.json:4:22: error: Each redirection needs a `source_path` and a `redirect_url` [invalid-redirects]',
        '.openpublishing.redirection.json:5:21: error: Each redirection needs a `source_path` and a `redirect_url` [invalid-redirects]',
      ],
    })
  })

  it('should read the `source_path` forms real redirection files use as content paths', function () {
    const text = JSON.stringify({
      redirections: [
        { source_path: './office-365-security/what-is-eop.md', redirect_url: '/a' },
        { source_path: 'microsoft-365/admin/x.md', redirect_url: '/b' },
        { source_path: '/abs/x.md', redirect_url: '/c' },
        { source_path: 'a/../b/y.md', redirect_url: '/d' },
      ],
    })
    expect(load(text)).toEqual({
      bySource: { 'office-365-security/what-is-eop.md': '/a', 'microsoft-365/admin/x.md': '/b', 'abs/x.md': '/c', 'b/y.md': '/d' },
      messages: [],
    })
  })

  it('should refuse a `source_path` outside the content root at its value, and keep the others', function () {
    const entries = ['../../../x.md', '/../x.md', 'a/../../x.md', '..\\..\\x.md', 'C:\\x.md', 'c:/x.md', 'x\u0000.md', '..', '.', 'ok.md']
    const text = `{"redirections": [\n${entries.map((source) => `  {"redirect_url": "/t", "source_path": ${JSON.stringify(source)}}`).join(',\n')}\n]}\n`
    const { bySource, messages } = load(text)
    expect(bySource).toEqual({ 'ok.md': '/t' })
    expect(messages).toEqual([
      '.openpublishing.redirection.json:2:41: error: `source_path` "../../../x.md" leaves the content root; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:3:41: error: `source_path` "/../x.md" leaves the content root; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:4:41: error: `source_path` "a/../../x.md" leaves the content root; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:5:41: error: `source_path` "..\\\\..\\\\x.md" leaves the content root; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:6:41: error: `source_path` "C:\\\\x.md" is an absolute Windows path; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:7:41: error: `source_path` "c:/x.md" is an absolute Windows path; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:8:41: error: `source_path` "x\\u0000.md" has a control character; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:9:41: error: `source_path` ".." leaves the content root; no redirect page is written for it [invalid-redirects]',
      '.openpublishing.redirection.json:10:41: error: `source_path` "." names no file; no redirect page is written for it [invalid-redirects]',
    ])
  })

  it('should find each entry by its position, not by searching for its text', function () {
    // The same `source_path` text twice, the second one invalid as an entry: reported at the second.
    const text = '{"redirections": [\n  {"source_path": "a.md", "redirect_url": "/b"},\n  {"source_path": "a.md", "redirect_url": 7}\n]}\n'
    expect(load(text).messages).toEqual([
      '.openpublishing.redirection.json:3:19: error: Each redirection needs a `source_path` and a `redirect_url` [invalid-redirects]',
    ])
  })

  it('should report a file it cannot read', function () {
    const { bySource, file } = loadRedirects(path.join(dir, 'missing.json'), [dir], defaultLimits)
    expect(bySource.size).toBe(0)
    expect(file?.messages.map((message) => formatHuman(message, { cwd: dir }))).toEqual([
      'missing.json:1:1: error: Cannot read the redirection file [invalid-redirects]',
    ])
  })

  it('should return no redirects and no file when there is no redirection file', function () {
    expect(loadRedirects(undefined, [dir], defaultLimits)).toEqual({ bySource: new Map(), placesBySource: new Map(), file: undefined })
  })
})
