/**
 * The writer's loop in a real browser: `tolk dev` serves the sample guide,
 * and edits on disk show up in the open pages without a manual reload;
 * broken front matter shows an error banner with its line, and fixing it
 * brings the page back.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { copyOfSampleGuide } from '../helpers/build-site.ts'
import { startTolkServer, type TolkServer } from '../helpers/tolk-server.ts'

const wait = { timeout: 20_000 }

describeWithBrowser()('tolk dev in Chromium', function () {
  let site: string
  let server: TolkServer
  let baseUrl: string
  let browser: Browser
  let analyze: Page
  let prepare: Page
  const article = () => path.join(site, 'content/en-us/incident-response/analyze.md')
  const include = () => path.join(site, 'content/en-us/incident-response/includes/applies-to.md')

  beforeAll(async function () {
    site = copyOfSampleGuide('tolk-dev-')
    server = await startTolkServer('dev', [], site)
    baseUrl = server.baseUrl
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    analyze = await browser.newPage()
    prepare = await browser.newPage()
    await analyze.goto(`${baseUrl}/en-us/incident-response/analyze/`)
    await prepare.goto(`${baseUrl}/en-us/incident-response/prepare/`)
  }, 60_000)

  afterAll(async function () {
    await browser?.close()
    server?.stop()
  })

  it('should serve the article at its build URL', async function () {
    expect(await analyze.locator('html').getAttribute('lang')).toBe('en-US')
    expect(await analyze.locator('article h1').textContent()).toBe('Analyze an incident')
    expect(await analyze.locator('#tolk-dev-overlay').count()).toBe(0)
  })

  it('should show an edit of the article without a manual reload', async function () {
    writeFileSync(article(), `${readFileSync(article(), 'utf8')}\nA sentence added while the page was open.\n`)
    await analyze.getByText('A sentence added while the page was open.').waitFor(wait)
  })

  it('should update every open page that uses a changed include', async function () {
    writeFileSync(include(), readFileSync(include(), 'utf8').replace('**Applies to:**', '**Applies to (edited):**'))
    await analyze.getByText('Applies to (edited):').waitFor(wait)
    await prepare.getByText('Applies to (edited):').waitFor(wait)
  })

  it('should show broken front matter in the page with its line, and recover when fixed', async function () {
    const good = readFileSync(article(), 'utf8')
    writeFileSync(article(), good.replace(/^title: .*$/m, 'title: [unclosed'))
    const overlay = analyze.locator('#tolk-dev-overlay')
    await analyze.locator('#tolk-dev-overlay', { hasText: '[front-matter-yaml]' }).waitFor(wait)
    const text = await overlay.textContent()
    expect(text).toMatch(/content\/en-us\/incident-response\/analyze\.md:\d+:\d+/)
    expect(text).toContain('[front-matter-yaml]')
    // The error points at the unclosed `[` on the title line.
    const titleLine = good.split('\n').findIndex((line) => line.startsWith('title:')) + 1
    expect(text).toContain(`analyze.md:${titleLine}:8`)
    writeFileSync(article(), good)
    await overlay.waitFor({ state: 'detached', ...wait })
    expect(await analyze.locator('article h1').textContent()).toBe('Analyze an incident')
  })

  it('should refuse requests that leave the served roots', async function () {
    for (const target of ['/tolk.config.ts', '/%2e%2e/%2e%2e/etc/passwd', '/en-us/..%2f..%2ftolk.config.ts', '/content/en-us/index.md']) {
      const response = await fetch(`${baseUrl}${target}`)
      expect(response.status, target).toBe(404)
    }
  })
})
