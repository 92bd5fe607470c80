/**
 * Where each value of a JSON text starts, by its path (`['redirections', 3,
 * 'source_path']`), so a problem in a file read with `JSON.parse` is
 * reported at its own line and column. A scan, not a parser: run it on text
 * `JSON.parse` accepted. Iterative, so deep nesting costs no stack.
 */

export type JsonPath = Array<string | number>

/**
 * Offsets of the values at depth `maxDepth` or less, keyed by their path
 * joined with `\u0000` (see `jsonPathKey`).
 * @example jsonValueOffsets('{"a": [1, {"b": 2}]}', 3).get(jsonPathKey(['a', 1, 'b'])) // => 16
 */
export function jsonValueOffsets(text: string, maxDepth: number): Map<string, number> {
  const offsets = new Map<string, number>()
  // One frame per open container: the key or index of the value being read in it.
  const stack: Array<{ array: boolean; at: string | number | undefined }> = []
  let expectKey = false
  let i = 0
  const valueStarts = (offset: number): void => {
    const path = stack.map((frame) => frame.at!)
    if (path.length <= maxDepth) offsets.set(jsonPathKey(path), offset)
  }
  while (i < text.length) {
    const char = text[i]!
    if (char === '"') {
      const end = stringEnd(text, i)
      if (expectKey) {
        stack.at(-1)!.at = JSON.parse(text.slice(i, end)) as string
        expectKey = false
      } else {
        valueStarts(i)
      }
      i = end
      continue
    }
    if (char === '{' || char === '[') {
      valueStarts(i)
      const array = char === '['
      stack.push({ array, at: array ? 0 : undefined })
      expectKey = !array
    } else if (char === '}' || char === ']') {
      stack.pop()
      expectKey = false
    } else if (char === ',') {
      const frame = stack.at(-1)
      if (frame?.array) frame.at = (frame.at as number) + 1
      else expectKey = true
    } else if (/[-0-9tfn]/.test(char)) {
      valueStarts(i)
      while (i < text.length && /[-+.0-9a-zA-Z]/.test(text[i]!)) i++
      continue
    }
    i++
  }
  return offsets
}

/** The map key of a path in `jsonValueOffsets`. */
export function jsonPathKey(path: JsonPath): string {
  return path.join('\u0000')
}

/** Offset just past the string literal that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}
