/**
 * The layout's geometry in Chromium on the built sample guide: an article
 * with a TOC, a page without a sidebar (the 404 page) and the translation
 * status page, at a phone's and a desktop's width. Nothing scrolls sideways,
 * `main` takes the width a missing sidebar leaves, the h1 is on a phone's
 * first screen, the drawer opens without JavaScript, and the status page
 * has no axe violations.
 */
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../helpers/browser.ts'
import { buildSite, repoRoot } from '../helpers/build-site.ts'
import { axeViolations } from '../helpers/page-checks.ts'
import { useServedSite } from '../helpers/served-site.ts'

const article = 'ar-sa/incident-response/investigate-phishing/'
const noSidebar = 'en-us/404.html'
const status = 'translation-status/'

interface Geometry {
  scrollWidth: number
  innerWidth: number
  innerHeight: number
  main: number
  h1Top: number
  h1Bottom: number
}

describeWithBrowser()('layout geometry of the built sample guide', function () {
  const site = useServedSite(async () => (await buildSite(repoRoot)).outDir, 180_000)

  async function open(page: string, width: number, javaScriptEnabled = true): Promise<Page> {
    const context = await site.browser.newContext({ viewport: { width, height: 720 }, javaScriptEnabled })
    const tab = await context.newPage()
    await tab.goto(`${site.server.baseUrl}${page}`)
    return tab
  }

  function geometry(tab: Page): Promise<Geometry> {
    return tab.evaluate(() => {
      const h1 = document.querySelector('h1')!.getBoundingClientRect()
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth,
        innerHeight,
        main: document.querySelector('main')!.getBoundingClientRect().width,
        h1Top: h1.top,
        h1Bottom: h1.bottom,
      }
    })
  }

  for (const page of [article, noSidebar, status]) {
    it(`should not scroll sideways and show the h1 on a phone's first screen: /${page} at 360 px`, async function () {
      const tab = await open(page, 360)
      try {
        const { scrollWidth, innerWidth, innerHeight, h1Bottom } = await geometry(tab)
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
        expect(h1Bottom).toBeLessThanOrEqual(innerHeight)
      } finally {
        await tab.context().close()
      }
    }, 60_000)
  }

  it('should give main the width beside the sidebar, and the whole width on a page without one, at 1280 px', async function () {
    for (const page of [article, noSidebar]) {
      const tab = await open(page, 1280)
      try {
        const { scrollWidth, innerWidth, main } = await geometry(tab)
        expect(scrollWidth, page).toBeLessThanOrEqual(innerWidth)
        expect(main / innerWidth, page).toBeGreaterThanOrEqual(0.6)
        const sidebar = await tab.evaluate(() => document.querySelector('nav.sidebar')?.getBoundingClientRect().width ?? 0)
        if (page === noSidebar) expect(main).toBe(innerWidth)
        else expect(sidebar, page).toBeGreaterThan(200)
      } finally {
        await tab.context().close()
      }
    }
  }, 60_000)

  it('should keep the sidebar closed on a phone and open it from its summary without JavaScript', async function () {
    const tab = await open(article, 360, false)
    try {
      const sidebar = tab.locator('nav.sidebar')
      expect(await sidebar.isVisible()).toBe(false)
      await tab.locator('details.nav-drawer > summary').click()
      expect(await sidebar.isVisible()).toBe(true)
      expect(await tab.locator('nav.sidebar a[aria-current=page]').isVisible()).toBe(true)
    } finally {
      await tab.context().close()
    }
  }, 60_000)

  it('should have no axe violations on the translation status page at 360 px', async function () {
    const tab = await open(status, 360)
    try {
      const violations = await axeViolations(tab)
      expect(violations).toEqual([])
    } finally {
      await tab.context().close()
    }
  }, 60_000)
})
