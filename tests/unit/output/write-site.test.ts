import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { createSiteWriter, unsafeOutputPath } from '../../../src/output/write-site.ts'
import { listFiles } from '../../helpers/build-site.ts'

/** A temp folder holding `project/dist` (not yet made) and one file beside it. */
function workspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-writer-'))
  mkdirSync(path.join(root, 'project'))
  writeFileSync(path.join(root, 'project/keep.md'), 'mine')
  return { root, outDir: path.join(root, 'project/dist') }
}

describe('the site writer', function () {
  const hostile: Array<[string, string]> = [
    ['../x', 'contains a `..` segment'],
    ['/abs', 'is absolute'],
    ['a\\..\\..\\x', 'contains a backslash'],
    ['a/../../x', 'contains a `..` segment'],
    ['C:/x', 'starts with a drive letter'],
    ['c:x', 'starts with a drive letter'],
    ['en-us/../../../../x/index.html', 'contains a `..` segment'],
    ['a/\0/x', 'contains a NUL character'],
    ['', 'is empty'],
    ['./', 'is empty'],
    ['.tolk-output', 'is tolk’s marker file'],
    ['./.tolk-output', 'is tolk’s marker file'],
  ]

  it.each(hostile)('should refuse to write %j and report it at the file it came from', function (relFile, why) {
    const { root, outDir } = workspace()
    const before = listFiles(root)
    const writer = createSiteWriter(outDir)
    const origin = { path: path.join(root, 'project/.openpublishing.redirection.json'), place: { line: 3, column: 22 } }
    expect(writer.write(relFile, 'pwned', origin)).toBe(false)
    expect(writer.copy(relFile, path.join(root, 'project/keep.md'), origin)).toBe(false)
    const shown = relFile.replace('\0', '\\u0000')
    const message = `project/.openpublishing.redirection.json:3:22: error: Refusing to write \`${shown}\`: the name ${why} [unsafe-output-path]`
    expect(writer.messages.map((m) => formatHuman(m, { cwd: root }))).toEqual([message, message])
    // Nothing but the marked temp folder was made.
    expect(listFiles(root)).toEqual([...before, 'project/dist.tmp-' + process.pid + '/.tolk-output'].sort())
    if (relFile === '/abs') expect(existsSync('/abs')).toBe(false)
    writer.abort()
    expect(listFiles(root)).toEqual(before)
  })

  it('should refuse a second file under the same name, however it is spelled', function () {
    const { root, outDir } = workspace()
    const writer = createSiteWriter(outDir)
    expect(writer.write('en-us/index.html', 'the page')).toBe(true)
    expect(writer.write('./en-us//index.html', 'a redirect', { path: path.join(root, 'project/redirects.json') })).toBe(false)
    expect(writer.copy('en-us/index.html', path.join(root, 'project/keep.md'))).toBe(false)
    writer.commit()
    expect(writer.messages.map((m) => formatHuman(m, { cwd: root }))).toEqual([
      'project/redirects.json:1:1: error: Refusing to write `./en-us//index.html`: it would replace `en-us/index.html`, which this build already wrote [unsafe-output-path]',
      'project/dist:1:1: error: Refusing to write `en-us/index.html`: it would replace `en-us/index.html`, which this build already wrote [unsafe-output-path]',
    ])
    expect(readFileSync(path.join(outDir, 'en-us/index.html'), 'utf8')).toBe('the page')
  })

  it('should report a refused name without an origin at the output folder', function () {
    const { root, outDir } = workspace()
    const writer = createSiteWriter(outDir)
    writer.write('../robots.txt', 'x')
    expect(writer.messages.map((m) => formatHuman(m, { cwd: root }))).toEqual([
      'project/dist:1:1: error: Refusing to write `../robots.txt`: the name contains a `..` segment [unsafe-output-path]',
    ])
    writer.abort()
  })

  it('should write plain relative names, mark the output and swap it in on commit', function () {
    const { root, outDir } = workspace()
    const writer = createSiteWriter(outDir)
    expect(writer.write('en-us/guide/index.html', '<p>guide</p>')).toBe(true)
    expect(writer.copy('en-us/media/keep.md', path.join(root, 'project/keep.md'))).toBe(true)
    expect(writer.write('..dots-are-fine..html', 'x')).toBe(true)
    writer.commit()
    expect(writer.messages).toEqual([])
    expect(listFiles(root)).toEqual([
      'project/dist/..dots-are-fine..html',
      'project/dist/.tolk-output',
      'project/dist/en-us/guide/index.html',
      'project/dist/en-us/media/keep.md',
      'project/keep.md',
    ])
    expect(readFileSync(path.join(outDir, 'en-us/guide/index.html'), 'utf8')).toBe('<p>guide</p>')
  })

  it('should accept the names pages, assets and site files get', function () {
    for (const name of ['index.html', '404.html', 'en-us/incident-response/analyze/index.html', '_tolk/style.css', 'da-dk/media/a b.svg', 'nl-nl/./guide/index.html']) {
      expect(unsafeOutputPath(name), name).toBeUndefined()
    }
  })
})
