/**
 * The dev server's memory across full reloads (issue 14): a writer edits a
 * TOC, a template, UI strings or the config all day, and each of those makes
 * `tolk dev` load the config and prepare the site again. The heap after a
 * forced garbage collection stays within a small bound of the heap after the
 * first reload, however many reloads follow. The server is a real `tolk dev`
 * process (bin/tolk.js, as a writer starts it); a preloaded probe reports its
 * heap.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { copyOfSampleGuide, repoRoot } from '../helpers/build-site.ts'
import { startTolkServer, type TolkServer } from '../helpers/tolk-server.ts'

const heapProbe = pathToFileURL(path.join(import.meta.dirname, '../helpers/heap-probe.mjs')).href

/** The server's heap in use after full collections, in MiB (tests/helpers/heap-probe.mjs answers SIGUSR2). */
function serverHeap(server: TolkServer): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`no heap-probe line from the server:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /heap-probe (\d+)\n/.exec(output)
      if (!match) return
      clearTimeout(timer)
      server.child.stderr!.off('data', onData)
      resolve(Number(match[1]) / 2 ** 20)
    }
    server.child.stderr!.on('data', onData)
    server.child.kill('SIGUSR2')
  })
}

/** Fetch `url` until its HTML contains `marker`: the reload after an edit is done. */
async function waitForPageWith(url: string, marker: string): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const response = await fetch(url)
    if (response.status === 200 && (await response.text()).includes(marker)) return
    if (Date.now() > deadline) throw new Error(`${url} never showed \`${marker}\``)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('tolk dev memory across full reloads', function () {
  let server: TolkServer | undefined

  afterAll(function () {
    server?.stop()
  })

  it('should keep the heap after 100 full reloads (TOC, template, strings, config) within 24 MiB of the first', { timeout: 300_000 }, async function () {
    const site = copyOfSampleGuide('tolk-dev-memory-')
    // A site's config imports tolk as a package; here node_modules/tolk is this repo.
    mkdirSync(path.join(site, 'node_modules'))
    symlinkSync(repoRoot, path.join(site, 'node_modules', 'tolk'))
    // An ES-module package, as this repo and most sites are (its config loads as ESM).
    writeFileSync(path.join(site, 'package.json'), '{ "type": "module", "private": true }\n')
    const configFile = path.join(site, 'tolk.config.ts')
    writeFileSync(configFile, readFileSync(path.join(repoRoot, 'tolk.config.ts'), 'utf8'))
    const toc = path.join(site, 'content/en-us/TOC.yml')
    const template = path.join(site, 'templates/page.hbs')
    const strings = path.join(site, 'site-strings/en-us.json')
    const originals = new Map([toc, template, strings, configFile].map((file) => [file, readFileSync(file, 'utf8')]))
    /** Each full-reload edit in turn, made different every time; each returns what the page then shows. */
    const edits: Array<(round: number) => string> = [
      (round) => {
        writeFileSync(toc, originals.get(toc)!.replace('- name: Analyze\n', `- name: Analyze (edit ${round})\n`))
        return `Analyze (edit ${round})`
      },
      (round) => {
        writeFileSync(template, originals.get(template)!.replace('</body>', `<!-- edit ${round} --></body>`))
        return `<!-- edit ${round} -->`
      },
      (round) => {
        writeFileSync(strings, originals.get(strings)!.replace('"Incident Response Guide"', `"Incident Response Guide ${round}"`))
        return `Incident Response Guide ${round}<`
      },
      (round) => {
        writeFileSync(configFile, originals.get(configFile)!.replace("siteUrl: 'https://ir-guide.example.org'", `siteUrl: 'https://edit-${round}.example.org'`))
        return `https://edit-${round}.example.org/`
      },
    ]

    server = await startTolkServer('dev', [], site, ['--expose-gc', '--import', heapProbe])
    const page = `${server.baseUrl}/en-us/incident-response/analyze/`
    expect((await fetch(page)).status).toBe(200)
    const heaps: number[] = []
    for (let round = 1; round <= 100; round++) {
      const marker = edits[round % edits.length]!(round)
      await waitForPageWith(page, marker)
      if (round === 1 || round % 25 === 0) heaps.push(await serverHeap(server))
    }
    const [first, ...later] = heaps
    console.log(`tolk dev heap after reloads 1, 25, 50, 75, 100: ${heaps.map((heap) => heap.toFixed(1)).join(', ')} MiB`)
    for (const heap of later) expect(heap - first!).toBeLessThan(24)
  })
})
