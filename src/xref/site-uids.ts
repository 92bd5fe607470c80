/**
 * The uids a locale's articles define: front matter `uid` in Markdown, the
 * top-level `uid` of a Landing or FAQ page. A uid defined twice in one locale
 * is reported at both places (DocFX warns too); the first article in path
 * order keeps it, so every build links the same page.
 */
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml'
import type { SourceRef } from '../content/discover.ts'
import type { ArticleUid } from '../cache/source-facts.ts'
import { parseFrontMatter } from '../front-matter/parse.ts'
import { report } from '../diagnostics/report.ts'
import type { SiteXref } from './xref-index.ts'

/** A `uid:` key at the start of a line, before any parsing: most articles have none and are not parsed here. */
const uidKey = /^uid[ \t]*:/m

/** The uid `text` (the article's as read) defines, where, and the title cross-references show for it. */
export function uidOfArticle(relPath: string, absPath: string, text: string): ArticleUid | undefined {
  if (!uidKey.test(text)) return undefined
  return /\.yml$/i.test(relPath) ? yamlPageUid(text) : markdownUid(absPath, text)
}

/** `uidOf` gives each article's uid (`uidOfArticle` on its text; an article that cannot be read is reported when its page is rendered). */
export function collectSiteUids(articles: SourceRef[], uidOf: (article: SourceRef) => ArticleUid | undefined): { uids: Map<string, SiteXref>; messages: VFileMessage[] } {
  const uids = new Map<string, SiteXref>()
  const duplicates = new Map<string, SiteXref[]>()
  for (const article of articles) {
    const defined = uidOf(article)
    if (!defined) continue
    const found: SiteXref = { uid: defined.uid, relPath: article.relPath, name: defined.name, file: article.absPath, line: defined.line, column: defined.column }
    const first = uids.get(found.uid)
    if (!first) uids.set(found.uid, found)
    else duplicates.set(found.uid, [...(duplicates.get(found.uid) ?? [first]), found])
  }
  const messages: VFileMessage[] = []
  for (const [uid, places] of duplicates) {
    const kept = places[0]!
    for (const place of places) {
      const others = places.filter((other) => other !== place).map((other) => `\`${other.relPath}\``).join(', ')
      const reason = `uid \`${uid}\` is also defined by ${others}; cross-references to it go to \`${kept.relPath}\``
      messages.push(report(new VFile({ path: place.file }), 'xref-duplicate-uid', reason, place))
    }
  }
  return { uids, messages }
}

function markdownUid(absPath: string, text: string): ArticleUid | undefined {
  // Its problems are reported when the page is rendered; here only the value counts.
  const { data, body } = parseFrontMatter(new VFile({ path: absPath, value: text }))
  const uid = uidValue(data['uid'])
  if (uid === undefined) return undefined
  const title = typeof data['title'] === 'string' && data['title'].trim() ? data['title'].trim() : firstHeading(body)
  return { uid, name: title ?? uid, ...lineOfKey(text) }
}

function yamlPageUid(text: string): ArticleUid | undefined {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'silent' })
  if (document.errors.length || !isMap(document.contents)) return undefined
  const root = document.contents
  const node = root.get('uid', true)
  const uid = uidValue(isScalar(node) ? node.value : undefined)
  if (uid === undefined) return undefined
  const metadata = root.get('metadata', true)
  const title = stringOf(root.get('title')) ?? (isMap(metadata) ? stringOf(metadata.get('title')) : undefined)
  const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0)
  return { uid, name: title ?? uid, line, column: col }
}

function uidValue(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/** The text of the first ATX `#` heading (DocFX's title when front matter has none). */
function firstHeading(body: string): string | undefined {
  const match = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/m.exec(body)
  return match?.[1]
}

/** Where the front matter's `uid:` key is. */
function lineOfKey(text: string): { line: number; column: number } {
  const match = uidKey.exec(text)
  const before = match ? text.slice(0, match.index) : ''
  return { line: before.split('\n').length, column: 1 }
}
