/**
 * Highlight fenced code at build time with Shiki, so readers need no
 * JavaScript. Runs after sanitizing: its colours are trusted output. DocFX
 * language names (`azurepowershell`, `kql`, `azurecli`, …) map onto Shiki's;
 * unknown languages stay plain, as on Microsoft Learn.
 *
 * Colours come in two themes at once (Shiki's dual themes without a default):
 * each token carries `--shiki-light` and `--shiki-dark`, and
 * client/styles/code.css picks one with the site's theme. Shiki's own
 * background is dropped; the box is ours (see ../code-theme.ts).
 *
 * Every code block becomes
 * `<div class="code-block" data-copy="…" data-copied="…" data-copy-failed="…">`
 * around an optional `<div class="code-header"><span class="code-language">`
 * label and a `<pre tabindex="0">` (a scroll container keyboard users can
 * scroll); client/features/copy-code.ts adds the copy button from the
 * localized `data-*` labels.
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
import { SKIP, visit } from '../../tree/visit.ts'
import { languageLabel, shikiAliases } from '../code-languages.ts'
import { linesIn, parseRanges } from '../code-snippet.ts'
import { codeThemes, themeNames } from '../code-theme.ts'

/** Longer lines stay plain text: tokenizing them is what takes time. */
const maxHighlightedLineLength = 10_000

export interface Options {
  /** A highlighter made by `createCodeHighlighter()`; by default the process's own (`sharedCodeHighlighter`). */
  highlighter?: HighlighterCore | undefined
}

/** One synchronous highlighter with the languages DocFX content uses (JavaScript regex engine, no WASM). */
export function createCodeHighlighter(): HighlighterCore {
  return createHighlighterCoreSync({
    themes: codeThemes(),
    langs: [bash, bat, csharp, css, html, http, ini, javascript, json, kusto, powershell, python, shellsession, sql, typescript, xml, yaml],
    engine: createJavaScriptRegexEngine(),
  })
}

let shared: HighlighterCore | undefined

/**
 * The one highlighter of this process (or worker thread). Its themes and
 * languages never change, and each highlighter holds megabytes of compiled
 * grammars: a new one per prepared site made every dev-server reload keep
 * more memory (Shiki itself warns at ten instances).
 */
export function sharedCodeHighlighter(): HighlighterCore {
  return (shared ??= createCodeHighlighter())
}

export default function rehypeHighlightCode(options: Options = {}) {
  // Made at the first code block with a language, not with the processor: a build that takes
  // every page from its cache never compiles the grammars (about 50 ms of a no-change build).
  let ready: { highlighter: HighlighterCore; loaded: Set<string> } | undefined
  const shiki = (): { highlighter: HighlighterCore; loaded: Set<string> } => {
    if (ready) return ready
    const highlighter = options.highlighter ?? sharedCodeHighlighter()
    return (ready = { highlighter, loaded: new Set(highlighter.getLoadedLanguages()) })
  }
  return function (tree: Root, file: VFile): void {
    const t = (key: string, fallback: string) => file.data.page?.t(key) ?? fallback
    const label = t('code.highlightedLine', 'Highlighted line')
    const copyLabels = { dataCopy: t('code.copy', 'Copy'), dataCopied: t('code.copied', 'Copied'), dataCopyFailed: t('code.copyFailed', 'Copy failed') }
    visit(tree, 'element', function (pre: Element, index, parent) {
      if (pre.tagName !== 'pre' || !parent || index === undefined) return
      const code = pre.children[0]
      if (code?.type !== 'element' || code.tagName !== 'code') {
        // Raw HTML `<pre>`: no box, but its scrolling stays reachable by keyboard.
        pre.properties.tabIndex = 0
        return
      }
      const text = toString(code).replace(/\n$/, '')
      const marked = markedLines(code, text)
      const language = languageOf(code)
      const lang = language && (shikiAliases[language] ?? language)
      let shown = pre // the pre readers see: this one, or Shiki's
      if (!language || !lang || !shiki().loaded.has(lang)) {
        if (marked.size > 0) code.children = plainLines(text, marked, label)
      } else {
        shown = highlight(shiki().highlighter, text, lang, marked, label)
        shown.properties.dataLanguage = language
        // DocFX's `title` of a `[!code-…]` reference stays on the code.
        const title = code.properties['title']
        const shikiCode = shown.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code')
        if (title !== undefined && shikiCode) shikiCode.properties['title'] = title
      }
      // Long lines scroll inside the box; a scroll container must take keyboard focus.
      shown.properties.tabIndex = 0
      const name = language && languageLabel(language, (key) => t(key, key))
      const header: Element[] = name
        ? [{ type: 'element', tagName: 'div', properties: { className: ['code-header'] }, children: [{ type: 'element', tagName: 'span', properties: { className: ['code-language'] }, children: [{ type: 'text', value: name }] }] }]
        : []
      parent.children[index] = { type: 'element', tagName: 'div', properties: { className: ['code-block'], ...copyLabels }, children: [...header, shown] }
      return [SKIP, index + 1]
    })
  }
}

function highlight(highlighter: HighlighterCore, text: string, lang: string, marked: Set<number>, label: string): Element {
  const highlighted = highlighter.codeToHast(text, {
    lang,
    themes: themeNames,
    // No default: every token carries both colours as variables, and CSS picks one with the site theme.
    defaultColor: false,
    // Shiki stops a line after 500 ms by default, so a starved CPU made
    // different HTML; the page time budget (pageTimeout) bounds slow pages
    // instead, and very long lines, the costly ones, stay plain.
    tokenizeTimeLimit: 0,
    tokenizeMaxLineLength: maxHighlightedLineLength,
    transformers: [
      {
        pre(node) {
          // The themes' editor colours and background: the box is styled by code.css instead.
          delete node.properties['style']
          // Shiki's lower-case `tabindex` would repeat the one every box gets below.
          delete node.properties['tabindex']
        },
        line(node, line) {
          if (marked.has(line)) markLine(node, label)
        },
      },
    ],
  })
  return highlighted.children[0] as Element
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
