/**
 * `xrefMaps` URLs: fetched into the cache before the build, read from the
 * cache when the server fails (a warning), an error naming the URL when
 * there is no cached copy. A local server stands in for the web.
 */
import { createServer, type Server } from 'node:http'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../../../src/config/schema.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { cachePathOf, loadXrefMaps } from '../../../src/xref/external-maps.ts'
import { fetchXrefMaps } from '../../../src/xref/fetch-xref-maps.ts'

const mapText = 'references:\n- uid: System.String\n  name: String\n  href: system.string\n'
let server: Server
let origin: string
let serving = true

beforeAll(async function () {
  server = createServer((request, response) => {
    if (request.url === '/slow.yml') return // never answers: the timeout ends it
    if (!serving || request.url !== '/api/xrefmap.yml') {
      response.writeHead(503).end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/yaml' }).end(mapText)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async function () {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function configWith(xrefMaps: string[]): ResolvedConfig {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-xref-fetch-'))
  return {
    configDir: dir,
    configFile: undefined,
    defaultLocale: 'en-us',
    locales: [{ code: 'en-us', root: path.join(dir, 'content'), lang: 'en-US', dir: 'ltr' }],
    xrefMaps,
    xrefCacheDir: path.join(dir, 'cache'),
    xrefMapTimeout: 1,
  } as ResolvedConfig
}

const human = (messages: Awaited<ReturnType<typeof fetchXrefMaps>>) => messages.map((message) => formatHuman(message, { cwd: '/' }))

describe('fetchXrefMaps', function () {
  it('should fetch a map into the cache, where loadXrefMaps reads it, hrefs relative to the map URL', async function () {
    serving = true
    const url = `${origin}/api/xrefmap.yml`
    const config = configWith([url])
    expect(await fetchXrefMaps(config)).toEqual([])
    expect(readFileSync(cachePathOf(config, url), 'utf8')).toBe(mapText)
    const loaded = loadXrefMaps(config, '')
    expect(loaded.messages).toEqual([])
    expect(loaded.external.get('System.String')?.href).toBe(`${origin}/api/system.string`)
  })

  it('should use the cached copy with a warning when the server fails', async function () {
    const url = `${origin}/api/xrefmap.yml`
    const config = configWith([url])
    serving = true
    await fetchXrefMaps(config)
    serving = false
    expect(human(await fetchXrefMaps(config))).toEqual([
      `<command line>:1:1: warning: Cannot fetch xref map \`${url}\` (HTTP 503); using the copy cached in \`cache/${path.basename(cachePathOf(config, url))}\` [xref-map-cached]`,
    ])
    expect(loadXrefMaps(config, '').external.has('System.String')).toBe(true)
  })

  it('should be an error naming the URL when there is no cached copy, also after a timeout', async function () {
    serving = false
    const failing = `${origin}/api/xrefmap.yml`
    const slow = `${origin}/slow.yml`
    const config = configWith([failing, slow])
    expect(human(await fetchXrefMaps(config))).toEqual(expect.arrayContaining([
      `<command line>:1:1: error: Cannot fetch xref map \`${failing}\` (HTTP 503) and there is no cached copy; cross-references to its uids cannot be resolved [xref-map-unavailable]`,
      `<command line>:1:1: error: Cannot fetch xref map \`${slow}\` (no answer within 1 s) and there is no cached copy; cross-references to its uids cannot be resolved [xref-map-unavailable]`,
    ]))
    expect(existsSync(cachePathOf(config, failing))).toBe(false)
    // Not reported twice: loading skips a URL map that was never cached.
    expect(loadXrefMaps(config, '').messages).toEqual([])
  })

  it('should report a local map that does not exist', function () {
    const config = configWith([])
    config.xrefMaps = [path.join(config.configDir, 'maps/none.yml')]
    expect(human(loadXrefMaps(config, '').messages)).toEqual([
      expect.stringMatching(/^<command line>:1:1: error: Cannot read xref map `maps\/none\.yml`: .+ \[xref-map-unavailable\]$/),
    ])
  })
})
