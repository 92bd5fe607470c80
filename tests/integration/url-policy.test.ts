/**
 * The URL policy end to end (issue #10, item 4): hostile TOC hrefs, a folder
 * named `javascript:x,`, and hostile redirection entries, built through the
 * real pipeline; every URL in every written page is checked.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { listFiles, listFilesButCache } from '../helpers/build-site.ts'

/** A site in a temp folder from `path → text`; returns its folder. */
function siteOf(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-url-policy-'))
  for (const [relPath, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relPath)), { recursive: true })
    writeFileSync(path.join(dir, relPath), text)
  }
  return dir
}

/** Build (or only check) and collect every page's HTML as it is rendered. */
async function buildOf(dir: string, write: boolean) {
  const { config } = await loadConfig({}, dir)
  const pages = new Map<string, string>()
  const result = await build(config!, { write, onPage: (page) => pages.set(page.outputFile, page.html) })
  return { config: config!, result, pages, messages: result.messages.map((message) => formatHuman(message, { cwd: dir })) }
}

const article = (title: string, body = '') => `---\ntitle: ${title}\n---\n# ${title}\n\n${body}\n`

/**
 * Every URL-valued attribute in a page (the meta refresh's URL too), checked
 * against the policy independently of url-policy.ts: `http(s)` with a host,
 * `mailto:`, or relative starting with `./`, `../`, `/` (not `//`), `#`, `?`.
 */
function badUrls(tree: Root): string[] {
  const values: string[] = []
  for (const node of selectAll('[href], [src], [action], [poster], [srcset], meta[http-equiv]', tree)) {
    for (const name of ['href', 'src', 'action', 'poster', 'srcSet']) {
      const value = node.properties[name]
      if (value !== undefined && value !== null) values.push(Array.isArray(value) ? value.join(' ') : String(value))
    }
    const content = node.tagName === 'meta' ? String(node.properties.content ?? '') : ''
    const refresh = /url=(.*)$/i.exec(content)
    if (refresh) values.push(refresh[1]!)
  }
  return values.filter((value) => {
    // What a browser reads: tabs and newlines removed, controls and spaces trimmed.
    const read = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '')
    if (/^https?:\/\/[a-z0-9]/i.test(read) || /^mailto:/i.test(read)) return false
    return !/^(\.\/|\.\.\/|\/(?!\/)|#|\?)/.test(read)
  })
}

const hostileToc = [
  '- name: Home', //                       1
  '  href: index.md',
  '- name: Plain', //                      3
  '  href: javascript:alert(1)',
  '- name: Mixed case', //                 5
  '  href: JaVaScRiPt:alert(1)',
  '- name: Leading space', //              7
  '  href: " javascript:alert(1)"',
  '- name: Tab', //                        9
  '  href: "java\\tscript:alert(1)"',
  '- name: Data', //                       11
  '  href: "data:text/html,<script>alert(1)</script>"',
  '- name: VBScript', //                   13
  '  href: "vbscript:msgbox(1)"',
  '- name: Entity', //                     15
  '  href: "&#106;avascript:alert(1)"',
  '- name: Protocol-relative', //          17
  '  href: //evil.example/x',
  '- name: Parent', //                     19
  '  href: javascript:alert(2)',
  '  items:',
  '  - name: Folder page', //              22
  '    href: ./javascript:x,/page.md',
  '- name: Other', //                      24
  '  href: other.md',
  '',
].join('\n')

