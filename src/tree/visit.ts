/**
 * `visit` from unist-util-visit, walked without the per-node cost of its
 * debugging aid: unist-util-visit-parents 6 gives the closure it makes for
 * every node a readable `name` (`Object.defineProperty`) and copies the
 * ancestor list at every parent. That made a walk about 40 times slower than
 * the walk itself, and tolk's plugins walk each page's trees some 25 times:
 * on the corpus those walks were the largest share of rendering after
 * parsing. Same arguments, same order, same `SKIP`/`EXIT`/index results and
 * the same tests (unist-util-is's `convert`); the `{enter, exit}` form goes
 * to the library. tests/unit/tree/visit.test.ts compares the two on random
 * trees and visitors.
 */
import type { Node, Parent } from 'unist'
import { convert } from 'unist-util-is'
import { CONTINUE, EXIT, SKIP, visit as libraryVisit } from 'unist-util-visit'

export { CONTINUE, EXIT, SKIP }

type Action = typeof CONTINUE | typeof EXIT | typeof SKIP
type ActionTuple = readonly [(Action | undefined)?, (number | undefined)?]
type Result = Action | number | ActionTuple | undefined | void
type Visitor = (node: Node, index: number | undefined, parent: Parent | undefined) => Result

const empty: ActionTuple = []

function fastVisit(tree: Node, testOrVisitor: unknown, visitorOrReverse?: unknown, maybeReverse?: unknown): void {
  let test: unknown
  let visitor: unknown
  let reverse: unknown
  if (typeof visitorOrReverse === 'function' || (visitorOrReverse && typeof visitorOrReverse === 'object')) {
    test = testOrVisitor
    visitor = visitorOrReverse
    reverse = maybeReverse
  } else {
    visitor = testOrVisitor
    reverse = visitorOrReverse
  }
  if (typeof visitor !== 'function' || !tree || typeof tree !== 'object') {
    // `{enter, exit}` visitors and bad arguments: the library's behaviour, errors included.
    ;(libraryVisit as (...args: unknown[]) => void)(tree, testOrVisitor, visitorOrReverse, maybeReverse)
    return
  }
  const enter = visitor as Visitor
  const is = convert(test as Parameters<typeof convert>[0])
  const step = reverse ? -1 : 1

  function one(node: Node, index: number | undefined, parent: Parent | undefined): ActionTuple {
    let result = empty
    if (!test || is(node, index, parent)) {
      result = toResult(enter(node, index, parent))
      if (result[0] === EXIT) return result
    }
    if ('children' in node && node.children && result[0] !== SKIP) {
      const asParent = node as Parent
      // `children` is read again at every step: a visitor may replace or resize it.
      let offset = (reverse ? asParent.children.length : -1) + step
      while (offset > -1 && offset < asParent.children.length) {
        const subresult = one(asParent.children[offset]!, offset, asParent)
        if (subresult[0] === EXIT) return subresult
        offset = typeof subresult[1] === 'number' ? subresult[1] : offset + step
      }
    }
    return result
  }

  one(tree, undefined, undefined)
}

function toResult(value: Result): ActionTuple {
  if (Array.isArray(value)) return value as ActionTuple
  if (typeof value === 'number') return [CONTINUE, value]
  return value === null || value === undefined ? empty : [value as Action]
}

/** unist-util-visit's `visit`, with its types. */
export const visit = fastVisit as unknown as typeof libraryVisit
