/**
 * `npm run bench [-- --runs N | --quick]`: how much time and memory a real
 * `tolk build` of the Dutch corpus costs next to a bare remark → rehype
 * pipeline over the same articles. Each run is a fresh child process (tolk,
 * then bare, alternating) measured for wall time and peak RSS; the table
 * gives medians and the tolk/bare ratios, and every run is printed so the
 * noise is visible. Skips (exit 0) when the corpus is not beside the repo.
 * Then dev-bench.ts times `tolk dev` (first page, save-to-update).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { discover } from '../src/content/discover.ts'
import { runDevBench } from './dev-bench.ts'
import { measureNode, measuredBy, median, readRunCount, type Measurement } from './measure.ts'

type Tool = 'tolk' | 'bare'

interface Run extends Measurement {
  tool: Tool
  index: number
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const corpusRelPath = '../shared/corpus/nl-nl'
const locale = 'nl-nl'
const defaultRuns = 3

/** The child command for each tool, building `corpus` into `outDir`. */
const commands: Record<Tool, (corpus: string, outDir: string) => string[]> = {
  tolk: (corpus, outDir) => ['bin/tolk.js', 'build', '--locale', `${locale}=${corpus}`, '--default-locale', locale, '--out', outDir],
  bare: (corpus, outDir) => ['--import', 'tsx', 'bench/bare-pipeline.ts', corpus, outDir],
}

/** Run one tool once into a fresh temp folder, removed afterwards. */
async function measureOnce(tool: Tool, index: number, corpus: string): Promise<Run> {
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), `tolk-bench-${tool}-`))
  try {
    const measurement = await measureNode(commands[tool](corpus, path.join(scratchDir, 'site')), repoRoot, scratchDir)
    return { ...measurement, tool, index }
  } finally {
    rmSync(scratchDir, { recursive: true, force: true })
  }
}

const mib = (kib: number): number => kib / 1024

/** What the child said last: tolk's `Built N pages…` / `Build failed…` line, or the bare pipeline's counts. */
function lastWords(run: Run): string {
  const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? ''
  return run.tool === 'bare' && run.exitCode === 0 ? lastLine(run.stdout) : lastLine(run.stderr)
}

function formatRun(run: Run): string {
  return [
    `run ${run.index}`,
    run.tool,
    `${run.seconds.toFixed(2).padStart(7)} s`,
    `${mib(run.maxRssKiB).toFixed(1).padStart(7)} MiB`,
    `exit ${run.exitCode}`,
    lastWords(run),
  ].join('  ')
}

function printTable(runs: Run[], pages: number): void {
  const row = (label: string, cells: string[]) => console.log(label.padEnd(11) + cells.map((cell) => cell.padStart(14)).join(''))
  const medians = (tool: Tool) => {
    const own = runs.filter((run) => run.tool === tool)
    return { seconds: median(own.map((run) => run.seconds)), rssMiB: median(own.map((run) => mib(run.maxRssKiB))) }
  }
  const tolk = medians('tolk')
  const bare = medians('bare')
  row('', ['median s', 'pages/s', 'peak RSS MiB'])
  for (const [label, m] of [['tolk', tolk], ['bare', bare]] as const) {
    row(label, [m.seconds.toFixed(2), (pages / m.seconds).toFixed(1), m.rssMiB.toFixed(1)])
  }
  row('tolk/bare', [`${(tolk.seconds / bare.seconds).toFixed(2)}x`, '', `${(tolk.rssMiB / bare.rssMiB).toFixed(2)}x`])
}

async function main(): Promise<void> {
  const corpus = path.resolve(repoRoot, corpusRelPath)
  if (!existsSync(corpus)) {
    console.log(`bench: skipped: ${corpusRelPath} not found (the Dutch corpus lives beside the repo in CI)`)
    return
  }
  const runCount = readRunCount(process.argv.slice(2), defaultRuns)
  const pages = discover({ code: locale, root: corpus, lang: 'nl-NL', dir: 'ltr' }).articles.length
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs; peak RSS by ${measuredBy}`)
  console.log(`Corpus ${corpusRelPath}: ${pages} articles; ${runCount} run(s) each, tolk and bare alternating\n`)

  const runs: Run[] = []
  for (let index = 1; index <= runCount; index++) {
    for (const tool of ['tolk', 'bare'] as const) {
      const run = await measureOnce(tool, index, corpus)
      console.log(formatRun(run))
      runs.push(run)
    }
  }
  console.log('')
  printTable(runs, pages)
}

await main()
console.log('')
await runDevBench(process.argv.slice(2))
