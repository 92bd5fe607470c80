import { describe, expect, it } from 'vitest'
import { parseJson } from '../../../src/diagnostics/json-error.ts'

describe('parseJson', function () {
  it('should return the value of valid JSON', function () {
    expect(parseJson('{"a": [1, {"b": null}], "c": "\\u00e6"}')).toEqual({ ok: true, value: { a: [1, { b: null }], c: 'æ' } })
  })

  it('should place each error at its line and column, quoting one character at most', function () {
    const cases: Array<[string, string]> = [
      ['root:x:0:0:root:/root:/bin/bash', '1:1 expected a value (object, array, string, number, `true`, `false` or `null`), found `r`'],
      ['{\n  "redirections": [\n    {"source_path": "a.md"}\n    {"source_path": "b.md"}\n  ]\n}', '4:5 expected `,` or `]`, found `{`'],
      ['{\n  "a": 1,\n}', '3:1 expected a property name in double quotes, found `}`'],
      ['{"a" "b"}', '1:6 expected `:` after the property name, found `"`'],
      ['{"a": "line\nbreak"}', '1:12 expected a valid string (no raw control characters, valid escapes, a closing `"`), found `U+000A`'],
      ['[1, 2', '1:6 expected `,` or `]`, found the end of the file'],
      ['{"a": tru}', '1:7 expected a value (object, array, string, number, `true`, `false` or `null`), found `t`'],
      ['{} x', '1:4 expected the end of the file, found `x`'],
    ]
    for (const [text, expected] of cases) {
      const result = parseJson(text)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(`${result.place.line}:${result.place.column} ${result.reason}`).toBe(expected)
    }
  })

  it('should locate an error after deep nesting without using the stack', function () {
    const result = parseJson(`${'['.repeat(100_000)}x`)
    expect(result).toMatchObject({ ok: false, place: { line: 1, column: 100_001 } })
  })
})
