/**
 * The canary (issue 10, "Fuzzing and the browser"): sites built from hostile
 * vectors (tests/e2e/hostile-vectors.ts) on every route content reaches a
 * page through, opened in Chromium. Every built HTML page and every copied
 * SVG is loaded, every link and button clicked (links are followed, then the
 * page is loaded again), and `window.__pwned`, which each payload tries to
 * set, must stay unset on every page and frame, with no dialog.
 *
 * Each route's vectors share one site (each vector its own article, SVG or
 * redirect). When the build refuses that site (an error such as
 * `unsafe-url`), every vector of the route is built again in a site of its
 * own, so one error hides no other vector; a refused build publishes nothing,
 * which is safe, and only the rules a vector names may refuse it. Building
 * through `build()`, rather than rendering pages and writing them here, keeps
 * every output step of tolk (such as the copying of SVG assets) under test.
 *
 * Pages are served by a static server on 127.0.0.1 and opened as
 * `https://127.0.0.1:<port>/` (the browser's requests are answered from that
 * server), so a `[!VIDEO]` on the site's own `https:` origin is same-origin as
 * it would be on a real host. Every request to another host is blocked.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { VFile } from 'vfile'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { resolveConfig } from '../../src/config/resolve-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { listFiles } from '../helpers/build-site.ts'
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts'
import { baseFiles, pendingOnOtherBranches, vectors, type Route, type Vector } from './hostile-vectors.ts'

const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-canary-'))
/** The vector list is made again once the server has a port; this one only names them. */
const named = vectors({ origin: 'https://127.0.0.1:0', base: '/' })
const routes = [...new Set(named.map((vector) => vector.route))]

describeWithBrowser()('hostile canary: no vector runs script in Chromium', function () {
  let server: StaticServer
  let origin: string
  let browser: Browser
  const outcomes = new Map<Route, { built: number; refused: number; pending: number }>()

  beforeAll(async function () {
    server = await startStaticServer(root)
    origin = server.baseUrl.replace(/^http:/, 'https:').replace(/\/$/, '')
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, 60_000)

  afterAll(async function () {
    await browser?.close()
    await server?.close()
    rmSync(root, { recursive: true, force: true })
    const total = [...outcomes.values()].reduce((sum, counts) => sum + counts.built + counts.refused + counts.pending, 0)
    console.log(
      `canary: ${total} vectors\n${[...outcomes]
        .map(([route, counts]) => `  ${route}: ${counts.built + counts.refused + counts.pending} (${counts.built} built and opened, ${counts.refused} refused by the build, ${counts.pending} pending on other branches)`)
        .join('\n')}`,
    )
  })

  function count(route: Route, outcome: 'built' | 'refused' | 'pending', by = 1): void {
    const counts = outcomes.get(route) ?? { built: 0, refused: 0, pending: 0 }
    counts[outcome] += by
    outcomes.set(route, counts)
  }

  it('should have at least 60 vectors on every route', function () {
    expect(named.length).toBeGreaterThanOrEqual(60)
    expect(routes).toHaveLength(8)
    expect(new Set(named.map((vector) => vector.id)).size).toBe(named.length)
  })

  for (const route of routes) {
    it(`should run no ${route} vector`, async function () {
      const slug = route.replace(/\W+/g, '-')
      const all = vectors({ origin, base: `/${slug}/` }).filter((vector) => vector.route === route)
      for (const vector of all.filter((vector) => pendingOnOtherBranches.has(vector.id))) {
        console.log(`skipping ${vector.id}: ${pendingOnOtherBranches.get(vector.id)}`)
        count(route, 'pending')
      }
      const active = all.filter((vector) => !pendingOnOtherBranches.has(vector.id))
      // The route's vectors in one site; when the build refuses it, each vector in a site of its own.
      const together = await buildSite(slug, active, origin)
      const sites = together ? [{ slug, outDir: together, size: active.length }] : []
      if (!together) {
        for (const vector of active) {
          const own = vectors({ origin, base: `/${vector.id}/` }).find((candidate) => candidate.id === vector.id)!
          const outDir = await buildSite(vector.id, [own], origin)
          if (outDir) sites.push({ slug: vector.id, outDir, size: 1 })
          else count(route, 'refused')
        }
      }
      const problems: string[] = []
      for (const site of sites) {
        count(route, 'built', site.size)
        problems.push(...(await openEverything(browser, origin, `/${site.slug}/`, site.outDir)))
      }
      expect(problems).toEqual([])
    }, 600_000)
  }
})

/**
 * Build `list`'s files merged into one site at `root/<slug>` (TOCs appended,
 * JSON files merged); `undefined` when the build refused it with rules every
 * vector allows, and a thrown error when it failed otherwise.
 */
async function buildSite(slug: string, list: Vector[], origin: string): Promise<string | undefined> {
  const siteDir = path.join(root, 'sites', slug)
  const files: Record<string, string> = { ...baseFiles }
  for (const vector of list) {
    for (const [relPath, text] of Object.entries(vector.files)) {
      const previous = files[relPath]
      if (previous === undefined) files[relPath] = text
      else if (relPath.endsWith('TOC.yml')) files[relPath] = `${previous.trimEnd()}\n${text}`
      else if (relPath.endsWith('.json')) files[relPath] = JSON.stringify(mergeJson(JSON.parse(previous), JSON.parse(text)))
      else files[relPath] = text
    }
  }
  for (const [relPath, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(siteDir, relPath)), { recursive: true })
    writeFileSync(path.join(siteDir, relPath), text)
  }
  const codes = [...new Set(list.flatMap((vector) => vector.locales ?? ['en-us']))]
  const { config, file } = resolveConfig(
    { siteUrl: origin, base: `/${slug}/`, defaultLocale: 'en-us', locales: Object.fromEntries(codes.map((code) => [code, {}])), outDir: path.join(root, slug) },
    new VFile({ path: path.join(siteDir, 'tolk.config.ts'), value: '' }),
    siteDir,
  )
  if (!config) throw new Error(file.messages.map((message) => formatHuman(message)).join('\n'))
  const result = await build(config, { write: true })
  if (result.written) return config.outDir
  const errors = result.messages.filter((message) => message.fatal)
  const allowed = new Set(list.flatMap((vector) => vector.refusedWith ?? []))
  const unexpected = errors.filter((message) => !allowed.has(String(message.ruleId)))
  if (unexpected.length > 0) throw new Error(`build of ${slug} failed:\n${unexpected.map((message) => formatHuman(message, { cwd: siteDir })).join('\n')}`)
  console.log(`${slug}: refused by the build (${[...new Set(errors.map((message) => message.ruleId))].join(', ')})`)
  return undefined
}

