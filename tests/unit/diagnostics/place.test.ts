/**
 * Lines and columns from offsets: the finder made once for a text gives the
 * place `offsetToPlace` gives, for every offset of any text.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { offsetToPlace, placeFinder } from '../../../src/diagnostics/place.ts'

describe('places in a text', function () {
  it('should give the line and column of an offset, 1-based', function () {
    const placeAt = placeFinder('a\nbc\n\nd')
    expect([0, 1, 2, 3, 4, 5, 6].map(placeAt)).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 2, column: 1 },
      { line: 2, column: 2 },
      { line: 2, column: 3 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ])
  })

  it('should agree with offsetToPlace at every offset', function () {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é', ' ') }), (text) => {
        const placeAt = placeFinder(text)
        for (let offset = 0; offset <= text.length; offset++) expect(placeAt(offset)).toEqual(offsetToPlace(text, offset))
      }),
    )
  })
})
