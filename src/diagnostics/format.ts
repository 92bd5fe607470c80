/**
 * Print diagnostics the way compilers do: `path:line:col: error: message [rule-id]`,
 * sorted so output is stable, then a one-line summary.
 */
import path from 'node:path'
import type { VFileMessage } from 'vfile-message'

export function severityOf(message: VFileMessage, strict = false): 'error' | 'warning' {
  return message.fatal === true || strict ? 'error' : 'warning'
}

/** `content/da-dk/a.md:3:1: error: Cannot find … [include-not-found]` */
export function formatHuman(message: VFileMessage, options: { cwd?: string; strict?: boolean } = {}): string {
  const file = displayPath(message.file ?? '', options.cwd)
  const text = `${file}:${message.line ?? 1}:${message.column ?? 1}: ${severityOf(message, options.strict)}: ${message.reason} [${message.ruleId ?? 'tolk'}]`
  return message.note ? `${text}\n  ${message.note.split('\n').join('\n  ')}` : text
}

export function displayPath(file: string, cwd = process.cwd()): string {
  if (!path.isAbsolute(file)) return file
  const relative = path.relative(cwd, file)
  return relative.split(path.sep).join('/')
}

/** Order by file, then line, then column, then rule, so two runs print the same text. */
export function sortMessages(messages: readonly VFileMessage[]): VFileMessage[] {
  return [...messages].sort(
    (a, b) =>
      compare(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compare(a.ruleId ?? '', b.ruleId ?? '') ||
      compare(a.reason, b.reason),
  )
}

export function summarize(messages: readonly VFileMessage[], strict = false): string {
  const errors = messages.filter((m) => severityOf(m, strict) === 'error').length
  const warnings = messages.length - errors
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
