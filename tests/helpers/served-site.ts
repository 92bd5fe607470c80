/**
 * The set-up the browser tests share: a built site served on 127.0.0.1 and
 * one Chromium for the describe block that calls `useServedSite`, both
 * started before its tests and closed after them.
 */
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { chromiumArgs, chromiumPath } from './browser.ts'
import { startStaticServer, type StaticServer } from './static-server.ts'

export interface ServedSite {
  /** The built site's folder. */
  outDir: string
  server: StaticServer
  browser: Browser
}

/**
 * Build with `buildOutDir` (it returns the folder it wrote), serve the folder
 * and launch Chromium in a `beforeAll` of the calling describe block. The
 * returned object is filled in by then; read its fields inside tests only.
 */
export function useServedSite(buildOutDir: () => Promise<string>, timeout = 180_000): ServedSite {
  const site = {} as ServedSite
  beforeAll(async function () {
    site.outDir = await buildOutDir()
    site.server = await startStaticServer(site.outDir)
    site.browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  }, timeout)
  afterAll(async function () {
    await site.browser?.close()
    await site.server?.close()
  })
  return site
}
