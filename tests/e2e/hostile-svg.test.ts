/**
 * Hostile SVG assets and self-hosted videos in Debian's Chromium. Every
 * payload sets `window.__pwned` (and `top.__pwned`) when it runs; the built
 * site, served over HTTP on 127.0.0.1, and the dev server must never let one
 * run: not when an SVG is opened directly, not through a page that links it,
 * shows it in `<img>` or in an image lightbox, not when its links are clicked,
 * and a `[!VIDEO]` on the site's own origin must make no iframe.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { chromiumArgs, chromiumPath, describeWithBrowser } from '../helpers/browser.ts'
import { listFiles } from '../helpers/build-site.ts'
import { startTolkServer, type TolkServer } from '../helpers/tolk-server.ts'

const pwn = 'top.__pwned=1;window.__pwned=1'
const svgNs = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
const xhtmlNs = 'http://www.w3.org/1999/xhtml'
const clickable = '<rect width="100%" height="100%" fill="red"/>'
const base64 = (text: string) => Buffer.from(text).toString('base64')

/**
 * Hostile SVGs the sanitizer cleans (the site still builds). Unsanitized, all
 * but three run `pwn` in Chromium; Chromium itself already blocks the SMIL
 * `href` animation to `javascript:` and a `data:` `<use>`, and `@import`
 * loads no script: those stay as guards against a browser that would not.
 */
const sanitizable: Record<string, string> = {
  'script.svg': `<svg ${svgNs}><script>${pwn}</script></svg>`,
  'script-cdata.svg': `<svg ${svgNs}><script type="text/ecmascript"><![CDATA[${pwn}]]></script></svg>`,
  'onload.svg': `<svg ${svgNs} onload="${pwn}"><rect width="1" height="1"/></svg>`,
  'animate-onbegin.svg': `<svg ${svgNs}><rect width="9" height="9"><animate onbegin="${pwn}" attributeName="x" from="0" to="1" dur="0.1s"/></rect></svg>`,
  'image-onerror.svg': `<svg ${svgNs}><image href="missing.png" onerror="${pwn}" width="1" height="1"/></svg>`,
  'foreign-object.svg': `<svg ${svgNs}><foreignObject width="99" height="99"><body xmlns="${xhtmlNs}"><img src="missing.png" onerror="${pwn}"/></body></foreignObject></svg>`,
  'xhtml-script.svg': `<svg ${svgNs} xmlns:h="${xhtmlNs}"><h:script>${pwn}</h:script></svg>`,
  'xhtml-iframe.svg': `<svg ${svgNs}><iframe xmlns="${xhtmlNs}" srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"/></svg>`,
  'a-javascript.svg': `<svg ${svgNs} width="200" height="200"><a href="javascript:${pwn}">${clickable}</a></svg>`,
  'a-entity.svg': `<svg ${svgNs} width="200" height="200"><a xlink:href="&#106;ava&#x09;script&#58;${pwn}">${clickable}</a></svg>`,
  'animate-href.svg': `<svg ${svgNs} width="200" height="200"><a href="#x"><animate attributeName="href" to="javascript:${pwn}" begin="0s" fill="freeze"/>${clickable}</a></svg>`,
  'set-href.svg': `<svg ${svgNs} width="200" height="200"><a xlink:href="#x"><set attributeName="xlink:href" to="javascript:${pwn}" begin="0s"/>${clickable}</a></svg>`,
  'use-data.svg': `<svg ${svgNs}><use href="data:image/svg+xml;base64,${base64(`<svg id="a" xmlns="http://www.w3.org/2000/svg" onload="${pwn}"/>`)}#a"/></svg>`,
  'xslt.svg': [
    `<?xml-stylesheet type="text/xsl" href="data:text/xml;base64,${base64(
      `<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><html xmlns="${xhtmlNs}"><body><script>${pwn}</script></body></html></xsl:template></xsl:stylesheet>`,
    )}"?>`,
    `<svg ${svgNs}/>`,
  ].join('\n'),
  'style-import.svg': `<svg ${svgNs}><style>@import url("https://127.0.0.2/x.css");</style></svg>`,
  'doctype-subset.svg': `<!DOCTYPE svg [<!ENTITY e "x">]><svg ${svgNs}><script>${pwn}</script></svg>`,
}

