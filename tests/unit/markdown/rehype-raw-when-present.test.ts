import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type Plugin } from 'unified'
import { describe, expect, it } from 'vitest'
import { rehypeRawWhenPresent } from '../../../src/markdown/plugins/rehype-raw-when-present.ts'

function render(markdown: string, raw: Plugin<[], import('hast').Root>): string {
  return String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(raw).use(rehypeStringify).processSync(markdown))
}

/** The same document as HTML parses it: `data-x` and `data-x=""` are one attribute. */
const parsed = (html: string): string => toHtml(fromHtml(html, { fragment: true }))

const withoutRaw = [
  '# Title\n\nA paragraph with *emphasis*, `code` and a [link](a.md "t").',
  '| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n- [x] done',
  '> quote\n>\n> 1. one\n> 2. two\n\n```js\nlet x = 1 < 2\n```',
  'Footnote[^1].\n\n[^1]: The note.',
]

describe('rehypeRawWhenPresent', function () {
  it('should leave a tree without raw HTML as rehype-raw would make it', function () {
    for (const markdown of withoutRaw) expect(parsed(render(markdown, rehypeRawWhenPresent))).toBe(parsed(render(markdown, rehypeRaw)))
    // And it was skipped: only parse5 writes a boolean attribute out as `=""`.
    expect(render(withoutRaw[3]!, rehypeRawWhenPresent)).toContain('data-footnote-ref aria-describedby')
    expect(render(withoutRaw[3]!, rehypeRaw)).toContain('data-footnote-ref="" aria-describedby')
  })

  it('should still turn raw HTML into elements, as rehype-raw does', function () {
    const markdown = 'Press <kbd>Ctrl</kbd>.\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\n<p>unclosed'
    const html = render(markdown, rehypeRawWhenPresent)
    expect(html).toBe(render(markdown, rehypeRaw))
    expect(html).toContain('<kbd>Ctrl</kbd>')
    expect(html).toContain('<details><summary>More</summary>')
  })
})
