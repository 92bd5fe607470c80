/**
 * `npm run bench [-- --runs N] [--targets sample,corpus,corpus4x] [--json FILE] [--no-dev]`:
 * what `tolk build` costs, as a user meets it. For each target (bench/targets.ts:
 * the sample guide, the Dutch corpus, the corpus four times over) and each run,
 * in one session:
 *
 * - cold: a build with an empty cache folder;
 * - floor: the bare remark → rehype pipeline (bare-pipeline.ts) over the same
 *   articles, on one thread, so `tolk / floor` compares like with like;
 * - no change, one article edited, the most-included include edited: rebuilds
 *   that reuse the cache the cold build left;
 * - `tolk check` (what CI runs on every commit: no output, no search index)
 *   with no change and with one more article edit, on the same cache.
 *
 * Every build is a fresh child process measured for wall time and peak RSS
 * (measure.ts); tolk reports its pages, how many came from the cache and its
 * stage times (`TOLK_STAGES=1`). The tables give medians over the runs; the
 * JSON file has every run. The corpus targets are skipped (with a line) when
 * ../shared is absent. Then dev-bench.ts times `tolk dev`.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runDevBench } from './dev-bench.ts'
import { measureNode, measuredBy, median, type Measurement } from './measure.ts'
import { makeTarget, targetNames, type Target, type TargetName } from './targets.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpus = path.resolve(repoRoot, '../shared/corpus/nl-nl')

type Scenario = 'cold' | 'floor' | 'no change' | 'one article' | 'include edit' | 'check, no change' | 'check, one article'
const scenarios: Scenario[] = ['cold', 'floor', 'no change', 'one article', 'include edit', 'check, no change', 'check, one article']

interface Run {
  target: TargetName
  scenario: Scenario
  run: number
  seconds: number
  maxRssMiB: number
  /** tolk's own process (main thread and workers), without Pagefind's process (tolk only). */
  tolkRssMiB: number | undefined
  exitCode: number
  /** Pages built (tolk) or converted (floor). */
  pages: number
  /** Pages rendered, not taken from the cache (tolk only). */
  rendered: number | undefined
  /** tolk's stage times in ms (build.ts `stageClock`). */
  stages: Record<string, number> | undefined
  lastLine: string
}

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { runs: { type: 'string' }, quick: { type: 'boolean' }, targets: { type: 'string' }, json: { type: 'string' }, 'no-dev': { type: 'boolean' } },
    strict: false,
  })
  const runs = values.quick ? 1 : Number(values.runs ?? 1)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`\`--runs ${String(values.runs)}\`: expected a whole number of 1 or more`)
  const targets = String(values.targets ?? targetNames.join(',')).split(',') as TargetName[]
  for (const target of targets) if (!targetNames.includes(target)) throw new Error(`\`--targets\`: unknown target \`${target}\`; expected ${targetNames.join(', ')}`)
  return { runs, targets, json: path.resolve(String(values.json ?? path.join(repoRoot, 'bench/last-run.json'))), dev: !values['no-dev'] }
}

/** One child process: tolk into `site` with `cache`, or the floor. */
async function measure(target: Target, scenario: Scenario, run: number, scratch: string): Promise<Run> {
  const out = path.join(scratch, 'site')
  const args =
    scenario === 'floor'
      ? ['--import', 'tsx', 'bench/bare-pipeline.ts', path.join(scratch, 'floor'), ...target.roots]
      : ['bin/tolk.js', scenario.startsWith('check') ? 'check' : 'build', ...target.args, '--out', out, '--cache-dir', path.join(scratch, 'cache'), '--quiet']
  process.env['TOLK_STAGES'] = '1'
  const measured: Measurement = await measureNode(args, repoRoot, scratch)
  rmSync(path.join(scratch, 'floor'), { recursive: true, force: true })
  const lines = (scenario === 'floor' ? measured.stdout : measured.stderr).trim().split('\n')
  const stagesLine = lines.find((line) => line.startsWith('tolk-stages '))
  const reported = stagesLine ? (JSON.parse(stagesLine.slice('tolk-stages '.length)) as { pages: number; cached: number; rssMiB?: number; stages: Record<string, number> }) : undefined
  const floorCounts = scenario === 'floor' && measured.exitCode === 0 ? (JSON.parse(lines.at(-1) ?? '{}') as { pages?: number }) : undefined
  return {
    target: target.name,
    scenario,
    run,
    seconds: measured.seconds,
    maxRssMiB: measured.maxRssKiB / 1024,
    tolkRssMiB: reported?.rssMiB,
    exitCode: measured.exitCode,
    pages: reported?.pages ?? floorCounts?.pages ?? 0,
    rendered: reported ? reported.pages - reported.cached : undefined,
    stages: reported?.stages,
    lastLine: lines.filter((line) => !line.startsWith('tolk-stages ')).at(-1) ?? '',
  }
}

