/**
 * The article facts cache (src/cache/article-facts.ts): an article's digest
 * and uid are taken from the cache only while its file is the one they were
 * read from, and nothing read from a file that may still be changing is kept.
 */
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openArticleFacts, type ArticleFacts } from '../../../src/cache/source-facts.ts'

/** A clock far enough ahead that every file counts as settled. */
const later = { now: () => Date.now() + 60_000 }

function fixture(): { cacheDir: string; article: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-facts-'))
  const article = path.join(dir, 'article.md')
  writeFileSync(article, '---\nuid: first\n---\n# One\n')
  return { cacheDir: path.join(dir, 'cache'), article }
}

/** Open the cache, ask for `absPath`'s facts with a reader that counts its calls, save; and whether the cache counted the file as changed. */
function ask(
  cacheDir: string,
  absPath: string,
  facts: ArticleFacts | undefined,
  options: { key?: string; clock?: { now(): number } } = {},
): { got: ArticleFacts | undefined; reads: number; changed: number } {
  let reads = 0
  const cache = openArticleFacts(cacheDir, options.key ?? 'k', options.clock ?? later)
  const got = cache.factsOf(absPath, () => (reads++, facts))
  cache.save()
  return { got, reads, changed: cache.changed }
}

const one: ArticleFacts = { digest: 'd1', uid: { uid: 'first', name: 'One', line: 2, column: 1 } }
const two: ArticleFacts = { digest: 'd2', uid: undefined }

describe('the article facts cache', function () {
  it('should give an unchanged article its kept facts without reading it', function () {
    const { cacheDir, article } = fixture()
    expect(ask(cacheDir, article, one)).toEqual({ got: one, reads: 1, changed: 1 })
    expect(ask(cacheDir, article, two)).toEqual({ got: one, reads: 0, changed: 0 })
  })

  it('should read an article again once its file changed, even to the same size', function () {
    const { cacheDir, article } = fixture()
    ask(cacheDir, article, one)
    writeFileSync(article, readFileSync(article, 'utf8').replace('first', 'other'))
    expect(ask(cacheDir, article, two)).toEqual({ got: two, reads: 1, changed: 1 })
    expect(ask(cacheDir, article, one)).toEqual({ got: two, reads: 0, changed: 0 })
  })

  it('should read a file changed just before it was read again, counting it changed only when its facts are', function () {
    const { cacheDir, article } = fixture()
    // Read 50 ms after its last change: within the 100 ms a file with sub-second times takes to settle.
    const stats = statSync(article)
    const soon = { now: () => Math.max(stats.mtimeMs, stats.ctimeMs) + 50 }
    expect(ask(cacheDir, article, one, { clock: soon })).toEqual({ got: one, reads: 1, changed: 1 })
    expect(ask(cacheDir, article, one, { clock: soon })).toEqual({ got: one, reads: 1, changed: 0 })
    expect(ask(cacheDir, article, two, { clock: soon })).toEqual({ got: two, reads: 1, changed: 1 })
    // Read once it has settled, it is kept for good.
    expect(ask(cacheDir, article, two)).toEqual({ got: two, reads: 1, changed: 0 })
    expect(ask(cacheDir, article, one)).toEqual({ got: two, reads: 0, changed: 0 })
  })

  it('should keep nothing under another key, from a damaged file, for a link or an unreadable article', function () {
    const { cacheDir, article } = fixture()
    ask(cacheDir, article, one)
    expect(ask(cacheDir, article, two, { key: 'other tolk' }).reads).toBe(1)
    writeFileSync(path.join(cacheDir, 'articles.json'), '{"key":"k","files":')
    expect(ask(cacheDir, article, one).reads).toBe(1)
    const link = path.join(path.dirname(article), 'link.md')
    symlinkSync(article, link)
    ask(cacheDir, link, one)
    expect(ask(cacheDir, link, one).reads).toBe(1)
    const unreadable = path.join(path.dirname(article), 'unreadable.md')
    writeFileSync(unreadable, '')
    expect(ask(cacheDir, unreadable, undefined)).toEqual({ got: undefined, reads: 1, changed: 1 })
    expect(ask(cacheDir, unreadable, one)).toEqual({ got: one, reads: 1, changed: 1 })
  })

  it('should keep only the articles the last build asked for', function () {
    const { cacheDir, article } = fixture()
    const other = path.join(path.dirname(article), 'other.md')
    writeFileSync(other, '# Other\n')
    ask(cacheDir, article, one)
    ask(cacheDir, other, two)
    const kept = JSON.parse(readFileSync(path.join(cacheDir, 'articles.json'), 'utf8')) as { files: Record<string, unknown> }
    expect(Object.keys(kept.files)).toEqual([other])
  })

  it('should read every article without a cache folder', function () {
    const { article } = fixture()
    expect(ask(undefined as unknown as string, article, one).reads).toBe(1)
    expect(ask(undefined as unknown as string, article, two)).toEqual({ got: two, reads: 1, changed: 1 })
  })
})
