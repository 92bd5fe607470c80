/**
 * The in-place `EditMap.consume` (src/markdown/micromark-edit-map.ts) gives
 * the trees micromark's own rebuilding `consume` gives, on documents made of
 * the constructs that make micromark edit its event list: lazy continuation
 * lines, lists and block quotes opening and closing, nested containers,
 * fenced code, GFM tables and task items.
 */
import fc from 'fast-check'
import { EditMap } from 'micromark-util-edit-map'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { afterEach, describe, expect, it } from 'vitest'
import { consumeInPlace, rebuildingConsume } from '../../../src/markdown/micromark-edit-map.ts'

const parser = unified().use(remarkParse).use(remarkGfm)

function treeWith(consume: typeof rebuildingConsume, markdown: string): string {
  EditMap.prototype.consume = consume
  return JSON.stringify(parser.parse(markdown))
}

const lines = [
  '- item',
  '  - nested item',
  '    deeper text',
  '* star item',
  '1. first',
  '   indented continuation',
  '> quote',
  '> - quoted item',
  '>> deep quote',
  '>',
  'lazy text',
  'more *lazy* text with `code`',
  '',
  '# Heading',
  'Setext',
  '---',
  '```',
  '    indented code',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '- [ ] task',
  '- [x] done',
  '<div>',
  '</div>',
  '[!NOTE]',
]

describe('consumeInPlace', () => {
  // Leave the prototype as create-processor.ts leaves it in every other test.
  const installed = EditMap.prototype.consume
  afterEach(() => {
    EditMap.prototype.consume = installed
  })

  it('makes the tree micromark makes on 2,000 generated documents', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 80 }), (picked) => {
        const markdown = picked.join('\n')
        expect(treeWith(consumeInPlace, markdown)).toBe(treeWith(rebuildingConsume, markdown))
      }),
      { numRuns: 2000, seed: 20261130 },
    )
  })

  it('makes the same tree for a long page of lists and quotes with lazy lines', () => {
    const block = ['Text before the list', '- a point', 'its lazy line', '- another point', '', '> quoted', 'lazy quote line', ''].join('\n')
    const page = block.repeat(1500)
    const inPlace = treeWith(consumeInPlace, page)
    expect(inPlace).toBe(treeWith(rebuildingConsume, page))
    // Each lazy line joined the paragraph before it: one list and one quote per block.
    const kinds = (JSON.parse(inPlace) as { children: Array<{ type: string }> }).children.map((node) => node.type)
    expect(kinds.filter((kind) => kind === 'list').length).toBe(1500)
    expect(kinds.filter((kind) => kind === 'blockquote').length).toBe(1500)
  })

  it('applies edits last first, each removing only up to where the next begins', () => {
    const events = ['a', 'b', 'c', 'd', 'e'] as unknown as Parameters<typeof consumeInPlace>[0]
    const reference = [...events]
    const edits = (map: EditMap) => {
      map.add(3, 1, ['X'] as unknown as typeof events)
      map.add(1, 5, ['Y'] as unknown as typeof events)
    }
    const mine = new EditMap()
    edits(mine)
    consumeInPlace.call(mine, events)
    const theirs = new EditMap()
    edits(theirs)
    rebuildingConsume.call(theirs, reference)
    expect(events).toEqual(reference)
    expect(events).toEqual(['a', 'Y', 'X', 'e'])
    expect(mine.map).toEqual([])
  })
})
