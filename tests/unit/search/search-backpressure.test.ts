/**
 * The search indexer never has more than `maxInFlight` pages on their way to
 * Pagefind when its caller awaits `add`, and still adds them in build order.
 * A stand-in for Pagefind's Node API records what it was given.
 */
import { describe, expect, it } from 'vitest'
import { createSearchIndexer } from '../../../src/search/search-index.ts'
import type { SiteWriter } from '../../../src/output/write-site.ts'
import { pagefindStandIn } from '../../helpers/pagefind-stand-in.ts'

const writer = { write: () => true, copy: () => true, messages: [], commit() {}, abort() {} } as unknown as SiteWriter

describe('search indexer backpressure', () => {
  it('keeps at most maxInFlight pages with Pagefind when add is awaited, in build order', async () => {
    const fake = pagefindStandIn({ answerAfterMs: 1 })
    const order = Array.from({ length: 200 }, (_, at) => `nl-nl/page-${at}/index.html`)
    const indexer = createSearchIndexer([{ locale: 'nl-nl', number: 1, outputFiles: order }], { maxInFlight: 4, load: async () => fake.api })
    for (const file of order) await indexer.add('nl-nl', file, '<html lang="nl-NL"><body><article data-pagefind-body>x</article></body></html>', file)
    expect(await indexer.finish(writer)).toEqual([])
    expect(fake.added).toEqual(order)
    expect(fake.most()).toBeLessThanOrEqual(4)
    expect(fake.most()).toBeGreaterThan(1)
  })

  it('sends everything at once when add is not awaited (what the bound prevents)', async () => {
    const fake = pagefindStandIn({ answerAfterMs: 1 })
    const order = Array.from({ length: 200 }, (_, at) => `nl-nl/page-${at}/index.html`)
    const indexer = createSearchIndexer([{ locale: 'nl-nl', number: 1, outputFiles: order }], { maxInFlight: 4, load: async () => fake.api })
    for (const file of order) void indexer.add('nl-nl', file, '<html></html>', file)
    await indexer.finish(writer)
    expect(fake.added).toEqual(order)
    expect(fake.most()).toBeGreaterThan(100)
  })
})
