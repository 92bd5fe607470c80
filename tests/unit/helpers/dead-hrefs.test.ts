import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { countByWhere, deadRefs, deadRefsInFolder, landing } from '../../helpers/dead-hrefs.ts'

const page = (body: string, head = ''): string => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`

/** A tiny site: one live and one dead URL of each kind, plus the kinds that are never judged. */
const tree: Record<string, string> = {
  'index.html': page('<a href="en/">home</a><a href="en/gone/">gone</a>'),
  'en/index.html': page(
    [
      '<a href="guide/">folder</a>',
      '<a href="guide/missing/">dead folder</a>',
      '<a href="guide/file.pdf">file</a>',
      '<a href="guide/missing.pdf">dead file</a>',
      '<a href="/en/guide/#top">root-relative</a>',
      '<a href="/elsewhere/">outside</a>',
      '<a href="guide">folder without slash</a>',
      '<a href="my%20page/">encoded</a>',
      '<a href="#frag">fragment</a>',
      '<a href="https://example.org/x">external</a>',
      '<a href="//cdn.example.org/x">protocol-relative</a>',
      '<a href="mailto:a@example.org">mail</a>',
      '<a href="?view=x#y">same page</a>',
      '<img src="guide/pic.png" alt="live"><img src="guide/none.png" alt="dead">',
      '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    ].join(''),
    '<link rel="stylesheet" href="../_tolk/site.css"><link rel="icon" href="../_tolk/none.ico">',
  ),
  'en/old/index.html': page('', '<meta http-equiv="refresh" content="0; url=../gone/">'),
  'en/moved/index.html': page('', '<meta http-equiv="refresh" content="0; url=../guide/">'),
}
const others = ['en/guide/index.html', 'en/guide/file.pdf', 'en/guide/pic.png', 'en/my page/index.html', '_tolk/site.css']

describe('dead-href checker', function () {
  const written = new Set([...Object.keys(tree), ...others])
  const html = new Map(Object.entries(tree).concat([['en/guide/index.html', page('')]]))

  it('should list each href and src that lands on no written file, and no other', function () {
    const found = deadRefs(written, html)
    expect(found.hrefs.map(({ file, where, url }) => `${file}: ${where} ${url}`).sort()).toEqual([
      'en/index.html: a href /elsewhere/',
      'en/index.html: a href guide/missing.pdf',
      'en/index.html: a href guide/missing/',
      'en/index.html: link href ../_tolk/none.ico',
      'en/old/index.html: meta refresh ../gone/',
      'index.html: a href en/gone/',
    ])
    expect(found.srcs.map(({ file, where, url }) => `${file}: ${where} ${url}`)).toEqual(['en/index.html: img src guide/none.png'])
    expect(countByWhere(found.hrefs)).toEqual({ 'a href': 4, 'link href': 1, 'meta refresh': 1 })
    // Judged: 11 links, 2 stylesheet/icon, 2 refreshes; external, mailto and `#frag` are not.
    expect(found.checked).toEqual({ hrefs: 15, srcs: 2 })
  })

  it('should read the same from an output folder on disk', function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-dead-hrefs-'))
    for (const file of written) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), html.get(file) ?? 'x')
    }
    expect(deadRefsInFolder(dir)).toEqual(deadRefs(written, html))
  })

  it('should resolve URLs against the file and the site base', function () {
    expect(landing('en/a/index.html', '../b/', '/')).toBe('en/b/index.html')
    expect(landing('en/a/index.html', '../../../../x.png', '/')).toBe('x.png')
    expect(landing('en/a/index.html', '../b/', '/docs/')).toBe('en/b/index.html')
    expect(landing('en/a/index.html', '/docs/en/', '/docs/')).toBe('en/index.html')
    expect(landing('en/a/index.html', '/docs', '/docs/')).toBe('index.html')
    expect(landing('en/a/index.html', '/en/', '/docs/')).toBe('')
    expect(landing('en/a/index.html', 'javascript:alert(1)', '/')).toBe('')
    expect(landing('en/a/index.html', '', '/')).toBe('en/a/index.html')
    expect(landing('en/a/index.html', 'HTTPS://example.org', '/')).toBeUndefined()
  })
})