/** SVGs the sanitizer cannot read: never published (the build fails; dev answers with its error page). */
const unreadable: Record<string, string> = {
  'unclosed-script.svg': `<svg ${svgNs}><script>${pwn}</script>`,
  'billion-laughs.svg': `<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg ${svgNs} onload="${pwn}"><text>&b;</text></svg>`,
  'undeclared-prefix.svg': `<svg ${svgNs}><h:script>${pwn}</h:script></svg>`,
}

const svgNames = Object.keys(sanitizable)

function vectorPage(names: string[]): string {
  const sections = names.map((name) =>
    [
      `## ${name}`,
      '',
      `[Open ${name}](media/${name})`,
      '',
      `![${name}](media/${name})`,
      '',
      `:::image type="content" source="media/${name}" alt-text="${name}" lightbox="media/${name}":::`,
      '',
    ].join('\n'),
  )
  return ['---', 'title: SVG vectors', '---', '', '# SVG vectors', '', ...sections].join('\n')
}

/** `[!VIDEO]`s on the site's own origin: the site URL's host, root- and page-relative. */
const videoPage = [
  '---',
  'title: Video vectors',
  '---',
  '',
  '# Video vectors',
  '',
  '> [!VIDEO https://docs.example.org/en-us/media/script.svg]',
  '',
  '> [!VIDEO /en-us/media/script.svg]',
  '',
  '> [!VIDEO ./media/script.svg]',
  '',
  '> [!VIDEO https://127.0.0.1/en-us/media/script.svg]',
  '',
].join('\n')

function writeSite(dir: string, svgs: Record<string, string>): void {
  mkdirSync(path.join(dir, 'content/en-us/media'), { recursive: true })
  writeFileSync(path.join(dir, 'tolk.config.ts'), "export default { siteUrl: 'https://docs.example.org', defaultLocale: 'en-us', locales: { 'en-us': {} } }\n")
  writeFileSync(path.join(dir, 'content/en-us/index.md'), '---\ntitle: Home\n---\n\n# Home\n\n[SVG vectors](svg.md)\n')
  writeFileSync(path.join(dir, 'content/en-us/svg.md'), vectorPage(Object.keys(svgs)))
  for (const [name, text] of Object.entries(svgs)) writeFileSync(path.join(dir, 'content/en-us/media', name), text)
}

const contentTypes: Record<string, string> = { '.svg': 'image/svg+xml', '.css': 'text/css', '.js': 'text/javascript', '.html': 'text/html; charset=utf-8' }

