/**
 * Diagnostics as plain data, to cross a worker-thread boundary (structured
 * clone drops the VFileMessage class) and come back as the same messages.
 */
import { VFileMessage } from 'vfile-message'

export interface PlainMessage {
  reason: string
  file: string
  line: number | undefined
  column: number | undefined
  ruleId: string | undefined
  source: string | undefined
  fatal: boolean | undefined
  note: string | undefined
}

export function toPlainMessage(message: VFileMessage): PlainMessage {
  return {
    reason: message.reason,
    file: message.file ?? '',
    line: message.line,
    column: message.column,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal ?? undefined,
    note: message.note,
  }
}

export function fromPlainMessage(plain: PlainMessage): VFileMessage {
  const message = new VFileMessage(plain.reason, {
    ...(plain.line !== undefined ? { place: { line: plain.line, column: plain.column ?? 1 } } : {}),
    ...(plain.ruleId ? { ruleId: plain.ruleId } : {}),
    ...(plain.source ? { source: plain.source } : {}),
  })
  message.file = plain.file
  if (plain.fatal !== undefined) message.fatal = plain.fatal
  if (plain.note !== undefined) message.note = plain.note
  return message
}
