/**
 * Property test of the whole pipeline (issue 10, "Fuzzing and the browser"):
 * front matter, includes, DocFX plugins, TOC, redirects and templates, on
 * inputs generated from the sample guide by tests/fuzz/fuzz-inputs.ts.
 *
 * - Article cases (`TOLK_FUZZ_RUNS`, default 10,000): the sample guide is
 *   prepared once, as `tolk build` does, and each case renders one page job
 *   with a mutated article text through `renderJob`.
 * - Build cases (`TOLK_FUZZ_BUILDS`, default 20): full `build(config, {write:
 *   true})` runs of a two-locale copy of the guide whose TOC, an include, the
 *   redirection file, a UI-string file and an article are all mutated.
 *
 * Properties: nothing throws and there is no `internal-error`; every
 * diagnostic has a rule id, line and column; each page renders within
 * `caseBudgetMs`; every page and written HTML file parses with one `<html>`,
 * `<head>`, `<body>` and `<main>`, and holds no script, handler, frame or URL
 * outside the URL policy (tests/helpers/html-output-check.ts).
 *
 * Seed `TOLK_FUZZ_SEED` (default below) makes every run the same; a failure
 * prints the shrunk case and the seed and path to replay it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import type { VFileMessage } from 'vfile-message'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import type { ResolvedConfig } from '../../src/config/schema.ts'
import { pageJobs, type PageJob } from '../../src/content/page-jobs.ts'
import { rules } from '../../src/diagnostics/rules.ts'
import { prepareSite, type PreparedSite } from '../../src/prepare-site.ts'
import { copyOfSampleGuide, listFiles, repoRoot } from '../helpers/build-site.ts'
import { checkHtmlOutput } from '../helpers/html-output-check.ts'
import { acceptedPendingUrls } from '../helpers/url-policy-check.ts'
import { articleCaseArbitrary, mutate, mutationArbitrary, type Mutation } from './fuzz-inputs.ts'
import { applyTocEdit, applyUiStringsEdit, redirectionFileText, siteFileMutationArbitrary, type SiteFileMutations } from './site-file-inputs.ts'

export const fuzzSeed = Number(process.env['TOLK_FUZZ_SEED'] ?? 20_261_129)
const articleRuns = Number(process.env['TOLK_FUZZ_RUNS'] ?? 10_000)
const buildRuns = Number(process.env['TOLK_FUZZ_BUILDS'] ?? 20)
/** A hang guard, not a speed test: a small page that takes this long is stuck in a worst case. */
const caseBudgetMs = 2_000

