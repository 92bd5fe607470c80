/**
 * The baseline the build bench compares tolk with: the same article files
 * through a plain remark → rehype pipeline (no includes, links, sanitizing or
 * templates), each page written to disk as tolk writes its pages.
 *
 * Usage: `node --import tsx bench/bare-pipeline.ts <content-root> <out-dir>`;
 * prints `{"pages":N,"frontMatterErrors":N}` on stdout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import matter from 'gray-matter'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { discover } from '../src/content/discover.ts'
import { articleOutputFile } from '../src/links/urls.ts'

const locale = 'nl-nl'

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeRaw)
  .use(rehypeStringify)
  .freeze()

/** The Markdown body of an article; `undefined` when its front matter does not parse. */
function bodyOf(text: string): string | undefined {
  try {
    // An options object switches off gray-matter's cache of every input string.
    return matter(text, {}).content
  } catch {
    return undefined
  }
}

function main(root: string, outDir: string): void {
  const { articles } = discover({ code: locale, root, lang: 'nl-NL', dir: 'ltr' })
  const madeDirs = new Set<string>()
  let frontMatterErrors = 0
  for (const article of articles) {
    const text = readFileSync(article.absPath, 'utf8')
    const body = bodyOf(text)
    if (body === undefined) frontMatterErrors++
    const html = String(processor.processSync(body ?? text))
    const outFile = path.join(outDir, articleOutputFile(locale, article.relPath))
    const dir = path.dirname(outFile)
    if (!madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true })
      madeDirs.add(dir)
    }
    writeFileSync(outFile, html)
  }
  process.stdout.write(`${JSON.stringify({ pages: articles.length, frontMatterErrors })}\n`)
}

const [root, outDir] = process.argv.slice(2)
if (!root || !outDir) {
  process.stderr.write('Usage: bare-pipeline.ts <content-root> <out-dir>\n')
  process.exitCode = 2
} else {
  main(path.resolve(root), path.resolve(outDir))
}
