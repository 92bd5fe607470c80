/**
 * Run `node <args>` in a child process and measure its wall time and peak
 * resident set size: under GNU `/usr/bin/time -f '%e %M'` when it exists,
 * else timed here and with report-max-rss.mjs preloaded to print
 * `process.resourceUsage().maxRSS` as the child exits.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export interface Measurement {
  seconds: number
  /** Peak resident set size in KiB. */
  maxRssKiB: number
  exitCode: number
  stdout: string
  stderr: string
}

const gnuTime = '/usr/bin/time'
const maxRssMarker = 'bench-max-rss-kib '
const reportMaxRss = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-max-rss.mjs')).href

/** How peak RSS is measured on this machine, for the report header. */
export const measuredBy = existsSync(gnuTime) ? `${gnuTime} -f '%e %M'` : 'process.resourceUsage().maxRSS in the child'

/** Measure one `node <args>` run in `cwd`; `scratchDir` receives time's output file. */
export async function measureNode(args: string[], cwd: string, scratchDir: string): Promise<Measurement> {
  return existsSync(gnuTime) ? measureWithGnuTime(args, cwd, scratchDir) : measureWithResourceUsage(args, cwd)
}

async function measureWithGnuTime(args: string[], cwd: string, scratchDir: string): Promise<Measurement> {
  // `-o` keeps time's line apart from the child's own stderr.
  const timesFile = path.join(scratchDir, 'time.txt')
  const child = await run(gnuTime, ['-o', timesFile, '-f', '%e %M', process.execPath, ...args], cwd)
  // On a non-zero exit time writes "Command exited with non-zero status N" first.
  const last = readFileSync(timesFile, 'utf8').trim().split('\n').at(-1) ?? ''
  const [seconds, maxRssKiB] = last.split(' ').map(Number)
  if (seconds === undefined || maxRssKiB === undefined || Number.isNaN(seconds) || Number.isNaN(maxRssKiB)) {
    throw new Error(`Cannot read \`${last}\` from ${gnuTime}`)
  }
  return { ...child, seconds, maxRssKiB }
}

async function measureWithResourceUsage(args: string[], cwd: string): Promise<Measurement> {
  const started = performance.now()
  const child = await run(process.execPath, ['--import', reportMaxRss, ...args], cwd)
  const seconds = (performance.now() - started) / 1000
  const lines = child.stderr.split('\n')
  const marker = lines.filter((line) => line.startsWith(maxRssMarker)).at(-1)
  if (marker === undefined) throw new Error('The child exited without reporting its peak RSS')
  const stderr = lines.filter((line) => line !== marker).join('\n')
  return { ...child, stderr, seconds, maxRssKiB: Number(marker.slice(maxRssMarker.length)) }
}

function run(command: string, args: string[], cwd: string): Promise<Omit<Measurement, 'seconds' | 'maxRssKiB'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, stderr }))
  })
}

/** `--runs N` (default `defaultRuns`) or `--quick` (one run). */
export function readRunCount(argv: string[], defaultRuns: number): number {
  const { values } = parseArgs({ args: argv, options: { runs: { type: 'string' }, quick: { type: 'boolean' } }, strict: false })
  if (values.quick) return 1
  const runs = Number(values.runs ?? defaultRuns)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`\`--runs ${String(values.runs)}\`: expected a whole number of 1 or more`)
  return runs
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
