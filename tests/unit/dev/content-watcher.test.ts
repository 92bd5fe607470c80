/**
 * The dev server's watcher reports saves below the watched paths, once ready,
 * and none from tolk's own output and cache folders or from package and Git
 * folders: the server writes its cache, and a reported write there would
 * reload the site, which writes the cache again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { watchContent, type ContentWatcher, type FileEvent } from '../../../src/dev/content-watcher.ts'

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the dev server content watcher', function () {
  let watcher: ContentWatcher | undefined
  let dir: string | undefined

  afterEach(async function () {
    await watcher?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('should report saves below the watched paths and none below the unwatched, package or Git folders', async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-content-watcher-'))
    const site = path.join(dir, 'site')
    for (const folder of ['content/en-us', 'dist/en-us', '.cache/tolk', 'node_modules/x', '.git', 'templates']) mkdirSync(path.join(site, folder), { recursive: true })
    const outside = path.join(dir, 'shared-templates')
    mkdirSync(outside)
    const seen: Array<[FileEvent, string]> = []
    watcher = watchContent(
      // The content root inside the site's folder is watched once, through the folder.
      { paths: [site, path.join(site, 'content/en-us'), outside], unwatched: [path.join(site, 'dist'), path.join(site, '.cache/tolk')] },
      { onFile: (event, file) => void seen.push([event, path.relative(dir!, file)]), onError: (error) => expect.fail(String(error)) },
    )
    await watcher.ready
    for (const file of ['content/en-us/guide.md', 'dist/en-us/index.html', '.cache/tolk/articles.json', 'node_modules/x/index.js', '.git/index', 'templates/page.hbs']) {
      writeFileSync(path.join(site, file), 'saved\n')
    }
    writeFileSync(path.join(outside, 'page.hbs'), 'saved\n')
    await settle(1500)
    expect(seen.sort()).toEqual([
      ['add', 'shared-templates/page.hbs'],
      ['add', 'site/content/en-us/guide.md'],
      ['add', 'site/templates/page.hbs'],
    ])
  })

  it('should not skip an output folder that holds the watched content (an outDir of `.`)', async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-content-watcher-'))
    const content = path.join(dir, 'content')
    mkdirSync(content)
    const seen: string[] = []
    watcher = watchContent({ paths: [content], unwatched: [dir] }, { onFile: (_event, file) => void seen.push(path.relative(dir!, file)), onError: (error) => expect.fail(String(error)) })
    await watcher.ready
    writeFileSync(path.join(content, 'guide.md'), 'saved\n')
    await settle(1000)
    expect(seen).toEqual(['content/guide.md'])
  })
})
