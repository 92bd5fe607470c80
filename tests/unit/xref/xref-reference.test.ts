/** How a cross-reference is written, and where `@` starts one (DocFX's XrefInlineShortParser rules). */
import { describe, expect, it } from 'vitest'
import { findXrefShortcuts, parseXrefReference } from '../../../src/xref/xref-reference.ts'

const shortcuts = (text: string, escaped?: (offset: number) => boolean) => findXrefShortcuts(text, escaped).map((found) => [text.slice(found.start, found.end), found.reference])

describe('parseXrefReference', function () {
  it('should split uid, displayProperty, text and anchor, decoding the uid', function () {
    expect(parseXrefReference('System.String?displayProperty=fullName#remarks')).toEqual({ uid: 'System.String', displayProperty: 'fullName', text: undefined, hash: 'remarks' })
    expect(parseXrefReference('System.String.%23ctor?text=The%20constructor')).toEqual({ uid: 'System.String.#ctor', displayProperty: undefined, text: 'The constructor', hash: '' })
    expect(parseXrefReference('a%zz')).toMatchObject({ uid: 'a%zz' })
  })
})

describe('findXrefShortcuts', function () {
  it('should start at @ and an ASCII letter and end at white space or a stop character', function () {
    expect(shortcuts('See @System.String for more.')).toEqual([['@System.String', 'System.String']])
    expect(shortcuts('@a.b|c and [@d] <@e>')).toEqual([['@a.b', 'a.b'], ['@d', 'd'], ['@e', 'e']])
  })

  it('should leave trailing punctuation out, but keep it inside the uid', function () {
    expect(shortcuts('Use @a.b. Or @c, @d; @e:f! @g?! @h~')).toEqual([['@a.b', 'a.b'], ['@c', 'c'], ['@d', 'd'], ['@e:f', 'e:f'], ['@g', 'g'], ['@h', 'h']])
  })

  it('should read @"…" and @\'…\' on one line, with spaces', function () {
    expect(shortcuts('Quoted @"a uid with spaces" and @\'b\'.')).toEqual([['@"a uid with spaces"', 'a uid with spaces'], ["@'b'", 'b']])
    // The closing quote must be on the same line; an empty quote names nothing.
    expect(shortcuts('Unclosed @"a b\nc" and @"" and @\'x')).toEqual([])
  })

  it('should start nothing after a word character, @ or \\, before a non-letter, or where the writer escaped @', function () {
    expect(shortcuts('someone@contoso.com a@@b x_@y 1@z @1 @ @-a @_b')).toEqual([])
    expect(shortcuts('\\@a and @b', (offset) => offset === 1)).toEqual([['@b', 'b']])
  })

  it('should read non-ASCII uid characters after the first letter', function () {
    expect(shortcuts('@başlık.ön')).toEqual([['@başlık.ön', 'başlık.ön']])
  })
})
