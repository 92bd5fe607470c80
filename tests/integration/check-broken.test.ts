import { execFile } from 'node:child_process'
import { appendFileSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyOfSampleGuide, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)

async function check(cwd: string) {
  try {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), 'check', '--format', 'json'], { cwd })
    return { code: 0, report: JSON.parse(stdout) }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, report: JSON.parse(failed.stdout) }
  }
}

/** Append lines to a file; returns the 1-based line number of the first appended line. */
function append(file: string, lines: string): number {
  const before = readFileSync(file, 'utf8')
  const start = before.split('\n').length + (before.endsWith('\n') ? 0 : 1)
  appendFileSync(file, `${before.endsWith('\n') ? '' : '\n'}${lines}`)
  return start
}

type Diagnostic = { file: string; line: number; column: number; severity: string; rule: string; message: string }

describe('tolk check on the sample guide', function () {
  it('should pass with no error', async function () {
    const result = await check(copyOfSampleGuide())
    expect(result.report.summary.errors).toBe(0)
    expect(result.code).toBe(0)
  })
})

describe('tolk check on a broken copy of the sample guide', function () {
  let result: { code: number; report: { diagnostics: Diagnostic[] } }
  const expected: Array<Partial<Diagnostic>> = []

  beforeAll(async function () {
    const dir = copyOfSampleGuide()
    const article = path.join(dir, 'content/en-us/incident-response/analyze.md')
    const line = append(article, '\nSee [gone](no-such-page.md) and [wrong anchor](prepare.md#no-such-anchor).\n\n![Missing](media/no-such-image.png)\n')
    expected.push(
      { file: 'content/en-us/incident-response/analyze.md', line: line + 1, column: 5, rule: 'broken-link' },
      { file: 'content/en-us/incident-response/analyze.md', line: line + 1, column: 33, rule: 'broken-anchor' },
      { file: 'content/en-us/incident-response/analyze.md', line: line + 3, column: 1, rule: 'missing-asset' },
    )
    const toc = path.join(dir, 'content/da-dk/TOC.yml')
    const tocLine = append(toc, '- name: Forsvundet\n  href: incident-response/forsvundet.md\n')
    // Diagnostics are sorted by file path.
    expected.unshift({ file: 'content/da-dk/TOC.yml', line: tocLine + 1, column: 9, rule: 'toc-broken-link' })
    result = await check(dir)
  })

  it('should exit 1', function () {
    expect(result.code).toBe(1)
  })

  it('should report each problem at its exact position', function () {
    const errors = result.report.diagnostics
      .filter((diagnostic) => diagnostic.severity === 'error')
      .map(({ file, line, column, rule }) => ({ file, line, column, rule }))
    expect(errors).toEqual(expected)
  })
})
