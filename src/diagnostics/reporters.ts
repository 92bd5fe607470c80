/**
 * The three ways `tolk build` and `tolk check` print diagnostics:
 * - `human` (default): `path:line:col: severity: message [rule-id]`, a blank
 *   line between files, coloured on a terminal (not when NO_COLOR is set);
 * - `json`: one document with a stable schema (version 1, see README);
 * - `github`: GitHub Actions workflow commands, shown as annotations on the diff.
 */
import { styleText } from 'node:util'
import type { VFileMessage } from 'vfile-message'
import { displayPath, formatHuman, severityOf, summarize } from './format.ts'

export const formats = ['human', 'json', 'github'] as const
export type Format = (typeof formats)[number]

export interface ReportOptions {
  strict: boolean
  /** Colour the human format. */
  color: boolean
  cwd?: string
}

export function formatHumanReport(messages: readonly VFileMessage[], options: ReportOptions): string {
  const lines: string[] = []
  let previousFile: string | undefined
  for (const message of messages) {
    if (previousFile !== undefined && message.file !== previousFile) lines.push('')
    previousFile = message.file
    const line = formatHuman(message, { strict: options.strict, ...(options.cwd ? { cwd: options.cwd } : {}) })
    lines.push(options.color ? colour(line, severityOf(message, options.strict)) : line)
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/** Version 1 of the JSON report; fields are only ever added. */
export interface JsonReport {
  version: 1
  summary: { errors: number; warnings: number; pages: number }
  diagnostics: Array<{
    file: string
    line: number
    column: number
    severity: 'error' | 'warning'
    rule: string
    message: string
    note?: string
  }>
}

export function formatJsonReport(messages: readonly VFileMessage[], pages: number, options: ReportOptions): string {
  const diagnostics = messages.map((message) => ({
    file: displayPath(message.file ?? '', options.cwd),
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: severityOf(message, options.strict),
    rule: message.ruleId ?? 'tolk',
    message: message.reason,
    ...(message.note ? { note: message.note } : {}),
  }))
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length
  const report: JsonReport = { version: 1, summary: { errors, warnings: diagnostics.length - errors, pages }, diagnostics }
  return `${JSON.stringify(report, null, 2)}\n`
}

/** `::error file=…,line=…,col=…,title=rule-id::message`, escaped as the runner expects. */
export function formatGithubReport(messages: readonly VFileMessage[], options: ReportOptions): string {
  return messages
    .map((message) => {
      const properties = [
        `file=${escapeProperty(displayPath(message.file ?? '', options.cwd))}`,
        `line=${message.line ?? 1}`,
        `col=${message.column ?? 1}`,
        `title=${escapeProperty(message.ruleId ?? 'tolk')}`,
      ].join(',')
      const text = message.note ? `${message.reason}\n${message.note}` : message.reason
      return `::${severityOf(message, options.strict)} ${properties}::${escapeData(text)}\n`
    })
    .join('')
}

export { summarize }

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

function colour(line: string, severity: 'error' | 'warning'): string {
  return line.replace(/^(.*?:\d+:\d+:) (error|warning):/, (_match, place: string, word: string) =>
    `${styleText('bold', place)} ${styleText(severity === 'error' ? 'red' : 'yellow', word)}:`,
  )
}