async function benchTarget(name: TargetName, runs: number, all: Run[]): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), `tolk-bench-${name}-`))
  try {
    const target = makeTarget(name, repoRoot, corpus, path.join(home, 'tree'))
    if (!target) {
      console.log(`${name}: skipped: ${path.relative(repoRoot, corpus)} not found (the corpus lives beside the repo in CI)`)
      return
    }
    for (let run = 1; run <= runs; run++) {
      const scratch = path.join(home, `run-${run}`)
      mkdirSync(scratch, { recursive: true })
      for (const scenario of scenarios) {
        if (scenario.endsWith('one article')) appendFileSync(target.article, `\n\nA sentence the bench adds, run ${run}, ${scenario}.\n`)
        if (scenario === 'include edit') appendFileSync(target.include, ` (bench run ${run})`)
        const measured = await measure(target, scenario, run, scratch)
        all.push(measured)
        console.log(formatRun(measured))
      }
      rmSync(scratch, { recursive: true, force: true })
    }
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

function formatRun(run: Run): string {
  const rendered = run.rendered === undefined ? '' : `, ${run.rendered} rendered`
  return `${run.target} ${run.scenario} #${run.run}: ${run.seconds.toFixed(2)} s, ${run.maxRssMiB.toFixed(0)} MiB, ${run.pages} pages${rendered}, exit ${run.exitCode} — ${run.lastLine}`
}

/** The median of each scenario of a target. */
function summarize(runs: Run[], target: TargetName) {
  return Object.fromEntries(
    scenarios.flatMap((scenario) => {
      const own = runs.filter((run) => run.target === target && run.scenario === scenario)
      if (own.length === 0) return []
      const rendered = own.map((run) => run.rendered).filter((value) => value !== undefined)
      const tolkRss = own.map((run) => run.tolkRssMiB).filter((value) => value !== undefined)
      return [[scenario, { seconds: median(own.map((run) => run.seconds)), maxRssMiB: median(own.map((run) => run.maxRssMiB)), tolkRssMiB: tolkRss.length ? median(tolkRss) : undefined, pages: own[0]!.pages, rendered: rendered.length ? median(rendered) : undefined }]]
    }),
  ) as Partial<Record<Scenario, { seconds: number; maxRssMiB: number; tolkRssMiB: number | undefined; pages: number; rendered: number | undefined }>>
}

function printTables(runs: Run[], targets: TargetName[]): Record<string, unknown> {
  const row = (cells: string[], widths = [9, 19, 10, 9, 13, 10, 9, 10]) => console.log(cells.map((cell, index) => (index < 2 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join(''))
  const summaries: Record<string, unknown> = {}
  // Peak RSS is the largest process of the run (Pagefind's may be it); tolk RSS is tolk's own process.
  row(['target', 'scenario', 'median s', 'pages/s', 'peak RSS MiB', 'tolk MiB', 'rendered', '÷ floor'])
  for (const target of targets) {
    const summary = summarize(runs, target)
    if (!summary.cold) continue
    summaries[target] = summary
    const floor = summary.floor
    for (const scenario of scenarios) {
      const entry = summary[scenario]
      if (!entry) continue
      const ratio = floor && scenario !== 'floor' ? `${(entry.seconds / floor.seconds).toFixed(2)}x` : ''
      row([target, scenario, entry.seconds.toFixed(2), (entry.pages / entry.seconds).toFixed(1), entry.maxRssMiB.toFixed(0), entry.tolkRssMiB === undefined ? '' : entry.tolkRssMiB.toFixed(0), entry.rendered === undefined ? '' : String(entry.rendered), ratio])
    }
  }
  const one = summaries['corpus'] as ReturnType<typeof summarize> | undefined
  const four = summaries['corpus4x'] as ReturnType<typeof summarize> | undefined
  if (one?.cold && four?.cold) console.log(`\ncorpus4x cold / corpus cold: ${(four.cold.seconds / one.cold.seconds).toFixed(2)}x wall for ${(four.cold.pages / one.cold.pages).toFixed(2)}x pages`)

  // Where a cold build's time goes, on tolk's main thread (rendering runs on the workers meanwhile).
  console.log('\ncold build stages (ms, median; main thread):')
  for (const target of targets) {
    const colds = runs.filter((run) => run.target === target && run.scenario === 'cold' && run.stages)
    if (colds.length === 0) continue
    const names = Object.keys(colds[0]!.stages!)
    console.log(`${target.padEnd(9)}${names.map((name) => `${name} ${median(colds.map((run) => run.stages![name] ?? 0))}`).join(', ')}`)
  }
  return summaries
}

async function main(): Promise<void> {
  const { runs, targets, json, dev } = options()
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; peak RSS by ${measuredBy}`)
  console.log(`${runs} run(s) of: ${scenarios.join(', ')}; targets: ${targets.join(', ')}\n`)
  const all: Run[] = []
  for (const target of targets) await benchTarget(target, runs, all)
  console.log('')
  const summaries = printTables(all, targets)
  writeFileSync(json, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, measuredBy, summaries, runs: all }, null, 2)}\n`)
  console.log(`\nEvery run: ${path.relative(process.cwd(), json)}`)
  if (dev) {
    console.log('')
    await runDevBench(process.argv.slice(2).filter((arg) => !arg.startsWith('--targets') && !arg.startsWith('--json') && arg !== '--no-dev'))
  }
}

await main()
