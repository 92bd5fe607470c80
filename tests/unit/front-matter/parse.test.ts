import type { Heading, Root } from 'mdast'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { parseFrontMatter } from '../../../src/front-matter/parse.ts'

function parse(value: string) {
  const file = new VFile({ path: 'en-us/respond.md', value })
  const result = parseFrontMatter(file)
  return { ...result, messages: file.messages.map((message) => formatHuman(message)) }
}

/** Start line and column of every top-level Markdown node of `body`. */
function starts(body: string): Array<[string, number | undefined, number | undefined]> {
  const tree: Root = unified().use(remarkParse).parse(body)
  return tree.children.map((node) => [node.type, node.position?.start.line, node.position?.start.column])
}

/** Nested anchors, each level nine aliases of the one before: 9^9 nodes if expanded. */
function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  const names = 'abcdefghij'
  for (let level = 1; level < names.length; level++) {
    const previous = names[level - 1]!
    const name = names[level]!
    lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`)
  }
  return lines.join('\n')
}

describe('parseFrontMatter', function () {
  it('should return the data and blank the front matter in the body to the same length, keeping its newlines', function () {
    const { data, body, messages } = parse('---\ntitle: Respond\nms.date: 03/14/2024\n---\n\n# Respond\n\nIsolate the host.\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'Respond', 'ms.date': '03/14/2024' })
    expect(body).toBe('   \n              \n                   \n   \n\n# Respond\n\nIsolate the host.\n')
  })

  it('should keep Markdown positions equal to file positions', function () {
    const { body } = parse(
      '---\ntitle: Contain\ndescription: Isolate the host.\nms.author: sam\n---\n\n## Isolate\n\nPull the cable.\n',
    )
    expect(starts(body)).toEqual([
      ['heading', 7, 1],
      ['paragraph', 9, 1],
    ])
  })

  it('should leave a file without front matter as it is', function () {
    const text = '# Respond\n\n---\n\ntitle: not front matter\n'
    const { data, body, messages } = parse(text)
    expect(messages).toEqual([])
    expect(data).toEqual({})
    expect(body).toBe(text)
  })

  it('should report invalid YAML at its line and column in the file', function () {
    const { data, body, messages } = parse('---\ntitle: Respond\ndescription: Step 2: contain the threat\n---\n\n# Respond\n')
    expect(messages).toEqual([
      'en-us/respond.md:3:14: error: Invalid YAML front matter: Nested mappings are not allowed in compact mappings [front-matter-yaml]',
    ])
    expect(data).toEqual({})
    expect(starts(body)).toEqual([['heading', 6, 1]])
  })

  it('should count blank lines at the top of the front matter', function () {
    const { messages } = parse('---\n\ntitle: Respond\n\ndescription: Step 2: contain the threat\n---\n')
    expect(messages).toEqual([
      'en-us/respond.md:5:14: error: Invalid YAML front matter: Nested mappings are not allowed in compact mappings [front-matter-yaml]',
    ])
  })

  it('should report a duplicate key at its second occurrence', function () {
    const { data, messages } = parse('---\ntitle: Respond\nms.author: sam\ntitle: Reagér\n---\n')
    expect(messages).toEqual([
      'en-us/respond.md:4:1: error: Invalid YAML front matter: Map keys must be unique [front-matter-yaml]',
    ])
    expect(data).toEqual({})
  })

  it('should reject a "billion laughs" alias bomb quickly instead of expanding it', function () {
    const started = performance.now()
    const { data, body, messages } = parse(`---\ntitle: Bomb\n${aliasBomb()}\n---\n# After\n`)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(1000)
    expect(messages).toEqual([
      'en-us/respond.md:4:8: error: Invalid front matter: aliases expand to too much data (more than 50 alias uses); is it a "billion laughs" file? [front-matter-yaml]',
    ])
    expect(data).toEqual({})
    expect(starts(body)).toEqual([['heading', 14, 1]])
  })

  it('should still resolve a few ordinary aliases', function () {
    const { data, messages } = parse('---\ntitle: Respond\nowner: &owner soc-team\nreviewer: *owner\n---\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'Respond', owner: 'soc-team', reviewer: 'soc-team' })
  })

  it('should report a list as front matter', function () {
    const { data, body, messages } = parse('---\n- title\n- Respond\n---\n# Respond\n')
    expect(messages).toEqual([
      'en-us/respond.md:2:1: error: Front matter must be a YAML mapping of keys to values [invalid-front-matter]',
    ])
    expect(data).toEqual({})
    expect(body).toBe('   \n       \n         \n   \n# Respond\n')
  })

  it('should report a plain string as front matter', function () {
    const { data, messages } = parse('---\njust some words\n---\n# Respond\n')
    expect(messages).toEqual([
      'en-us/respond.md:2:1: error: Front matter must be a YAML mapping of keys to values [invalid-front-matter]',
    ])
    expect(data).toEqual({})
  })

  it('should read front matter after a UTF-8 byte order mark', function () {
    const { data, body, messages } = parse('\uFEFF---\ntitle: Respond\n---\n\n# Respond\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'Respond' })
    expect(starts(body)).toEqual([['heading', 5, 1]])
  })

  it('should read CRLF front matter without stray carriage returns', function () {
    const { data, body, messages } = parse(
      '---\r\ntitle: Respond\r\nkeywords:\r\n  - triage\r\n  - contain\r\n---\r\n\r\n# Respond\r\n',
    )
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'Respond', keywords: ['triage', 'contain'] })
    const heading = unified().use(remarkParse).parse(body).children[0] as Heading
    expect(heading.position?.start.line).toBe(8)
  })
})

