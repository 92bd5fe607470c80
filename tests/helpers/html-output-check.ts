/**
 * Judge one HTML file tolk wrote, for the fuzz and canary tests: it parses
 * (parse5, with its parse errors collected), has one `<html>`, `<head>`,
 * `<body>` (and, on every page but a redirect page, one `<main>`), and holds
 * nothing a reader's browser could run: no `<script>` but tolk's own
 * `_tolk/*.js` and, in `<head>`, the exact theme line of
 * templates/partials/theme-init.hbs, no `on*` attribute, no iframe but a video embed, no
 * `<base>`/`<object>`/`<embed>`/`<form>`, and every URL within the URL policy.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse, type DefaultTreeAdapterMap } from 'parse5'
import { refreshUrl, srcsetUrls, urlPolicyViolation } from './url-policy-check.ts'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

/**
 * Checks that fail on today's code until another helper's branch is merged.
 * TODO(lead): set each to `false` after merging the branch named.
 */
export const pendingOutputChecks = {
  /** Item 2 (videoHosts): any `https:` video host is embedded, with `allow-scripts allow-same-origin`. */
  anyVideoHostAndSandbox: false,
  /** Item 11: NUL bytes in content go raw into the HTML (`unexpected-null-character`). */
  nulInOutput: false,
}

/** Video hosts a `[!VIDEO]` iframe may embed once `videoHosts` is merged (its default list). */
export const allowedVideoHosts = [
  'www.youtube.com',
  'youtube.com',
  'www.youtube-nocookie.com',
  'youtube-nocookie.com',
  'player.vimeo.com',
  'learn-video.azurefd.net',
  'www.microsoft.com',
  'channel9.msdn.com',
]

/** Parse errors about characters that came from the content itself, not about tolk's markup. */
const characterParseErrors = new Set(['control-character-in-input-stream', 'noncharacter-in-input-stream', 'surrogate-in-input-stream'])

const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'poster', 'cite', 'data', 'ping', 'background', 'xlink:href', 'longdesc', 'manifest', 'codebase'])
const forbiddenElements = new Set(['base', 'object', 'embed', 'applet', 'frame', 'frameset', 'form', 'portal', 'svg', 'math', 'style', 'template', 'noscript'])
const ownScript = /^(?:\.\/|(?:\.\.\/)*|\/(?:[^/?#]+\/)*)_tolk\/[\w-]+\.js$/
/** The one inline script tolk writes: it applies the reader's stored theme before the first paint. */
const themeInitScript = /<script>(.*)<\/script>/.exec(readFileSync(path.resolve(import.meta.dirname, '../../templates/partials/theme-init.hbs'), 'utf8'))![1]!

export interface HtmlCheck {
  /** Each problem, as `<element attr>: reason`. */
  problems: string[]
  /** Parse errors caused by characters in the content (reported, not failed). */
  characterErrors: string[]
}

export function checkHtmlOutput(html: string): HtmlCheck {
  const problems: string[] = []
  const characterErrors: string[] = []
  const document = parse(html, {
    onParseError(error) {
      if (characterParseErrors.has(error.code)) characterErrors.push(error.code)
      else if (error.code === 'unexpected-null-character' && pendingOutputChecks.nulInOutput) characterErrors.push(error.code)
      else problems.push(`parse error ${error.code} at ${error.startLine}:${error.startCol}`)
    },
  })
  const counts = new Map<string, number>()
  let redirectPage = false
  walk(document, (element, ancestors) => {
    const tag = element.tagName
    counts.set(tag, (counts.get(tag) ?? 0) + 1)
    const attrs = new Map(element.attrs.map((attr) => [attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name, attr.value]))
    for (const [name, value] of attrs) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}>: event handler attribute`)
      if (urlAttributes.has(name)) flagUrl(tag, name, value)
      if (name === 'srcset' || name === 'imagesrcset') for (const url of srcsetUrls(value)) flagUrl(tag, name, url)
    }
    if (tag === 'meta' && attrs.get('http-equiv')?.toLowerCase() === 'refresh') {
      redirectPage = true
      const url = refreshUrl(attrs.get('content') ?? '')
      if (url !== undefined) flagUrl(tag, 'content', url)
    }
    if (forbiddenElements.has(tag)) problems.push(`<${tag}>: element tolk must never write`)
    if (tag === 'script' && !isThemeInit(element, attrs, ancestors)) {
      const src = attrs.get('src')
      if (src === undefined || !ownScript.test(src)) problems.push(`<script src=${JSON.stringify(src)}>: not one of tolk's own _tolk/ scripts`)
      if (element.childNodes.length > 0) problems.push('<script>: inline script text')
    }
    if (tag === 'iframe') checkIframe(attrs, ancestors)
    if (tag === 'link' && !ancestors.some((ancestor) => ancestor.tagName === 'head')) problems.push('<link>: outside <head>')
  })
  for (const tag of ['html', 'head', 'body']) {
    if (counts.get(tag) !== 1) problems.push(`${counts.get(tag) ?? 0} <${tag}> elements, expected 1`)
  }
  if (!redirectPage && counts.get('main') !== 1) problems.push(`${counts.get('main') ?? 0} <main> elements, expected 1`)
  return { problems, characterErrors }

  function flagUrl(tag: string, attribute: string, url: string): void {
    const reason = urlPolicyViolation(url)
    if (reason) problems.push(`<${tag} ${attribute}=${JSON.stringify(url)}>: ${reason}`)
  }

  function checkIframe(attrs: Map<string, string>, ancestors: Element[]): void {
    const src = attrs.get('src') ?? ''
    const parent = ancestors.at(-1)
    const inVideo = parent?.tagName === 'div' && /(^|\s)video(\s|$)/.test(parent.attrs.find((attr) => attr.name === 'class')?.value ?? '')
    if (!inVideo || !/^https:\/\//.test(src) || attrs.has('srcdoc')) {
      problems.push(`<iframe src=${JSON.stringify(src)}>: not a [!VIDEO] embed`)
      return
    }
    if (pendingOutputChecks.anyVideoHostAndSandbox) return
    if (!URL.canParse(src) || !allowedVideoHosts.includes(new URL(src).hostname)) problems.push(`<iframe src=${JSON.stringify(src)}>: video host not allowed`)
    const sandbox = (attrs.get('sandbox') ?? '').split(/\s+/)
    if (!attrs.has('sandbox') || (sandbox.includes('allow-scripts') && sandbox.includes('allow-same-origin'))) {
      problems.push(`<iframe sandbox=${JSON.stringify(attrs.get('sandbox'))}>: allow-scripts with allow-same-origin`)
    }
  }
}

function walk(node: Node, visit: (element: Element, ancestors: Element[]) => void, ancestors: Element[] = []): void {
  const element = 'tagName' in node ? node : undefined
  if (element) visit(element, ancestors)
  const children = 'childNodes' in node ? node.childNodes : []
  const below = element ? [...ancestors, element] : ancestors
  for (const child of children) walk(child as Node, visit, below)
  if (element && element.tagName === 'template' && 'content' in element) walk((element as DefaultTreeAdapterMap['template']).content as unknown as Node, visit, below)
}

/** tolk's theme line in `<head>`, exactly as theme-init.hbs writes it, and nothing else. */
function isThemeInit(element: Element, attrs: Map<string, string>, ancestors: Element[]): boolean {
  const [text, ...rest] = element.childNodes
  return attrs.size === 0 && rest.length === 0 && text?.nodeName === '#text' && 'value' in text && text.value === themeInitScript && ancestors.at(-1)?.tagName === 'head'
}
