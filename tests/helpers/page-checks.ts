/**
 * The reader-experience checks of issue #13 on one built page in Chromium:
 * no sideways scrolling, a wide enough `main` on a desktop, the h1 on the
 * first screen of a phone and no axe-core violations. Each check gives a
 * list of problems (empty when the page passes), so a failing test names
 * what is wrong, where; the page's screenshot is saved beside them.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** The axe tags the checks run: WCAG 2.0 and 2.1, levels A and AA (as the old accessibility test). */
export const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface Viewport {
  width: number
  height: number
}

/** A phone, a tablet and a desktop; the phone's height is the one the h1 check is about. */
export const viewports: Record<number, Viewport> = {
  360: { width: 360, height: 740 },
  768: { width: 768, height: 1024 },
  1280: { width: 1280, height: 800 },
}

export type Scheme = 'light' | 'dark'

export interface PageChecks {
  /** Elements wider than the viewport, when the document scrolls sideways. */
  overflow: string[]
  /** When the viewport is wider than 60rem: `main` narrower than 60 % of it. */
  mainWidth: string[]
  /** On a phone: the h1 missing or starting below the first screen. */
  h1: string[]
  /** axe-core violations: `rule (impact): selector, …`. */
  axe: string[]
}

export const noProblems: PageChecks = { overflow: [], mainWidth: [], h1: [], axe: [] }

export interface CheckOptions {
  viewport: Viewport
  scheme: Scheme
  /** Where to save a full-page PNG. */
  screenshot?: string
  /** A script run in the page before the checks (for tests that the checks can fail). */
  prepare?: string
  /**
   * Check the page that was asked for, not where it sends the reader: a
   * redirect page's meta refresh is taken out, and the root language page
   * gets a browser language the site does not have (Zulu) (so its script stays).
   */
  stay?: boolean
}

/** Open `url` in a fresh context of `browser` and run the checks. */
export async function checkPage(browser: Browser, url: string, options: CheckOptions): Promise<PageChecks> {
  const opened = await openPage(browser, url, options)
  try {
    return await checkOpenPage(opened.page, options)
  } finally {
    await opened.close()
  }
}

export interface OpenPage {
  page: Page
  close: () => Promise<void>
}

/**
 * Load `url` once in a fresh context, to check it at several widths and in
 * both schemes (`checkOpenPage`): a new renderer and a page load per check
 * cost more than the checks themselves.
 */
export async function openPage(browser: Browser, url: string, options: Pick<CheckOptions, 'viewport' | 'scheme' | 'stay'>): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: options.viewport, colorScheme: options.scheme, ...(options.stay ? { locale: 'zu-ZA' } : {}) })
  try {
    const page = await context.newPage()
    if (options.stay) {
      await page.route(url, async (route) => {
        // The context may close with the request still on the way; then it cannot be answered.
        try {
          const response = await route.fetch()
          await route.fulfill({ response, body: (await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/i, '') })
        } catch {
          await route.abort().catch(() => undefined)
        }
      })
    }
    // networkidle: feature chunks the page module imports on demand have loaded and laid out.
    const response = await page.goto(url, { waitUntil: 'networkidle' })
    if (!response) throw new Error(`no response for ${url}`)
    return { page, close: () => context.close() }
  } catch (error) {
    await context.close()
    throw error
  }
}

/**
 * Check a loaded page at `options.viewport` and `options.scheme`. The page
 * is resized and its colour scheme switched in place; the layout and the
 * drawers follow media queries (client/features/drawers.ts listens for
 * their changes), so this is what a fresh load at that size shows.
 */
export async function checkOpenPage(page: Page, options: CheckOptions): Promise<PageChecks> {
  await page.setViewportSize(options.viewport)
  await page.emulateMedia({ colorScheme: options.scheme })
  // Two frames: media-query listeners have run and the new layout is painted.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  if (options.prepare) await page.evaluate(options.prepare)
  const checks = await measure(page, options.viewport)
  if (options.screenshot) {
    mkdirSync(path.dirname(options.screenshot), { recursive: true })
    await page.screenshot({ path: options.screenshot, fullPage: true })
  }
  return checks
}

