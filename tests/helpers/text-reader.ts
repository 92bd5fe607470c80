/** A `readContained` over texts held in memory, for stages that read TOCs and includes. */
import type { ContainedText } from '../../src/content/read-contained.ts'

export function textReader(textOf: (absPath: string) => string | undefined): { readContained(absPath: string): ContainedText } {
  return {
    readContained(absPath) {
      const text = textOf(absPath)
      return text === undefined ? { ok: false, kind: 'missing', rule: 'read-error', reason: 'Cannot find it' } : { ok: true, text, problems: [], realPath: absPath }
    },
  }
}