/** Every `.md` file of the sample guide, all locales: the seeds mutations start from and splice in. */
function sampleSeeds(): string[] {
  return listFiles(path.join(repoRoot, 'content'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => readFileSync(path.join(repoRoot, 'content', file), 'utf8'))
}

/** Problems with a page's diagnostics: an exception turned `internal-error`, or a message without rule or place. */
function diagnosticProblems(messages: readonly VFileMessage[]): string[] {
  const problems: string[] = []
  for (const message of messages) {
    if (message.ruleId === 'internal-error') problems.push(`internal-error: ${message.reason}\n${message.note ?? ''}`)
    if (!message.ruleId || !(message.ruleId in rules)) problems.push(`message without a known rule id: ${message.reason}`)
    if (typeof message.line !== 'number' || typeof message.column !== 'number' || message.line < 1 || message.column < 1) {
      problems.push(`message without line and column: [${message.ruleId}] ${message.reason}`)
    }
  }
  return problems
}

/**
 * CPU time of this process in ms: the page budget is measured in CPU time, so
 * a machine busy with other work does not make a fast page look stuck.
 */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** Text as `tolk build` sees it: written to disk as UTF-8 and read back (lone surrogates become U+FFFD). */
function asReadFromDisk(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

interface Slowest {
  ms: number
  label: string
}

function noteSlowest(slowest: Slowest[], ms: number, label: string): void {
  slowest.push({ ms, label })
  slowest.sort((a, b) => b.ms - a.ms)
  slowest.length = Math.min(slowest.length, 3)
}

function describeText(text: string): string {
  return `${text.length} chars: ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`
}

describe('pipeline fuzz', function () {
  const seeds = sampleSeeds()

  afterAll(function () {
    if (acceptedPendingUrls.size > 0) console.log(`fuzz: URLs accepted until other branches merge: ${JSON.stringify(Object.fromEntries(acceptedPendingUrls))}`)
  })

  describe('article texts rendered through prepareSite().renderJob', function () {
    let prepared: PreparedSite
    let jobs: PageJob[]

    beforeAll(async function () {
      const dir = copyOfSampleGuide('tolk-fuzz-articles-')
      const { config } = await loadConfig({ outDir: path.join(dir, 'dist') }, dir)
      prepared = prepareSite(config!)
      jobs = pageJobs(config!, prepared.sources, prepared.site)
    })

    it(`should render ${articleRuns} mutated articles safely (seed ${fuzzSeed})`, function () {
      const started = performance.now()
      const startedCpu = cpuMs()
      const slowest: Slowest[] = []
      let characterErrors = 0
      fc.assert(
        fc.property(articleCaseArbitrary(seeds), function ({ job: jobIndex, text: generated }) {
          const job = jobs[jobIndex % jobs.length]!
          const text = asReadFromDisk(generated)
          const before = cpuMs()
          const rendered = prepared.renderJob(job, text)
          const ms = cpuMs() - before
          noteSlowest(slowest, ms, `${job.locale.code}/${job.source.relPath} ${describeText(text)}`)
          const problems = diagnosticProblems(rendered.file.messages)
          if (ms > caseBudgetMs) problems.push(`took ${Math.round(ms)} ms of CPU, over the ${caseBudgetMs} ms budget`)
          if (rendered.html !== undefined) {
            const check = checkHtmlOutput(rendered.html)
            problems.push(...check.problems)
            characterErrors += check.characterErrors.length
          }
          if (problems.length > 0) throw new Error(`${job.locale.code}/${job.source.relPath}:\n  ${problems.join('\n  ')}`)
        }),
        { seed: fuzzSeed, numRuns: articleRuns },
      )
      const seconds = (performance.now() - started) / 1000
      console.log(
        `fuzz: ${articleRuns} article cases in ${seconds.toFixed(1)} s (${((cpuMs() - startedCpu) / 1000).toFixed(1)} s CPU; seed ${fuzzSeed}); ${characterErrors} content-character parse errors; slowest (CPU):\n  ${slowest.map((entry) => `${Math.round(entry.ms)} ms ${entry.label.slice(0, 160)}`).join('\n  ')}`,
      )
    }, 900_000)
  })

  describe('whole builds with mutated TOC, include, redirects and UI strings', function () {
    let dir: string
    let config: ResolvedConfig
    const originals = new Map<string, string | undefined>()

    beforeAll(async function () {
      dir = copyOfSampleGuide('tolk-fuzz-builds-')
      // Two locales (a translation and fallback pages) keep each build small.
      for (const locale of ['nl-nl', 'ar-sa']) rmSync(path.join(dir, 'content', locale), { recursive: true })
      writeFileSync(
        path.join(dir, 'tolk.config.ts'),
        "export default { siteUrl: 'https://ir-guide.example.org', defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': {} } }\n",
      )
      // An empty redirection file from the start, so the config finds it; cases then fill it.
      writeFileSync(path.join(dir, siteFiles.redirects), '{"redirections": []}\n')
      config = (await loadConfig({ outDir: path.join(dir, 'dist') }, dir)).config!
      for (const file of Object.values(siteFiles)) originals.set(file, readOrUndefined(path.join(dir, file)))
    })

    afterAll(function () {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it(`should build ${buildRuns} mutated sites safely (seed ${fuzzSeed})`, async function () {
      const started = performance.now()
      const startedCpu = cpuMs()
      const slowest: Slowest[] = []
      let written = 0
      await fc.assert(
        fc.asyncProperty(siteFileMutationArbitrary(), fc.array(mutationArbitrary, { maxLength: 3 }), async function (site, articleMutations) {
          restore()
          applySiteMutations(site, articleMutations)
          const pages: Array<{ outputFile: string; html: string }> = []
          const before = performance.now()
          let result
          try {
            result = await build(config, { write: true, onPage: (page) => pages.push(page) })
          } catch (error) {
            throw new Error(`build threw: ${(error as Error).stack}`)
          }
          const ms = performance.now() - before
          noteSlowest(slowest, ms, JSON.stringify(site).slice(0, 200))
          const problems = diagnosticProblems(result.messages)
          const html = new Map(pages.map((page) => [page.outputFile, page.html]))
          if (result.written) {
            written++
            for (const file of listFiles(config.outDir)) {
              if (file.endsWith('.html')) html.set(file, readFileSync(path.join(config.outDir, file), 'utf8'))
            }
          }
          for (const [file, text] of html) problems.push(...checkHtmlOutput(text).problems.map((problem) => `${file}: ${problem}`))
          if (problems.length > 0) throw new Error(problems.join('\n'))
        }),
        { seed: fuzzSeed, numRuns: buildRuns },
      )
      restore()
      const seconds = (performance.now() - started) / 1000
      console.log(
        `fuzz: ${buildRuns} whole builds in ${seconds.toFixed(1)} s (${((cpuMs() - startedCpu) / 1000).toFixed(1)} s CPU; seed ${fuzzSeed}), ${written} written; slowest: ${slowest.map((entry) => `${Math.round(entry.ms)} ms`).join(', ')}`,
      )
    }, 900_000)

    function restore(): void {
      for (const [file, text] of originals) {
        const absPath = path.join(dir, file)
        if (text === undefined) rmSync(absPath, { force: true })
        else writeFileSync(absPath, text)
      }
    }

    function applySiteMutations(site: SiteFileMutations, articleMutations: Mutation[]): void {
      const edit = (file: string, change: (text: string) => string) => writeFileSync(path.join(dir, file), change(originals.get(file) ?? ''))
      const { toc, include, uiStrings, redirects } = site
      if (toc) edit(siteFiles.toc, (text) => applyTocEdit(text, toc, seeds))
      // The include is on many pages: kept small so a build stays fast.
      if (include) edit(siteFiles.include, (text) => mutate(text, include, seeds, 2_000))
      if (uiStrings) edit(siteFiles.uiStrings, (text) => applyUiStringsEdit(text, uiStrings))
      if (redirects) edit(siteFiles.redirects, () => redirectionFileText(redirects))
      edit(siteFiles.article, (text) => mutate(text, articleMutations, seeds, 8_000))
    }
  })
})

/** The files a build case mutates, relative to the site folder. */
const siteFiles = {
  toc: 'content/en-us/TOC.yml',
  include: 'content/en-us/incident-response/includes/applies-to.md',
  redirects: 'content/en-us/.openpublishing.redirection.json',
  uiStrings: 'site-strings/da-dk.json',
  article: 'content/en-us/incident-response/analyze.md',
}

function readOrUndefined(absPath: string): string | undefined {
  try {
    return readFileSync(absPath, 'utf8')
  } catch {
    return undefined
  }
}
