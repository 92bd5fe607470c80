/**
 * Attach a rule-tagged message to a file: the only way stages report problems.
 * Errors are `fatal: true` vfile messages, warnings `fatal: false`; neither
 * throws, so a build reports every problem at once.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { rules, type RuleId } from './rules.ts'

export interface Place {
  line: number
  column: number
}

/** Anything with a unist position, or a bare point. */
export type Where = Place | { position?: { start: Place; end?: Place } | undefined } | undefined

export function report(file: VFile, ruleId: RuleId, reason: string, where?: Where, note?: string): VFileMessage {
  // A problem with the file as a whole is reported at its start: every
  // diagnostic has a position, so editors and CI annotations can place it.
  const place = toPlace(where) ?? { line: 1, column: 1 }
  const message = file.message(reason, {
    place,
    ruleId,
    source: 'tolk',
  })
  message.fatal = rules[ruleId].severity === 'error'
  if (note) message.note = note
  return message
}

function toPlace(where: Where): Place | undefined {
  if (!where) return undefined
  if ('line' in where) return where
  return where.position?.start
}

/** True when any message is an error (or a warning, under `strict`). */
export function hasErrors(messages: readonly VFileMessage[], strict = false): boolean {
  return messages.some((m) => m.fatal === true || (strict && m.fatal === false))
}
