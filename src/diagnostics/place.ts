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

/**
 * `offsetToPlace` for many offsets into one text: the line starts are found
 * once, then each offset is a binary search (a redirection file's two places
 * per entry cost a scan of the file each, quadratic in its size).
 * @example placeFinder('a\nbc')(3) // => {line: 2, column: 2}
 */
export function placeFinder(text: string): (offset: number) => Place {
  const lineStarts = [0]
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1)
  return (offset) => {
    // The last line start at or before `offset`.
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (lineStarts[middle]! <= offset) low = middle
      else high = middle - 1
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 }
  }
}
