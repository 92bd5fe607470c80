/**
 * Highlight fenced code at build time with Shiki, so readers need no
 * JavaScript. Runs after sanitizing: its inline colour styles are trusted
 * output. DocFX language names (`azurepowershell`, `kql`, `azurecli`, …) map
 * onto Shiki's; unknown languages stay plain, as on Microsoft Learn.
 *
 * Lines a DocFX code reference highlights (`data-highlight-lines`, set by
 * remark-docfx-code) become `<mark class="line highlighted">`, in plain code
 * too. `<mark>` is announced as highlighted by screen readers that support
 * it; for the others its `data-label` (the UI string `code.highlightedLine`)
 * is shown to them only, by CSS generated text, which is never copied with
 * the code.
 */
import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import { toString } from 'hast-util-to-string'
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core'
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript'
import bash from 'shiki/langs/bash.mjs'
import bat from 'shiki/langs/bat.mjs'
import csharp from 'shiki/langs/csharp.mjs'
import css from 'shiki/langs/css.mjs'
import html from 'shiki/langs/html.mjs'
import http from 'shiki/langs/http.mjs'
import ini from 'shiki/langs/ini.mjs'
import javascript from 'shiki/langs/javascript.mjs'
import json from 'shiki/langs/json.mjs'
import kusto from 'shiki/langs/kusto.mjs'
import powershell from 'shiki/langs/powershell.mjs'
import python from 'shiki/langs/python.mjs'
import shellsession from 'shiki/langs/shellsession.mjs'
import sql from 'shiki/langs/sql.mjs'
import typescript from 'shiki/langs/typescript.mjs'
import xml from 'shiki/langs/xml.mjs'
import yaml from 'shiki/langs/yaml.mjs'
import githubLight from 'shiki/themes/github-light.mjs'
import { visit } from 'unist-util-visit'
import { linesIn, parseRanges } from '../code-snippet.ts'

export const theme = 'github-light'

/** DocFX and Microsoft Learn language names → Shiki's. */
const aliases: Record<string, string> = {
  azurepowershell: 'powershell',
  'azurepowershell-interactive': 'powershell',
  'powershell-interactive': 'powershell',
  posh: 'powershell',
  ps: 'powershell',
  ps1: 'powershell',
  kql: 'kusto',
  azurecli: 'bash',
  'azurecli-interactive': 'bash',
  sh: 'bash',
  shell: 'bash',
  console: 'shellsession',
  cmd: 'bat',
  'c#': 'csharp',
  cs: 'csharp',
  js: 'javascript',
  ts: 'typescript',
  yml: 'yaml',
  py: 'python',
}

/** Longer lines stay plain text: tokenizing them is what takes time. */
const maxHighlightedLineLength = 10_000

export interface Options {
  /** A highlighter made by `createCodeHighlighter()`; injected so one serves every page. */
  highlighter: HighlighterCore
}

/** One synchronous highlighter with the languages DocFX content uses (JavaScript regex engine, no WASM). */
export function createCodeHighlighter(): HighlighterCore {
  return createHighlighterCoreSync({
    themes: [githubLight],
    langs: [bash, bat, csharp, css, html, http, ini, javascript, json, kusto, powershell, python, shellsession, sql, typescript, xml, yaml],
    engine: createJavaScriptRegexEngine(),
  })
}

export default function rehypeHighlightCode(options: Options) {
  const loaded = new Set(options.highlighter.getLoadedLanguages())
  return function (tree: Root, file: VFile): void {
    const label = file.data.page?.t('code.highlightedLine') ?? 'Highlighted line'
    visit(tree, 'element', function (pre: Element, index, parent) {
      if (pre.tagName !== 'pre' || !parent || index === undefined) return
      const code = pre.children[0]
      if (code?.type !== 'element' || code.tagName !== 'code') return
      const text = toString(code).replace(/\n$/, '')
      const marked = markedLines(code, text)
      const language = languageOf(code)
      const lang = language && (aliases[language] ?? language)
      if (!language || !lang || !loaded.has(lang)) {
        if (marked.size > 0) code.children = plainLines(text, marked, label)
        return
      }
      const highlighted = options.highlighter.codeToHast(text, {
        lang,
        theme,
        // Shiki stops a line after 500 ms by default, so a starved CPU made
        // different HTML; the page time budget (pageTimeout) bounds slow pages
        // instead, and very long lines, the costly ones, stay plain.
        tokenizeTimeLimit: 0,
        tokenizeMaxLineLength: maxHighlightedLineLength,
        transformers: [
          {
            line(node, line) {
              if (marked.has(line)) markLine(node, label)
            },
          },
        ],
      })
      const replacement = highlighted.children[0] as Element
      replacement.properties.dataLanguage = language
      // DocFX's `title` of a `[!code-…]` reference stays on the code.
      const title = code.properties['title']
      const shikiCode = replacement.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
      if (title !== undefined && shikiCode) shikiCode.properties['title'] = title
      parent.children[index] = replacement as ElementContent
    })
  }
}

function languageOf(code: Element): string | undefined {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  const name = classes.map(String).find((value) => value.startsWith('language-'))
  return name?.slice('language-'.length).toLowerCase()
}

/** The 1-based lines `data-highlight-lines` names (DocFX's `2,4-6`); none when it is absent or unreadable. */
function markedLines(code: Element, text: string): Set<number> {
  const written = code.properties['dataHighlightLines']
  if (typeof written !== 'string') return new Set()
  delete code.properties['dataHighlightLines']
  const ranges = parseRanges(written)
  return ranges ? linesIn(ranges, text.split('\n').length) : new Set()
}

function markLine(line: Element, label: string): void {
  line.tagName = 'mark'
  // Shiki's own elements carry `class`, not hast's `className`.
  const written = line.properties['class'] ?? line.properties.className
  const classes = Array.isArray(written) ? written.map(String) : typeof written === 'string' ? written.split(/\s+/) : ['line']
  delete line.properties['class']
  line.properties.className = [...classes, 'highlighted']
  line.properties['dataLabel'] = label
}

/** Code Shiki does not colour, split into lines so highlighted ones can be marked. */
function plainLines(text: string, marked: Set<number>, label: string): ElementContent[] {
  const children: ElementContent[] = []
  text.split('\n').forEach(function (value, index) {
    if (index > 0) children.push({ type: 'text', value: '\n' })
    const line: Element = { type: 'element', tagName: 'span', properties: { className: ['line'] }, children: [{ type: 'text', value }] }
    if (marked.has(index + 1)) markLine(line, label)
    children.push(line)
  })
  return children
}
