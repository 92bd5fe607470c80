import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { readArticleMeta } from '../../../src/front-matter/article-meta.ts'
import { parseFrontMatter } from '../../../src/front-matter/parse.ts'

function read(value: string) {
  const file = new VFile({ path: 'da-dk/guides/triage.md', value })
  const { data } = parseFrontMatter(file)
  const meta = readArticleMeta(file, data, file.messages.length > 0)
  return { meta, messages: file.messages.map((message) => formatHuman(message)) }
}

describe('readArticleMeta', function () {
  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk: a YAML
  // escape put a raw NUL into the page's <title> and <h1>.
  it('should show a NUL from a YAML escape as U+FFFD, with a warning at its key', function () {
    const { meta, messages } = read('---\ntitle: "a\\u0000b"\nkeywords: ["x\\0y"]\n---\n')
    expect([meta.title, meta.keywords]).toEqual(['a\ufffdb', 'x\ufffdy'])
    expect(messages).toEqual([
      'da-dk/guides/triage.md:2:1: warning: `title` holds a NUL character; it is shown as U+FFFD [invalid-encoding]',
      'da-dk/guides/triage.md:3:1: warning: `keywords` holds a NUL character; it is shown as U+FFFD [invalid-encoding]',
    ])
  })

  it('should read the title, description and DocFX `ms.*` fields', function () {
    const { meta, messages } = read(
      [
        '---',
        'title: Triage af hændelser',
        'description: Sådan sorterer du nye hændelser.',
        'keywords:',
        '  - triage',
        '  - hændelser',
        'ms.date: 03/14/2024',
        'ms.author: sam',
        'author: someone-else',
        'ms.contentlocale: da-DK',
        'ms.translationtype: MT',
        'tolk.source-hash: 3f786850e387550fdab836ed7e6dc881de23001b',
        '---',
        '',
      ].join('\n'),
    )
    expect(messages).toEqual([])
    expect(meta).toEqual({
      dateValue: new Date(Date.UTC(2024, 2, 14)),
      machineTranslated: true,
      title: 'Triage af hændelser',
      description: 'Sådan sorterer du nye hændelser.',
      keywords: 'triage, hændelser',
      date: '03/14/2024',
      author: 'sam',
      contentLocale: 'da-DK',
      translationType: 'MT',
      tolkSourceHash: '3f786850e387550fdab836ed7e6dc881de23001b',
      originHash: undefined,
      untitled: false,
    })
  })

  it('should fall back to `author` when there is no `ms.author`', function () {
    const { meta } = read('---\ntitle: Triage\nauthor: sam\n---\n')
    expect(meta.author).toBe('sam')
  })

  it('should keep keywords written as one string', function () {
    const { meta } = read('---\ntitle: Triage\nkeywords: triage, incidents\n---\n')
    expect(meta.keywords).toBe('triage, incidents')
  })

  it('should read a number as text', function () {
    const { meta, messages } = read('---\ntitle: 2024\n---\n')
    expect(messages).toEqual([])
    expect(meta.title).toBe('2024')
  })

  it('should report a missing title and use the file name instead', function () {
    const { meta, messages } = read('---\ndescription: No title here.\n---\n# Triage\n')
    expect(messages).toEqual([
      'da-dk/guides/triage.md:1:1: error: Missing `title` in front matter; every article needs one for `<title>` and navigation [missing-title]',
    ])
    expect(meta.title).toBe('triage')
    expect(meta.untitled).toBe(true)
    expect(read('---\ntitle: Triage\n---\n').meta.untitled).toBe(false)
  })

  it('should report a blank title as missing', function () {
    const { messages } = read('---\ntitle: "   "\n---\n')
    expect(messages).toEqual([
      'da-dk/guides/triage.md:1:1: error: Missing `title` in front matter; every article needs one for `<title>` and navigation [missing-title]',
    ])
  })

  it('should report a list title once, at the line of its key', function () {
    const { meta, messages } = read('---\ndescription: Triage.\ntitle:\n  - Triage\n  - Hændelser\n---\n')
    expect(messages).toEqual([
      'da-dk/guides/triage.md:3:1: error: Expected `title` to be text, found a list [invalid-front-matter]',
    ])
    expect(meta.title).toBe('triage')
  })

  it('should report a mapping where text is expected, at the line of its key', function () {
    const { meta, messages } = read('---\ntitle: Triage\nms.date:\n  year: 2024\n---\n')
    expect(messages).toEqual([
      'da-dk/guides/triage.md:3:1: error: Expected `ms.date` to be text, found a mapping [invalid-front-matter]',
    ])
    expect(meta.date).toBeUndefined()
  })

  it('should not call the title missing when the YAML could not be read', function () {
    const { messages } = read('---\ntitle: Triage: step 1\n---\n')
    expect(messages).toEqual([
      'da-dk/guides/triage.md:2:8: error: Invalid YAML front matter: Nested mappings are not allowed in compact mappings [front-matter-yaml]',
    ])
  })

  it('should report nested keywords at their key instead of printing `[object Object]`', function () {
    const mapping = read('---\ntitle: Triage\nkeywords:\n  primary: triage\n---\n')
    expect(mapping.meta.keywords).toBeUndefined()
    expect(mapping.messages).toEqual([
      'da-dk/guides/triage.md:3:1: error: Expected `keywords` to be text or a list of texts, found a mapping [invalid-front-matter]',
    ])
    const listOfMappings = read('---\ntitle: Triage\nms.date: 03/14/2024\nkeywords:\n  - name: triage\n  - contain\n---\n')
    expect(listOfMappings.meta.keywords).toBeUndefined()
    expect(listOfMappings.messages).toEqual([
      'da-dk/guides/triage.md:4:1: error: Expected `keywords` to be text or a list of texts, found a list holding a list or mapping [invalid-front-matter]',
    ])
  })
})
