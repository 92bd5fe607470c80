/** `tolk preview` serves the built output as it is, on localhost. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSite, repoRoot } from '../helpers/build-site.ts'

describe('tolk preview', function () {
  let server: ReturnType<typeof spawn>
  let baseUrl: string

  beforeAll(async function () {
    const { outDir } = await buildSite(repoRoot)
    server = spawn(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), 'preview', '--port', '0', '--out', outDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    baseUrl = await new Promise<string>((resolve, reject) => {
      let output = ''
      const timer = setTimeout(() => reject(new Error(`tolk preview did not start:\n${output}`)), 30_000)
      server.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = / at (http:\/\/\S+?)\/? /.exec(output)
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!.replace(/\/$/, ''))
        }
      })
    })
  }, 60_000)

  afterAll(function () {
    if (server?.pid) {
      try {
        process.kill(-server.pid, 'SIGTERM')
      } catch {
        // Already gone.
      }
    }
  })

  it('should serve built pages, assets and the root page, bound to localhost', async function () {
    expect(baseUrl).toMatch(/^http:\/\/localhost:\d+$/)
    const page = await fetch(`${baseUrl}/da-dk/incident-response/analyze/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<html lang="da-DK" dir="ltr">')
    expect((await fetch(`${baseUrl}/_tolk/style.css`)).status).toBe(200)
    expect((await fetch(`${baseUrl}/`)).status).toBe(200)
    expect((await fetch(`${baseUrl}/no-such-page/`)).status).toBe(404)
  })
})
