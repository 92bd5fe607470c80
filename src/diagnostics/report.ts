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
  const place = toPlace(where)
  const message = file.message(reason, {
    ...(place ? { place } : {}),
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
