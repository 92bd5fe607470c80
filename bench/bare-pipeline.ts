/**
 * The baseline the build bench compares tolk with: the same article files
 * through a plain remark → rehype pipeline (no includes, links, sanitizing or
 * templates), each page written to disk as tolk writes its pages.
 *
 * Usage: `node --import tsx bench/bare-pipeline.ts <out-dir> <content-root>...`
 * (one root per locale, written to `<out-dir>/<index>/`); prints
 * `{"pages":N,"frontMatterErrors":N}` on stdout.
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

function main(outDir: string, roots: string[]): { pages: number; frontMatterErrors: number } {
  const madeDirs = new Set<string>()
  let pages = 0
  let frontMatterErrors = 0
  for (const [index, root] of roots.entries()) {
    const locale = `l${index}`
    const { articles } = discover({ code: locale, root, lang: 'en', dir: 'ltr' })
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
      pages++
    }
  }
  return { pages, frontMatterErrors }
}

const [outDir, ...roots] = process.argv.slice(2)
if (!outDir || roots.length === 0) {
  process.stderr.write('Usage: bare-pipeline.ts <out-dir> <content-root>...\n')
  process.exitCode = 2
} else {
  process.stdout.write(`${JSON.stringify(main(path.resolve(outDir), roots.map((root) => path.resolve(root))))}\n`)
}
