import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('remarkAutolinkInRawLink', function () {
  it('should write a raw link whose text is its URL as one link, not an empty one and an autolink', function () {
    const { html, messages } = renderMarkdown('See <a href="https://contoso.com/soc">https://contoso.com/soc</a> for the runbook.\n')
    expect(messages).toEqual([])
    expect(html.trim()).toBe('<p>See <a href="https://contoso.com/soc">https://contoso.com/soc</a> for the runbook.</p>')
  })

  it('should keep `www.` and e-mail literals inside a raw link as its text', function () {
    const { html } = renderMarkdown('<a href="https://www.contoso.com">www.contoso.com</a> or <a href="mailto:soc@contoso.com">soc@contoso.com</a>\n')
    expect(html.trim()).toBe('<p><a href="https://www.contoso.com">www.contoso.com</a> or <a href="mailto:soc@contoso.com">soc@contoso.com</a></p>')
  })

  it('should still autolink a URL after a closed raw link, and keep Markdown links', function () {
    const { html } = renderMarkdown('<a href="https://a.example">A</a> then https://b.example and [c](https://c.example)\n')
    expect(html.trim()).toBe(
      '<p><a href="https://a.example">A</a> then <a href="https://b.example">https://b.example</a> and <a href="https://c.example">c</a></p>',
    )
  })
})
