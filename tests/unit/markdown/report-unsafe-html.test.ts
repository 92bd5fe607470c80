import { selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

describe('rehypeReportUnsafeHtml', function () {
  it('should warn at each unsafe piece of raw HTML that the sanitizer removes', function () {
    const { hast, messages } = renderMarkdown(
      'Text <img src="a.png" onerror="alert(1)"> and <a href="javascript:alert(1)">link</a>.\n\n<script>alert(2)</script>\n\n[md](javascript:alert(3))\n',
    )
    expect(messages).toEqual([
      // A Markdown link is judged by the URL policy first, at its Markdown position.
      'en-us/guide/page.md:5:1: error: Link `javascript:alert(3)` is not written: `javascript:` URLs are not allowed [unsafe-url]',
      'en-us/guide/page.md:1:6: error: Cannot find `a.png` (looked for `guide/a.png`) [missing-asset]',
      'en-us/guide/page.md:1:6: warning: Event handler `onerror` on `<img>` is removed [unsafe-html]',
      'en-us/guide/page.md:1:47: warning: `javascript:` URL in `href` on `<a>` is removed [unsafe-html]',
      'en-us/guide/page.md:3:1: warning: `<script>` is not allowed in content and is removed [unsafe-html]',
    ])
    expect(selectAll('script, [onerror], a[href^="javascript:"]', hast)).toEqual([])
  })

  it('should say nothing about safe HTML', function () {
    expect(renderMarkdown('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>\n\n<a name="x"></a>\n').messages).toEqual([])
  })
})
