/**
 * The reader's theme, place and printout on the built sample guide, in
 * Debian's Chromium: the dark theme (from the system, and from the remembered
 * chooser) with no axe violations, "In this article" marking the section being
 * read, and the print stylesheet printing only the article with every tab panel.
 */
import type { BrowserContextOptions, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../helpers/browser.ts'
import { buildSite, repoRoot } from '../helpers/build-site.ts'
import { axeViolations } from '../helpers/page-checks.ts'
import { useServedSite } from '../helpers/served-site.ts'

const article = 'en-us/incident-response/analyze/'
/** A fallback-free Dutch page with a translation notice and tab groups. */
const tabsPage = 'nl-nl/incident-response/investigate-phishing/'
const externalLinkPage = 'en-us/incident-response/post-incident-review/'

describeWithBrowser()('reader theme, outline and print', function () {
  const site = useServedSite(async () => (await buildSite(repoRoot)).outDir, 300_000)

  async function open(page: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, ...options })
    const tab = await context.newPage()
    await tab.goto(`${site.server.baseUrl}${page}`)
    return tab
  }

  const background = (tab: Page): Promise<string> => tab.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const dataTheme = (tab: Page): Promise<string | null> => tab.evaluate(() => document.documentElement.getAttribute('data-theme'))

  it('should follow a dark system theme, with no axe violations', async function () {
    for (const page of [article, tabsPage]) {
      const tab = await open(page, { colorScheme: 'dark' })
      expect(await dataTheme(tab)).toBeNull()
      expect(await background(tab)).toBe('rgb(20, 21, 26)')
      expect(await axeViolations(tab)).toEqual([])
      await tab.context().close()
    }
  }, 120_000)

  it('should remember the dark theme chosen in the header across a reload', async function () {
    const tab = await open(article, { colorScheme: 'light' })
    expect(await background(tab)).toBe('rgb(255, 255, 255)')
    const chooser = tab.getByRole('combobox', { name: 'Theme' })
    await chooser.waitFor({ state: 'visible' })
    await chooser.selectOption('dark')
    expect(await dataTheme(tab)).toBe('dark')
    expect(await background(tab)).toBe('rgb(20, 21, 26)')
    await tab.reload()
    expect(await dataTheme(tab)).toBe('dark')
    expect(await background(tab)).toBe('rgb(20, 21, 26)')
    await expect.poll(() => chooser.inputValue()).toBe('dark')
    expect(await axeViolations(tab)).toEqual([])
    // Back to the system's choice: nothing stored, the light system theme shows.
    await chooser.selectOption('auto')
    expect(await dataTheme(tab)).toBeNull()
    expect(await tab.evaluate(() => localStorage.getItem('tolk.theme'))).toBeNull()
    expect(await background(tab)).toBe('rgb(255, 255, 255)')
    await tab.context().close()
  }, 120_000)

  it('should keep the chooser hidden without script, as it cannot work then', async function () {
    const tab = await open(article, { javaScriptEnabled: false })
    expect(await tab.locator('.theme-toggle').isHidden()).toBe(true)
    await tab.context().close()
  })

  it('should mark the outline link of the section being read', async function () {
    const tab = await open(article)
    const current = (): Promise<string[]> =>
      tab.evaluate(() => [...document.querySelectorAll('.in-this-article a[aria-current="true"]')].map((link) => link.getAttribute('href')!))
    const ids = await tab.evaluate(() => [...document.querySelectorAll('.in-this-article a')].map((link) => link.getAttribute('href')!))
    expect(ids.length).toBeGreaterThanOrEqual(4)
    // Following an outline link marks that section, not the one after it.
    await tab.locator(`.in-this-article a[href="${ids[2]}"]`).click()
    await expect.poll(current).toEqual([ids[2]])
    await tab.locator(`.in-this-article a[href="${ids[1]}"]`).click()
    await expect.poll(current).toEqual([ids[1]])
    // Reading on: the next heading passes the top of the window.
    await tab.evaluate((id) => window.scrollBy(0, document.getElementById(decodeURIComponent(id.slice(1)))!.getBoundingClientRect().top - 40), ids[3]!)
    await expect.poll(current).toEqual([ids[3]])
    await tab.context().close()
  })

  it('should print only the article, every tab panel under its title, on white', async function () {
    const tab = await open(tabsPage, { colorScheme: 'dark' })
    await tab.locator('.tabs.is-enhanced').first().waitFor()
    expect(await tab.locator('.tab-panel[hidden]').count()).toBeGreaterThan(0)
    await tab.emulateMedia({ media: 'print' })
    const display = (selector: string): Promise<string[]> =>
      tab.evaluate((css) => [...document.querySelectorAll(css)].map((element) => getComputedStyle(element).display), selector)
    for (const selector of ['.skip-link', '.site-header', '.sidebar', '.breadcrumbs', '.pagination', '.in-this-article', '.site-footer', '.tab-list', '.heading-link']) {
      const values = await display(selector)
      expect(values.length, selector).toBeGreaterThan(0)
      expect(new Set(values), selector).toEqual(new Set(['none']))
    }
    expect(await display('.notice')).not.toContain('none')
    expect(await display('.tab-panel')).not.toContain('none')
    const titles = await tab.evaluate(() => [...document.querySelectorAll('.tab-panel > .tab-title')].map((title) => title.getBoundingClientRect().width))
    expect(titles.length).toBeGreaterThan(1)
    expect(titles.every((width) => width > 1)).toBe(true)
    expect(await background(tab)).toBe('rgb(255, 255, 255)')
    expect(await tab.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)')
    // Long code lines wrap on paper instead of being cut off.
    expect(new Set(await tab.evaluate(() => [...document.querySelectorAll('article pre')].map((pre) => getComputedStyle(pre).whiteSpace)))).toEqual(new Set(['pre-wrap']))
    const pdf = await tab.pdf()
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await tab.context().close()
  }, 120_000)

  it('should print the address of an external link', async function () {
    const tab = await open(externalLinkPage)
    await tab.emulateMedia({ media: 'print' })
    const after = await tab.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('article a[href^="https://"]')!
      return [link.getAttribute('href'), getComputedStyle(link, '::after').content]
    })
    expect(after[1]).toBe(`" (${after[0]})"`)
    await tab.context().close()
  })
})
