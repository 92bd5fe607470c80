import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { outputMarker } from '../../../src/output/output-marker.ts'
import { makeMarkedFolder, oldDirOf, recoverOutput, removeOwnFolder, tempDirOf } from '../../../src/output/swap-output.ts'
import { createSiteWriter } from '../../../src/output/write-site.ts'
import { listFiles } from '../../helpers/build-site.ts'

/** The id of a process that has exited and been reaped: no live process has it (until the id is reused). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  return child.pid
}

/** `root/dist`, a marked previous site holding `old.html`. */
function previousSite() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-swap-'))
  const outDir = path.join(root, 'dist')
  makeMarkedFolder(outDir)
  writeFileSync(path.join(outDir, 'old.html'), 'old')
  return { root, outDir }
}

class Crash extends Error {}

describe('swapping the output folder in', function () {
  it('should leave the complete old site, set aside, when killed between the two renames; the next build puts it back', function () {
    const { root, outDir } = previousSite()
    const writer = createSiteWriter(outDir)
    writer.write('new.html', 'new')
    expect(() =>
      writer.commit({
        afterOldSetAside() {
          throw new Crash()
        },
      }),
    ).toThrow(Crash)
    // State 2: no `dist/`, but the old site is whole beside it.
    expect(readdirSync(root).sort()).toEqual([`dist.old-${process.pid}`, `dist.tmp-${process.pid}`])
    expect(listFiles(oldDirOf(outDir))).toEqual(['.tolk-output', 'old.html'])
    recoverOutput(outDir)
    expect(readdirSync(root)).toEqual(['dist'])
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'old.html'])
  })

  it('should have the new site in place when killed after the swap; the next build removes the old one', function () {
    const { root, outDir } = previousSite()
    const writer = createSiteWriter(outDir)
    writer.write('new.html', 'new')
    expect(() =>
      writer.commit({
        afterSwap() {
          throw new Crash()
        },
      }),
    ).toThrow(Crash)
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'new.html'])
    recoverOutput(outDir)
    expect(readdirSync(root)).toEqual(['dist'])
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'new.html'])
  })

  it('should rename the old site back for a dead build, not for a live one', function () {
    const { root, outDir } = previousSite()
    const live = oldDirOf(outDir, process.ppid)
    makeMarkedFolder(live)
    // Killed in state 2: the old site set aside, `dist/` missing.
    renameSync(outDir, oldDirOf(outDir, deadPid()))
    recoverOutput(outDir)
    expect(readdirSync(root).sort()).toEqual(['dist', path.basename(live)])
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'old.html'])
  })

  it('should remove the marked temp and old folders of dead builds, and nothing else', function () {
    const { root, outDir } = previousSite()
    const pid = deadPid()
    const staleTemp = tempDirOf(outDir, pid)
    makeMarkedFolder(path.join(staleTemp, 'en-us/guide'))
    writeFileSync(path.join(staleTemp, 'en-us/guide/index.html'), 'half')
    writeFileSync(path.join(staleTemp, outputMarker), 'marker')
    const staleOld = oldDirOf(outDir, pid + 1)
    makeMarkedFolder(staleOld)
    // Same names, but not tolk's: no marker.
    const unmarked = tempDirOf(outDir, pid + 2)
    mkdirSync(unmarked)
    writeFileSync(path.join(unmarked, 'notes.txt'), 'mine')
    const emptyLeftover = oldDirOf(outDir, pid + 3)
    mkdirSync(emptyLeftover)
    // A build that is still running.
    const running = tempDirOf(outDir, process.ppid)
    makeMarkedFolder(running)
    // Names that only look alike.
    for (const name of ['dist.tmp-12x', 'dist.tmp-', 'other.tmp-1', 'dist.tmp-1.bak']) makeMarkedFolder(path.join(root, name))
    recoverOutput(outDir, (candidate) => candidate === process.ppid)
    expect(readdirSync(root).sort()).toEqual(
      ['dist', 'dist.tmp-', 'dist.tmp-1.bak', 'dist.tmp-12x', path.basename(unmarked), path.basename(running), 'other.tmp-1'].sort(),
    )
    expect(listFiles(unmarked)).toEqual(['notes.txt'])
    expect(listFiles(outDir)).toEqual(['.tolk-output', 'old.html'])
  })

  it('should never remove a folder without the marker', function () {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-swap-'))
    writeFileSync(path.join(root, 'mine.txt'), 'mine')
    removeOwnFolder(root)
    expect(listFiles(root)).toEqual(['mine.txt'])
    const empty = path.join(root, 'empty')
    mkdirSync(empty)
    removeOwnFolder(empty)
    expect(existsSync(empty)).toBe(false)
  })
})
