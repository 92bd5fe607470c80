/**
 * Page weight as a reader's browser sees it: every file a page fetches
 * (HTML, CSS, JS; images excluded, as in the issue's figures) gzipped, then,
 * with `--search <query>`, what focusing the search box and typing a query
 * adds. Measured in Debian's Chromium over a static server on a built site.
 *
 *   npx tsx scripts/page-weight.ts dist en-us/incident-response/ da-dk/… [--search phishing]
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../tests/helpers/browser.ts'
import { startStaticServer } from '../tests/helpers/static-server.ts'

const args = process.argv.slice(2)
const searchAt = args.indexOf('--search')
const query = searchAt === -1 ? undefined : args[searchAt + 1]
const [outDir, ...pages] = searchAt === -1 ? args : args.slice(0, searchAt)
if (!outDir || pages.length === 0) throw new Error('usage: page-weight.ts <outDir> <page>… [--search <query>]')

const server = await startStaticServer(path.resolve(outDir))
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
const counted = /\.(html|css|js|json)$|\/$|pagefind|_tolk\/search/

function gzipOf(url: string): number {
  let file = decodeURIComponent(new URL(url).pathname)
  if (file.endsWith('/')) file += 'index.html'
  try {
    return gzipSync(readFileSync(path.join(path.resolve(outDir!), file))).length
  } catch {
    return 0
  }
}

try {
  for (const page of pages) {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const loaded: string[] = []
    let phase = loaded
    const searched: string[] = []
    tab.on('request', (request) => {
      if (counted.test(new URL(request.url()).pathname)) phase.push(request.url())
    })
    await tab.goto(`${server.baseUrl}${page}`, { waitUntil: 'networkidle' })
    const pageBytes = loaded.reduce((sum, url) => sum + gzipOf(url), 0)
    let searchBytes = 0
    if (query) {
      phase = searched
      const box = tab.locator('input[type=search]').first()
      await box.focus()
      await box.fill(query)
      await tab.waitForTimeout(1500)
      await tab.waitForLoadState('networkidle')
      searchBytes = searched.reduce((sum, url) => sum + gzipOf(url), 0)
    }
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
    console.log(`${page}: ${kb(pageBytes)} gzip in ${loaded.length} files${query ? `; search "${query}" adds ${kb(searchBytes)} in ${searched.length} files` : ''}`)
    for (const url of [...loaded, ...searched]) console.log(`  ${kb(gzipOf(url)).padStart(9)}  ${new URL(url).pathname}`)
    await tab.close()
  }
} finally {
  await browser.close()
  await server.close()
}
