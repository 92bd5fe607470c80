/**
 * Page templates from `templates/`: `page.hbs` plus `partials/*.hbs`, compiled
 * with a private Handlebars instance (auto-escaping `{{…}}`; only the
 * sanitized article body is inserted raw, with `{{{content}}}`). UI strings
 * are written `{{t "key"}}`; a key that no locale defines is an error at its
 * position in the template.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import Handlebars from 'handlebars'
import { VFile } from 'vfile'
import { locateContained, readContained, type ReadLimits } from '../content/read-contained.ts'
import { report } from '../diagnostics/report.ts'
import type { UiStrings } from '../i18n/ui-strings.ts'

export type PageTemplate = (data: Record<string, unknown>) => string

export interface Templates {
  page: PageTemplate | undefined
  files: VFile[]
  /** Files under `templates/assets/`, copied to the site's `_tolk/` folder. */
  assets: string[]
  assetsDir: string
  /** Every UI-string key the templates use, so a site string they need is not called unknown. */
  keys: Set<string>
}

/** Where template files may be read from: `roots` holds the templates folder and the site's folder. */
export interface TemplateReads {
  roots: readonly string[]
  limits: ReadLimits
}

export function loadTemplates(templatesDir: string, strings: UiStrings, reads: TemplateReads): Templates {
  const engine = Handlebars.create()
  engine.registerHelper('t', function (key: unknown, options: Handlebars.HelperOptions) {
    const t = (options.data as { root: { t: (key: string) => string } }).root.t
    return t(String(key))
  })
  const files: VFile[] = []
  const keys = new Set<string>()
  const partialsDir = path.join(templatesDir, 'partials')
  const partialFiles = existsSync(partialsDir)
    ? readdirSync(partialsDir).filter((name) => name.endsWith('.hbs')).sort()
    : []
  let valid = true
  for (const name of partialFiles) {
    const file = readTemplate(path.join(partialsDir, name), reads)
    files.push(file)
    if (failed(file) || !check(file, strings, keys)) valid = false
    else engine.registerPartial(name.replace(/\.hbs$/, ''), String(file.value))
  }
  // Assets are copied, not read here; the same containment applies to them.
  const assetsDir = path.join(templatesDir, 'assets')
  const assets = (existsSync(assetsDir) ? readdirSync(assetsDir).sort() : []).filter((name) => {
    const assetPath = path.join(assetsDir, name)
    const located = locateContained(assetPath, reads.roots)
    if (located.ok) return true
    if (located.kind === 'outside') {
      const file = new VFile({ path: assetPath })
      report(file, located.rule, located.reason)
      files.push(file)
    }
    return false
  })
  const pagePath = path.join(templatesDir, 'page.hbs')
  const pageFile = readTemplate(pagePath, reads)
  // Last: rendering names it in its errors.
  files.push(pageFile)
  if (failed(pageFile) || !check(pageFile, strings, keys)) valid = false

  if (!valid) return { page: undefined, files, assets, assetsDir, keys }
  const compiled = engine.compile(String(pageFile.value), { strict: false, preventIndent: true })
  return { page: (data) => compiled(data), files, assets, assetsDir, keys }
}

function failed(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

/** The template file; a message on it when it cannot be read. */
function readTemplate(filePath: string, reads: TemplateReads): VFile {
  const file = new VFile({ path: filePath, value: '' })
  const read = readContained(filePath, reads.roots, reads.limits)
  if (read.ok) {
    file.value = read.text
    for (const problem of read.problems) report(file, problem.rule, problem.reason, problem.place)
  } else if (read.kind === 'missing') {
    report(file, 'template-error', `Cannot find the page template \`${filePath}\``)
  } else {
    report(file, read.kind === 'outside' || read.kind === 'too-large' ? read.rule : 'template-error', read.reason)
  }
  return file
}

/** Parse a template, report syntax errors and unknown UI-string keys; true when usable. */
function check(file: VFile, strings: UiStrings, keys: Set<string>): boolean {
  let program: hbs.AST.Program
  try {
    program = Handlebars.parse(String(file.value))
  } catch (error) {
    const text = (error as Error).message
    const line = /on line (\d+)/.exec(text)
    report(file, 'template-error', `Template syntax: ${text.split('\n').at(-1)}`, {
      line: line ? Number(line[1]) : 1,
      column: 1,
    })
    return false
  }
  let ok = true
  visitMustaches(program, (node) => {
    if (node.path.type !== 'PathExpression' || (node.path as hbs.AST.PathExpression).original !== 't') return
    const key = node.params[0]
    if (key?.type !== 'StringLiteral') {
      report(file, 'template-error', '`{{t}}` needs a quoted key, like `{{t "site.title"}}`', place(node.loc))
      ok = false
      return
    }
    const value = (key as hbs.AST.StringLiteral).value
    keys.add(value)
    if (!strings.has(value)) {
      report(file, 'unknown-ui-string', `Unknown UI string \`${value}\`; add it to the default locale's strings`, place(node.loc))
      ok = false
    }
  })
  return ok
}

function place(loc: hbs.AST.SourceLocation): { line: number; column: number } {
  return { line: loc.start.line, column: loc.start.column + 1 }
}

type Node = { type: string; [key: string]: unknown }

/** Every `{{helper …}}` and `{{#helper}}` node, however deeply nested. */
function visitMustaches(node: unknown, visitor: (node: hbs.AST.MustacheStatement) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) visitMustaches(child, visitor)
    return
  }
  if (typeof node !== 'object' || node === null) return
  const typed = node as Node
  if (typed.type === 'MustacheStatement' || typed.type === 'SubExpression') visitor(typed as unknown as hbs.AST.MustacheStatement)
  for (const [key, value] of Object.entries(typed)) {
    if (key !== 'loc' && typeof value === 'object') visitMustaches(value, visitor)
  }
}
