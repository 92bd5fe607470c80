/**
 * Code blocks in Chromium (issue 13, part 3): the copy button copies exactly
 * the code (not its language label, not the highlighted-line labels) and says
 * so through a status region, in the page's language; it is a real button a
 * keyboard reaches and absent without script; long lines scroll inside the
 * box, never widening a 320 px page; axe finds nothing in light or dark.
 */
import { createRequire } from 'node:module'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { VFile } from 'vfile'
import { expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { resolveConfig } from '../../src/config/resolve-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { describeWithBrowser } from '../helpers/browser.ts'
import { useServedSite } from '../helpers/served-site.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

const kql = [
  '// Sign-ins from new countries, the last 7 days',
  'let known = SigninLogs | where TimeGenerated between (ago(30d) .. ago(1d)) | distinct UserPrincipalName, Location;',
  'SigninLogs',
  '| where TimeGenerated > ago(7d) and ResultType == "0"',
  '| join kind=leftanti known on UserPrincipalName, Location',
  '| project TimeGenerated, UserPrincipalName, Location, IPAddress, AppDisplayName, DeviceDetail, ConditionalAccessStatus',
].join('\n')

const powershell = [
  '# Export forwarding rules',
  '$mailbox = "ops@contoso.com"',
  'Get-InboxRule -Mailbox $mailbox | Where-Object { $_.ForwardTo -or $_.RedirectTo } |',
  '\tSelect-Object Name, ForwardTo, RedirectTo, @{n="Enabled";e={$_.Enabled}} | Export-Csv -Path rules.csv -NoTypeInformation',
].join('\n')

const article = `---
title: Hunting queries
---

# Hunting queries

Run \`Get-InboxRule\` or read the [\`rules.csv\`](#export) file.

:::code language="kusto" source="new-country.kql" highlight="4":::

## Export

\`\`\`powershell
${powershell}
\`\`\`

\`\`\`azurecli
az login --tenant contoso.onmicrosoft.com
\`\`\`

\`\`\`console
$ whoami
analyst
\`\`\`

\`\`\`json
{ "severity": 1, "open": true, "owner": null }
\`\`\`

\`\`\`
plain text without a language
\`\`\`
`

describeWithBrowser()('code blocks in the browser', function () {
  const site = useServedSite(async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-code-'))
    mkdirSync(path.join(dir, 'content', 'nl-nl'), { recursive: true })
    writeFileSync(path.join(dir, 'content', 'nl-nl', 'index.md'), article)
    writeFileSync(path.join(dir, 'content', 'nl-nl', 'new-country.kql'), `${kql}\n`)
    const { config, file } = resolveConfig(
      { defaultLocale: 'nl-nl', locales: { 'nl-nl': {} }, outDir: 'dist' },
      new VFile({ path: path.join(dir, 'tolk.config.ts'), value: '' }),
      dir,
    )
    if (!config) throw new Error(file.messages.map((message) => formatHuman(message)).join('\n'))
    const result = await build(config, { write: true })
    if (!result.written) throw new Error(result.messages.map((message) => formatHuman(message)).join('\n'))
    return config.outDir
  }, 120_000)
  const url = (): string => `${site.server.baseUrl}nl-nl/`

  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await site.browser.newContext(options)
    const page = await context.newPage()
    await page.goto(url())
    return page
  }

  it('should copy exactly the code with the button, by mouse and by keyboard, and announce it in Dutch', async function () {
    const page = await open()
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url()).origin })
    const buttons = page.locator('.code-block .code-copy')
    await expect.poll(() => buttons.count()).toBe(6)
    const kqlBox = page.locator('.code-block').nth(0)
    expect(await kqlBox.locator('.code-language').textContent()).toBe('KQL')
    const button = kqlBox.getByRole('button', { name: 'Kopiëren' })
    await button.click()
    // The button says so for two seconds; the status region keeps the message.
    await expect.poll(() => kqlBox.locator('.code-copy').textContent()).toBe('Gekopieerd')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(kql)
    await expect.poll(() => page.locator('.code-copy-status[role=status]').textContent()).toBe('Gekopieerd')

    // The PowerShell box, from the keyboard: its tab and the trailing spaces of no line are lost.
    const psButton = page.locator('.code-block').nth(1).locator('.code-copy')
    await psButton.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(powershell)

    // A box without a language gets its button in a header of its own.
    await page.locator('.code-block').nth(5).locator('.code-copy').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('plain text without a language')
    await page.context().close()
  })

  it('should show the code without a copy button when script is off', async function () {
    const page = await open({ javaScriptEnabled: false })
    expect(await page.locator('.code-block').count()).toBe(6)
    expect(await page.locator('.code-copy, .code-copy-status').count()).toBe(0)
    expect(await page.locator('.code-block pre').first().isVisible()).toBe(true)
    await page.context().close()
  })

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`should scroll long lines inside a focusable box at 320 px and pass axe in ${colorScheme}`, async function () {
      const page = await open({ colorScheme, viewport: { width: 320, height: 800 } })
      await expect.poll(() => page.locator('.code-copy').count()).toBe(6)
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: innerWidth,
        overflowing: [...document.querySelectorAll('.code-block > pre')].filter((pre) => pre.scrollWidth > pre.clientWidth).length,
      }))
      expect(widths.page).toBeLessThanOrEqual(widths.viewport)
      expect(widths.overflowing).toBeGreaterThanOrEqual(2)
      // Tokens take the colour of the scheme: a keyword is not the same colour in both.
      const keyword = await page.locator('.code-block pre.shiki span[style*="--shiki-dark"]').nth(1).evaluate((span) => [getComputedStyle(span).color, span.getAttribute('style')])
      expect(keyword[1]).toContain(colorScheme === 'dark' ? '--shiki-dark' : '--shiki-light')
      const expected = /--shiki-(light|dark):(#[0-9A-F]{6})/g
      const declared = Object.fromEntries([...keyword[1]!.matchAll(expected)].map((match) => [match[1], match[2]]))
      expect(toHex(keyword[0]!)).toBe(declared[colorScheme]!.toLowerCase())
      await page.addScriptTag({ content: axeSource })
      const { violations, tokensChecked } = await page.evaluate(async () => {
        type Result = { id: string; nodes: Array<{ target: string[] }> }
        const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']
        const all = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
        // axe cannot tell the colour under text on a gradient (the scroll cue), so it skips code
        // tokens; without the cue it measures each of them on the box colour.
        for (const pre of document.querySelectorAll<HTMLElement>('.code-block > pre')) pre.style.backgroundImage = 'none'
        const code = await axe.run({ include: [['.code-block']] }, { runOnly: { type: 'rule', values: ['color-contrast'] } })
        return {
          violations: [...all.violations, ...code.violations].map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
          tokensChecked: code.passes.flatMap((pass) => pass.nodes).length,
        }
      })
      expect(violations).toEqual([])
      expect(tokensChecked).toBeGreaterThan(40)
      await page.context().close()
    })
  }
})

/** `rgb(207, 34, 46)` → `#cf222e`. */
function toHex(rgb: string): string {
  const channels = rgb.match(/\d+/g)!.slice(0, 3).map(Number)
  return `#${channels.map((value) => value.toString(16).padStart(2, '0')).join('')}`
}
