/** `tolk build` and `tolk check`: load config, build, print diagnostics, exit code. */
import path from 'node:path'
import { build } from '../build.ts'
import { loadConfig } from '../config/load-config.ts'
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig } from '../config/schema.ts'
import { formatHuman } from '../diagnostics/format.ts'
import type { UiStringCoverage } from '../i18n/ui-strings.ts'
import { summarize } from '../diagnostics/format.ts'
import {
  formatGithubReport,
  formatHumanReport,
  formatJsonReport,
  formats,
  type Format,
  type ReportOptions,
} from '../diagnostics/reporters.ts'
import { hasErrors } from '../diagnostics/report.ts'
import { readShardFolders, type ShardFolder } from '../shard/shard-manifest.ts'
import { parseShard, type Shard } from '../shard/shard-plan.ts'
import { createProgress } from './progress.ts'
import type { CliValues } from './main.ts'

/** `merge`: the shard folders given; `build --shard K/N` is read from `values`. */
export async function runBuild(values: CliValues, options: { write: boolean; merge?: string[] }): Promise<number> {
  const strict = values.strict ?? false
  const format = (values.format ?? 'human') as Format
  if (!formats.includes(format)) {
    process.stderr.write(`tolk: \`--format ${format}\`: expected one of ${formats.join(', ')}\n`)
    return 2
  }
  const sharding = shardingOf(values, options)
  if ('problem' in sharding) {
    process.stderr.write(`tolk: ${sharding.problem}\n`)
    return 2
  }
  const print = printer(format, { strict, color: colorWanted() })
  const { config, file } = await loadConfig(configFlags(values))
  if (!config) {
    print(file.messages, 0)
    if (format !== 'json') process.stderr.write(`${summarize(file.messages, strict)}\n`)
    return 1
  }
  const started = performance.now()
  // A terminal gets a line redrawn in place; CI logs (CI is set, or stderr is a file or pipe) a line every 10 s.
  // Reports for tools (json, github) come without it.
  const progress = values.quiet || format !== 'human' ? undefined : createProgress({ write: (text) => process.stderr.write(text), tty: process.stderr.isTTY === true && !process.env['CI'] })
  let result
  try {
    result = await build(config, { write: options.write, strict, ...sharding, ...(progress ? { onProgress: progress.update } : {}) })
  } finally {
    // A bug report that follows must not start in the middle of the progress line.
    progress?.end()
  }
  if (result.outputRefused) {
    process.stderr.write(`tolk: ${result.outputRefused}\n`)
    return 2
  }
  print(result.messages, result.pages)
  if (format === 'json') return hasErrors(result.messages, strict) ? 1 : 0
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const failed = hasErrors(result.messages, strict)
  const where = result.written ? ` into ${displayPath(config.outDir)}/` : ''
  const what = sharding.shard ? `shard ${sharding.shard.index}/${sharding.shard.count}: ${result.pages} pages` : `${result.pages} pages`
  const built = sharding.fromShards ? `Merged ${sharding.fromShards.length} shards: ${what}${where}` : `Built ${what}${where}`
  const verb = options.write ? (failed ? 'Build failed; output left unchanged' : built) : `Checked ${result.pages} pages`
  if (!options.write) process.stderr.write(coverageLine(result.uiStrings))
  process.stderr.write(`${verb} in ${seconds}s: ${summarize(result.messages, strict)}\n`)
  // For `npm run bench`: where the time went, as one JSON line.
  // `rssMiB` is this process's peak (main thread and render workers), without Pagefind's own process.
  const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024)
  if (process.env['TOLK_STAGES'] === '1') process.stderr.write(`tolk-stages ${JSON.stringify({ pages: result.pages, cached: result.cached, rssMiB, stages: result.stages })}\n`)
  return failed ? 1 : 0
}

/** The shard to build (`--shard K/N`) or the shard folders to merge, or a usage problem. */
function shardingOf(values: CliValues, options: { write: boolean; merge?: string[] }): { shard?: Shard; fromShards?: ShardFolder[] } | { problem: string } {
  if (options.merge) {
    if (values.shard !== undefined) return { problem: '`--shard` builds one shard; `tolk merge` joins them' }
    const read = readShardFolders(options.merge)
    return 'problem' in read ? read : { fromShards: read.folders }
  }
  if (values.shard === undefined) return {}
  if (!options.write) return { problem: '`--shard` is for `tolk build`' }
  const shard = parseShard(values.shard)
  return 'problem' in shard ? shard : { shard }
}

/** A folder relative to the current one when inside it, else absolute. */
function displayPath(absPath: string): string {
  const relative = path.relative(process.cwd(), absPath)
  return relative.startsWith('..') || path.isAbsolute(relative) ? absPath : relative || '.'
}

/** `UI strings: en-us 42/42, da-dk 41/42` */
function coverageLine(coverage: UiStringCoverage[]): string {
  return `UI strings: ${coverage.map((entry) => `${entry.locale} ${entry.defined}/${entry.total}`).join(', ')}\n`
}

/** Human output goes to stderr; JSON and GitHub annotations to stdout, for tools to read. */
function printer(format: Format, options: ReportOptions) {
  return function (messages: readonly VFileMessage[], pages: number): void {
    if (format === 'json') process.stdout.write(formatJsonReport(messages, pages, options))
    else if (format === 'github') process.stdout.write(formatGithubReport(messages, options))
    else process.stderr.write(formatHumanReport(messages, options))
  }
}

function colorWanted(): boolean {
  return process.stderr.isTTY === true && !process.env['NO_COLOR'] && process.env['TERM'] !== 'dumb'
}

/** The resolved config, or `undefined` after printing why it could not be loaded. */
export async function loadConfigOrPrint(flags: ReturnType<typeof configFlags>): Promise<ResolvedConfig | undefined> {
  const { config, file } = await loadConfig(flags)
  if (!config) for (const message of file.messages) process.stderr.write(`${formatHuman(message)}\n`)
  return config
}

export function configFlags(values: CliValues) {
  return {
    config: values.config,
    locales: values.locale,
    defaultLocale: values['default-locale'],
    outDir: values.out,
    base: values.base,
    siteUrl: values['site-url'],
    externalRoots: values['external-root'],
    ignoreLinks: values['ignore-link'],
    moniker: values.moniker,
    rules: values.rule,
    cacheDir: values['no-cache'] ? (false as const) : values['cache-dir'],
  }
}
