import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

const markerAdvice = 'the marker is left out and its content shown to every reader [unsupported-docfx]'

describe('remarkDocfxMarkers', function () {
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

  it('should also take a marker typed with two colons', function () {
    const { hast, messages } = renderMarkdown('## Remove licenses\n:: moniker range="o365-worldwide"\n1. Go to **Licenses**.\n')
    expect(messages).toEqual([`en-us/guide/page.md:2:1: warning: Unsupported DocFX \`:: moniker range="o365-worldwide"\`; ${markerAdvice}`])
    expect(selectAll('p', hast)).toEqual([])
    expect(toString(select('ol > li', hast)!)).toBe('Go to Licenses.')
  })

  it('should give back the list and alert that a marker paragraph swallowed', function () {
    const markdown = [
      '1. Open **Billing**.',
      '',
      '::: moniker-end',
      '2. Select the subscription.',
      '3. Assign the licenses.',
      '    > [!NOTE]',
      '    > Only people in your organization.',
      '4. Select **Close**.',
      '',
    ].join('\n')
    const { hast, messages } = renderMarkdown(markdown, { strings: { 'alert.note': 'Note' } })
    expect(messages).toEqual([])
    expect(selectAll('ol', hast).map((node) => node.properties.start)).toEqual([undefined, 2])
    expect(selectAll('ol:nth-of-type(2) > li', hast).map((node) => toString(node).trim().split('\n')[0])).toEqual([
      'Select the subscription.',
      'Assign the licenses.',
      'Select Close.',
    ])
    expect(toString(select('ol:nth-of-type(2) > li:nth-child(2) div.alert > p:not(.alert-title)', hast)!)).toBe(
      'Only people in your organization.',
    )
    expect(toString(hast)).not.toContain(':::')
  })

  it('should keep file positions in the blocks it parses again', function () {
    const { messages } = renderMarkdown('Intro.\n\n::: zone pivot="admin"\n- Step.\n> [!div class="bogus"]\n> Boxed.\n')
    expect(messages).toEqual([
      `en-us/guide/page.md:3:1: warning: Unsupported DocFX \`::: zone pivot="admin"\`; ${markerAdvice}`,
      'en-us/guide/page.md:5:3: warning: Unknown `[!div]` class `bogus`; the content is shown without it (supported: `button`, `checklist`, `mx-imgBorder`, `nextstepaction`, `op_single_selector`) [docfx-div-class]',
    ])
  })

  it('should parse an include again relative to the include', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [x](../includes/steps.md)]\n', {
      files: { 'includes/steps.md': '::: moniker range="o365-worldwide"\n2. See ![Flow](media/flow.svg)\n' },
      site: siteWith({ 'en-us': ['guide/page.md'] }, { 'en-us': ['includes/media/flow.svg'] }),
    })
    expect(messages).toEqual([`en-us/includes/steps.md:1:1: warning: Unsupported DocFX \`::: moniker range="o365-worldwide"\`; ${markerAdvice}`])
    expect(select('ol', hast)!.properties.start).toBe(2)
    expect(select('ol > li img', hast)!.properties.src).toBe('../../includes/media/flow.svg')
  })
})
