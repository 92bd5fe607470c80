/**
 * TOCs kept between builds (openTocFacts, src/cache/source-facts.ts): a TOC
 * whose file did not change gives the same navigation and the same
 * diagnostics from the cache as from reading it, without being read.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openTocFacts } from '../../../src/cache/source-facts.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { buildLocaleNav } from '../../../src/nav/nav-index.ts'
import { siteIndexOf } from '../site-index-of.ts'

const site = siteIndexOf({ articles: { 'en-us': ['guide/analyze.md', 'guide/contain.md'] } })
const later = { now: () => Date.now() + 60_000 }

describe('the TOC facts cache', function () {
  it('should give an unchanged TOC the same navigation and diagnostics without reading it, and read it again once edited', function () {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-toc-facts-'))
    const root = path.join(dir, 'en-us')
    mkdirSync(path.join(root, 'guide'), { recursive: true })
    const toc = path.join(root, 'guide', 'TOC.yml')
    // A broken href (reported while the nav is built) and a YAML warning (reported while parsing, so kept).
    writeFileSync(toc, '- name: Analyze\n  href: analyze.md\n- name: Gone\n  href: gone.md\n- name: Tagged\n  href: !odd contain.md\n')
    const ref = { locale: 'en-us', root, relPath: 'guide/TOC.yml', absPath: toc }
    let reads = 0
    const reader = {
      readContained(absPath: string) {
        reads++
        return { ok: true as const, text: readFileSync(absPath, 'utf8'), problems: [], realPath: absPath }
      },
    }
    const navWith = (cacheDir: string | undefined) => {
      const tocs = openTocFacts(cacheDir, 'k', later)
      const { nav, messages } = buildLocaleNav('en-us', [ref], site, reader, tocs)
      tocs.save()
      return { nav, messages: messages.map((message) => formatHuman(message, { cwd: dir })) }
    }
    const cacheDir = path.join(dir, 'cache')
    const read = navWith(undefined)
    expect(read.messages.map((line) => line.replace(/: .*\[/, ': … ['))).toEqual([
      'en-us/guide/TOC.yml:6:9: … [yaml-warning]',
      'en-us/guide/TOC.yml:4:9: … [toc-broken-link]',
    ])
    expect(navWith(cacheDir)).toEqual(read)
    reads = 0
    expect(navWith(cacheDir)).toEqual(read)
    expect(reads).toBe(0)
    writeFileSync(toc, readFileSync(toc, 'utf8').replace('Analyze', 'Analyse'))
    expect(navWith(cacheDir).nav.tocsByDir.get('guide')?.nodes[0]?.title).toBe('Analyse')
    expect(reads).toBe(1)
  })
})
