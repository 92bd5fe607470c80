/**
 * DOM clobbering (issue 10, item 12): elements named or id'd like DOM API
 * members (`<img name="querySelectorAll">`, `<a id="location">`,
 * `<div id="addEventListener">` …) must not break tolk's page scripts. Two
 * layers: the sanitizer drops `name` (so a built page has no named element),
 * and tolk's client code (client/dom.ts) never read named properties of `document` or
 * `window` — proved by injecting the unsanitized elements into a built page.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { VFile } from 'vfile'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { resolveConfig } from '../../src/config/resolve-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { startStaticServer, type StaticServer } from '../helpers/static-server.ts'

/** Elements that clobber `document.*` (names) and `window.*` (ids) when they reach a page. */
const clobberingHtml = [
  '<img alt="" name="querySelectorAll">',
  '<img alt="" name="getElementById">',
  '<img alt="" name="createElement">',
  '<img alt="" name="cookie">',
  '<a id="location"></a>',
  '<form name="body"><input name="elements"></form>',
  '<div id="__proto__">proto</div>',
  '<div id="addEventListener">listener</div>',
].join('\n')

const article = `---
title: Clobbered page
---

# Clobbered page

${clobberingHtml}

## Steps

### [Portal](#tab/portal)

Open the portal.

### [PowerShell](#tab/powershell)

Run the cmdlet.

---

Done.

\`\`\`powershell
Get-InboxRule -Mailbox ops@contoso.com
\`\`\`
`

describeWithBrowser()('client scripts under DOM clobbering', function () {
  let server: StaticServer
  let browser: Browser

  beforeAll(async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-clobber-'))
    for (const locale of ['en-us', 'da-dk']) {
      mkdirSync(path.join(dir, 'content', locale), { recursive: true })
      writeFileSync(path.join(dir, 'content', locale, 'index.md'), article)
    }
    const { config, file } = resolveConfig(
      { defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': {} }, outDir: 'dist' },
      new VFile({ path: path.join(dir, 'tolk.config.ts'), value: '' }),
      dir,
    )
    if (!config) throw new Error(file.messages.map((message) => formatHuman(message)).join('\n'))
    const result = await build(config, { write: true })
    if (!result.written) throw new Error(result.messages.map((message) => formatHuman(message)).join('\n'))
    server = await startStaticServer(config.outDir)
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, 60_000)

  afterAll(async function () {
    await browser?.close()
    await server?.close()
  })

  /** A page that records script errors; `inject` puts raw HTML at the start of `<body>`, past the sanitizer. */
  async function open(url: string, inject?: string, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    if (inject) {
      await page.route('**/*', async (route) => {
        // A request still on the way when the test closes its context (the
        // favicon, a feature chunk) cannot be fetched or answered any more.
        try {
          const response = await route.fetch()
          const type = response.headers()['content-type'] ?? ''
          if (!type.startsWith('text/html')) return await route.fulfill({ response })
          const body = (await response.text()).replace('<body>', `<body>\n${inject}\n`)
          return await route.fulfill({ response, body })
        } catch {
          return await route.abort().catch(() => undefined)
        }
      })
    }
    await page.goto(url)
    return { page, errors }
  }

  async function expectTabsWork(page: Page): Promise<void> {
    const tabs = page.getByRole('tab')
    await expect.poll(() => tabs.count()).toBe(2)
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true')
    await tabs.nth(1).click()
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true')
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('false')
    const panels = page.locator('section.tab-panel')
    expect(await panels.nth(1).isVisible()).toBe(true)
    expect(await panels.nth(0).isVisible()).toBe(false)
  }

  it('should build the page without a named element or a form', async function () {
    const { page, errors } = await open(`${server.baseUrl}en-us/`)
    expect(await page.locator('article [name], article form').count()).toBe(0)
    expect(await page.locator('article #__proto__, article #addEventListener, article #location').count()).toBe(3)
    await expectTabsWork(page)
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('should keep the tabs working when clobbering elements reach the page unsanitized', async function () {
    const { page, errors } = await open(`${server.baseUrl}en-us/`, clobberingHtml)
    // The injected elements do clobber: the script must not have relied on these.
    expect(await page.evaluate(() => [typeof document.querySelectorAll, typeof document.getElementById, typeof document.createElement])).toEqual(['object', 'object', 'object'])
    await expectTabsWork(page)
    // copy-code.ts made its button and status region without the clobbered methods.
    await expect.poll(() => page.locator('.code-block .code-copy').count()).toBe(1)
    expect(await page.locator('.code-copy-status[role=status]').count()).toBe(1)
    // The hash handler was registered too: a hash into the first panel selects it again.
    await page.evaluate(() => {
      location.hash = Document.prototype.querySelector.call(document, 'section.tab-panel')!.id
    })
    await expect.poll(() => page.getByRole('tab').nth(0).getAttribute('aria-selected')).toBe('true')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('should still send a reader from the root page to their language under clobbering', async function () {
    const { page, errors } = await open(server.baseUrl, clobberingHtml, 'da-DK')
    await page.waitForURL(`${server.baseUrl}da-dk/`)
    expect(errors).toEqual([])
    // The Danish page may still be fetching its feature chunks (tabs, copy-code) through the route.
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await page.context().close()
  })
})
