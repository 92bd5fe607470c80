import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('rehypeUrlPolicy', function () {
  it('should remove URLs in raw HTML that the sanitizer lets through but the policy refuses, with an error at the element', function () {
    const { hast, messages } = renderMarkdown(
      'A <a href="//evil.example/x">protocol-relative</a> and <a href="irc:chat">irc</a> link.\n\n<img src="\\\\evil.example\\a.png" alt="x">\n',
    )
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: error: `//evil.example/x` in `href` on `<a>` is not written: protocol-relative URLs (`//host`) are not allowed [unsafe-url]',
      'en-us/guide/page.md:1:56: error: `irc:chat` in `href` on `<a>` is not written: `irc:` URLs are not allowed [unsafe-url]',
      'en-us/guide/page.md:3:1: error: `\\\\evil.example\\a.png` in `src` on `<img>` is not written: protocol-relative URLs (`//host`) are not allowed [unsafe-url]',
    ])
    expect(selectAll('a, img', hast).map((node) => [node.tagName, toString(node), node.properties.href ?? node.properties.src ?? null])).toEqual([
      ['a', 'protocol-relative', null],
      ['a', 'irc', null],
      ['img', '', null],
    ])
  })

  it('should write relative URLs in raw HTML with a leading `./`', function () {
    const { hast, messages } = renderMarkdown('<a href="javascript:x,/page/">folder</a> <img src="media/a.png" alt="a">\n')
    expect(messages).toEqual([
      // Raw HTML images are looked for as Markdown ones are; a missing one keeps its `src` (the reader sees the alt).
      'en-us/guide/page.md:1:42: error: Cannot find `media/a.png` (looked for `guide/media/a.png`) [missing-asset]',
      'en-us/guide/page.md:1:1: warning: `javascript:` URL in `href` on `<a>` is removed [unsafe-html]',
    ])
    expect(selectAll('a, img', hast).map((node) => node.properties.href ?? node.properties.src ?? null)).toEqual([null, './media/a.png'])
  })

  // Found by tests/fuzz/pipeline.fuzz.test.ts (seed 20261129), shrunk: raw
  // `<a href>` was written as `href=""`.
  it('should write an element whose URL attribute is empty without it', function () {
    const { hast, messages } = renderMarkdown('<a href>empty</a> <a href=" ">blank</a>\n')
    expect(selectAll('a', hast).map((node) => node.properties)).toEqual([{}, {}])
    expect(messages).toEqual([])
  })
})
