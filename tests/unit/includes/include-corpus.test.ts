import { readFileSync } from 'node:fs'
import path from 'node:path'
import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'
import { describeWithShared, sharedDir } from '../../helpers/shared.ts'

const trRoot = path.join(sharedDir, 'corpus/tr-tr')
const folder = 'microsoft-365/security/defender-identity'

describeWithShared(trRoot)('inline includes on a real translated page', function () {
  it('should expand every product-name include, in bold too, with no directive text or broken link left', function () {
    const read = (relPath: string) => readFileSync(path.join(trRoot, relPath), 'utf8')
    // The front matter blanked to its line breaks, as the build gives the body to the processor.
    const page = read(`${folder}/vpn-integration.md`).replace(/^---\n[\s\S]*?\n---\n/, (block) => block.replace(/[^\n]/g, ''))
    const files = Object.fromEntries(['product-long.md', 'product-short.md'].map((name) => [`${folder}/includes/${name}`, read(`${folder}/includes/${name}`)]))
    const directives = page.match(/\[!INCLUDE \[[^\]]*\]\(includes\/product-(?:long|short)\.md\)\]/g) ?? []
    expect(directives.length).toBeGreaterThan(5)
    const { hast, messages } = renderMarkdown(page, { relPath: `${folder}/vpn-integration.md`, files })
    const text = toString(hast)
    expect(text).not.toMatch(/\[!INCLUDE/i)
    // Links to pages outside this one-page site stay broken; none may come from a directive's line.
    const directiveLines = new Set(page.split('\n').flatMap((line, index) => (/\[!INCLUDE/i.test(line) ? [index + 1] : [])))
    const onDirectiveLines = messages.filter((message) => directiveLines.has(Number(/\.md:(\d+):/.exec(message)?.[1])))
    expect(onDirectiveLines).toEqual([])
    expect(messages.filter((message) => /\[include-[a-z-]+\]$/.test(message))).toEqual([])
    const longName = files[`${folder}/includes/product-long.md`]!.trim()
    const shortName = files[`${folder}/includes/product-short.md`]!.trim()
    const count = (name: string) => text.split(name).length - 1
    // The long name holds the short one; each directive put its name in the page.
    expect(count(shortName)).toBeGreaterThanOrEqual(directives.length)
    expect(count(longName)).toBeGreaterThanOrEqual(directives.filter((directive) => directive.includes('product-long')).length)
    expect(selectAll('strong', hast).some((node) => toString(node).includes(longName))).toBe(true)
  })
})
