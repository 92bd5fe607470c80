import { readFileSync } from 'node:fs'
import type { Element } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { codeColors, codeThemes, contrast, parseHex } from '../../../src/markdown/code-theme.ts'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const samples: Record<string, string> = {
  powershell: 'Get-MessageTrace -SenderAddress "a@contoso.com"',
  kusto: 'EmailEvents\n| where Timestamp > ago(1d)\n| summarize count() by SenderFromAddress',
  kql: 'IdentityLogonEvents | take 10',
  json: '{ "severity": 1, "open": true }',
  bash: 'grep -r "token" /var/log | wc -l',
  console: '$ whoami\nanalyst',
  azurepowershell: 'Connect-AzAccount -Tenant "contoso"',
}

describe('rehypeHighlightCode', function () {
  for (const [language, code] of Object.entries(samples)) {
    it(`should highlight ${language} at build time`, function () {
      const { hast } = renderMarkdown('```' + language + '\n' + code + '\n```\n')
      const pre = select('.code-block > pre.shiki', hast)!
      expect(pre.properties.dataLanguage).toBe(language)
      expect(pre.properties.tabIndex).toBe(0)
      expect(toString(pre)).toBe(code)
      const coloured = selectAll('span.line > span[style]', hast)
      expect(new Set(coloured.map((span) => span.properties.style)).size).toBeGreaterThan(1)
    })
  }

  it('should leave unknown and absent languages as plain code', function () {
    const { hast } = renderMarkdown('```klingon\nqapla\n```\n\n```\nplain\n```\n')
    expect(selectAll('pre.shiki', hast)).toEqual([])
    expect(selectAll('.code-block > pre > code', hast).map((code) => toString(code))).toEqual(['qapla\n', 'plain\n'])
    // A box without a label: copy-code.ts makes the header for its button.
    expect(selectAll('.code-header', hast)).toEqual([])
  })

  it('should keep markup in code as text', function () {
    const { hast } = renderMarkdown('```powershell\n"<script>alert(1)</script>"\n```\n')
    expect(selectAll('script', hast)).toEqual([])
    expect(toString(select('pre', hast)!)).toBe('"<script>alert(1)</script>"')
  })

  it('should label the box with the language as Microsoft Learn names it, in the page language where it is a word', function () {
    const labels = (fence: string) => {
      const { hast } = renderMarkdown('```' + fence + '\nx\n```\n', { strings: { 'code.console': 'Console', 'code.output': 'Uitvoer', 'code.commandPrompt': 'Opdrachtprompt' } })
      return selectAll('.code-block > .code-header > .code-language', hast).map((label) => toString(label))
    }
    expect(labels('kusto')).toEqual(['KQL'])
    expect(labels('KQL')).toEqual(['KQL'])
    expect(labels('powershell')).toEqual(['PowerShell'])
    expect(labels('azurepowershell')).toEqual(['Azure PowerShell'])
    expect(labels('azurecli')).toEqual(['Azure CLI'])
    expect(labels('json')).toEqual(['JSON'])
    expect(labels('console')).toEqual(['Console'])
    expect(labels('output')).toEqual(['Uitvoer'])
    expect(labels('cmd')).toEqual(['Opdrachtprompt'])
    expect(labels('text')).toEqual([])
    expect(labels('klingon')).toEqual([])
  })

  it('should write both themes as variables on each token and leave the box to the stylesheet', function () {
    const { hast, html } = renderMarkdown('```powershell\n$name = "x" # note\nGet-Item $name\n```\n')
    const pre = select('pre', hast)!
    expect(pre.properties.style).toBeUndefined()
    const styles = selectAll('span.line > span', pre).map((span) => String(span.properties.style))
    expect(styles.length).toBeGreaterThan(3)
    for (const style of styles) expect(style).toMatch(/^--shiki-light:#[0-9A-F]{6};--shiki-dark:#[0-9A-F]{6}$/)
    // One tabindex: Shiki's own is not written beside ours.
    expect(html.match(/tabindex/gi)).toHaveLength(1)
  })

  it('should make every code box and raw pre a keyboard-focusable scroll container', function () {
    const { hast } = renderMarkdown('```kusto\nDeviceEvents\n```\n\n```\nplain\n```\n\n<pre>raw</pre>\n')
    expect(selectAll('pre', hast).map((pre) => pre.properties.tabIndex)).toEqual([0, 0, 0])
  })

  it('should give copy-code.ts its labels in the page language', function () {
    const strings = { 'code.copy': 'Kopiëren', 'code.copied': 'Gekopieerd', 'code.copyFailed': 'Kopiëren mislukt' }
    const { hast } = renderMarkdown('```powershell\nGet-Item\n```\n', { strings })
    expect(select('.code-block', hast)!.properties).toMatchObject({ dataCopy: 'Kopiëren', dataCopied: 'Gekopieerd', dataCopyFailed: 'Kopiëren mislukt' })
    // The label is outside the pre: only the code is the code's text.
    expect(toString(select('pre', hast)!)).toBe('Get-Item')
  })

  it('should mark highlighted lines with their label, in Shiki and plain code', function () {
    const files = { 'guide/q.kql': 'DeviceEvents\n| take 1\n| project Timestamp\n', 'guide/p.f90': 'a\nb\n' }
    const strings = { 'code.highlightedLine': 'Gemarkeerde regel' }
    const { hast } = renderMarkdown(':::code language="kusto" source="q.kql" highlight="2":::\n\n:::code language="fortran" source="p.f90" highlight="1":::\n', { files, strings })
    const [kusto, fortran] = selectAll('.code-block > pre', hast) as [Element, Element]
    expect(selectAll('mark.line.highlighted', kusto).map((mark) => [toString(mark), mark.properties.dataLabel])).toEqual([['| take 1', 'Gemarkeerde regel']])
    expect(selectAll('mark.line.highlighted', fortran).map((mark) => [toString(mark), mark.properties.dataLabel])).toEqual([['a', 'Gemarkeerde regel']])
    expect(toString(kusto)).toBe('DeviceEvents\n| take 1\n| project Timestamp')
  })

  it('should not let raw HTML pass for a code box or colour its own tokens', function () {
    const { hast } = renderMarkdown('<div class="code-block" data-copy="x"><pre><code><span style="--shiki-light:#fff">a</span></code></pre></div>\n')
    // The author's div loses its class and label; the code inside gets a box of tolk's own.
    const boxes = selectAll('.code-block', hast)
    expect(boxes).toHaveLength(1)
    expect(boxes[0]!.properties.dataCopy).toBe('code.copy')
    expect(selectAll('[style]', hast)).toEqual([])
  })
})

describe('code colours', function () {
  it('should give every token colour of both themes AA contrast on the box and on a highlighted line', function () {
    const [light, dark] = codeThemes()
    for (const [theme, colors] of [[light!, codeColors.light], [dark!, codeColors.dark]] as const) {
      const foregrounds = [theme.colors?.['editor.foreground'], ...(theme.tokenColors ?? []).map((rule) => rule.settings.foreground)]
      const hex = foregrounds.filter((color): color is string => typeof color === 'string')
      expect(hex.length).toBeGreaterThan(20)
      for (const color of hex) {
        for (const background of [colors.background, colors.markBackground]) {
          expect(contrast(parseHex(color)!, parseHex(background)!), `${theme.name} ${color} on ${background}`).toBeGreaterThanOrEqual(4.5)
        }
      }
    }
  })

  it('should declare the same box colours in the stylesheet, for light and both ways to dark', function () {
    const css = readFileSync(new URL('../../../client/styles/code.css', import.meta.url), 'utf8')
    const valuesOf = (name: string) => [...css.matchAll(new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'gi'))].map((match) => match[1]!.toLowerCase())
    expect(valuesOf('--code-bg')).toEqual([codeColors.light.background, codeColors.dark.background, codeColors.dark.background])
    expect(valuesOf('--code-mark-bg')).toEqual([codeColors.light.markBackground, codeColors.dark.markBackground, codeColors.dark.markBackground])
  })
})
