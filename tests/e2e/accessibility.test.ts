/**
 * Built pages checked with axe-core in Debian's Chromium: the sample guide's
 * article, fallback, right-to-left, 404 and root pages have no WCAG 2.1 A/AA
 * violations that axe can detect.
 */
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { buildSite, repoRoot } from '../helpers/build-site.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const pages = [
  'en-us/incident-response/analyze/',
  'da-dk/incident-response/remediate/',
  'nl-nl/incident-response/investigate-identity-attacks/',
  'ar-sa/incident-response/',
  'en-us/incident-response/investigate-phishing/',
  'en-us/404.html',
  '',
]

describeWithBrowser()('accessibility of the built sample guide', function () {
  let server: Server
  let baseUrl: string
  let browser: Browser

  beforeAll(async function () {
    const { outDir } = await buildSite(repoRoot)
    // A minimal static server over the build: folders serve their index.html.
    server = createServer((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
      const file = path.join(outDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
      try {
        const body = readFileSync(file)
        const type = file.endsWith('.css') ? 'text/css' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.svg') ? 'image/svg+xml' : 'text/html; charset=utf-8'
        response.writeHead(200, { 'content-type': type }).end(body)
      } catch {
        response.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, 60_000)

  afterAll(async function () {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  /** axe's WCAG 2.1 A/AA violations on a page, after `prepare` changed it (if given). */
  async function violationsOf(page: string, prepare?: string): Promise<string[]> {
    const tab = await browser.newPage()
    try {
      await tab.goto(`${baseUrl}${page}`)
      if (prepare) await tab.evaluate(prepare)
      await tab.addScriptTag({ content: axeSource })
      return await tab.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
        return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
      })
    } finally {
      await tab.close()
    }
  }

  it('should catch a violation when there is one (an image without alt text)', async function () {
    const violations = await violationsOf(pages[0]!, "document.querySelector('article').append(Object.assign(document.createElement('img'), { src: 'x.png' }))")
    expect(violations.some((violation) => violation.startsWith('image-alt:'))).toBe(true)
  })

  for (const page of pages) {
    it(`should have no axe violations on /${page}`, async function () {
      expect(await violationsOf(page)).toEqual([])
    })
  }
})
