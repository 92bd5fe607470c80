import { describe, expect, it } from 'vitest'
import { canonicalLanguage, extractSnippet, languageOfPath, parseRange, parseRanges } from '../../../src/markdown/code-snippet.ts'

describe('parseRanges', function () {
  it('should read DocFX line ranges', function () {
    expect(parseRanges('3-10,14')).toEqual([{ start: 3, end: 10 }, { start: 14, end: 14 }])
    expect(parseRanges('3-')).toEqual([{ start: 3, end: Infinity }])
    expect(parseRanges(' 2 , 4-5 ')).toEqual([{ start: 2, end: 2 }, { start: 4, end: 5 }])
  })

  it('should refuse what is not a range', function () {
    for (const text of ['', 'a-3', '1-2-3', '-5', '3,,4', '2.5']) expect(parseRanges(text), text).toBeUndefined()
  })

  it('should read bookmarks only with their L', function () {
    expect(parseRange('L3-L8', true)).toEqual({ start: 3, end: 8 })
    expect(parseRange('3-8', true)).toBeUndefined()
    expect(parseRange('snippet_name', true)).toBeUndefined()
  })
})

describe('languages', function () {
  it("should know DocFX's aliases and extensions, and kusto", function () {
    expect(canonicalLanguage('cs')).toBe('csharp')
    expect(canonicalLanguage('.ps1')).toBe('powershell')
    expect(canonicalLanguage('PowerShell')).toBe('powershell')
    expect(canonicalLanguage('kql')).toBe('kusto')
    expect(languageOfPath('queries/new-country.kql')).toBe('kusto')
    expect(languageOfPath('scripts/x.unknown')).toBeUndefined()
  })
})

describe('extractSnippet', function () {
  const csharp = [
    'using System;',
    'class Program',
    '{',
    '    // <Main>',
    '    static void Main()',
    '    {',
    '        // <Inner>',
    '        Console.WriteLine("a");',
    '        // </Inner>',
    '    }',
    '    // </Main>',
    '    #region Helpers',
    '    static void Help() { }',
    '    #endregion',
    '}',
    '',
  ].join('\n')

  it('should take a C# comment snippet, dedented, without the markers of snippets inside it', function () {
    expect(extractSnippet(csharp, { language: 'csharp', path: 'a.cs', id: 'main' })).toEqual({
      ok: true,
      code: 'static void Main()\n{\n    Console.WriteLine("a");\n}',
    })
  })

  it('should take a C# #region snippet, and a name written with the `snippet` prefix', function () {
    expect(extractSnippet(csharp, { language: 'cs', path: 'a.cs', id: 'Helpers' })).toEqual({ ok: true, code: 'static void Help() { }' })
    const prefixed = '// <snippet1>\nx();\n// </snippet1>\n'
    expect(extractSnippet(prefixed, { language: 'csharp', path: 'a.cs', id: '1' })).toEqual({ ok: true, code: 'x();' })
  })

  it('should use the markers of the language only: `# <name>` in PowerShell, `-- <name>` in SQL, `<!-- <name> -->` in XML', function () {
    const powershell = '# <Export>\nGet-InboxRule\n# </Export>\n'
    expect(extractSnippet(powershell, { language: 'powershell', path: 'a.ps1', id: 'export' })).toEqual({ ok: true, code: 'Get-InboxRule' })
    expect(extractSnippet(powershell, { language: 'csharp', path: 'a.cs', id: 'export' })).toMatchObject({ ok: false, kind: 'snippet-not-found' })
    expect(extractSnippet('--<q>\nSELECT 1\n-- </q>\n', { language: 'sql', path: 'a.sql', id: 'q' })).toEqual({ ok: true, code: 'SELECT 1' })
    expect(extractSnippet('<root>\n  <!-- <x> -->\n  <a/>\n  <!-- </x> -->\n</root>\n', { language: undefined, path: 'a.xml', id: 'x' })).toEqual({
      ok: true,
      code: '<a/>',
    })
  })

  it('should try every marker style for a language DocFX does not list (kusto)', function () {
    const kusto = 'SigninLogs\n// <recent>\n| where TimeGenerated > ago(1d)\n// </recent>\n'
    expect(extractSnippet(kusto, { language: 'kusto', path: 'a.kql', id: 'recent' })).toEqual({ ok: true, code: '| where TimeGenerated > ago(1d)' })
  })

  it('should say when a snippet is missing or never ends', function () {
    expect(extractSnippet('// <a>\nx\n', { language: 'csharp', path: 'a.cs', id: 'a' })).toEqual({
      ok: false,
      kind: 'snippet-not-closed',
      reason: 'Snippet `a` has no end marker in `a.cs`',
    })
    expect(extractSnippet('x\n', { language: 'powershell', path: 'a.ps1', id: 'b' })).toEqual({
      ok: false,
      kind: 'snippet-not-found',
      reason: 'Cannot find snippet `b` in `a.ps1`; it starts with a line like `#<b>`',
    })
  })

  it('should take line ranges in order, with tabs counted to the next multiple of 4 when dedenting', function () {
    const text = 'one\n\ttwo\n\t  three\n    four\nfive\n'
    expect(extractSnippet(text, { language: undefined, path: 'a.txt', ranges: parseRanges('2-4') })).toEqual({ ok: true, code: 'two\n  three\nfour' })
    expect(extractSnippet(text, { language: undefined, path: 'a.txt', ranges: parseRanges('5,1') })).toEqual({ ok: true, code: 'five\none' })
    expect(extractSnippet(text, { language: undefined, path: 'a.txt', ranges: parseRanges('4-') })).toEqual({ ok: true, code: '    four\nfive' })
    expect(extractSnippet(text, { language: undefined, path: 'a.txt', ranges: parseRanges('2-3'), dedent: 2 })).toEqual({ ok: true, code: '  two\n    three' })
  })

  it('should prefer a snippet name over a bookmark, a bookmark over ranges, as DocFX does', function () {
    const text = '# <a>\nA\n# </a>\nB\nC\n'
    const query = { language: 'python', path: 'a.py', bookmark: { start: 4, end: 4 }, ranges: parseRanges('5') }
    expect(extractSnippet(text, { ...query, id: 'a' })).toEqual({ ok: true, code: 'A' })
    expect(extractSnippet(text, query)).toEqual({ ok: true, code: 'B' })
  })

  it('should report a range past the end of the file as empty', function () {
    expect(extractSnippet('a\nb\n', { language: undefined, path: 'a.txt', ranges: parseRanges('7-9') })).toEqual({
      ok: false,
      kind: 'empty',
      reason: 'The range `7-9` selects no lines (the file has 2)',
    })
  })
})
