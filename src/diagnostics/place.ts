/**
 * Positions in plain text, for files whose parsers give offsets (JSON, config
 * source) rather than lines and columns.
 */
import type { Place } from './report.ts'

/**
 * 1-based line and column of a 0-based offset.
 * @example offsetToPlace('a\nbc', 3) // => {line: 2, column: 2}
 */
export function offsetToPlace(text: string, offset: number): Place {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

/** The offset where each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

/** The place of `offset` in a text whose `lineStarts` are given: a binary search for its line. */
export function placeAmong(starts: readonly number[], offset: number): Place {
  // The last line start at or before `offset`.
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return { line: low + 1, column: offset - starts[low]! + 1 }
}

/**
 * `offsetToPlace` for many offsets into one text: the line starts are found
 * once (a redirection file's two places per entry cost a scan of the file
 * each, quadratic in its size).
 * @example placeFinder('a\nbc')(3) // => {line: 2, column: 2}
 */
export function placeFinder(text: string): (offset: number) => Place {
  const starts = lineStarts(text)
  return (offset) => placeAmong(starts, offset)
}
