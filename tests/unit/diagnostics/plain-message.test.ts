import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { fromPlainMessage, toPlainMessage } from '../../../src/diagnostics/plain-message.ts'
import { report } from '../../../src/diagnostics/report.ts'

describe('plain messages', function () {
  it('should come back from a structured clone as the same diagnostic', function () {
    const file = new VFile({ path: 'content/da-dk/guide.md' })
    const error = report(file, 'include-cycle', 'Include cycle: a.md → b.md → a.md', { line: 3, column: 1 }, 'included via a.md')
    const warning = report(file, 'orphan-page', 'No TOC.yml lists this article')
    for (const message of [error, warning]) {
      const back = fromPlainMessage(structuredClone(toPlainMessage(message)))
      expect(formatHuman(back)).toBe(formatHuman(message))
      expect([back.fatal, back.ruleId, back.source, back.note]).toEqual([message.fatal, message.ruleId, message.source, message.note])
    }
  })
})
