/**
 * Small generated sites that used to make tolk's own code run for minutes
 * (issue #10, item 8): built in a temp folder at test time, one locale,
 * tolk's packaged templates and UI strings.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A one-locale site in a temp folder; `files` are paths inside `content/en-us`. */
export function siteWith(files: Record<string, string>, config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-hostile-'))
  const settings = { defaultLocale: 'en-us', locales: { 'en-us': {} }, ...config }
  writeFileSync(path.join(dir, 'tolk.config.ts'), `export default ${JSON.stringify(settings, null, 2)}\n`)
  for (const [relPath, text] of Object.entries(files)) {
    const absPath = path.join(dir, 'content/en-us', relPath)
    mkdirSync(path.dirname(absPath), { recursive: true })
    writeFileSync(absPath, text)
  }
  return dir
}

const page = (title: string, body = ''): string => `---\ntitle: ${title}\n---\n\n# ${title}\n\n${body}\n`

/**
 * `depth + 1` TOC files, each in a folder of its own and listing the next
 * level's TOC `width` times: inlining them naively makes width^depth entries.
 */
export function tocFanOut(width: number, depth: number): Record<string, string> {
  const files: Record<string, string> = { 'index.md': page('Home') }
  for (let level = 0; level <= depth; level++) {
    const dir = Array.from({ length: level }, (_, index) => `l${index + 1}`).join('/')
    const entries =
      level < depth
        ? Array.from({ length: width }, (_, index) => `- name: Part ${index + 1}\n  href: l${level + 1}/TOC.yml\n`).join('')
        : `- name: Home\n  href: ${'../'.repeat(level)}index.md\n`
    files[dir ? `${dir}/TOC.yml` : 'TOC.yml'] = entries
  }
  return files
}

/** `levels + 1` Markdown files: the page includes level 1 `width` times, each level the next one. */
export function includeFanOut(width: number, levels: number): Record<string, string> {
  const directives = (target: string): string => Array.from({ length: width }, () => `[!INCLUDE [part](${target})]\n`).join('\n')
  const files: Record<string, string> = { 'index.md': page('Home', directives('includes/level-1.md')) }
  for (let level = 1; level <= levels; level++) {
    files[`includes/level-${level}.md`] = level < levels ? directives(`level-${level + 1}.md`) : `Leaf text with a [link](../index.md).\n`
  }
  return files
}

/** One include used `count` times in one page. */
export function includeRepeated(count: number): Record<string, string> {
  const directives = Array.from({ length: count }, () => '[!INCLUDE [note](includes/note.md)]').join('\n\n')
  return { 'index.md': page('Home', directives), 'includes/note.md': 'A short note with a [link](../index.md).\n' }
}

/** `count` inline no-loc terms on one line. */
export function noLocLine(count: number): Record<string, string> {
  return { 'index.md': page('Home', Array.from({ length: count }, () => ':::no-loc text="x":::').join(' ')) }
}

/** `count` headings with the same text. */
export function duplicateHeadings(count: number): Record<string, string> {
  return { 'index.md': page('Home', Array.from({ length: count }, () => '## Same').join('\n\n')) }
}

/** `count` DocFX anchors with the same name, and a link to it. */
export function duplicateAnchors(count: number): Record<string, string> {
  const anchors = Array.from({ length: count }, () => '<a name="same"></a>Text').join('\n\n')
  return { 'index.md': page('Home', `[Jump](#same)\n\n${anchors}`) }
}
