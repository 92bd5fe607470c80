import type { Element } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const query = [
  '// Sign-ins from a country the account has not used before',
  'let known = SigninLogs',
  '    | where TimeGenerated between (ago(30d) .. ago(1d))',
  '    | distinct UserPrincipalName, Location;',
  'SigninLogs',
  '| where TimeGenerated > ago(1d)',
  '// <recent>',
  '| join kind=leftanti known on UserPrincipalName, Location',
  '| project TimeGenerated, UserPrincipalName, Location, IPAddress',
  '// </recent>',
  '',
].join('\n')

const script = [
  'param([string]$Mailbox)',
  '# <export>',
  'Get-InboxRule -Mailbox $Mailbox |',
  '    Select-Object Name, ForwardTo, RedirectTo |',
  '    Export-Csv -Path rules.csv',
  '# </export>',
  '',
].join('\n')

const files = { 'guide/queries/new-country.kql': query, 'guide/scripts/export-rules.ps1': script }
const strings = { 'code.highlightedLine': 'Highlighted line' }

function lines(pre: Element): string[] {
  return selectAll('.line', pre).map((line) => toString(line))
}

describe('remarkDocfxCode', function () {
  it('should render `:::code` with a range, highlighted by Shiki, with the highlighted line marked', function () {
    const { hast, messages } = renderMarkdown(
      'Run:\n\n:::code language="kusto" source="queries/new-country.kql" range="2-4,6" highlight="4" interactive="cloudshell-kusto":::\n\nAfter.\n',
      { files, strings },
    )
    expect(messages).toEqual([])
    const pre = select('pre.shiki', hast)!
    expect(pre.properties.dataLanguage).toBe('kusto')
    expect(lines(pre)).toEqual([
      'let known = SigninLogs',
      '    | where TimeGenerated between (ago(30d) .. ago(1d))',
      '    | distinct UserPrincipalName, Location;',
      '| where TimeGenerated > ago(1d)',
    ])
    const marked = selectAll('mark.line.highlighted', pre)
    expect(marked.map((mark) => toString(mark))).toEqual(['| where TimeGenerated > ago(1d)'])
    expect(marked[0]!.properties.dataLabel).toBe('Highlighted line')
    expect(selectAll('span.line > span[style]', hast).length).toBeGreaterThan(1)
    expect(selectAll('p', hast).map((p) => toString(p))).toEqual(['Run:', 'After.'])
  })

  it('should render `[!code-…]` with a query, its title kept on the code', function () {
    const { hast, messages } = renderMarkdown('[!code-powershell[](scripts/export-rules.ps1?range=3-5&highlight=2 "Export the rules")]\n', { files, strings })
    expect(messages).toEqual([])
    const pre = select('pre.shiki', hast)!
    expect(pre.properties.dataLanguage).toBe('powershell')
    expect(select('code', pre)!.properties.title).toBe('Export the rules')
    expect(lines(pre)).toEqual(['Get-InboxRule -Mailbox $Mailbox |', '    Select-Object Name, ForwardTo, RedirectTo |', '    Export-Csv -Path rules.csv'])
    expect(selectAll('mark.highlighted', pre).map((mark) => toString(mark))).toEqual(['    Select-Object Name, ForwardTo, RedirectTo |'])
  })

  it('should take named snippets: `id="…"`, `?name=…`, `#…`, without their marker lines', function () {
    const { hast, messages } = renderMarkdown(
      [
        ':::code language="kusto" source="queries/new-country.kql" id="recent":::',
        '',
        '[!code-ps1[Export](scripts/export-rules.ps1?name=export)]',
        '',
        '[!code-powershell[Export](scripts/export-rules.ps1#export)]',
        '',
      ].join('\n'),
      { files },
    )
    expect(messages).toEqual([])
    const blocks = selectAll('pre', hast).map((pre) => lines(pre))
    expect(blocks[0]).toEqual(['| join kind=leftanti known on UserPrincipalName, Location', '| project TimeGenerated, UserPrincipalName, Location, IPAddress'])
    const exported = ['Get-InboxRule -Mailbox $Mailbox |', '    Select-Object Name, ForwardTo, RedirectTo |', '    Export-Csv -Path rules.csv']
    expect(blocks.slice(1)).toEqual([exported, exported])
  })

  it('should cut a paragraph around a reference written on a line of it', function () {
    const { hast } = renderMarkdown('Export the rules:\n[!code-powershell[](scripts/export-rules.ps1?range=1)]\nThen open `rules.csv`.\n', { files })
    expect(hast.children.filter((node) => node.type === 'element').map((node) => (node as Element).tagName)).toEqual(['p', 'div', 'p'])
    expect(selectAll('p', hast).map((p) => toString(p))).toEqual(['Export the rules:', 'Then open rules.csv.'])
    expect(toString(select('pre', hast)!)).toBe('param([string]$Mailbox)')
  })

  it('should render a language Shiki does not know as plain code, keeping its label and marking highlighted lines', function () {
    const { hast, messages } = renderMarkdown(':::code language="fortran" source="prog.f90" highlight="2":::\n', {
      files: { 'guide/prog.f90': 'program x\n  print *, 1\nend program\n' },
      strings,
    })
    expect(messages).toEqual([])
    expect(select('pre.shiki', hast)).toBeUndefined()
    const code = select('pre > code.language-fortran', hast)!
    expect(toString(code)).toBe('program x\n  print *, 1\nend program')
    expect(selectAll('mark.highlighted', code).map((mark) => toString(mark))).toEqual(['  print *, 1'])
  })

  it('should report a missing file, an unknown snippet, an empty and an invalid range as errors at the reference', function () {
    const { hast, messages } = renderMarkdown(
      [
        '# Queries',
        '',
        ':::code language="kusto" source="queries/missing.kql":::',
        '',
        'Then [!code-powershell[](scripts/export-rules.ps1#collect)] here.',
        '',
        ':::code source="queries/new-country.kql" range="40-50":::',
        '',
        ':::code source="queries/new-country.kql" range="three":::',
        '',
        ':::code language="kusto":::',
        '',
      ].join('\n'),
      { files },
    )
    expect(messages).toEqual([
      'en-us/guide/page.md:3:1: error: Cannot find code file `queries/missing.kql` (looked for `guide/queries/missing.kql`) [code-file-missing]',
      'en-us/guide/page.md:5:6: error: Cannot find snippet `collect` in `scripts/export-rules.ps1`; it starts with a line like `#<collect>`: `[!code-powershell[](scripts/export-rules.ps1#collect)]` [code-snippet-not-found]',
      'en-us/guide/page.md:7:1: error: The range `40-50` selects no lines (the file has 10): `:::code source="queries/new-country.kql" range="40-50":::` [code-range-invalid]',
      'en-us/guide/page.md:9:1: error: Invalid range `three`; write line numbers like `3-10,14` [code-range-invalid]',
      'en-us/guide/page.md:11:1: error: `:::code:::` needs a `source` attribute: the path of the code file [code-snippet-invalid]',
    ])
    expect(selectAll('pre', hast)).toEqual([])
    expect(selectAll('p', hast).map((p) => toString(p))).toEqual(['Then', 'here.'])
  })

  it('should read the file by the include rules: relative to the include, `~/` from the docset root, never outside the root', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [x](../includes/run.md)]\n\n:::code source="~/guide/scripts/export-rules.ps1" range="1":::\n\n[!code-powershell[](../../../etc/passwd)]\n', {
      files: { ...files, 'includes/run.md': 'Steps:\n\n- Run:\n  [!code-powershell[Export](scripts/run.ps1)]\n', 'includes/scripts/run.ps1': 'Invoke-Run\n' },
    })
    expect(messages).toEqual(['en-us/guide/page.md:5:1: error: Code file `../../../etc/passwd` points outside the content root [file-outside-root]'])
    expect(selectAll('pre', hast).map((pre) => toString(pre))).toEqual(['Invoke-Run', 'param([string]$Mailbox)'])
    expect(select('li > .code-block > pre', hast)).not.toBeUndefined()
  })

  it("should report a reference in an include at the include, and fall back to the default locale's copy silently", function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [x](../includes/run.md)]\n\n:::code source="queries/shared.kql":::\n', {
      files: { 'includes/run.md': 'Steps:\n\n- Run:\n  [!code-powershell[Isolate](scripts/isolate.ps1)]\n' },
      fallbackFiles: { 'guide/queries/shared.kql': 'DeviceEvents | take 1\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/run.md:4:3: error: Cannot find code file `scripts/isolate.ps1` (looked for `includes/scripts/isolate.ps1`) [code-file-missing]',
    ])
    expect(toString(select('li', hast)!)).toBe('Run:')
    expect(toString(select('pre', hast)!)).toBe('DeviceEvents | take 1')
  })

  it('should render references whose target is not a link, and leave escaped ones and code spans as text', function () {
    const { hast, messages } = renderMarkdown('[!code-powershell[Export](scripts/export rules.ps1 "Export")]\n\n\\[!code-powershell[](scripts/export-rules.ps1)]\n\n`:::code source="a.kql":::`\n', {
      files: { 'guide/scripts/export rules.ps1': 'Get-InboxRule\n' },
    })
    // The escaped one stays text and a link to the file, as in DocFX; this site has no such asset.
    expect(messages).toEqual(['en-us/guide/page.md:3:19: error: Cannot find `scripts/export-rules.ps1` (looked for `guide/scripts/export-rules.ps1`) [missing-asset]'])
    expect(toString(select('pre', hast)!)).toBe('Get-InboxRule')
    expect(select('pre code', hast)!.properties.title).toBe('Export')
    expect(selectAll('p', hast).map((p) => toString(p))).toEqual(['[!code-powershell]', ':::code source="a.kql":::'])
  })

  it('should warn about attributes and query keys DocFX does not read, and still show the code', function () {
    const { hast, messages } = renderMarkdown(':::code source="queries/new-country.kql" range="1" title="Hunt":::\n', { files })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: Unknown attribute `title` on `:::code:::` (DocFX reads source, language, range, id, highlight, interactive); it is ignored [code-snippet-invalid]',
    ])
    expect(toString(select('pre', hast)!)).toBe('// Sign-ins from a country the account has not used before')
  })
})
