/**
 * DocFX YAML pages (`### YamlMime:Landing` and `### YamlMime:FAQ`) as
 * Markdown, so they go through the same pipeline as articles: front matter
 * from `title`/`metadata`, the summary, then a section per `landingContent`
 * entry (its links as a list) or per FAQ section (questions as headings with
 * their answers). `lineMap` takes a line of the Markdown back to the YAML
 * value it came from, for diagnostics.
 *
 * A Landing page's Markdown is wrapped in the raw HTML of its cards
 * (src/render/landing-cards.ts): the title and summary as a hero, each
 * `landingContent` entry a card in a grid, each link list under the label of
 * its `linkListType`. The links stay Markdown, so they go through the link
 * stage like any article's. Keys tolk does not show are reported, never
 * dropped silently.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml'
import type { VFile } from 'vfile'
import { report } from '../diagnostics/report.ts'
import { landingClassNames, linkListLabel, linkListLabelClasses } from '../render/landing-cards.ts'

export const yamlPageKinds = ['Landing', 'FAQ'] as const

export interface YamlPage {
  markdown: string
  /** `lineMap[n - 1]` is where in the YAML Markdown line `n` came from. */
  lineMap: Array<{ line: number; column: number }>
}

/** The YamlMime type named on the first line, when tolk builds pages of it. */
export function yamlPageKind(firstLine: string): (typeof yamlPageKinds)[number] | undefined {
  const match = /^###\s*YamlMime:(\w+)/.exec(firstLine)
  return yamlPageKinds.find((kind) => kind === match?.[1])
}

/** Keys of a Landing page tolk shows, per level of the YAML; any other is reported. */
const landingKeys = {
  // `uid` is read by the cross-reference index (src/xref/site-uids.ts).
  page: ['title', 'summary', 'metadata', 'landingContent', 'uid'],
  card: ['title', 'linkLists'],
  linkList: ['linkListType', 'links'],
  link: ['text', 'url'],
}

/** `t` looks up a UI string in the page content's language (the link-list labels). */
export function yamlPageToMarkdown(text: string, file: VFile, t: (key: string) => string = (key) => key): YamlPage | undefined {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true })
  // yaml's warnings (an unresolved `!tag` …) are diagnostics too, never lines on stderr.
  for (const warning of document.warnings) {
    const start = warning.linePos?.[0]
    report(file, 'yaml-warning', `${warning.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, start ? { line: start.line, column: start.col } : undefined)
  }
  for (const error of document.errors) {
    const start = error.linePos?.[0]
    report(file, 'front-matter-yaml', `Invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, start ? { line: start.line, column: start.col } : undefined)
  }
  if (document.errors.length || !isMap(document.contents)) return undefined
  const root = document.contents
  const lines: string[] = []
  const lineMap: Array<{ line: number; column: number }> = []
  const lineOf = (node: unknown): { line: number; column: number } => {
    const offset = (node as Node | undefined)?.range?.[0]
    if (offset === undefined) return { line: 1, column: 1 }
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const add = (line: string, at: unknown) => {
    for (const part of line.split('\n')) {
      lines.push(part)
      lineMap.push(lineOf(at))
    }
  }
  const metadata = root.get('metadata', true)
  const meta = (key: string) => (isMap(metadata) ? scalar(metadata, key) : undefined)
  const title = scalar(root, 'title') ?? meta('title')
  add('---', root)
  if (title !== undefined) add(`title: ${JSON.stringify(title)}`, root.get('title', true) ?? metadata)
  for (const key of ['description', 'ms.date', 'ms.author', 'ms.contentlocale', 'ms.translationtype', 'ms.openlocfilehash', 'tolk.source-hash']) {
    const value = meta(key)
    if (value !== undefined) add(`${key}: ${JSON.stringify(value)}`, isMap(metadata) ? metadata.get(key, true) : metadata)
  }
  add('---', root)
  add('', root)
  const isLanding = yamlPageKind(text.slice(0, 64).split('\n')[0]!) === 'Landing'
  // Raw HTML lines stand alone between blank lines, so the Markdown between them is parsed as Markdown.
  const html = (line: string, at: unknown) => {
    add('', at)
    add(line, at)
    add('', at)
  }
  if (isLanding) {
    reportUnknownKeys(root, landingKeys.page, 'a Landing page', file, lineOf)
    html(`<div class="${landingClassNames.div[0]}">`, root)
  }
  if (title !== undefined) add(`# ${title}`, root.get('title', true))
  const summary = scalar(root, 'summary')
  if (summary) {
    add('', root)
    add(summary.trim(), root.get('summary', true))
  }
  if (isLanding) html('</div>', root)
  const landing = root.get('landingContent', true)
  if (isSeq(landing)) {
    html(`<div class="${landingClassNames.div[1]}">`, landing)
    for (const card of landing.items) {
      if (!isMap(card)) continue
      reportUnknownKeys(card, landingKeys.card, 'a Landing card', file, lineOf)
      html(`<section class="${landingClassNames.section[0]}">`, card)
      add(`## ${scalar(card, 'title') ?? ''}`, card.get('title', true))
      const lists = card.get('linkLists', true)
      for (const list of isSeq(lists) ? lists.items : []) {
        const links = isMap(list) ? list.get('links', true) : undefined
        if (isMap(list)) {
          reportUnknownKeys(list, landingKeys.linkList, 'a link list', file, lineOf)
          const type = scalar(list, 'linkListType')
          if (type) html(`<p class="${linkListLabelClasses(type).join(' ')}">${escapeHtml(linkListLabel(type, t))}</p>`, list.get('linkListType', true))
        }
        add('', list)
        for (const link of isSeq(links) ? links.items : []) {
          if (!isMap(link)) continue
          reportUnknownKeys(link, landingKeys.link, 'a link', file, lineOf)
          add(`- [${escapeText(scalar(link, 'text') ?? '')}](${escapeUrl(scalar(link, 'url') ?? '')})`, link.get('url', true) ?? link)
        }
      }
      html('</section>', card)
    }
    html('</div>', landing)
  }
  const sections = root.get('sections', true)
  if (isSeq(sections)) {
    for (const section of sections.items) {
      if (!isMap(section)) continue
      add('', section)
      add(`## ${scalar(section, 'name') ?? ''}`, section.get('name', true))
      const questions = section.get('questions', true)
      for (const question of isSeq(questions) ? questions.items : []) {
        if (!isMap(question)) continue
        add('', question)
        add(`### ${scalar(question, 'question') ?? ''}`, question.get('question', true))
        add('', question)
        add((scalar(question, 'answer') ?? '').trim(), question.get('answer', true))
      }
    }
  }
  add('', root)
  return { markdown: lines.join('\n'), lineMap }
}

function scalar(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true)
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined
}

/** A key tolk does not show would lose its text silently: say so at the key. */
function reportUnknownKeys(map: YAMLMap, known: string[], what: string, file: VFile, lineOf: (node: unknown) => { line: number; column: number }): void {
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined
    if (key === undefined || known.includes(key)) continue
    report(file, 'unsupported-docfx', `\`${key}\` of ${what} is not shown: tolk shows ${known.map((name) => `\`${name}\``).join(', ')}`, lineOf(pair.key))
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A link's `text` is plain text in DocFX: `<b>`, `*`, `&amp;` in it are shown as written. */
function escapeText(text: string): string {
  return text.replace(/[[\]\\<>*_`&~]/g, '\\$&')
}

function escapeUrl(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url
}
