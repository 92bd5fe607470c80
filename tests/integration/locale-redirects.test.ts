/**
 * Each locale's own `.openpublishing.redirection.json` (issue #11, item 3):
 * a two-locale site whose locales redirect their own paths, built to disk.
 * Links resolve through the locale's own file, redirect pages are written per
 * locale, and no locale's redirect replaces another's page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { buildSite, hrefTarget, listFiles, readHtml } from '../helpers/build-site.ts'

const redirections = (entries: Record<string, string>) =>
  `${JSON.stringify({ redirections: Object.entries(entries).map(([source_path, redirect_url]) => ({ source_path, redirect_url })) }, null, 2)}\n`

const page = (title: string, body = '') => `---\ntitle: ${title}\n---\n# ${title}\n\n${body}\n`

function siteDir(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-locale-redirects-'))
  const files: Record<string, string> = {
    'tolk.config.ts': "export default { defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': {} } }\n",
    'content/en-us/index.md': page('Home', '[Old](guide/old.md) [Moved](guide/moved.md)'),
    'content/en-us/guide/moved.md': page('Moved here in English'),
    'content/en-us/guide/target.md': page('Target'),
    'content/en-us/.openpublishing.redirection.json': redirections({ 'guide/old.md': '/guide/target' }),
    'content/da-dk/index.md': page('Hjem', '[Old](guide/old.md) [Moved](guide/moved.md) [Gammel](guide/gammel.md)'),
    'content/da-dk/guide/ny.md': page('Ny'),
    'content/da-dk/guide/target.md': page('Mål'),
    // da-dk moved `guide/moved.md` (which en-us still has) and its own `guide/gammel.md`.
    'content/da-dk/.openpublishing.redirection.json': redirections({ 'guide/moved.md': '/guide/ny', 'guide/gammel.md': '/guide/ny' }),
    ...extra,
  }
  for (const [relPath, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relPath)), { recursive: true })
    writeFileSync(path.join(dir, relPath), text)
  }
  return dir
}

/** The meta refresh target of a redirect page, as the output file it lands on. */
function refreshTarget(outDir: string, file: string): string {
  const content = String(select('meta[http-equiv="refresh"]', readHtml(outDir, file))?.properties.content)
  return hrefTarget(file, content.replace(/^0; url=/, ''))
}

describe("each locale's own redirection file", function () {
  it('should resolve links and write redirect pages per locale, the locale\'s own entries first, without touching another locale\'s pages', async function () {
    const { outDir, messages } = await buildSite(siteDir())
    expect(messages.filter((message) => !/\[(orphan-page|link-to-fallback)\]$/.test(message))).toEqual([
      'content/da-dk/index.md:6:1: warning: `guide/old.md` is redirected to `/guide/target`; link the target directly [redirected-link]',
      'content/da-dk/index.md:6:21: warning: `guide/moved.md` is redirected to `/guide/ny`; link the target directly [redirected-link]',
      'content/da-dk/index.md:6:45: warning: `guide/gammel.md` is redirected to `/guide/ny`; link the target directly [redirected-link]',
      'content/en-us/index.md:6:1: warning: `guide/old.md` is redirected to `/guide/target`; link the target directly [redirected-link]',
    ])
    const files = listFiles(outDir)
    // en-us keeps its article; da-dk, which moved it, gets a redirect page there instead of a fallback page.
    expect(files).toEqual(expect.arrayContaining(['en-us/guide/moved/index.html', 'da-dk/guide/moved/index.html', 'da-dk/guide/gammel/index.html', 'da-dk/guide/old/index.html', 'en-us/guide/old/index.html']))
    expect(files).not.toContain('en-us/guide/gammel/index.html')
    expect(select('h1', readHtml(outDir, 'en-us/guide/moved/index.html'))?.children).toEqual([{ type: 'text', value: 'Moved here in English', position: expect.anything() }])
    expect(refreshTarget(outDir, 'da-dk/guide/moved/index.html')).toBe('da-dk/guide/ny/index.html')
    expect(refreshTarget(outDir, 'da-dk/guide/gammel/index.html')).toBe('da-dk/guide/ny/index.html')
    // The site-wide (default locale's) entry still applies to da-dk, which has none for that path.
    expect(refreshTarget(outDir, 'da-dk/guide/old/index.html')).toBe('da-dk/guide/target/index.html')
    expect(refreshTarget(outDir, 'en-us/guide/old/index.html')).toBe('en-us/guide/target/index.html')
    const hrefsOf = (file: string) => selectAll('main a', readHtml(outDir, file)).map((a) => hrefTarget(file, String(a.properties.href)))
    expect(hrefsOf('da-dk/index.html')).toEqual(['da-dk/guide/target/index.html', 'da-dk/guide/ny/index.html', 'da-dk/guide/ny/index.html'])
    expect(hrefsOf('en-us/index.html')).toEqual(['en-us/guide/target/index.html', 'en-us/guide/moved/index.html'])
    for (const file of ['da-dk/guide/moved/index.html', 'da-dk/guide/gammel/index.html']) expect(readFileSync(path.join(outDir, file), 'utf8')).toContain('lang="da-DK"')
  })

  it("should report a locale's broken entry at its place in that locale's file", async function () {
    const dir = siteDir({ 'content/da-dk/.openpublishing.redirection.json': redirections({ 'guide/moved.md': '/guide/ny', 'guide/tabt.md': '/guide/ingen' }) })
    const { messages } = await buildSite(dir)
    expect(messages.filter((message) => message.includes('redirection.json'))).toEqual([
      'content/da-dk/.openpublishing.redirection.json:9:23: warning: Redirect of `guide/tabt.md` points to `/guide/ingen`, which is not in this build [broken-redirect]',
    ])
  })

  it("should refuse a locale's redirection file linked outside its content root", async function () {
    const dir = siteDir()
    const secret = path.join(dir, 'secret.json')
    writeFileSync(secret, redirections({ 'guide/x.md': '/guide/ny' }))
    const own = path.join(dir, 'content/da-dk/.openpublishing.redirection.json')
    rmSync(own)
    symlinkSync(secret, own)
    const { messages, outDir } = await buildSite(dir)
    expect(messages.filter((message) => message.includes('redirection.json'))).toEqual([
      expect.stringMatching(/^content\/da-dk\/\.openpublishing\.redirection\.json:1:1: error: .* \[file-outside-root\]$/),
    ])
    // An error: nothing is written.
    expect(() => listFiles(outDir)).toThrow()
  })
})
