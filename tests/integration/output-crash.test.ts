import { execFile, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { recoverOutput } from '../../src/output/swap-output.ts'
import { copyOfSampleGuide, listFiles, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin/tolk.js')

/** Start `tolk build` in `cwd` and `kill -9` it after `delay` ms (unless it finished first). */
function buildKilledAfter(cwd: string, delay: number): Promise<{ pid: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], { cwd, stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), delay)
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      clearTimeout(timer)
      resolve({ pid: child.pid!, killed: signal === 'SIGKILL' })
    })
  })
}

describe('a build killed at any moment', function () {
  it('should leave `dist/` complete, or missing with the complete old site beside it for the next build', async function () {
    const site = copyOfSampleGuide()
    const dist = path.join(site, 'dist')
    const started = performance.now()
    await run(process.execPath, [bin, 'build'], { cwd: site })
    const duration = performance.now() - started
    const clean = listFiles(dist)
    expect(clean.length).toBeGreaterThan(20)

    for (let round = 1; round <= 4; round++) {
      // Mostly late in the build, where the swap happens; sometimes after it finished.
      const delay = Math.round(duration * (0.3 + Math.random() * 0.8))
      const { pid, killed } = await buildKilledAfter(site, delay)
      const when = `round ${round}: ${killed ? 'killed' : 'finished'} after ${delay} ms of a ${Math.round(duration)} ms build`
      if (existsSync(dist)) {
        expect(listFiles(dist), when).toEqual(clean)
      } else {
        // Killed between the two renames: the old site waits beside `dist/`.
        expect(listFiles(path.join(site, `dist.old-${pid}`)), when).toEqual(clean)
        recoverOutput(dist)
        expect(listFiles(dist), when).toEqual(clean)
      }
    }

    // The next build finishes the job and tidies up after the killed ones.
    await run(process.execPath, [bin, 'build'], { cwd: site })
    expect(listFiles(dist)).toEqual(clean)
    expect(readdirSync(site).filter((name) => name.startsWith('dist'))).toEqual(['dist'])
  }, 600_000)
})
