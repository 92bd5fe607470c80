/**
 * The text-preservation checker itself: it must catch the silent losses of
 * issue #12 (defects 1 and 2) on a rendered page, ignore what legitimately
 * disappears, and accept a loss only where a diagnostic covers it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatLosses, lostWords, renderedWords, sourceWordsOf, uncoveredLosses } from '../../helpers/text-preservation.ts'

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-keep-'))
  for (const [relPath, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, relPath)), { recursive: true })
    writeFileSync(path.join(root, relPath), text)
  }
  return root
}

const page = (article: string): string => `<!doctype html><html><body><nav>Menu</nav><main><article class="article">${article}</article></main></body></html>`

function losses(root: string, source: string, html: string, messages: VFile['messages'] = []): string[] {
  const file = path.join(root, 'page.md')
  const words = sourceWordsOf(file, source, { root, defaultRoot: root })
  return formatLosses(uncoveredLosses(lostWords(words, renderedWords(html)), messages), root)
}

describe('the text-preservation check', function () {
  it('should name the heading and list of the first of two block includes on consecutive lines when they are missing (defect 1)', function () {
    const root = tree({ 'includes/a.md': '## Heading A\n\n- first item\n- second item\n', 'includes/c.md': 'Closing words.\n' })
    const source = '---\ntitle: T\n---\n\n[!INCLUDE [a](includes/a.md)]\n[!INCLUDE [c](includes/c.md)]\n'
    // What tolk rendered before the fix: only c.md's text.
    expect(losses(root, source, page('<p>Closing words.</p>'))).toEqual([
      'includes/a.md:1: lost: heading a (in page.md)',
      'includes/a.md:3: lost: first item (in page.md)',
      'includes/a.md:4: lost: second item (in page.md)',
    ])
    expect(losses(root, source, page('<h2 id="heading-a">Heading A</h2><ul><li>first item</li><li>second item</li></ul><p>Closing words.</p>'))).toEqual([])
  })

  it('should name the product of an inline include in strong text rendered as a directive with its link dropped (defect 2)', function () {
    const root = tree({ 'includes/product.md': 'Defender for Identity' })
    const source = 'Install the **[!INCLUDE [Product](includes/product.md)] sensor** first.\n'
    expect(losses(root, source, page('<p>Install the <strong>[!INCLUDE Product] sensor</strong> first.</p>'))).toEqual([
      'includes/product.md:1: lost: defender for identity (in page.md)',
    ])
    expect(losses(root, source, page('<p>Install the <strong>Defender for Identity sensor</strong> first.</p>'))).toEqual([])
  })

  it('should report a word dropped from one paragraph even when the same word stands in another', function () {
    const root = tree({})
    const source = 'Isolate the host.\n\nThen isolate the network.\n'
    expect(losses(root, source, page('<p>Isolate the host.</p><p>Then the network.</p>'))).toEqual(['page.md:3: lost: isolate'])
  })

  it('should accept a loss a diagnostic in its block accounts for, but not one from a rule that keeps the text', function () {
    const root = tree({})
    const source = 'Intro.\n\n<div>Dropped words</div>\n'
    const html = page('<p>Intro.</p>')
    const file = new VFile({ path: path.join(root, 'page.md') })
    file.message('removed', { line: 3, column: 1 }).ruleId = 'unsafe-html'
    expect(losses(root, source, html, file.messages)).toEqual([])
    const linkOnly = new VFile({ path: path.join(root, 'page.md') })
    linkOnly.message('broken', { line: 3, column: 1 }).ruleId = 'broken-link'
    expect(losses(root, source, html, linkOnly.messages)).toEqual(['page.md:3: lost: dropped words'])
  })

  it('should ignore what legitimately disappears: front matter, comments, destinations, directive syntax and attributes', function () {
    const root = tree({})
    const source = [
      '---', 'title: Hidden title', '---', '',
      '<!-- a comment nobody reads -->',
      '> [!NOTE]', '> Keep [the logs](https://example.org/logs "Log store").', '',
      ':::image type="content" source="media/flow.png" alt-text="Triage flow":::', '',
      'Ask @Contoso.Ops or see <xref:contoso.runbook>.', '',
      '::: zone pivot="windows"', 'Windows text.', '::: zone-end', '',
      '```powershell', 'Get-Process', '```', '',
      'Footnote[^1].', '', '[^1]: Footnote text.', '',
      '[ref]: https://example.org/ref',
    ].join('\n')
    const html = page(
      '<div class="alert"><p>Opmerking</p><p>Keep <a href="https://example.org/logs" title="Log store">the logs</a>.</p></div>' +
        '<p><img src="media/flow.png" alt="Triage flow"></p><p>Ask or see Runbook.</p><p>Windows text.</p>' +
        '<pre><code>Get-Process</code></pre><p>Footnote<sup>1</sup>.</p><section><ol><li>Footnote text.</li></ol></section>',
    )
    expect(losses(root, source, html)).toEqual([])
  })

  it('should count `alt-text`, no-loc `text` and glued emphasis as the words they show', function () {
    const root = tree({})
    const source = 'Open **Set**tings in :::no-loc text="Microsoft Defender":::.\n\n:::image type="content" source="a.png" alt-text="Flow &quot;chart&quot;":::\n'
    expect(losses(root, source, page('<p>Open <strong>Set</strong>tings in <span translate="no">Microsoft Defender</span>.</p><p><img src="a.png" alt="Flow &quot;chart&quot;"></p>'))).toEqual([])
    expect(losses(root, source, page('<p>Open <strong>Set</strong>tings in .</p><p><img src="a.png" alt=""></p>'))).toEqual([
      'page.md:1: lost: microsoft defender',
      'page.md:3: lost: flow chart',
    ])
  })
})
