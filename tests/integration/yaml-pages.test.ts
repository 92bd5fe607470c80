/**
 * DocFX YAML pages: Landing and FAQ pages are built like articles, links to
 * them (`faq.yml`, a folder holding `index.yml`) resolve, and a problem in
 * one is reported at its line in the YAML.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { renderSitePages, repoRoot } from '../helpers/build-site.ts'
import type { Root } from 'hast'

const siteDir = path.join(repoRoot, 'tests/fixtures/sites/yaml-pages')

describe('DocFX YAML pages', function () {
  let pages: Map<string, Root>
  let messages: string[]

  beforeAll(async function () {
    ;({ pages, messages } = await renderSitePages(siteDir))
  })

  it('should build a Landing page: title and summary as a hero, a card per entry with its link lists under their labels', function () {
    const landing = pages.get('en-us/guide/index.html')!
    expect(toString(select('article > .landing-hero > h1', landing)!)).toBe('Response guide')
    expect(toString(select('article > .landing-hero > p', landing)!)).toBe('Start here when an alert fires.')
    expect(select('meta[name=description]', landing)!.properties.content).toBe('Where to start with incident response.')
    const cards = selectAll('article > .landing-cards > section.landing-card', landing)
    expect(cards.map((card) => toString(select('h2', card)!))).toEqual(['Get started', 'Going further'])
    expect(cards.map((card) => selectAll('p.landing-list-type', card).map((label) => [toString(label), String(label.properties.className)]))).toEqual([
      [['Overview', 'landing-list-type,landing-list-overview']],
      // An unknown list type is shown as written, without a type class.
      [['How-to guide', 'landing-list-type,landing-list-how-to-guide'], ['field-notes', 'landing-list-type']],
    ])
    expect(selectAll('p.landing-list-type + ul a', cards[0]!).map((link) => [toString(link), link.properties.href])).toEqual([
      ['Triage an alert', './triage/'],
      ['Questions and answers', './faq/'],
    ])
    // A broken link keeps its text, without an href.
    expect(selectAll('ul a', cards[1]!).map((link) => [toString(link), link.properties.href])).toEqual([
      ['A page that is gone', undefined],
      ['Notes from the night shift', './triage/'],
    ])
  })

  it('should show every text of the Landing YAML in the article', function () {
    const yaml = parse(readFileSync(path.join(siteDir, 'content/en-us/guide/index.yml'), 'utf8')) as {
      title: string
      summary: string
      landingContent: Array<{ title: string; linkLists: Array<{ links: Array<{ text: string }> }> }>
    }
    const texts = [yaml.title, yaml.summary, ...yaml.landingContent.flatMap((card) => [card.title, ...card.linkLists.flatMap((list) => list.links.map((link) => link.text))])]
    const article = toString(select('article', pages.get('en-us/guide/index.html')!)!)
    expect(texts.filter((text) => !article.includes(text))).toEqual([])
    expect(texts).toHaveLength(8)
  })

  it('should build an FAQ page: sections, questions as headings, Markdown answers with working links', function () {
    const faq = pages.get('en-us/guide/faq/index.html')!
    expect(toString(select('article h1', faq)!)).toBe('Incident response FAQ')
    expect(toString(select('article h2', faq)!)).toBe('Triage')
    expect(toString(select('article h3', faq)!)).toBe('Who owns an alert?')
    expect(select('article .heading-wrapper:has(h3) + p a', faq)!.properties.href).toBe('../triage/#assign')
  })

  it('should resolve links from articles to YAML pages and to a folder holding index.yml', function () {
    const triage = pages.get('en-us/guide/triage/index.html')!
    expect(selectAll('article p a', triage).map((link) => link.properties.href)).toEqual(['../faq/', '../'])
  })

  it('should report a problem in a YAML page at its line and column in the YAML', function () {
    expect(messages).toEqual([
      'content/en-us/guide/index.yml:22:12: error: Cannot find `gone.md` (looked for `guide/gone.md`) [broken-link]',
      // A key tolk does not show is reported where it stands, so its text is not lost silently.
      'content/en-us/guide/index.yml:27:1: warning: `additionalContent` of a Landing page is not shown: tolk shows `title`, `summary`, `metadata`, `landingContent`, `uid` [unsupported-docfx]',
    ])
  })
})

