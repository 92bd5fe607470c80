/**
 * `tolk dev` says it is serving only once it watches every file of the site,
 * so a writer who saves right after sees the edit. On a tree of the corpus's
 * size, Vite's watcher (which tolk used) said it was ready before it had
 * walked the tree, and walked the content roots tolk added to it again: a
 * save in the first second or so was lost for good, and the page stayed as
 * it was (the bench's corpus edit found it). A temp copy of the corpus, as a
 * writer's checkout.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { corpusDir, describeWithShared } from '../helpers/shared.ts'
import { startTolkServer, type TolkServer } from '../helpers/tolk-server.ts'

const article = 'microsoft-365/security/defender/first-incident-post.md'
const pagePath = '/nl-nl/microsoft-365/security/defender/first-incident-post/'

/** Fetch `url` until its HTML contains `marker`; false after `timeoutMs`. */
async function pageShows(url: string, marker: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const response = await fetch(url)
    if (response.status === 200 && (await response.text()).includes(marker)) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

describeWithShared(corpusDir)('tolk dev on the corpus', function () {
  const siteDirs: string[] = []
  let server: TolkServer | undefined

  afterAll(function () {
    server?.stop()
    for (const dir of siteDirs) rmSync(dir, { recursive: true, force: true })
  })

  it('should show an edit saved right after the page was first served, on each of three fresh servers', { timeout: 180_000 }, async function () {
    for (let round = 1; round <= 3; round++) {
      const siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-dev-watch-'))
      siteDirs.push(siteDir)
      const root = path.join(siteDir, 'nl-nl')
      cpSync(corpusDir, root, { recursive: true })
      server = await startTolkServer('dev', ['--locale', `nl-nl=${root}`, '--external-root', '/=https://learn.microsoft.com/{locale}/'], siteDir)
      const url = `${server.baseUrl}${pagePath}`
      expect((await fetch(url)).status).toBe(200)
      const file = path.join(root, article)
      const marker = `tolk-dev-watch-edit-${round}`
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n${marker}\n`)
      expect(await pageShows(url, marker, 10_000), `round ${round}`).toBe(true)
      server.stop()
      server = undefined
    }
  })
})