describe('unclosed YAML collections and quotes', function () {
  it('should point at the opening bracket or quote, not where yaml noticed it', function () {
    expect(parse('---\ntitle: [Respond\ndescription: x\n---\n# Respond\n').messages).toEqual([
      'en-us/respond.md:2:8: error: Invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] [front-matter-yaml]',
    ])
    expect(parse('---\ntitle: "Respond\ndescription: x\n---\n# Respond\n').messages).toEqual([
      'en-us/respond.md:2:8: error: Invalid YAML front matter: Missing closing "quote [front-matter-yaml]',
    ])
  })
})

describe('front matter boundaries and bounds', function () {
  it('should report unclosed front matter at its opening line and keep the whole text as the body', function () {
    const text = '---\ntitle: Respond\n\n# Respond\n\nIsolate the host.\n'
    const { data, body, messages } = parse(text)
    expect(messages).toEqual([
      'en-us/respond.md:1:1: error: Front matter opened by `---` is never closed; end it with a `---` line, or nothing below is read as the article [front-matter-yaml]',
    ])
    expect(data).toEqual({})
    expect(body).toBe(text)
  })

  it("should close front matter at YAML's `...` document end marker, as DocFX does, and keep the body", function () {
    const { data, body, messages } = parse('---\ntitle: Respond\n...\n\n# Respond\n')
    expect(messages).toEqual([])
    expect(data).toEqual({ title: 'Respond' })
    expect(starts(body)).toEqual([['heading', 5, 1]])
  })

  it('should report yaml warnings as diagnostics at their place, not on stderr', function () {
    const { data, messages } = parse('---\ntitle: Respond\nms.topic: !custom article\n---\n# Respond\n')
    expect(messages).toEqual(['en-us/respond.md:3:11: warning: YAML front matter: Unresolved tag: !custom [yaml-warning]'])
    expect(data).toEqual({ title: 'Respond', 'ms.topic': 'article' })
  })

  it('should refuse front matter over 64 KiB at its opening line, keeping the body', function () {
    const keys = Array.from({ length: 40_000 }, (_, index) => `key${index}: ${index}`).join('\n')
    const { data, body, messages } = parse(`---\ntitle: Respond\n${keys}\n---\n# Respond\n`)
    expect(messages).toEqual(['en-us/respond.md:1:1: error: Front matter is 603.3 KiB, over the 64 KiB limit; it is not read [content-too-large]'])
    expect(data).toEqual({})
    expect(starts(body)).toEqual([['heading', 40_004, 1]])
  })

  it('should find a duplicate among thousands of keys in one pass', { timeout: 10_000 }, function () {
    const keys = Array.from({ length: 6000 }, (_, index) => `k${index}: 1`)
    keys.push('k17: 2')
    const { data, messages } = parse(`---\n${keys.join('\n')}\n---\n`)
    expect(messages).toEqual(['en-us/respond.md:6002:1: error: Invalid YAML front matter: Map keys must be unique [front-matter-yaml]'])
    expect(data).toEqual({})
  })

  it('should find a duplicate key in a nested mapping', function () {
    const { messages } = parse('---\ntitle: Respond\nmetadata:\n  owner: a\n  owner: b\n---\n')
    expect(messages).toEqual(['en-us/respond.md:5:3: error: Invalid YAML front matter: Map keys must be unique [front-matter-yaml]'])
  })

  it('should stop a self-referencing alias list at the alias', function () {
    const aliases = Array.from({ length: 60 }, () => '*a').join(', ')
    const { data, messages } = parse(`---\ntitle: Respond\nlist: &a [x, y]\nmore: [${aliases}]\n---\n`)
    expect(messages).toEqual([
      'en-us/respond.md:4:8: error: Invalid front matter: aliases expand to too much data (more than 50 alias uses); is it a "billion laughs" file? [front-matter-yaml]',
    ])
    expect(data).toEqual({})
  })
})

