import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { describe, expect, it } from 'vitest'
import { displayPath, formatHuman, severityOf, sortMessages, summarize } from '../../../src/diagnostics/format.ts'
import { report, type Place } from '../../../src/diagnostics/report.ts'
import type { RuleId } from '../../../src/diagnostics/rules.ts'

const cwd = '/sites/ir-guide'

function message(filePath: string, rule: RuleId, reason: string, place?: Place, note?: string): VFileMessage {
  return report(new VFile({ path: filePath }), rule, reason, place, note)
}

describe('formatHuman', function () {
  it('should print path, line, column, severity, reason and rule', function () {
    const error = message(`${cwd}/content/da-dk/triage.md`, 'broken-link', 'Cannot find `analyze.md`', { line: 12, column: 3 })
    expect(formatHuman(error, { cwd })).toBe('content/da-dk/triage.md:12:3: error: Cannot find `analyze.md` [broken-link]')
  })

  it('should print a warning as a warning', function () {
    const warning = message(`${cwd}/locales/da-dk.json`, 'missing-ui-string', 'Missing UI string `nav.home`', { line: 1, column: 1 })
    expect(formatHuman(warning, { cwd })).toBe('locales/da-dk.json:1:1: warning: Missing UI string `nav.home` [missing-ui-string]')
  })

  it('should print a message without a place at 1:1', function () {
    expect(formatHuman(message('tolk.config.ts', 'invalid-config', '`base`: bad'))).toBe(
      'tolk.config.ts:1:1: error: `base`: bad [invalid-config]',
    )
  })

  it('should print a file outside the working folder relative to it', function () {
    const error = message('/sites/shared/includes/a.md', 'include-cycle', 'Cycle', { line: 2, column: 1 })
    expect(formatHuman(error, { cwd })).toBe('../shared/includes/a.md:2:1: error: Cycle [include-cycle]')
  })

  it('should indent every line of a note under the message', function () {
    const error = message('en-us/includes/l2.md', 'include-too-deep', 'Too deep', { line: 3, column: 1 }, 'included via\na.md → b.md')
    expect(formatHuman(error)).toBe('en-us/includes/l2.md:3:1: error: Too deep [include-too-deep]\n  included via\n  a.md → b.md')
  })

  it('should print a message that has no rule as `tolk`', function () {
    const bare = new VFile({ path: 'a.md' }).message('Something odd', { place: { line: 4, column: 2 } })
    expect(formatHuman(bare)).toBe('a.md:4:2: warning: Something odd [tolk]')
  })

  it('should print warnings as errors under --strict', function () {
    const warning = message('da-dk.json', 'missing-ui-string', 'Missing UI string `nav.home`', { line: 1, column: 1 })
    expect(formatHuman(warning, { strict: true })).toBe('da-dk.json:1:1: error: Missing UI string `nav.home` [missing-ui-string]')
    expect([severityOf(warning), severityOf(warning, true)]).toEqual(['warning', 'error'])
  })
})

describe('displayPath', function () {
  it('should leave a relative path as it is', function () {
    expect(displayPath('<command line>', cwd)).toBe('<command line>')
  })
})

describe('sortMessages', function () {
  it('should order by file, then line, then column, then rule, then reason', function () {
    const messages = [
      message('b.md', 'broken-link', 'z', { line: 1, column: 1 }),
      message('a.md', 'broken-link', 'y', { line: 10, column: 1 }),
      message('a.md', 'broken-link', 'x', { line: 2, column: 5 }),
      message('a.md', 'broken-link', 'x', { line: 2, column: 1 }),
      message('a.md', 'broken-link', 'b', { line: 3, column: 1 }),
      message('a.md', 'broken-link', 'a', { line: 3, column: 1 }),
      message('a.md', 'include-cycle', 'a', { line: 3, column: 1 }),
    ]
    expect(sortMessages(messages).map((m) => formatHuman(m))).toEqual([
      'a.md:2:1: error: x [broken-link]',
      'a.md:2:5: error: x [broken-link]',
      'a.md:3:1: error: a [broken-link]',
      'a.md:3:1: error: b [broken-link]',
      'a.md:3:1: error: a [include-cycle]',
      'a.md:10:1: error: y [broken-link]',
      'b.md:1:1: error: z [broken-link]',
    ])
  })

  it('should not change the list it is given', function () {
    const messages = [message('b.md', 'broken-link', 'z'), message('a.md', 'broken-link', 'y')]
    sortMessages(messages)
    expect(messages.map((m) => m.file)).toEqual(['b.md', 'a.md'])
  })
})

describe('summarize', function () {
  const error = message('a.md', 'broken-link', 'x')
  const warning = message('b.json', 'missing-ui-string', 'y')

  it('should count errors and warnings with singular and plural words', function () {
    expect(summarize([error, warning, warning])).toBe('1 error, 2 warnings')
    expect(summarize([error, error, warning])).toBe('2 errors, 1 warning')
    expect(summarize([])).toBe('0 errors, 0 warnings')
  })

  it('should count warnings as errors under --strict', function () {
    expect(summarize([error, warning, warning], true)).toBe('3 errors, 0 warnings')
  })
})
