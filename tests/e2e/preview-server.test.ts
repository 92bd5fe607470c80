/** `tolk preview` serves the built output as it is, on localhost. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, repoRoot } from '../helpers/build-site.ts'
import { startTolkServer, type TolkServer } from '../helpers/tolk-server.ts'

describe('tolk preview', function () {
  let server: TolkServer
  let baseUrl: string

  beforeAll(async function () {
    const { outDir } = await buildSite(repoRoot)
    server = await startTolkServer('preview', ['--out', outDir], repoRoot)
    baseUrl = server.baseUrl
  }, 60_000)

  afterAll(function () {
    server?.stop()
  })

  it('should serve built pages, assets and the root page, bound to localhost', async function () {
    expect(baseUrl).toMatch(/^http:\/\/localhost:\d+$/)
    const page = await fetch(`${baseUrl}/da-dk/incident-response/analyze/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<html lang="da-DK" dir="ltr">')
    const stylesheet = /<link rel="stylesheet" href="\.\.\/\.\.\/\.\.\/(_tolk\/style-[\w-]+\.css)">/.exec(html)?.[1]
    expect(stylesheet).toBeDefined()
    expect((await fetch(`${baseUrl}/${stylesheet}`)).status).toBe(200)
    expect((await fetch(`${baseUrl}/`)).status).toBe(200)
    expect((await fetch(`${baseUrl}/no-such-page/`)).status).toBe(404)
  })
})
