import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentDigest, outputRecordFile, readOutputRecord } from '../../../src/output/output-record.ts'
import { patchJournal } from '../../../src/output/patch-output.ts'
import { makeMarkedFolder, recoverOutput, tempDirOf } from '../../../src/output/swap-output.ts'
import { createSiteWriter, type SiteWriter } from '../../../src/output/write-site.ts'
import { listFiles } from '../../helpers/build-site.ts'

class Crash extends Error {}

/** `root/dist` as a recorded build left it: `a.html`, `b.html`, `media/c.png`, `gone/d.html`. */
function recordedSite() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-patch-'))
  const outDir = path.join(root, 'dist')
  const recordFile = outputRecordFile(path.join(root, 'cache'), outDir)
  writeFileSync(path.join(root, 'c.png'), 'png bytes')
  const first = createSiteWriter(outDir, { recordFile })
  writeFirstSite(first, root)
  first.commit()
  return { root, outDir, recordFile }
}

/** The files of `recordedSite`'s first build. */
function writeFirstSite(writer: SiteWriter, root: string): void {
  writer.write('a.html', 'page a')
  writer.write('b.html', 'page b')
  writer.copy('media/c.png', path.join(root, 'c.png'))
  writer.write('gone/d.html', 'page d')
}

/** inode and mtime of each file: what a rewrite changes. */
function identities(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir).map((file) => {
      const stats = statSync(path.join(dir, file))
      return [file, `${stats.ino}:${stats.mtimeMs}`]
    }),
  )
}