describeWithBrowser()('hostile SVG assets and self-hosted videos in Chromium', function () {
  let siteDir: string
  let outDir: string
  let server: Server
  let baseUrl: string
  let browser: Browser
  let buildMessages: string[]
  let videoMessages: string[]

  beforeAll(async function () {
    siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-hostile-svg-'))
    writeSite(siteDir, sanitizable)
    outDir = path.join(siteDir, 'dist')
    const { config } = await loadConfig({}, siteDir)
    const result = await build(config!, { write: true })
    buildMessages = result.messages.map((message) => formatHuman(message, { cwd: siteDir }))
    expect(result.written).toBe(true)

    // The video vectors are errors, so their build writes nothing; the page as rendered is served beside the built site.
    writeFileSync(path.join(siteDir, 'content/en-us/video.md'), videoPage)
    let videoHtml = ''
    const withVideos = await build(config!, { write: false, onPage: (page) => void (page.relPath === 'video.md' && (videoHtml = page.html)) })
    videoMessages = withVideos.messages.filter((message) => message.ruleId === 'docfx-video-url').map((message) => formatHuman(message, { cwd: siteDir }))
    mkdirSync(path.join(outDir, 'en-us/video'), { recursive: true })
    writeFileSync(path.join(outDir, 'en-us/video/index.html'), videoHtml)

    server = createServer((request, response) => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
      const file = path.join(outDir, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
      try {
        const body = readFileSync(file)
        response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body)
      } catch {
        response.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, 120_000)

  afterAll(async function () {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  /** The canary in the tab's current document, after giving timers, animations and frames time to run. */
  async function canary(tab: Page): Promise<unknown> {
    await tab.waitForTimeout(300)
    return tab.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null)
  }

  /** Open `url` directly, click every link in it, and return the canary after each step. */
  async function openAndClick(url: string): Promise<unknown[]> {
    const tab = await browser.newPage()
    try {
      await tab.goto(url)
      const seen = [await canary(tab)]
      const links = await tab.locator('a').count()
      for (let index = 0; index < links; index++) {
        await tab.locator('a').nth(index).click({ timeout: 2_000 }).catch(() => undefined)
        seen.push(await canary(tab))
      }
      return seen
    } finally {
      await tab.close()
    }
  }

  it('should build the hostile SVGs with one unsafe-svg warning per removal and no other problem', function () {
    expect(buildMessages.length).toBeGreaterThanOrEqual(svgNames.length)
    for (const message of buildMessages) expect(message).toMatch(/^content\/en-us\/media\/[\w-]+\.svg:\d+:\d+: warning: Removed .* \[unsafe-svg\]$/)
    expect(new Set(buildMessages.map((message) => message.split(':')[0]))).toEqual(new Set(svgNames.map((name) => `content/en-us/media/${name}`)))
    expect(listFiles(outDir).filter((file) => file.endsWith('.svg') && !file.startsWith('_tolk/'))).toEqual(svgNames.map((name) => `en-us/media/${name}`).sort())
  })

  it.each(svgNames)('should run nothing when %s is opened directly and its links are clicked', async function (name) {
    expect((await openAndClick(`${baseUrl}en-us/media/${name}`)).filter((value) => value !== null)).toEqual([])
  })

  it('should run nothing on the page that shows every SVG in <img> and a lightbox, nor behind any of its SVG links', async function () {
    const tab = await browser.newPage()
    try {
      await tab.goto(`${baseUrl}en-us/svg/`)
      expect(await canary(tab)).toBeNull()
      const hrefs = await tab.locator('article a[href$=".svg"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))
      // A text link and a lightbox link per SVG.
      expect(hrefs).toHaveLength(svgNames.length * 2)
      expect(await tab.locator('article img[src$=".svg"]').count()).toBe(svgNames.length * 2)
      const seen: Array<[string, unknown]> = []
      for (let index = 0; index < hrefs.length; index++) {
        await tab.locator('article a[href$=".svg"]').nth(index).click()
        await tab.waitForLoadState('load')
        seen.push([hrefs[index]!, await canary(tab)])
        await tab.goBack()
        seen.push([`back from ${hrefs[index]!}`, await canary(tab)])
      }
      expect(seen.filter(([, value]) => value !== null)).toEqual([])
    } finally {
      await tab.close()
    }
  })

  it('should make no iframe for a video on the site\'s own origin, with an error at each directive', async function () {
    const tab = await browser.newPage()
    try {
      await tab.goto(`${baseUrl}en-us/video/`)
      expect(await tab.locator('h1').textContent()).toBe('Video vectors')
      expect(await tab.locator('iframe').evaluateAll((frames) => frames.map((frame) => frame.outerHTML))).toEqual([])
      expect(await canary(tab)).toBeNull()
    } finally {
      await tab.close()
    }
    expect(videoMessages).toEqual([
      "content/en-us/video.md:7:3: error: Video URL `https://docs.example.org/en-us/media/script.svg` is on this site's own host `docs.example.org`; a video must come from a video player host, and the video is left out [docfx-video-url]",
      'content/en-us/video.md:9:3: error: Video URL `/en-us/media/script.svg` is not a valid `https:` URL; the video is left out [docfx-video-url]',
      'content/en-us/video.md:11:3: error: Video URL `./media/script.svg` is not a valid `https:` URL; the video is left out [docfx-video-url]',
      'content/en-us/video.md:13:3: error: Video host `127.0.0.1` is not in `videoHosts`; add it to the config if it is a video player you trust, and the video is left out [docfx-video-url]',
    ])
  })

  it('should serve every hostile SVG sanitized from the dev server, and an unreadable one not at all', async function () {
    const devDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-hostile-svg-dev-'))
    writeSite(devDir, { ...sanitizable, ...unreadable })
    let dev: TolkServer | undefined
    try {
      dev = await startTolkServer('dev', [], devDir)
      for (const name of [...svgNames, ...Object.keys(unreadable)]) {
        const seen = await openAndClick(`${dev.baseUrl}/en-us/media/${name}`)
        expect([name, seen.filter((value) => value !== null)]).toEqual([name, []])
      }
      for (const name of Object.keys(unreadable)) {
        const response = await fetch(`${dev.baseUrl}/en-us/media/${name}`)
        expect([name, response.status, response.headers.get('content-type')]).toEqual([name, 500, 'text/html; charset=utf-8'])
      }
    } finally {
      dev?.stop()
    }
  })
})
