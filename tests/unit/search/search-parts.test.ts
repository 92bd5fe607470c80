/**
 * Which part of its locale's search index each page goes to: every page in
 * exactly one part, in build order, no part over the bound, and cuts that
 * stay where they are when a page elsewhere comes or goes, so a rebuild
 * makes again only the part an edit touched.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maxPartFactor, partFolder, planSearchParts, type SearchPart } from '../../../src/search/search-parts.ts'

const pages = (locale: string, names: string[]) => names.map((name) => ({ locale, outputFile: `${locale}/${name}/index.html` }))
const key = (part: SearchPart) => `${part.locale}:${part.outputFiles.join('|')}`

describe('search parts', function () {
  it('should put every page in one part of its own locale, in build order, numbered from 1 per locale', function () {
    const order = [...pages('da-dk', ['a', 'b', 'c', 'd', 'e', 'f']), ...pages('nl-nl', ['a', 'b', 'c'])]
    const parts = planSearchParts(order, 2)
    expect(parts.flatMap((part) => part.outputFiles)).toEqual(order.map((page) => page.outputFile))
    for (const part of parts) expect(part.outputFiles.every((file) => file.startsWith(`${part.locale}/`))).toBe(true)
    for (const locale of ['da-dk', 'nl-nl']) {
      const own = parts.filter((part) => part.locale === locale)
      expect(own.map((part) => part.number)).toEqual(own.map((_, at) => at + 1))
    }
    expect(partFolder(1)).toBe('')
    expect(partFolder(3)).toBe('part-3/')
  })

  it('should make one part per page at size 1, and one part of a small site at the default size', function () {
    const order = pages('da-dk', ['a', 'b', 'c'])
    expect(planSearchParts(order, 1).map((part) => part.outputFiles.length)).toEqual([1, 1, 1])
    expect(planSearchParts(order).length).toBeLessThanOrEqual(2)
  })

  it('should never put more than the bound in a part', function () {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (names, size) => {
        const parts = planSearchParts(pages('da-dk', names), size)
        expect(parts.flatMap((part) => part.outputFiles).length).toBe(names.length)
        for (const part of parts) expect(part.outputFiles.length).toBeLessThanOrEqual(size * maxPartFactor)
      }),
    )
  })

  it('should change only the part a new page joins (or the two it splits) when no part is at the bound', function () {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 200 }),
        fc.string({ minLength: 9, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 2, max: 12 }),
        (names, added, at, size) => {
          const place = at % (names.length + 1)
          const before = planSearchParts(pages('da-dk', names), size)
          const after = planSearchParts(pages('da-dk', [...names.slice(0, place), added, ...names.slice(place)]), size)
          const atBound = (parts: SearchPart[]) => parts.some((part) => part.outputFiles.length >= size * maxPartFactor)
          fc.pre(!atBound(before) && !atBound(after))
          const kept = new Set(before.map(key))
          const changed = after.filter((part) => !kept.has(key(part)))
          // The parts the new page is in: one, or two when its own name is a cut.
          expect(changed.length).toBeLessThanOrEqual(2)
          expect(changed.some((part) => part.outputFiles.includes(`da-dk/${added}/index.html`))).toBe(true)
          expect(before.length - (after.length - changed.length)).toBeLessThanOrEqual(1)
        },
      ),
    )
  })
})
