/**
 * DocFX YAML pages: Landing and FAQ pages are built like articles, links to
 * them (`faq.yml`, a folder holding `index.yml`) resolve, and a problem in
 * one is reported at its line in the YAML.
 */
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderSitePages, repoRoot } from '../helpers/build-site.ts'
import type { Root } from 'hast'

const siteDir = path.join(repoRoot, 'tests/fixtures/sites/yaml-pages')

describe('DocFX YAML pages', function () {
  let pages: Map<string, Root>
  let messages: string[]

  beforeAll(async function () {
    ;({ pages, messages } = await renderSitePages(siteDir))
  })

  it('should build a Landing page: title, summary, a section per card with its links', function () {
    const landing = pages.get('en-us/guide/index.html')!
    expect(toString(select('article h1', landing)!)).toBe('Response guide')
    expect(select('meta[name=description]', landing)!.properties.content).toBe('Where to start with incident response.')
    expect(selectAll('article h2', landing).map((node) => toString(node))).toEqual(['Get started', 'Going further'])
    expect(selectAll('article h2 + ul a', landing).slice(0, 2).map((link) => [toString(link), link.properties.href])).toEqual([
      ['Triage an alert', './triage/'],
      ['Questions and answers', './faq/'],
    ])
  })

  it('should build an FAQ page: sections, questions as headings, Markdown answers with working links', function () {
    const faq = pages.get('en-us/guide/faq/index.html')!
    expect(toString(select('article h1', faq)!)).toBe('Incident response FAQ')
    expect(toString(select('article h2', faq)!)).toBe('Triage')
    expect(toString(select('article h3', faq)!)).toBe('Who owns an alert?')
    expect(select('article h3 + p a', faq)!.properties.href).toBe('../triage/#assign')
  })

  it('should resolve links from articles to YAML pages and to a folder holding index.yml', function () {
    const triage = pages.get('en-us/guide/triage/index.html')!
    expect(selectAll('article p a', triage).map((link) => link.properties.href)).toEqual(['../faq/', '../'])
  })

  it('should report a problem in a YAML page at its line and column in the YAML', function () {
    expect(messages).toEqual(['content/en-us/guide/index.yml:22:12: error: Cannot find `gone.md` (looked for `guide/gone.md`) [broken-link]'])
  })
})

