/**
 * A Landing page, alerts and a task list as a reader's browser shows them
 * (Debian's Chromium, axe-core): the Landing fixture's cards and, when
 * `../shared` is there, a real Landing page of the Dutch corpus; an article
 * with the five alerts, a task list and a raw link whose text is its URL.
 * axe finds no WCAG 2.1 A/AA violation (among them `label` and `link-name`)
 * in light and dark; the card grid has one column on a phone and two or
 * three on a desktop; every alert kind draws its icon.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { expect, it } from 'vitest'
import { describeWithBrowser } from '../helpers/browser.ts'
import { buildSite, repoRoot } from '../helpers/build-site.ts'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'
import { useServedSite } from '../helpers/served-site.ts'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const corpusLanding = path.join(corpusDir, 'microsoft-365/security/defender-endpoint/index.yml')

const article = (title: string) => `---
title: ${title}
ms.date: 03/08/2026
---
# ${title}

${['NOTE', 'TIP', 'IMPORTANT', 'CAUTION', 'WARNING'].map((kind) => `> [!${kind}]\n> Check the ${kind.toLowerCase()} before you go on.\n`).join('\n')}
- [x] Isolate the device
- [ ] Collect the evidence

See <a href="https://contoso.example/soc">https://contoso.example/soc</a> for the runbook.
`

const toc = ['Guide: guide/index.yml', 'Triage: guide/triage.md', 'FAQ: guide/faq.yml', 'Contain: guide/contain.md', 'Defender: defender/index.yml']
  .map((entry) => `- name: ${entry.split(': ')[0]}\n  href: ${entry.split(': ')[1]}`)
  .join('\n')

/** The Landing fixture and the article in en-us and nl-nl, and the corpus Landing page in nl-nl when it is there. */
function writeSite(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-landing-'))
  const fixture = path.join(repoRoot, 'tests/fixtures/sites/yaml-pages/content/en-us')
  for (const locale of ['en-us', 'nl-nl']) {
    cpSync(fixture, path.join(dir, 'content', locale), { recursive: true })
    writeFileSync(path.join(dir, 'content', locale, 'TOC.yml'), toc)
    writeFileSync(path.join(dir, 'content', locale, 'guide/contain.md'), article(locale === 'en-us' ? 'Containment checklist' : 'Checklist voor insluiten'))
  }
  if (existsSync(corpusLanding)) {
    mkdirSync(path.join(dir, 'content/nl-nl/defender'), { recursive: true })
    copyFileSync(corpusLanding, path.join(dir, 'content/nl-nl/defender/index.yml'))
  }
  writeFileSync(
    path.join(dir, 'tolk.config.ts'),
    `export default ${JSON.stringify({
      defaultLocale: 'en-us',
      locales: { 'en-us': {}, 'nl-nl': {} },
      templatesDir: path.join(repoRoot, 'templates'),
      uiStringsDir: path.join(repoRoot, 'locales'),
    })}\n`,
  )
  return dir
}

describeWithBrowser()('Landing cards, alerts and task lists in Chromium', function () {
  // The corpus Landing page links to articles this small site does not have.
  const site = useServedSite(async () => (await buildSite(writeSite(), { rules: ['toc-broken-link=off', 'broken-link=off', 'broken-anchor=off', 'link-case=off', 'missing-asset=off'] })).outDir)

  /** Open `page` at `width` in a colour scheme, run `probe` in it. */
  async function inPage<T>(page: string, width: number, colorScheme: 'light' | 'dark', probe: () => Promise<T> | T): Promise<T> {
    const tab = await site.browser.newPage({ viewport: { width, height: 800 }, colorScheme })
    try {
      await tab.goto(`${site.server.baseUrl}${page}`)
      await tab.addScriptTag({ content: axeSource })
      return await tab.evaluate(probe)
    } finally {
      await tab.close()
    }
  }

  async function axeViolations(): Promise<string[]> {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
  }

  /** The number of columns the card grid has now. */
  function cardColumns(): number {
    const grid = document.querySelector('.landing-cards')
    return grid ? getComputedStyle(grid).gridTemplateColumns.split(' ').length : 0
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const page of ['en-us/guide/', 'nl-nl/guide/contain/', 'en-us/guide/contain/']) {
      it(`should have no axe violations on /${page} (${colorScheme})`, async function () {
        expect(await inPage(page, 1280, colorScheme, axeViolations)).toEqual([])
      }, 60_000)
    }
  }

  it('should lay the cards out in one column on a phone and two or three on a desktop', async function () {
    expect(await inPage('en-us/guide/', 360, 'light', cardColumns)).toBe(1)
    expect(await inPage('en-us/guide/', 1280, 'light', cardColumns)).toBeGreaterThanOrEqual(2)
  }, 60_000)

  it('should draw an icon of its own before each alert title, titled in the page language', async function () {
    const alerts = await inPage('nl-nl/guide/contain/', 1280, 'light', () =>
      [...document.querySelectorAll('.alert-title')].map((title) => [title.textContent, getComputedStyle(title, '::before').maskImage]),
    )
    expect(alerts.map(([title, mask]) => [title, mask!.startsWith('url("data:image/svg+xml')])).toEqual(
      ['Notitie', 'Tip', 'Belangrijk', 'Voorzichtig', 'Waarschuwing'].map((title) => [title, true]),
    )
    expect(new Set(alerts.map(([, mask]) => mask)).size).toBe(5)
  }, 60_000)

  it('should name each task-list checkbox and keep the raw link whole', async function () {
    const facts = await inPage('en-us/guide/contain/', 1280, 'light', () => ({
      checkboxes: [...document.querySelectorAll('article input[type=checkbox]')].map((box) => [(box as HTMLInputElement).labels?.[0]?.textContent?.trim(), (box as HTMLInputElement).checked]),
      links: [...document.querySelectorAll('article a[href^="https://contoso"]')].map((link) => link.outerHTML),
    }))
    expect(facts).toEqual({
      checkboxes: [
        ['Isolate the device', true],
        ['Collect the evidence', false],
      ],
      links: ['<a href="https://contoso.example/soc">https://contoso.example/soc</a>'],
    })
  }, 60_000)

  describeWithShared(corpusLanding)('a real Landing page (nl-nl corpus)', function () {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`should show its cards with no axe violations (${colorScheme})`, async function () {
        const facts = await inPage('nl-nl/defender/', 1280, colorScheme, () => ({
          cards: document.querySelectorAll('.landing-cards > .landing-card').length,
          labels: document.querySelectorAll('.landing-card .landing-list-type').length,
          columns: getComputedStyle(document.querySelector('.landing-cards')!).gridTemplateColumns.split(' ').length,
        }))
        expect(facts.cards).toBeGreaterThan(2)
        expect(facts.labels).toBeGreaterThanOrEqual(facts.cards)
        expect(facts.columns).toBeGreaterThanOrEqual(2)
        expect(await inPage('nl-nl/defender/', 1280, colorScheme, axeViolations)).toEqual([])
      }, 60_000)
    }
  })
})