describe('patching the output folder in place', function () {
  it('should leave unchanged files untouched, write changed ones, and remove what the new site lacks', function () {
    const { root, outDir, recordFile } = recordedSite()
    writeFileSync(path.join(outDir, 'stray.txt'), 'left here by hand')
    const before = identities(outDir)
    const writer = createSiteWriter(outDir, { recordFile })
    expect(writer.write('a.html', 'page a')).toBe(true)
    expect(writer.write('b.html', 'page b, edited')).toBe(true)
    expect(writer.copy('media/c.png', path.join(root, 'c.png'))).toBe(true)
    expect(writer.write('new/e.html', 'page e')).toBe(true)
    // Only the changed files went into the temp folder.
    expect(listFiles(tempDirOf(outDir))).toEqual(['.tolk-output', 'b.html', 'new/e.html'])
    writer.commit()
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'a.html', 'b.html', 'media/c.png', 'new/e.html'])
    const after = identities(outDir)
    expect(after.get('a.html')).toBe(before.get('a.html'))
    expect(after.get('media/c.png')).toBe(before.get('media/c.png'))
    expect(after.get('b.html')).not.toBe(before.get('b.html'))
    expect(readFileSync(path.join(outDir, 'b.html'), 'utf8')).toBe('page b, edited')
    // The emptied folder went with its file; nothing is left beside `dist/`.
    expect(existsSync(path.join(outDir, 'gone'))).toBe(false)
    expect(readdirSync(root).sort()).toEqual(['c.png', 'cache', 'dist'])
    expect([...readOutputRecord(recordFile, outDir)!.keys()].sort()).toEqual(['a.html', 'b.html', 'media/c.png', 'new/e.html'])
  })

  it('should write again a file changed by hand since it was recorded, and a copy whose source changed', function () {
    const { root, outDir, recordFile } = recordedSite()
    writeFileSync(path.join(outDir, 'a.html'), 'edited by hand')
    writeFileSync(path.join(root, 'c.png'), 'new png bytes')
    const writer = createSiteWriter(outDir, { recordFile })
    writeFirstSite(writer, root)
    expect(listFiles(tempDirOf(outDir))).toEqual(['.tolk-output', 'a.html', 'media/c.png'])
    writer.commit()
    expect(readFileSync(path.join(outDir, 'a.html'), 'utf8')).toBe('page a')
    expect(readFileSync(path.join(outDir, 'media/c.png'), 'utf8')).toBe('new png bytes')
  })

  it('should keep a file by its digest alone, and only the one recorded', function () {
    const { outDir, recordFile } = recordedSite()
    const writer = createSiteWriter(outDir, { recordFile })
    expect(writer.keep('a.html', contentDigest('page a'))).toBe(true)
    expect(writer.keep('b.html', contentDigest('another page b'))).toBe(false)
    expect(writer.keep('../a.html', contentDigest('page a'))).toBe(false)
    // A kept name is taken: a second file under it is refused.
    expect(writer.write('./a.html', 'page a')).toBe(false)
    expect(writer.messages.map((message) => message.ruleId)).toEqual(['unsafe-output-path'])
    writer.write('b.html', 'another page b')
    writer.commit()
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'a.html', 'b.html'])
    // Without a record there is nothing to keep.
    expect(createSiteWriter(path.join(outDir, '..', 'other')).keep('a.html', contentDigest('page a'))).toBe(false)
  })

  it('should write the whole site when the record is missing or damaged', function () {
    const { root, outDir, recordFile } = recordedSite()
    writeFileSync(recordFile, '{"format":')
    const writer = createSiteWriter(outDir, { recordFile })
    writer.write('a.html', 'page a')
    expect(listFiles(tempDirOf(outDir))).toEqual(['.tolk-output', 'a.html'])
    writer.commit()
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'a.html'])
    expect(readdirSync(root).sort()).toEqual(['c.png', 'cache', 'dist'])
    expect([...readOutputRecord(recordFile, outDir)!.keys()]).toEqual(['a.html'])
  })

  it('should let a file give way to a folder of its name, and a folder to a file', function () {
    const { outDir, recordFile } = recordedSite()
    const writer = createSiteWriter(outDir, { recordFile })
    writer.write('a.html/index.html', 'a folder now')
    writer.write('gone', 'a file now')
    writer.commit()
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'a.html/index.html', 'gone'])
  })

  for (const moment of ['afterJournal', 'afterFirstMove'] as const) {
    it(`should have the next build finish a patch killed ${moment === 'afterJournal' ? 'before it began' : 'halfway'}`, function () {
      const { root, outDir, recordFile } = recordedSite()
      const writer = createSiteWriter(outDir, { recordFile })
      writer.write('a.html', 'page a, edited')
      writer.write('b.html', 'page b, edited')
      writer.write('f.html', 'page f')
      expect(() =>
        writer.commit({
          [moment]() {
            throw new Crash()
          },
        }),
      ).toThrow(Crash)
      // The build reacts to a failed commit by aborting: the journaled patch stays for the next build.
      writer.abort()
      expect(existsSync(path.join(tempDirOf(outDir), patchJournal))).toBe(true)
      recoverOutput(outDir)
      expect(readdirSync(root).sort()).toEqual(['c.png', 'cache', 'dist'])
      expect(listFiles(outDir)).toEqual(['.tolk-output', 'a.html', 'b.html', 'f.html'])
      expect(['a.html', 'b.html'].map((file) => readFileSync(path.join(outDir, file), 'utf8'))).toEqual(['page a, edited', 'page b, edited'])
    })
  }

  it('should throw the temp folder away, and leave the output as it was, when a build aborts before its commit', function () {
    const { root, outDir, recordFile } = recordedSite()
    const before = identities(outDir)
    const writer = createSiteWriter(outDir, { recordFile })
    writer.write('a.html', 'page a, edited')
    writer.abort()
    expect(identities(outDir)).toEqual(before)
    expect(readdirSync(root).sort()).toEqual(['c.png', 'cache', 'dist'])
  })

  it('should not follow names in a journal out of the output folder', function () {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-patch-'))
    const outDir = path.join(root, 'dist')
    makeMarkedFolder(outDir)
    writeFileSync(path.join(root, 'precious.txt'), 'mine')
    mkdirSync(path.join(root, 'elsewhere'))
    // A dead build's temp folder, with a journal naming paths outside `dist/`.
    const temp = `${outDir}.tmp-999999999`
    makeMarkedFolder(temp)
    writeFileSync(path.join(temp, 'x.html'), 'x')
    writeFileSync(path.join(temp, patchJournal), JSON.stringify({ changed: ['x.html', '../elsewhere/x.html'], removed: ['../precious.txt', '/etc/hostname'] }))
    recoverOutput(outDir, () => false)
    expect(readFileSync(path.join(root, 'precious.txt'), 'utf8')).toBe('mine')
    expect(readdirSync(path.join(root, 'elsewhere'))).toEqual([])
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'x.html'])
    expect(readdirSync(root).sort()).toEqual(['dist', 'elsewhere', 'precious.txt'])
  })
})