describe('the URL policy in a built site', function () {
  it('should write no hostile TOC href into any page, and report each at its TOC line and column', async function () {
    const dir = siteOf({
      'tolk.config.ts': "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n",
      'content/en-us/TOC.yml': hostileToc,
      'content/en-us/index.md': article('Home', 'See [the folder page](javascript:x,/page.md) and [the other way](./javascript:x,/page.md).'),
      'content/en-us/other.md': article('Other', '[Up](./javascript:x,/page.md)'),
      'content/en-us/javascript:x,/page.md': article('Folder page', '[Home](../index.md) [Other](../other.md)'),
    })
    const { pages, messages } = await buildOf(dir, false)
    expect(messages).toEqual([
      'content/en-us/TOC.yml:4:9: error: TOC entry `Plain` is not linked to `javascript:alert(1)`: `javascript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:6:9: error: TOC entry `Mixed case` is not linked to `JaVaScRiPt:alert(1)`: `javascript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:8:9: error: TOC entry `Leading space` is not linked to ` javascript:alert(1)`: `javascript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:10:9: error: TOC entry `Tab` is not linked to `java\\tscript:alert(1)`: `javascript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:12:9: error: TOC entry `Data` is not linked to `data:text/html,<script>alert(1)</script>`: `data:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:14:9: error: TOC entry `VBScript` is not linked to `vbscript:msgbox(1)`: `vbscript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:16:9: error: TOC entry `Entity` is not linked to `&#106;avascript:alert(1)`: `javascript:` URLs are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:18:9: error: TOC entry `Protocol-relative` is not linked to `//evil.example/x`: protocol-relative URLs (`//host`) are not allowed [unsafe-url]',
      'content/en-us/TOC.yml:20:9: error: TOC entry `Parent` is not linked to `javascript:alert(2)`: `javascript:` URLs are not allowed [unsafe-url]',
      // Written without `./`, a link to the folder is a `javascript:` URL.
      'content/en-us/index.md:6:5: error: Link `javascript:x,/page.md` is not written: `javascript:` URLs are not allowed [unsafe-url]',
    ])
    expect([...pages.keys()].sort()).toEqual(['en-us/index.html', 'en-us/javascript:x,/page/index.html', 'en-us/other/index.html'])
    for (const [outputFile, html] of pages) {
      const tree = fromHtml(html)
      expect(badUrls(tree), outputFile).toEqual([])
      // No attribute value (the folder `./javascript:x,/` is a path, not a scheme) starts with a hostile scheme.
      expect(html, outputFile).not.toMatch(/(=["']?|url=)\s*(java\s*script|vbscript|data):/i)
      // The hostile entries stay in the sidebar, as text without a link.
      expect(selectAll('nav a, nav .nav-group', tree).map((node) => node.tagName === 'a' ? `a:${node.properties.href}` : 'text').length).toBeGreaterThanOrEqual(11)
    }
  })

  it('should write every link to a folder named `javascript:x,` with a leading `./` or `../`', async function () {
    const dir = siteOf({
      'tolk.config.ts': "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n",
      'content/en-us/TOC.yml': '- name: Home\n  href: index.md\n- name: Folder page\n  href: ./javascript:x,/page.md\n- name: Other\n  href: other.md\n',
      'content/en-us/index.md': article('Home', '[The folder page](./javascript:x,/page.md)'),
      'content/en-us/other.md': article('Other', '[The folder page](./javascript:x,/page.md) ![Diagram](./javascript:x,/diagram.png)'),
      'content/en-us/javascript:x,/page.md': article('Folder page', '[Home](../index.md)'),
      'content/en-us/javascript:x,/diagram.png': 'not really a PNG',
    })
    const { pages, messages } = await buildOf(dir, false)
    expect(messages).toEqual([])
    const toFolder: string[] = []
    for (const [outputFile, html] of pages) {
      const tree = fromHtml(html)
      expect(badUrls(tree), outputFile).toEqual([])
      for (const node of selectAll('[href], [src]', tree)) {
        const url = String(node.properties.href ?? node.properties.src)
        if (url.includes('javascript:x,')) toFolder.push(`${outputFile} ${url}`)
      }
    }
    expect(toFolder.sort()).toEqual([
      // Sidebar, previous/next and body links, from the home page and from the other page.
      'en-us/index.html ./javascript:x,/page/',
      'en-us/index.html ./javascript:x,/page/',
      'en-us/index.html ./javascript:x,/page/',
      'en-us/other/index.html ../javascript:x,/diagram.png',
      'en-us/other/index.html ../javascript:x,/page/',
      'en-us/other/index.html ../javascript:x,/page/',
      'en-us/other/index.html ../javascript:x,/page/',
    ])
  })
})

describe('hostile redirection entries', function () {
  /** A two-locale site; `redirections` is the JSON text of the redirection file. */
  function redirectSite(redirections: string): string {
    return siteOf({
      'tolk.config.ts': "export default { defaultLocale: 'en-us', locales: { 'en-us': {}, 'da-dk': {} } }\n",
      'content/en-us/.openpublishing.redirection.json': redirections,
      'content/en-us/index.md': article('Home'),
      'content/en-us/guide.md': article('Guide'),
      'content/en-us/untranslated.md': article('Untranslated'),
      'content/da-dk/index.md': article('Hjem'),
      'content/da-dk/guide.md': article('Guide'),
    })
  }

  const entry = (source: string, target: string) => `    {"source_path": ${JSON.stringify(source)}, "redirect_url": ${JSON.stringify(target)}}`
  const fileOf = (entries: string[]) => `{\n  "redirections": [\n${entries.join(',\n')}\n  ]\n}\n`

  it('should refuse a `source_path` outside the content root at its line and column, and write nothing outside the output', async function () {
    const text = fileOf([
      entry('../../../escaped-up.md', '/index'),
      entry('/../escaped-root.md', '/index'),
      entry('a/../../escaped-dots.md', '/index'),
      entry('..\\..\\escaped-backslash.md', '/index'),
      entry('C:\\escaped-drive.md', '/index'),
      entry('nul\u0000byte.md', '/index'),
      entry('../da-dk/index.md', 'https://evil.example/'),
      entry('old.md', '/guide'),
    ])
    const dir = redirectSite(text)
    const outDir = path.join(dir, 'dist')
    const { messages, result } = await buildOf(dir, true)
    const json = 'content/en-us/.openpublishing.redirection.json'
    expect(messages).toEqual([
      `${json}:3:21: error: \`source_path\` "../../../escaped-up.md" leaves the content root; no redirect page is written for it [invalid-redirects]`,
      `${json}:4:21: error: \`source_path\` "/../escaped-root.md" leaves the content root; no redirect page is written for it [invalid-redirects]`,
      `${json}:5:21: error: \`source_path\` "a/../../escaped-dots.md" leaves the content root; no redirect page is written for it [invalid-redirects]`,
      `${json}:6:21: error: \`source_path\` "..\\\\..\\\\escaped-backslash.md" leaves the content root; no redirect page is written for it [invalid-redirects]`,
      `${json}:7:21: error: \`source_path\` "C:\\\\escaped-drive.md" is an absolute Windows path; no redirect page is written for it [invalid-redirects]`,
      `${json}:8:21: error: \`source_path\` "nul\\u0000byte.md" has a control character; no redirect page is written for it [invalid-redirects]`,
      `${json}:9:21: error: \`source_path\` "../da-dk/index.md" leaves the content root; no redirect page is written for it [invalid-redirects]`,
    ])
    expect(result.written).toBe(false)
    // Nothing was written beside or above the site, and no temp folder is left.
    expect(listFilesButCache(dir).filter((file) => !file.startsWith('content/') && file !== 'tolk.config.ts')).toEqual([])
    for (const above of [dir, path.dirname(dir), path.dirname(path.dirname(dir))]) {
      expect(readdirSync(above).filter((name) => /escaped-/.test(name)), above).toEqual([])
    }
    expect(existsSync(outDir)).toBe(false)
  })

  it('should build the good entries once the bad ones are gone, leaving every locale home page alone', async function () {
    const dir = redirectSite(fileOf([entry('old.md', '/guide'), entry('/guide\\older.md', '/guide')]))
    const { messages, result } = await buildOf(dir, true)
    expect(messages).toEqual([])
    expect(result.written).toBe(true)
    const outDir = path.join(dir, 'dist')
    expect(listFiles(outDir).filter((file) => /old/.test(file))).toEqual(['da-dk/guide/older/index.html', 'da-dk/old/index.html', 'en-us/guide/older/index.html', 'en-us/old/index.html'])
    expect(readFileSync(path.join(outDir, 'da-dk/index.html'), 'utf8')).toContain('Hjem')
    expect(readFileSync(path.join(outDir, 'da-dk/old/index.html'), 'utf8')).toContain('url=../guide/')
  })

  it('should refuse a redirect that would replace a page the build makes', async function () {
    const text = fileOf([
      entry('untranslated.md', '/guide'),
      entry('guide/index.md', '/index'),
      entry('index.md', 'https://evil.example/'),
    ])
    const dir = redirectSite(text)
    const { messages, result } = await buildOf(dir, true)
    const json = 'content/en-us/.openpublishing.redirection.json'
    expect(messages).toEqual([
      `${json}:3:21: error: Redirect of \`untranslated.md\` would replace the fallback page of \`untranslated.md\` (\`da-dk/untranslated/index.html\`); no redirect page is written [redirect-collision]`,
      `${json}:4:21: error: Redirect of \`guide/index.md\` would replace the page of \`guide.md\` (\`en-us/guide/index.html\`); no redirect page is written [redirect-collision]`,
    ])
    expect(result.written).toBe(false)
  })

  it('should refuse a redirect chain that ends in `javascript:`, at each entry', async function () {
    const text = fileOf([entry('a.md', '/b'), entry('b.md', 'javascript:alert(1)'), entry('c.md', ' JaVa\tScRiPt:alert(1)'), entry('d.md', '//evil.example/')])
    const dir = redirectSite(text)
    const { messages, result } = await buildOf(dir, true)
    const json = 'content/en-us/.openpublishing.redirection.json'
    expect(messages).toEqual([
      `${json}:3:45: error: Redirect of \`a.md\` leads to \`javascript:alert(1)\` and gets no page: \`javascript:\` URLs are not allowed [unsafe-url]`,
      `${json}:4:45: error: Redirect of \`b.md\` to \`javascript:alert(1)\` gets no page: \`javascript:\` URLs are not allowed [unsafe-url]`,
      `${json}:5:45: error: Redirect of \`c.md\` to \` JaVa\\tScRiPt:alert(1)\` gets no page: \`javascript:\` URLs are not allowed [unsafe-url]`,
      `${json}:6:45: error: Redirect of \`d.md\` to \`//evil.example/\` gets no page: protocol-relative URLs (\`//host\`) are not allowed [unsafe-url]`,
    ])
    expect(result.written).toBe(false)
  })

  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk: an
  // `<a name>` holding a tab gave "In this article" a link with a raw tab.
  it('should encode an id with whitespace in the "In this article" links', async function () {
    const dir = siteOf({
      'tolk.config.ts': "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n",
      'content/en-us/index.md': article('Home', '## <a name="\treview"></a>Review\n\n## <a name="next step"></a>Next\n'),
    })
    const { pages } = await buildOf(dir, false)
    const tree = fromHtml(pages.get('en-us/index.html')!)
    expect(selectAll('nav.in-this-article a', tree).map((node) => node.properties.href)).toEqual(['#%09review', '#next%20step'])
    expect(badUrls(tree)).toEqual([])
  })
})
