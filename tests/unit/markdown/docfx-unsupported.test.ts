import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

/** Only this plugin's messages, for inputs where other plugins may report too. */
function unsupported(messages: string[]): string[] {
  return messages.filter((message) => message.endsWith('[unsupported-docfx]'))
}

describe('remarkDocfxUnsupported', function () {
  it('should drop a `[!…]` quote marker no plugin handled and warn', function () {
    const { hast, messages } = renderMarkdown('Intro.\n\n> [!SUMMARY]\n> Isolate first.\n')
    expect(messages).toEqual(['en-us/guide/page.md:3:3: warning: Unsupported DocFX directive `[!SUMMARY]`; the marker is left out [unsupported-docfx]'])
    expect(toString(select('blockquote > p', hast)!)).toBe('Isolate first.')
  })

  it('should warn about alert and video markers where DocFX does not read them, and keep the text', function () {
    const markdown = ['| Record | Use |', '|---|---|', '| MX | Mail. <br/> [!NOTE] Wait an hour. |', '', 'Watch [!VIDEO https://www.example.com/v] here.', ''].join('\n')
    const { hast, messages } = renderMarkdown(markdown)
    expect(messages).toEqual([
      'en-us/guide/page.md:3:20: warning: DocFX reads `[!NOTE]` only at the start of a quote (`> [!NOTE]`); here it is shown as text [unsupported-docfx]',
      'en-us/guide/page.md:5:7: warning: DocFX reads `[!VIDEO …]` only at the start of a quote (`> [!VIDEO …]`); here it is shown as text [unsupported-docfx]',
    ])
    expect(toString(select('td:last-child', hast)!)).toBe('Mail.  [!NOTE] Wait an hour.')
    expect(selectAll('iframe', hast)).toEqual([])
  })

  it('should leave alone syntax that is not a whole directive or that other plugins handle', function () {
    const markdown = [
      'Write `::: moniker range="x"` to scope content; a line like ::: zone pivot="x" in running text stays.',
      '',
      '```md',
      '::: zone pivot="windows"',
      '[!code-csharp[Main](a.cs)]',
      '```',
      '',
      '> [!Note]',
      '> A note.',
      '',
      '> Quoting [!SUMMARY] mid-line.',
      '',
      ':::image type="content" source="media/a.png" alt-text="A":::',
      '',
      ':::row:::',
      '    :::column:::',
      '    Text',
      '    :::column-end:::',
      ':::row-end:::',
      '',
      ':::no-loc text="Defender":::',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { strings: { 'alert.note': 'Note' } })
    expect(unsupported(messages)).toEqual([])
    expect(toString(select('p', hast)!)).toBe(
      'Write ::: moniker range="x" to scope content; a line like ::: zone pivot="x" in running text stays.',
    )
    expect(toString(select('pre', hast)!)).toBe('::: zone pivot="windows"\n[!code-csharp[Main](a.cs)]\n')
  })
})
