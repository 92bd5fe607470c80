import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { buildSite, hrefTarget, readHtml } from '../helpers/build-site.ts'

/** A one-locale site whose docset (`docs/`, holding `docfx.json`) sits below the content root. */
function siteWithDocset(files: Record<string, string>): string {
  const site = mkdtempSync(path.join(os.tmpdir(), 'tolk-docset-'))
  const root = path.join(site, 'content/en-us')
  const all: Record<string, string> = {
    'index.md': '---\ntitle: Home\n---\n# Home\n\n[Docs](docs/index.md)\n',
    'docs/docfx.json': '{}\n',
    'docs/index.md': '---\ntitle: Docs\n---\n# Docs\n',
    'docs/media/a.png': 'png',
    'docs/other.md': '---\ntitle: Other\n---\n# Other\n',
    ...files,
  }
  for (const [relPath, text] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true })
    writeFileSync(path.join(root, relPath), text)
  }
  writeFileSync(path.join(site, 'tolk.config.ts'), "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n")
  return site
}

describe('`~/` paths (the docset root)', function () {
  it('should resolve `~/` in links, images, raw HTML and image directives against the folder holding docfx.json', async function () {
    const page = [
      '---',
      'title: Deep',
      '---',
      '# Deep',
      '',
      '[Other](~/other.md) ![A](~/media/a.png)',
      '',
      '<a href="~/other.md#other">raw</a> <img src="~/media/a.png" alt="raw">',
      '',
      ':::image source="~/media/a.png" alt-text="Directive" lightbox="~/media/a.png":::',
      '',
      '[!INCLUDE [shared](../includes/shared.md)]',
      '',
    ].join('\n')
    const site = await buildSite(
      siteWithDocset({
        'docs/guide/deep/page.md': page,
        'docs/guide/includes/shared.md': '[From include](~/other.md)\n',
        'docs/toc.yml': '- name: Other\n  href: ~/other.md\n- name: Deep\n  href: ~/guide/deep/page.md\n',
      }),
    )
    // Only the pages this TOC does not list are reported.
    expect(site.messages.filter((message) => !message.endsWith('[orphan-page]'))).toEqual([])
    const from = 'en-us/docs/guide/deep/page/index.html'
    const html = readHtml(site.outDir, from)
    const targets = selectAll('article a[href], article img[src]', html).map((element) =>
      hrefTarget(from, String(element.properties['href'] ?? element.properties['src'])),
    )
    expect(targets).toEqual([
      'en-us/docs/other/index.html',
      'en-us/docs/media/a.png',
      'en-us/docs/other/index.html',
      'en-us/docs/media/a.png',
      'en-us/docs/media/a.png',
      'en-us/docs/media/a.png',
      'en-us/docs/other/index.html',
    ])
    // The TOC entries written with `~/` are links to their pages.
    const toc = selectAll('nav a[href]', html).map((element) => hrefTarget(from, String(element.properties['href'])))
    expect(toc).toEqual(expect.arrayContaining(['en-us/docs/other/index.html', 'en-us/docs/guide/deep/page/index.html']))
  })

  it('should never leave the content root with `~/..`, and name the path it looked for', async function () {
    const site = await buildSite(
      siteWithDocset({ 'docs/page.md': '---\ntitle: Page\n---\n# Page\n\n[Up](~/../../x.md) [Missing](~/nope.md)\n' }),
    )
    expect(site.messages).toEqual([
      'content/en-us/docs/page.md:6:1: error: Link `~/../../x.md` points outside the content root [broken-link]',
      'content/en-us/docs/page.md:6:20: error: Cannot find `~/nope.md` (looked for `docs/nope.md`) [broken-link]',
    ])
  })

  it('should start `~/` at the content root for pages with no docfx.json above them', async function () {
    const site = await buildSite(siteWithDocset({ 'loose/page.md': '---\ntitle: Loose\n---\n# Loose\n\n[Docs](~/docs/other.md)\n' }))
    expect(site.messages).toEqual([])
    const from = 'en-us/loose/page/index.html'
    const hrefs = selectAll('article a[href]', readHtml(site.outDir, from)).map((element) => hrefTarget(from, String(element.properties['href'])))
    expect(hrefs).toEqual(['en-us/docs/other/index.html'])
  })
})
