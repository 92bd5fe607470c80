/**
 * The build's progress output (src/cli/progress.ts) on a fake clock: a
 * terminal's redrawn line, a log's line every interval, the time left.
 */
import { describe, expect, it } from 'vitest'
import { createProgress, progressLine } from '../../../src/cli/progress.ts'

function recorder(tty: boolean) {
  let clock = 0
  const written: string[] = []
  const progress = createProgress({ write: (text) => written.push(text), tty, now: () => clock })
  return { progress, written, at: (ms: number) => void (clock = ms) }
}

describe('progressLine', function () {
  it('should give the counts, the percentage and the time left at the rate so far', function () {
    expect(progressLine(500, 2000, 10_000)).toBe('Rendering 500/2,000 pages (25 %), about 30 s left')
    expect(progressLine(1234, 2635, 60_000)).toBe('Rendering 1,234/2,635 pages (46 %), about 1 min 09 s left')
  })

  it('should leave out the time left until a second of work tells the rate, and when all is done', function () {
    expect(progressLine(3, 2635, 400)).toBe('Rendering 3/2,635 pages (0 %)')
    expect(progressLine(0, 10, 5000)).toBe('Rendering 0/10 pages (0 %)')
    expect(progressLine(10, 10, 5000)).toBe('Rendering 10/10 pages (100 %)')
  })
})

describe('createProgress', function () {
  it('should redraw one terminal line at most every 100 ms and clear it at the end', function () {
    const { progress, written, at } = recorder(true)
    at(50)
    progress.update(1, 400)
    at(120)
    progress.update(2, 400)
    at(150)
    progress.update(3, 400)
    at(1500)
    progress.update(200, 400)
    progress.end()
    expect(written).toEqual(['\r\x1b[2KRendering 2/400 pages (0 %)', '\r\x1b[2KRendering 200/400 pages (50 %), about 2 s left', '\r\x1b[2K'])
  })

  it('should show nothing for a build of fewer than 100 pages, however long it takes', function () {
    for (const tty of [true, false]) {
      const { progress, written, at } = recorder(tty)
      at(60_000)
      progress.update(50, 99)
      progress.end()
      expect(written).toEqual([])
    }
  })

  it('should write a plain line every 10 s in a log, none for a shorter build, and nothing to clear', function () {
    const short = recorder(false)
    short.at(9_000)
    short.progress.update(320, 320)
    short.progress.end()
    expect(short.written).toEqual([])

    const long = recorder(false)
    long.at(10_000)
    long.progress.update(500, 2000)
    long.at(15_000)
    long.progress.update(700, 2000)
    long.at(20_000)
    long.progress.update(1000, 2000)
    long.progress.end()
    expect(long.written).toEqual(['Rendering 500/2,000 pages (25 %), about 30 s left\n', 'Rendering 1,000/2,000 pages (50 %), about 20 s left\n'])
  })
})
