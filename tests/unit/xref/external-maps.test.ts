/** Reading an untrusted DocFX xrefmap.yml: baseUrl, the map's own URL, unusable entries, YAML limits. */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { parseXrefMap } from '../../../src/xref/external-maps.ts'

function read(text: string, mapUrl?: string) {
  const file = new VFile({ path: '/maps/x.yml' })
  const references = parseXrefMap(text, file, mapUrl)
  return { references: references.map(({ uid, href }) => [uid, href]), messages: file.messages.map((message) => formatHuman(message, { cwd: '/' })) }
}

describe('parseXrefMap', function () {
  it('should make hrefs absolute against baseUrl, else the map URL, and keep string properties', function () {
    const text = 'baseUrl: https://learn.example.com/api/\nreferences:\n- uid: A\n  name: A\n  fullName: N.A\n  href: a.html\n- uid: B\n  href: https://other.example.com/b\n'
    expect(read(text)).toEqual({ references: [['A', 'https://learn.example.com/api/a.html'], ['B', 'https://other.example.com/b']], messages: [] })
    const file = new VFile({ path: '/maps/x.yml' })
    expect(parseXrefMap(text, file)[0]!.properties).toEqual({ uid: 'A', name: 'A', fullName: 'N.A', href: 'a.html' })
    expect(read('references:\n- uid: C\n  href: c/\n', 'https://docs.example.org/en-us/xrefmap.yml').references).toEqual([['C', 'https://docs.example.org/en-us/c/']])
  })

  it('should skip entries without uid or an http(s) href, with one warning at the first', function () {
    expect(read('references:\n- uid: A\n  href: https://x.example/a\n- uid: B\n  href: javascript:alert(1)\n- name: no uid\n  href: https://x.example/c\n- uid: D\n  href: relative/d\n')).toEqual({
      references: [['A', 'https://x.example/a']],
      messages: ['maps/x.yml:4:3: warning: 3 of 4 references are not used: each needs a `uid` and an `href` that is an http(s) URL (or a `baseUrl` it is relative to) [xref-map-entry]'],
    })
  })

  it('should report invalid YAML, a map without references and an alias bomb as xref-map-unavailable', function () {
    expect(read('references: [\n').messages).toEqual([expect.stringMatching(/^maps\/x\.yml:\d+:\d+: error: Invalid xref map: .+ \[xref-map-unavailable\]$/)])
    expect(read('uid: a\n').messages).toEqual(['maps/x.yml:1:1: error: Invalid xref map: expected a mapping with a `references:` list [xref-map-unavailable]'])
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`), 'references: []'].join('\n')
    expect(read(bomb).messages).toEqual([expect.stringMatching(/^maps\/x\.yml:1:1: error: Invalid xref map: .*alias.* \[xref-map-unavailable\]$/i)])
  })
})
