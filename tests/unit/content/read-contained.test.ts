import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText, firstInvalidUtf8, readContained, readContainedBytes } from '../../../src/content/read-contained.ts'

const limits = { maxFileSize: 1024 }

/** A content root in a temp folder, with a secret file beside (outside) it. */
function tree() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-read-contained-'))
  const root = path.join(dir, 'content')
  mkdirSync(path.join(root, 'sub'), { recursive: true })
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET canary\n')
  writeFileSync(path.join(root, 'sub/real.md'), '# Real\n')
  return { dir, root }
}

describe('readContained', function () {
  it('should read a file inside its root, and one reached through a link that stays inside', function () {
    const { root } = tree()
    symlinkSync(path.join(root, 'sub/real.md'), path.join(root, 'alias.md'))
    expect(readContained(path.join(root, 'sub/real.md'), [root], limits)).toMatchObject({ ok: true, text: '# Real\n', problems: [] })
    expect(readContained(path.join(root, 'alias.md'), [root], limits)).toMatchObject({ ok: true, text: '# Real\n' })
  })

  it('should refuse a link to a file outside its roots without reading it', function () {
    const { dir, root } = tree()
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'escape.md'))
    symlinkSync('/etc/passwd', path.join(root, 'passwd.json'))
    const escape = readContained(path.join(root, 'escape.md'), [root], limits)
    expect(escape).toEqual({
      ok: false,
      kind: 'outside',
      rule: 'file-outside-root',
      reason: `This file is a link to \`${path.join(dir, 'secret.txt')}\`, outside the folders tolk reads it from; it is not read`,
    })
    const passwd = readContained(path.join(root, 'passwd.json'), [root], limits)
    expect(passwd).toMatchObject({ ok: false, kind: 'outside', rule: 'file-outside-root' })
    expect(JSON.stringify(passwd)).not.toMatch(/root:|TOP SECRET/)
  })

  it('should refuse a link to a folder outside its roots, for the files below it too', function () {
    const { dir, root } = tree()
    mkdirSync(path.join(dir, 'elsewhere'))
    writeFileSync(path.join(dir, 'elsewhere/page.md'), 'TOP SECRET\n')
    symlinkSync(path.join(dir, 'elsewhere'), path.join(root, 'linked'))
    expect(readContained(path.join(root, 'linked/page.md'), [root], limits)).toMatchObject({ ok: false, kind: 'outside' })
  })

  it('should read a link out of one root into another allowed root', function () {
    const { dir, root } = tree()
    symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'shared.txt'))
    expect(readContained(path.join(root, 'shared.txt'), [root, dir], limits)).toMatchObject({ ok: true, text: 'TOP SECRET canary\n' })
  })

  it('should refuse a file over the size limit by its size alone', function () {
    const { root } = tree()
    writeFileSync(path.join(root, 'big.md'), 'x'.repeat(2048))
    expect(readContained(path.join(root, 'big.md'), [root], limits)).toEqual({
      ok: false,
      kind: 'too-large',
      rule: 'content-too-large',
      reason: 'This file is 2 KiB, over the 1 KiB limit (`maxFileSize`); it is not read',
    })
    // A first line may still be read from it (YAML page detection).
    expect(readContainedBytes(path.join(root, 'big.md'), [root], limits, 4)).toMatchObject({ ok: true, bytes: Buffer.from('xxxx') })
  })

  it('should report a missing file and a folder, and never open a FIFO', { timeout: 10_000 }, function () {
    const { root } = tree()
    expect(readContained(path.join(root, 'none.md'), [root], limits)).toEqual({ ok: false, kind: 'missing', rule: 'read-error', reason: 'Cannot find `none.md`' })
    expect(readContained(path.join(root, 'sub'), [root], limits)).toEqual({
      ok: false,
      kind: 'not-a-file',
      rule: 'read-error',
      reason: '`sub` is a folder, not a file tolk can read',
    })
    execFileSync('mkfifo', [path.join(root, 'pipe.md')])
    expect(readContained(path.join(root, 'pipe.md'), [root], limits)).toMatchObject({ ok: false, kind: 'not-a-file' })
  })
})

describe('decodeText', function () {
  const places = (bytes: Buffer) => decodeText(bytes).problems.map((problem) => `${problem.place.line}:${problem.place.column} ${problem.rule} ${problem.reason}`)

  it('should drop a UTF-8 byte order mark', function () {
    expect(decodeText(Buffer.from('\uFEFF---\ntitle: A\n---\n'))).toEqual({ text: '---\ntitle: A\n---\n', problems: [] })
  })

  it('should decode UTF-16 with either byte order mark', function () {
    const text = '---\ntitle: Hændelse\n---\n# Hændelse\n'
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const big = Buffer.from(little)
    big.swap16()
    expect(decodeText(little)).toEqual({ text, problems: [] })
    expect(decodeText(big)).toEqual({ text, problems: [] })
  })

  it('should warn at the line and column of the first invalid UTF-8 byte and show U+FFFD', function () {
    const bytes = Buffer.concat([Buffer.from('# Title\n\nCafé '), Buffer.from([0xc3, 0x28]), Buffer.from(' and '), Buffer.from([0xff]), Buffer.from('\n')])
    expect(places(bytes)).toEqual(['3:6 invalid-encoding Invalid UTF-8 (byte 0xc3); shown as \uFFFD. Save the file as UTF-8'])
    expect(decodeText(bytes).text).toBe('# Title\n\nCafé \uFFFD( and \uFFFD\n')
  })

  it('should warn at the first NUL and replace every NUL with U+FFFD', function () {
    const { text, problems } = decodeText(Buffer.from('# A\n\nx\0y\0z\n'))
    expect(text).toBe('# A\n\nx\uFFFDy\uFFFDz\n')
    expect(problems).toEqual([{ rule: 'invalid-encoding', reason: 'NUL character (2 in this file); shown as \uFFFD', place: { line: 3, column: 2 } }])
  })

  it('should turn CR-only and CRLF line endings into LF', function () {
    expect(decodeText(Buffer.from('---\rtitle: A\r---\r# A\r')).text).toBe('---\ntitle: A\n---\n# A\n')
    expect(decodeText(Buffer.from('a\r\nb\r\n')).text).toBe('a\nb\n')
  })

  it('should count lines after CR-only endings when placing a bad byte', function () {
    expect(places(Buffer.concat([Buffer.from('a\rb\rc'), Buffer.from([0x80])]))).toEqual(['3:2 invalid-encoding Invalid UTF-8 (byte 0x80); shown as \uFFFD. Save the file as UTF-8'])
  })
})

describe('firstInvalidUtf8', function () {
  it('should accept valid UTF-8 and find overlongs, surrogates, truncation and stray continuations', function () {
    expect(firstInvalidUtf8(Buffer.from('aæ€😀'))).toBe(-1)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1)
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0)
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2)
    expect(firstInvalidUtf8(Buffer.from([0x80]))).toBe(0)
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0)
  })
})
