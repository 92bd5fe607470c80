/**
 * `tolk status`: per locale, how many articles are up to date, outdated,
 * made from a newer source than the default locale's, of unknown age,
 * missing and machine translated, with the files, plus UI-string
 * coverage; `--format json` for tools.
 */
import { openStatusFacts, sourceFactsKey } from '../cache/source-facts.ts'
import { discover, type LocaleSources } from '../content/discover.ts'
import { collectStatus, type LocaleStatus } from '../i18n/collect-status.ts'
import { loadUiStrings } from '../i18n/ui-strings.ts'
import { configFlags, loadConfigOrPrint } from './build-command.ts'
import type { CliValues } from './main.ts'

export async function runStatus(values: CliValues): Promise<number> {
  const format = values.format ?? 'human'
  if (format !== 'human' && format !== 'json') {
    process.stderr.write(`tolk: \`--format ${format}\`: expected one of human, json\n`)
    return 2
  }
  const config = await loadConfigOrPrint(configFlags(values))
  if (!config) return 1
  const sources = new Map<string, LocaleSources>(config.locales.map((locale) => [locale.code, discover(locale, { maxFileSize: config.maxFileSize })]))
  const limits = { maxFileSize: config.maxFileSize }
  // The facts `tolk build` keeps: a status after a build reads only the articles changed since.
  const facts = openStatusFacts(config.cacheDir, sourceFactsKey(limits))
  const statuses = collectStatus(config, sources, facts)
  facts.save()
  const coverage = loadUiStrings(config).coverage()
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ version: 1, defaultLocale: config.defaultLocale, locales: statuses, uiStrings: coverage }, null, 2)}\n`)
    return 0
  }
  process.stdout.write(statusTable(statuses, config.defaultLocale))
  process.stdout.write('\nUI strings\n')
  for (const entry of coverage) {
    process.stdout.write(`  ${entry.locale.padEnd(8)} ${entry.defined}/${entry.total}${entry.missing.length ? `  missing: ${entry.missing.join(', ')}` : ''}\n`)
  }
  return 0
}

export function statusTable(statuses: LocaleStatus[], defaultLocale: string): string {
  const header = ['locale', 'up to date', 'outdated', 'newer', 'unknown', 'missing', 'machine']
  const rows = statuses.map((status) => [
    status.locale,
    `${status.upToDate.length}/${status.total}`,
    `${status.outdated.length}`,
    `${status.newer.length}`,
    `${status.unknown.length}`,
    `${status.missing.length}`,
    `${status.machine.length}`,
  ])
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const line = (cells: string[]) => `${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`
  let text = `Translations of ${defaultLocale}\n\n${line(header)}${rows.map(line).join('')}`
  for (const status of statuses) {
    const lists: Array<[string, string[]]> = [
      ['outdated', status.outdated],
      ['newer source', status.newer],
      ['missing', status.missing],
      ['machine translated', status.machine],
      ['unknown age', status.unknown],
    ]
    for (const [label, files] of lists) {
      if (files.length) text += `\n${status.locale} ${label}:\n${files.map((file) => `  ${file}\n`).join('')}`
    }
  }
  return text
}
