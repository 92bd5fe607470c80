import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { yamlPageToMarkdown } from '../../../src/content/yaml-page.ts'

const landing = `### YamlMime:Landing
title: Beveiliging
summary: Begin hier.
landingContent:
- title: Aan de slag
  linkLists:
  - linkListType: how-to-guide
    links:
    - text: Een <b> & "c"
      url: a.md
  - linkListType: <script>
    links:
    - text: B
      url: b.md
`

describe('yamlPageToMarkdown (Landing)', function () {
  it("should label link lists in the page's language and escape what it writes as HTML", function () {
    const strings: Record<string, string> = { 'landing.how-to-guide': 'Procedure' }
    const file = new VFile({ path: '/c/nl-nl/index.yml' })
    const page = yamlPageToMarkdown(landing, file, (key) => strings[key] ?? key)!
    expect(file.messages).toEqual([])
    const lines = page.markdown.split('\n').filter((line) => line.startsWith('<') || line.startsWith('-') || line.startsWith('#'))
    expect(lines).toEqual([
      '---',
      '---',
      '<div class="landing-hero">',
      '# Beveiliging',
      '</div>',
      '<div class="landing-cards">',
      '<section class="landing-card">',
      '## Aan de slag',
      '<p class="landing-list-type landing-list-how-to-guide">Procedure</p>',
      '- [Een \\<b\\> \\& "c"](a.md)',
      '<p class="landing-list-type">&#60;script&#62;</p>',
      '- [B](b.md)',
      '</section>',
      '</div>',
    ])
    // Every Markdown line maps back to a YAML line.
    expect(page.lineMap).toHaveLength(page.markdown.split('\n').length)
    expect(page.lineMap[page.markdown.split('\n').indexOf('- [B](b.md)')]).toEqual({ line: 14, column: 12 })
  })
})
