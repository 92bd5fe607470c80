/**
 * micromark applies a batch of edits to a document's event list with
 * `EditMap.consume`, which rebuilds the whole list. That is fine once per
 * document, but micromark's document tokenizer calls it at every lazy
 * continuation line and closed container, so a long page of lists is
 * quadratic: one 480 KB corpus article of 9,000 list items spent 16 of its
 * 35 s of rendering there. micromark 4.0.3 and micromark-util-edit-map 1.0.0
 * are the latest releases.
 *
 * `consumeInPlace` applies the same edits to the same list, last first, so a
 * batch costs what follows its first edit. Installed once per process (main
 * thread and each render worker) by create-processor.ts; the unit test
 * checks it gives micromark's own events on generated documents.
 */
import { splice } from 'micromark-util-chunked'
import { EditMap } from 'micromark-util-edit-map'
import type { Event } from 'micromark-util-types'

/** micromark's own `consume`, for the test that compares the two. */
export const rebuildingConsume = EditMap.prototype.consume

export function consumeInPlace(this: EditMap, events: Event[]): undefined {
  if (this.map.length === 0) return
  this.map.sort((a, b) => a[0] - b[0])
  // As in the original, an edit only removes up to where the next one starts.
  let end = events.length
  for (let index = this.map.length - 1; index >= 0; index--) {
    const [at, remove, add] = this.map[index]!
    splice(events, at, Math.max(0, Math.min(remove, end - at)), add)
    end = at
  }
  this.map.length = 0
  this.index.clear()
  return undefined
}

export function installInPlaceConsume(): void {
  EditMap.prototype.consume = consumeInPlace
}
