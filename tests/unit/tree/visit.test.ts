/**
 * tolk's `visit` (src/tree/visit.ts) against unist-util-visit's: on random
 * trees, tests and visitors (that skip, exit, jump, remove and insert nodes)
 * both must call the visitor with the same nodes, indices and parents in
 * the same order, and leave the same tree.
 */
import fc from 'fast-check'
import type { Node, Parent } from 'unist'
import { visit as libraryVisit } from 'unist-util-visit'
import { describe, expect, it } from 'vitest'
import { EXIT, SKIP, visit } from '../../../src/tree/visit.ts'

interface TestNode extends Node {
  id: number
  tag: string
  children?: TestNode[]
}

const types = ['root', 'paragraph', 'text', 'link', 'element']
const tags = ['a', 'b', 'c']

/** A tree of numbered nodes: `[type, tag, children | undefined]`. */
const treeShape: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.tuple(fc.constantFrom(...types), fc.constantFrom(...tags), fc.option(fc.array(tie('node'), { maxLength: 4 }), { nil: undefined, freq: 2 })),
})).node

function toTree(shape: unknown): TestNode {
  let next = 0
  const make = ([type, tag, children]: [string, string, unknown[] | undefined]): TestNode => ({
    type,
    tag,
    id: next++,
    ...(children ? { children: children.map((child) => make(child as [string, string, unknown[] | undefined])) } : {}),
  })
  return make(shape as [string, string, unknown[] | undefined])
}

/** What a visitor does at the n-th call, chosen by the property. */
type Move = 'go' | 'skip' | 'exit' | 'jump' | 'remove' | 'insert' | 'back' | 'undefined'

const tests: Array<[string, unknown]> = [
  ['none', undefined],
  ['type', 'text'],
  ['types', ['link', 'element']],
  ['props', { tag: 'b' }],
  ['function', (node: TestNode) => node.id % 2 === 0],
]

/** Runs `walk` with a visitor that records its calls and makes `moves`; stops after a bounded number of calls. */
function record(walk: typeof libraryVisit, tree: TestNode, test: unknown, moves: Move[], reverse: boolean): { calls: string[]; error?: string } {
  const calls: string[] = []
  let inserted = 1000
  const visitor = (node: TestNode, index: number | undefined, parent: Parent | undefined): unknown => {
    calls.push(`${node.id}@${index}<${(parent as TestNode | undefined)?.id}`)
    if (calls.length > 500) throw new Error('too many calls')
    const move = moves[calls.length % moves.length]
    const siblings = (parent as TestNode | undefined)?.children
    switch (move) {
      case 'skip':
        return SKIP
      case 'exit':
        return EXIT
      case 'jump':
        return index === undefined ? undefined : index + (reverse ? -2 : 2)
      case 'remove':
        if (!siblings || index === undefined) return undefined
        siblings.splice(index, 1)
        return reverse ? index - 1 : index
      case 'insert':
        if (!siblings || index === undefined) return undefined
        siblings.splice(index + 1, 0, { type: 'text', tag: 'c', id: inserted++ })
        return [SKIP, index + (reverse ? -1 : 2)]
      case 'back':
        return index !== undefined && index > 0 && !reverse && calls.length < 50 ? index - 1 : undefined
      case 'undefined':
        return undefined
      default:
        return true
    }
  }
  const args: unknown[] = test === undefined ? [tree, visitor, reverse] : [tree, test, visitor, reverse]
  try {
    ;(walk as (...a: unknown[]) => void)(...args)
    return { calls }
  } catch (error) {
    return { calls, error: String(error) }
  }
}

describe('visit', function () {
  it('should walk as unist-util-visit does, whatever the visitor does to the tree', function () {
    fc.assert(
      fc.property(
        treeShape,
        fc.constantFrom(...tests),
        fc.array(fc.constantFrom<Move>('go', 'go', 'go', 'skip', 'exit', 'jump', 'remove', 'insert', 'back', 'undefined'), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (shape, [, test], moves, reverse) => {
          const ours = toTree(shape)
          const theirs = toTree(shape)
          const expected = record(libraryVisit, theirs, test, moves, reverse)
          const actual = record(visit as typeof libraryVisit, ours, test, moves, reverse)
          expect(actual).toEqual(expected)
          expect(ours).toEqual(theirs)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('should pass index and parent and stop at EXIT', function () {
    const tree = toTree(['root', 'a', [['paragraph', 'a', [['text', 'a', undefined], ['link', 'b', [['text', 'c', undefined]]]]], ['text', 'b', undefined]]])
    const seen: string[] = []
    visit(tree, 'text', (node, index, parent) => {
      seen.push(`${(node as TestNode).id}@${index}<${(parent as TestNode).id}`)
      return (node as TestNode).id === 4 ? EXIT : undefined
    })
    expect(seen).toEqual(['2@0<1', '4@0<3'])
  })

  it('should refuse what is not a tree as the library does', function () {
    expect(() => visit(undefined as unknown as Node, () => undefined)).toThrow('Unexpected value `undefined` for `tree`, expected node')
  })
})