function mergeJson(a: unknown, b: unknown): unknown {
  const left = a as { redirections?: unknown[] }
  const right = b as { redirections?: unknown[] }
  if (Array.isArray(left.redirections) && Array.isArray(right.redirections)) return { redirections: [...left.redirections, ...right.redirections] }
  return { ...(a as object), ...(b as object) }
}

/**
 * Open every HTML page and SVG of a built site, click every distinct link and
 * every button on each, and return what went wrong: a set canary, a dialog.
 */
async function openEverything(browser: Browser, origin: string, base: string, outDir: string): Promise<string[]> {
  const problems: string[] = []
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const port = new URL(origin).port
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.hostname !== '127.0.0.1' || url.port !== port) return route.abort('blockedbyclient').catch(() => undefined)
    // https://127.0.0.1:<port>/… is answered by the http server on that port.
    // A click that leaves the page cancels its requests still on the way (the
    // feature chunks a page loads after it shows): fetching or fulfilling one
    // then throws, which is no finding.
    try {
      const response = await route.fetch({ url: `http://127.0.0.1:${port}${url.pathname}${url.search}` })
      await route.fulfill({ response })
    } catch {
      await route.abort().catch(() => undefined)
    }
  })
  const watch = (page: Page) => {
    page.on('dialog', (dialog) => {
      problems.push(`dialog "${dialog.message()}" on ${page.url()}`)
      void dialog.dismiss().catch(() => undefined)
    })
  }
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  watch(page)
  // A link or script that opens another tab: read its canary too, then close it.
  context.on('page', async (popup) => {
    if (popup === page) return
    watch(popup)
    await popup.waitForLoadState().catch(() => undefined)
    await checkCanary(popup, problems, 'popup')
    await popup.close().catch(() => undefined)
  })
  try {
    const clicked = new Set<string>()
    const files = listFiles(outDir).filter((file) => /\.(html|svg)$/.test(file))
    for (const file of files) {
      const url = `${origin}${base}${file.replace(/(^|\/)index\.html$/, '$1')}`
      await load(page, url)
      await checkCanary(page, problems, url)
      if (!file.endsWith('.html')) continue
      const targets = await page.evaluate(() => {
        const all = (selector: string) => Array.from(Document.prototype.querySelectorAll.call(document, selector)) as HTMLElement[]
        return { links: all('a[href], area[href]').map((link) => (link as HTMLAnchorElement).href), buttons: all('button, input[type=submit], input[type=button]').length }
      })
      for (const [index, href] of targets.links.entries()) {
        if (clicked.has(href)) continue
        clicked.add(href)
        await activate(page, url, 'a[href], area[href]', index)
        await checkCanary(page, problems, `${url} after clicking ${href}`)
      }
      for (let index = 0; index < targets.buttons; index++) {
        await activate(page, url, 'button, input[type=submit], input[type=button]', index)
        await checkCanary(page, problems, `${url} after clicking button ${index}`)
      }
    }
  } finally {
    await context.close()
  }
  return problems
}

async function load(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 15_000 }).catch(() => undefined)
}

/** Click the `index`-th match of `selector` on `url` (loaded again if a click left it), as a reader would, hidden or not. */
async function activate(page: Page, url: string, selector: string, index: number): Promise<void> {
  if (page.url() !== url) await load(page, url)
  await page
    .evaluate(
      ([selector, index]) => {
        const element = Document.prototype.querySelectorAll.call(document, selector as string)[index as number] as HTMLElement | undefined
        element?.click()
      },
      [selector, index] as const,
    )
    .catch(() => undefined)
  // Let a navigation or a javascript: URL run before the canary is read.
  await page.waitForLoadState('load', { timeout: 5_000 }).catch(() => undefined)
  await page.waitForTimeout(30)
}

/** `__pwned` in the page and each of its frames. */
async function checkCanary(page: Page, problems: string[], where: string): Promise<void> {
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned).catch(() => undefined)
    if (value !== undefined) problems.push(`__pwned=${String(value)} in ${frame === page.mainFrame() ? 'page' : `frame ${frame.url()}`} at ${where}`)
  }
}

