/**
 * Where and why text is not JSON. `JSON.parse` names no position for some
 * errors ("Unexpected token 'r', "root:x:0:0"... is not valid JSON") and
 * quotes the text it failed on; this scanner finds the first offending
 * character itself, so the diagnostic is at its line and column and says
 * what was expected, quoting at most one character.
 */
import { offsetToPlace } from './place.ts'
import type { Place } from './report.ts'

export interface JsonError {
  place: Place
  reason: string
}

/** Parse JSON; on failure, the place and reason of the first error. */
export function parseJson(text: string): { ok: true; value: unknown } | ({ ok: false } & JsonError) {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    const { offset, expected } = firstJsonError(text)
    const found = offset >= text.length ? 'the end of the file' : `\`${describe(text[offset]!)}\``
    return { ok: false, place: offsetToPlace(text, Math.min(offset, text.length)), reason: `expected ${expected}, found ${found}` }
  }
}

function describe(char: string): string {
  return /[\x00-\x1f\x7f]/.test(char) ? `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : char
}

/**
 * The offset of the first character that makes `text` invalid JSON (RFC
 * 8259), with what was expected there. Iterative: nesting depth costs no stack.
 */
export function firstJsonError(text: string): { offset: number; expected: string } {
  let at = 0
  // What each open container expects next.
  const stack: Array<'array' | 'object'> = []
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++
  }
  const fail = (expected: string) => ({ offset: at, expected })
  const string = (): boolean => {
    at++ // opening quote
    while (at < text.length) {
      const char = text[at]!
      if (char === '"') {
        at++
        return true
      }
      if (char < ' ') return false
      if (char === '\\') {
        const next = text[at + 1]
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
            at += 2
            return false
          }
          at += 6
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) at += 2
        else {
          at++
          return false
        }
      } else at++
    }
    return false
  }
  // Parse one value; afterwards handle what follows it inside its container.
  value: while (true) {
    space()
    const char = text[at]
    if (char === '{' || char === '[') {
      stack.push(char === '{' ? 'object' : 'array')
      at++
      space()
      if (text[at] === (char === '{' ? '}' : ']')) at++
      else if (char === '{') {
        if (text[at] !== '"') return fail('a property name in double quotes or `}`')
        if (!string()) return fail('a valid string')
        space()
        if (text[at] !== ':') return fail('`:` after the property name')
        at++
        continue value
      } else continue value
      stack.pop()
    } else if (char === '"') {
      if (!string()) return fail('a valid string (no raw control characters, valid escapes, a closing `"`)')
    } else if (char !== undefined && /[-0-9]/.test(char)) {
      const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400))
      if (!match || match[0] === '-') return fail('a number')
      at += match[0].length
    } else {
      const word = ['true', 'false', 'null'].find((literal) => text.startsWith(literal, at))
      if (!word) return fail('a value (object, array, string, number, `true`, `false` or `null`)')
      at += word.length
    }
    // After a value: close containers or go on to the next member.
    while (true) {
      space()
      const container = stack.at(-1)
      if (!container) return at < text.length ? fail('the end of the file') : { offset: text.length, expected: 'nothing (the text is valid)' }
      const close = container === 'object' ? '}' : ']'
      if (text[at] === close) {
        at++
        stack.pop()
        continue
      }
      if (text[at] !== ',') return fail(`\`,\` or \`${close}\``)
      at++
      if (container === 'object') {
        space()
        if (text[at] !== '"') return fail('a property name in double quotes')
        if (!string()) return fail('a valid string')
        space()
        if (text[at] !== ':') return fail('`:` after the property name')
        at++
      }
      continue value
    }
  }
}