async function measure(page: Page, viewport: Viewport): Promise<PageChecks> {
  const layout = await page.evaluate((desktop) => {
    const root = document.documentElement
    const innerWidth = root.clientWidth
    const innerHeight = window.innerHeight
    /** A short CSS path for an element, enough to find it in the page. */
    const describe = (element: Element): string => {
      const parts: string[] = []
      for (let node: Element | null = element; node && node !== root && node !== document.body && parts.length < 4; node = node.parentElement) {
        const id = node.id ? `#${node.id}` : ''
        const classes = [...node.classList].slice(0, 2).map((name) => `.${name}`).join('')
        parts.unshift(`${node.localName}${id}${classes}`)
        if (id) break
      }
      return parts.join(' > ')
    }
    /** Content of a box that scrolls or clips (a code block, a table) does not widen the page. */
    const insideScrollBox = (element: Element): boolean => {
      for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') return true
      }
      return false
    }
    const overflow: string[] = []
    if (root.scrollWidth > window.innerWidth) {
      overflow.push(`document is ${root.scrollWidth}px wide in a ${window.innerWidth}px viewport`)
      // The outermost elements sticking out (their descendants stick out with them).
      const rtl = getComputedStyle(root).direction === 'rtl'
      const culprits: string[] = []
      for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect()
        if (box.width === 0 && box.height === 0) continue
        const out = rtl ? box.left < -0.5 : box.right > innerWidth + 0.5
        if (!out || insideScrollBox(element)) continue
        const parent = element.parentElement
        if (parent && parent !== document.body) {
          const parentBox = parent.getBoundingClientRect()
          if (rtl ? parentBox.left < -0.5 : parentBox.right > innerWidth + 0.5) continue
        }
        culprits.push(`${describe(element)} (${Math.round(box.width)}px)`)
        if (culprits.length === 5) break
      }
      overflow.push(...culprits)
    }
    const mainWidth: string[] = []
    const main = document.querySelector('main')
    if (desktop) {
      if (!main) mainWidth.push('no <main>')
      else {
        const width = main.getBoundingClientRect().width
        if (width < 0.6 * window.innerWidth) mainWidth.push(`main is ${Math.round(width)}px, ${Math.round((100 * width) / window.innerWidth)} % of ${window.innerWidth}px`)
      }
    }
    const h1 = document.querySelector('h1')
    const h1Top = h1 && h1.getClientRects().length > 0 ? h1.getBoundingClientRect().top + window.scrollY : undefined
    return { overflow, mainWidth, h1Top, innerHeight }
  }, viewport.width > 960)

  const h1: string[] = []
  if (viewport.width <= 480) {
    if (layout.h1Top === undefined) h1.push('no visible h1')
    else if (layout.h1Top >= layout.innerHeight) h1.push(`h1 starts ${Math.round(layout.h1Top)}px down, below the first ${layout.innerHeight}px`)
  }

  const axe = await axeViolations(page)

  return { overflow: layout.overflow, mainWidth: layout.mainWidth, h1, axe }
}

/**
 * axe-core's WCAG 2.0/2.1 A/AA violations on `page`, one line each:
 * `rule (impact): selector, …` (at most five selectors).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Once per page: the same page is checked at several widths and schemes.
  if (!(await page.evaluate(() => typeof (globalThis as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.addScriptTag({ content: axeSource })
  return page.evaluate(async (tags) => {
    interface AxeResult { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }
    const runner = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResult> } }).axe
    const result = await runner.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map((violation) => {
      const targets = violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' '))
      const more = violation.nodes.length > 5 ? ` … (${violation.nodes.length} nodes)` : ''
      return `${violation.id} (${violation.impact ?? 'unknown'}): ${targets.join(', ')}${more}`
    })
  }, axeTags)
}

/** Run `task`s at most `limit` at a time; each call returns its own task's promise. */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: Array<() => void> = []
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      running--
      waiting.shift()?.()
    }
  }
}
