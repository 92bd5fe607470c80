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
