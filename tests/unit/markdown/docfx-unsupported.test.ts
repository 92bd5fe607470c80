import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const codeAdvice = 'the sample is left out, paste it into a fenced code block [unsupported-docfx]'
const markerAdvice = 'the marker is left out and its content shown to every reader [unsupported-docfx]'

/** Only this plugin's messages, for inputs where other plugins may report too. */
function unsupported(messages: string[]): string[] {
  return messages.filter((message) => message.endsWith('[unsupported-docfx]'))
}

describe('remarkDocfxUnsupported', function () {
  it('should leave out a `[!code-…]` reference with a warning at it', function () {
    const { hast, messages } = renderMarkdown('# Isolate\n\n[!code-powershell[Isolate](../scripts/isolate.ps1?range=3-9)]\n\nAfter.\n')
    expect(messages).toEqual([
      `en-us/guide/page.md:3:1: warning: Unsupported DocFX code reference \`[!code-powershell[Isolate](../scripts/isolate.ps1?range=3-9)]\`; ${codeAdvice}`,
    ])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['After.'])
    expect(select('a', hast)).toBeUndefined()
  })

  it('should leave out references inside text and ones whose target is not a link', function () {
    const { hast, messages } = renderMarkdown(
      'Run it:\nfirst [!code-csharp[](~/samples/isolate.cs)] then [!code-csharp[Main](~/samples/my sample.cs)] done.\n',
    )
    expect(messages).toEqual([
      `en-us/guide/page.md:2:7: warning: Unsupported DocFX code reference \`[!code-csharp[](~/samples/isolate.cs)]\`; ${codeAdvice}`,
      `en-us/guide/page.md:2:51: warning: Unsupported DocFX code reference \`[!code-csharp[Main](~/samples/my sample.cs)]\`; ${codeAdvice}`,
    ])
    expect(toString(select('p', hast)!)).toBe('Run it:\nfirst  then  done.')
  })

  it('should leave out a `:::code …:::` line', function () {
    const { hast, messages } = renderMarkdown(
      'Sample:\n\n:::code language="csharp" source="snippets/isolate.cs" range="5-10":::\n\nAfter.\n',
    )
    expect(messages).toEqual([
      `en-us/guide/page.md:3:1: warning: Unsupported DocFX code reference \`:::code language="csharp" source="snippets/isolate.cs" range="5-10":::\`; ${codeAdvice}`,
    ])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Sample:', 'After.'])
  })

  it('should drop zone markers, keep their content and warn once per zone', function () {
    const markdown = [
      '::: zone pivot="windows"',
      '',
      'Run `Isolate-Host`.',
      '',
      '::: zone-end',
      '',
      ':::zone pivot="linux"',
      'Run `isolate-host`.',
      ':::zone-end',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown)
    expect(messages).toEqual([
      `en-us/guide/page.md:1:1: warning: Unsupported DocFX \`::: zone pivot="windows"\`; ${markerAdvice}`,
      `en-us/guide/page.md:7:1: warning: Unsupported DocFX \`:::zone pivot="linux"\`; ${markerAdvice}`,
    ])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Run Isolate-Host.', 'Run isolate-host.'])
  })

  it('should drop moniker markers that share a paragraph with list items', function () {
    const markdown = [
      '::: moniker range="o365-worldwide"',
      '1. Go to **Billing**.',
      '::: moniker-end',
      '2. Select **Remove**.',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown)
    expect(messages).toEqual([`en-us/guide/page.md:1:1: warning: Unsupported DocFX \`::: moniker range="o365-worldwide"\`; ${markerAdvice}`])
    expect(selectAll('ol > li', hast).map((node) => toString(node))).toEqual(['Go to Billing.', 'Select Remove.'])
    expect(toString(hast)).not.toContain(':::')
  })

  it('should find a marker on an indented continuation line at its own column', function () {
    const markdown = ['1. Open the portal.', '   ::: moniker range="o365-21vianet"', '   Use the 21Vianet portal.', '   ::: moniker-end', ''].join('\n')
    const { hast, messages } = renderMarkdown(markdown)
    expect(messages).toEqual([`en-us/guide/page.md:2:4: warning: Unsupported DocFX \`::: moniker range="o365-21vianet"\`; ${markerAdvice}`])
    expect(toString(select('li', hast)!)).toBe('Open the portal.\nUse the 21Vianet portal.')
  })

  it('should drop a marker that a quote runs on into, keeping the alert', function () {
    const { hast, messages } = renderMarkdown('> [!NOTE]\n> Cards are not accepted.\n::: moniker-end\n\nAfter.\n', {
      strings: { 'alert.note': 'Note' },
    })
    expect(messages).toEqual([])
    expect(selectAll('div.alert > p', hast).map((node) => toString(node))).toEqual(['Note', 'Cards are not accepted.'])
    expect(toString(hast)).not.toContain('moniker')
  })

  it('should report markers in an include at the include, with exact columns', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n[!INCLUDE [x](../includes/steps.md)]\n', {
      files: { 'includes/steps.md': '---\ntitle: x\n---\n- Sign in.\n  ::: zone pivot="admin"\n  Open **Settings**.\n' },
    })
    expect(messages).toEqual([`en-us/includes/steps.md:5:3: warning: Unsupported DocFX \`::: zone pivot="admin"\`; ${markerAdvice}`])
    expect(toString(select('li', hast)!)).toBe('Sign in.\nOpen Settings.')
  })

  it('should drop a `[!…]` quote marker no plugin handled and warn', function () {
    const { hast, messages } = renderMarkdown('Intro.\n\n> [!SUMMARY]\n> Isolate first.\n')
    expect(messages).toEqual(['en-us/guide/page.md:3:3: warning: Unsupported DocFX directive `[!SUMMARY]`; the marker is left out [unsupported-docfx]'])
    expect(toString(select('blockquote > p', hast)!)).toBe('Isolate first.')
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
