import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
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
      const pre = select('pre.shiki', hast)!
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
    expect(selectAll('pre > code', hast).map((code) => toString(code))).toEqual(['qapla\n', 'plain\n'])
  })

  it('should keep markup in code as text', function () {
    const { hast } = renderMarkdown('```powershell\n"<script>alert(1)</script>"\n```\n')
    expect(selectAll('script', hast)).toEqual([])
    expect(toString(select('pre', hast)!)).toBe('"<script>alert(1)</script>"')
  })
})
