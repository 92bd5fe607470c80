import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '/work/wt-int/tests/helpers/browser.ts'
import { startStaticServer } from '/work/wt-int/tests/helpers/static-server.ts'
const [dir, ...pages] = process.argv.slice(2)
const server = await startStaticServer(dir!)
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
for (const page of pages) for (const [w, h] of [[360, 740], [1280, 800]]) for (const scheme of ['light', 'dark'] as const) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme })
  const tab = await ctx.newPage()
  await tab.goto(server.baseUrl + page)
  await tab.waitForTimeout(300)
  const name = `/tmp/shots/${page.replace(/\W+/g, '_')}-${w}-${scheme}.png`
  await tab.screenshot({ path: name })
  const sw = await tab.evaluate(() => [document.documentElement.scrollWidth, innerWidth])
  console.log(name, sw)
  await ctx.close()
}
await browser.close(); await server.close()
