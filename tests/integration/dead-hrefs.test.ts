/**
 * Every kind of link that leads nowhere, built with its rule as a warning:
 * the site is written, each problem is reported at its line, and no `href`
 * in the output lands on a file that was not written (tests/helpers/dead-hrefs.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { listFiles, readHtml } from '../helpers/build-site.ts'
import { deadRefsInFolder } from '../helpers/dead-hrefs.ts'

const files: Record<string, string> = {
  'toc.yml': '- name: Home\n  href: index.md\n- name: Page\n  href: guide/page.md\n- name: Gone\n  href: guide/gone.md\n- name: Untitled\n  href: guide/untitled.md\n',
  'index.md': '---\ntitle: Home\n---\n# Home\n\n[Page](guide/page.md)\n',
  'guide/page.md': [
    '---',
    'title: Page',
    '---',
    '# Page',
    '',
    '[missing page](missing.md) [download](files/poster.pdf) [hub](hub.yml) [reference][gone]',
    '',
    '![diagram](media/diagram.png)',
    '',
    '<table><tr><td><a href="also-missing.md">raw link</a> <a href="../index.md">raw home</a></td></tr></table>',
    '',
    '[gone]: gone.md',
    '',
  ].join('\n'),
  'guide/hub.yml': '### YamlMime:Hub\ntitle: Hub\n',
  'guide/untitled.md': '---\ndescription: No title.\n---\n## Getting started\n\nText.\n',
  '.openpublishing.redirection.json': JSON.stringify({
    redirections: [
      { source_path: 'guide/old.md', redirect_url: '/guide/page' },
      { source_path: 'guide/older.md', redirect_url: '/guide/nowhere' },
    ],
  }),
}

describe('a site whose links lead nowhere, with those rules as warnings', function () {
  let outDir: string
  let result: BuildResult
  let messages: string[]

  beforeAll(async function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-dead-hrefs-'))
    const root = path.join(dir, 'en-us')
    for (const [relPath, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true })
      writeFileSync(path.join(root, relPath), text)
    }
    outDir = path.join(dir, 'dist')
    const rules = ['broken-link', 'missing-asset', 'toc-broken-link', 'missing-title'].map((id) => `${id}=warning`)
    const { config } = await loadConfig({ locales: [`en-us=${root}`], outDir, rules }, dir)
    result = await build(config!, { write: true })
    messages = result.messages.map((message) => formatHuman(message, { cwd: dir }))
  })

  it('should write the site and report each problem at its place, as a warning', function () {
    expect(messages).toEqual([
      'en-us/.openpublishing.redirection.json:1:125: warning: Redirect of `guide/older.md` points to `/guide/nowhere`, which is not in this build [broken-redirect]',
      'en-us/guide/page.md:6:1: warning: Cannot find `missing.md` (looked for `guide/missing.md`) [broken-link]',
      'en-us/guide/page.md:6:28: warning: Cannot find `files/poster.pdf` (looked for `guide/files/poster.pdf`) [missing-asset]',
      'en-us/guide/page.md:6:57: warning: `hub.yml` is a DocFX YAML page, which tolk does not build yet; the link text is shown without a link [link-to-unbuilt-page]',
      'en-us/guide/page.md:8:1: warning: Cannot find `media/diagram.png` (looked for `guide/media/diagram.png`) [missing-asset]',
      'en-us/guide/page.md:10:16: warning: Cannot find `also-missing.md` (looked for `guide/also-missing.md`) [broken-link]',
      'en-us/guide/page.md:12:1: warning: Cannot find `gone.md` (looked for `guide/gone.md`) [broken-link]',
      'en-us/guide/untitled.md:1:1: warning: Missing `title` in front matter; every article needs one for `<title>` and navigation [missing-title]',
      'en-us/toc.yml:6:9: warning: TOC entry `Gone` points to `guide/gone.md`, which is not in this build [toc-broken-link]',
    ])
    expect(result.written).toBe(true)
  })

  it('should write no href that lands on no written file; the missing image keeps its src as written and its alt', function () {
    const dead = deadRefsInFolder(outDir)
    expect(dead.hrefs).toEqual([])
    expect(dead.srcs.map((ref) => `${ref.file}: ${ref.url}`)).toEqual(['en-us/guide/page/index.html: ./media/diagram.png'])
    expect(dead.checked.hrefs).toBeGreaterThan(10)
  })

  it('should keep the text of each dead link without a URL, and resolve the live raw HTML link', function () {
    const page = readHtml(outDir, 'en-us/guide/page/index.html')
    const links = selectAll('article a', page).map((node) => [toString(node), node.properties.href ?? null])
    expect(links).toEqual([
      ['missing page', null],
      ['download', null],
      ['hub', null],
      ['reference', null],
      ['raw link', null],
      ['raw home', '../../'],
    ])
    expect(select('article img', page)!.properties.alt).toBe('diagram')
  })

  it('should show a TOC entry to a missing page as text, and write no page for a redirect that goes nowhere', function () {
    const page = readHtml(outDir, 'en-us/guide/page/index.html')
    const gone = selectAll('nav *', page).filter((node) => node.children.length === 1 && toString(node) === 'Gone')
    expect(gone.map((node) => node.tagName)).not.toContain('a')
    expect(gone.length).toBeGreaterThan(0)
    expect(listFiles(outDir)).toContain('en-us/guide/old/index.html')
    expect(listFiles(outDir)).not.toContain('en-us/guide/older/index.html')
  })

  it('should name a page without a title after its first heading', function () {
    const page = readHtml(outDir, 'en-us/guide/untitled/index.html')
    expect(toString(select('title', page)!)).toMatch(/^Getting started/)
  })
})
