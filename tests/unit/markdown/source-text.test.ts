import type { Paragraph, Root, Text } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseFrontMatter } from '../../../src/front-matter/parse.ts'
import { createSources, offsetOf, parseSlice, pointAt } from '../../../src/markdown/source-text.ts'

const parser = unified().use(remarkParse).use(remarkGfm).freeze()
const parse = (text: string): Root => parser.parse(text)

describe('source text', function () {
  it('should find a node in a file whose front matter the parsed body blanked', function () {
    const text = '---\ntitle: Triage\nauthor: someone\n---\n# Triage\n\nOpen :::no-loc text="X":::.\n'
    const file = new VFile({ path: '/virtual/en-us/guide/page.md', value: text })
    const tree = parse(parseFrontMatter(file).body)
    const paragraph = tree.children[1] as Paragraph
    const source = createSources(file, () => undefined)(paragraph)!
    const start = offsetOf(source, paragraph.position!.start)!
    expect(text.slice(start, start + 5)).toBe('Open ')
    // Points made from file offsets carry the tree's offsets, as remark's own do.
    expect(pointAt(source, start)).toEqual(paragraph.position!.start)
  })

  it('should count a tab as one column, as remark does', function () {
    const text = 'a\tb *c*\n'
    const tree = parse(text)
    const emphasis = (tree.children[0] as Paragraph).children[1]!
    const source = createSources(new VFile({ value: text }), () => undefined)(emphasis)!
    expect(emphasis.position!.start.column).toBe(5)
    expect(offsetOf(source, emphasis.position!.start)).toBe(4)
    expect(pointAt(source, 4)).toEqual(emphasis.position!.start)
  })

  it('should parse an indented slice as Markdown with positions in the file', function () {
    const text = 'Intro.\n\n        - one\n        - *two*\n'
    const file = new VFile({ value: text })
    const source = createSources(file, () => undefined)(parse(text).children[0]!)!
    const [list] = parseSlice(parse, source, text.indexOf('        -'), text.length, 'guide/page.md')
    expect(list!.type).toBe('list')
    expect(list!.position!.start).toEqual({ line: 3, column: 9, offset: 16 })
    const text2 = ((list as { children: Array<{ children: Paragraph[] }> }).children[1]!.children[0]!.children[0] as { children: Text[] }).children[0]!
    expect(text2.value).toBe('two')
    expect(text2.position!.start).toEqual({ line: 4, column: 12, offset: 33 })
  })

  it('should tag nodes from an include and make their URLs relative to the page', function () {
    const text = '    [Steps](steps.md) ![Flow](media/flow.png)\n'
    const source = createSources(new VFile({ value: 'page' }), () => text)({
      type: 'text',
      data: { sourceFile: '/virtual/en-us/includes/part.md', sourceRelPath: 'includes/part.md' },
    })!
    const [paragraph] = parseSlice(parse, source, 0, text.length, 'guide/page.md') as Paragraph[]
    expect(paragraph!.children.map((node) => ('url' in node ? [node.url, node.data?.sourceFile] : node.type))).toEqual([
      ['../includes/steps.md', '/virtual/en-us/includes/part.md'],
      'text',
      ['../includes/media/flow.png', '/virtual/en-us/includes/part.md'],
    ])
  })
})
