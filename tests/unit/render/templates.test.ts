import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import type { UiStrings } from '../../../src/i18n/ui-strings.ts'
import { defaultLimits } from '../../../src/content/read-contained.ts'
import { loadTemplates } from '../../../src/render/templates.ts'

const table: Record<string, string> = { 'site.title': 'Vejledning', 'nav.home': 'Forside' }

const strings: UiStrings = {
  t: (_locale, key) => table[key] ?? key,
  has: (key) => key in table,
  files: [],
    coverage: () => [],
  checkSiteKeys: () => {},
}

/** A templates folder under a fresh temp folder, holding `files` (paths inside it). */
function setup(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-templates-'))
  const templatesDir = path.join(dir, 'templates')
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(templatesDir, name)), { recursive: true })
    writeFileSync(path.join(templatesDir, name), text)
  }
  const templates = loadTemplates(templatesDir, strings, { roots: [templatesDir], limits: defaultLimits })
  return {
    dir,
    templates,
    messages: templates.files.flatMap((file) => file.messages.map((message) => formatHuman(message, { cwd: dir }))),
  }
}

const pageData = {
  title: 'Triage',
  content: '<p>Body</p>',
  t: (key: string) => strings.t('da-dk', key),
}

describe('loadTemplates', function () {
  it('should report an unknown UI string at its line and column', function () {
    const { templates, messages } = setup({
      'page.hbs': '<!doctype html>\n<title>{{title}}</title>\n<p>\n  {{t "nav.nope"}}</p>\n',
    })
    expect(messages).toEqual([
      "templates/page.hbs:4:3: error: Unknown UI string `nav.nope`; add it to the default locale's strings [unknown-ui-string]",
    ])
    expect(templates.page).toBeUndefined()
  })

  it('should report an unknown UI string inside a block, a subexpression and a partial', function () {
    const { templates, messages } = setup({
      'page.hbs': '<main>{{#if title}}{{t "in.block"}}{{/if}}</main>\n<p title="{{lookup . (t "in.subexpression")}}"></p>\n{{> footer}}\n',
      'partials/footer.hbs': '<footer>\n  <a>{{t "in.partial"}}</a>\n</footer>\n',
    })
    expect(messages).toEqual([
      "templates/partials/footer.hbs:2:6: error: Unknown UI string `in.partial`; add it to the default locale's strings [unknown-ui-string]",
      "templates/page.hbs:1:20: error: Unknown UI string `in.block`; add it to the default locale's strings [unknown-ui-string]",
      "templates/page.hbs:2:22: error: Unknown UI string `in.subexpression`; add it to the default locale's strings [unknown-ui-string]",
    ])
    expect(templates.page).toBeUndefined()
  })

  it('should ask for a quoted key', function () {
    const { messages } = setup({ 'page.hbs': '<p>{{t site.title}}</p>\n' })
    expect(messages).toEqual([
      'templates/page.hbs:1:4: error: `{{t}}` needs a quoted key, like `{{t "site.title"}}` [template-error]',
    ])
  })

  it('should report a Handlebars syntax error at its line', function () {
    const { templates, messages } = setup({ 'page.hbs': '<!doctype html>\n<title>{{title}}</title>\n\n<h1>{{title}</h1>\n' })
    expect(messages).toEqual([
      "templates/page.hbs:4:1: error: Template syntax: Expecting 'CLOSE_RAW_BLOCK', 'CLOSE', 'CLOSE_UNESCAPED', 'OPEN_SEXPR', 'CLOSE_SEXPR', 'ID', 'OPEN_BLOCK_PARAMS', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', 'SEP', got 'INVALID' [template-error]",
    ])
    expect(templates.page).toBeUndefined()
  })

  it('should report a missing page template', function () {
    const { dir, templates, messages } = setup({ 'partials/footer.hbs': '<footer></footer>\n' })
    expect(messages).toEqual([
      `templates/page.hbs:1:1: error: Cannot find the page template \`${path.join(dir, 'templates', 'page.hbs')}\` [template-error]`,
    ])
    expect(templates.page).toBeUndefined()
  })

  it('should list the assets folder, sorted', function () {
    const { templates } = setup({ 'page.hbs': '{{{content}}}\n', 'assets/z.js': '', 'assets/style.css': '' })
    expect(templates.assets).toEqual(['style.css', 'z.js'])
  })

  it('should escape text and attributes, inserting only the content raw', function () {
    const { templates, messages } = setup({
      'page.hbs':
        '<!doctype html>\n<html><head><title>{{title}} | {{t "site.title"}}</title></head>\n<body><h1 title="{{title}}">{{title}}</h1>\n<main>{{{content}}}</main>\n{{> footer}}</body></html>\n',
      'partials/footer.hbs': '<footer><a href="../">{{t "nav.home"}}</a></footer>\n',
    })
    expect(messages).toEqual([])
    const title = '<script>alert(1)</script>'
    const tree: Root = fromHtml(templates.page!({ ...pageData, title }))
    expect(selectAll('script', tree)).toEqual([])
    expect(toString(select('title', tree)!)).toBe(`${title} | Vejledning`)
    const heading = select('h1', tree)!
    expect(toString(heading)).toBe(title)
    expect(heading.properties.title).toBe(title)
    expect(selectAll('main > p', tree).map((node) => toString(node))).toEqual(['Body'])
    expect(toString(select('footer > a', tree)!)).toBe('Forside')
  })

  it('should look up UI strings from the page data inside loops', function () {
    const { templates } = setup({ 'page.hbs': '<ul>{{#each items}}<li>{{this}}: {{t "nav.home"}}</li>{{/each}}</ul>\n' })
    const tree: Root = fromHtml(templates.page!({ ...pageData, items: ['a', 'b'] }), { fragment: true })
    expect(selectAll('li', tree).map((node) => toString(node))).toEqual(['a: Forside', 'b: Forside'])
  })
})
