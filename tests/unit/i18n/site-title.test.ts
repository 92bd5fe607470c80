import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { neutralSiteTitle } from '../../../src/i18n/site-title.ts'
import type { LocaleNav } from '../../../src/nav/nav-index.ts'

const limits = { maxFileSize: 1024 * 1024 }

/** A content root named `name` holding `files`. */
function root(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-site-title-')), name)
  mkdirSync(dir)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
  return dir
}

/** A nav whose root TOC's first entry is `title`. */
function navWithRootEntry(title: string): LocaleNav {
  const node = { title, relPath: 'index.md', url: undefined, expanded: false, children: [] }
  return { tocsByDir: new Map([['', { dir: '', locale: 'nl-nl', nodes: [node], order: ['index.md'] }]]), listed: new Set(['index.md']) }
}

const locale = (dir: string) => ({ code: 'nl-nl', root: dir, lang: 'nl-NL', dir: 'ltr' as const })

describe('neutralSiteTitle', function () {
  it("should take a docset's `_appTitle` first, from the root or a first-level docset folder", function () {
    const docset = root('docs', { 'b/docfx.json': '{"build": {"globalMetadata": {"_appTitle": "Contoso Docs"}}}', 'a/docfx.json': '{"build": {}}' })
    expect(neutralSiteTitle(locale(docset), navWithRootEntry('Overzicht'), limits)).toBe('Contoso Docs')
    const atRoot = root('docs', { 'docfx.json': '{"build": {"globalMetadata": {"_appTitle": " Root Docs "}}}' })
    expect(neutralSiteTitle(locale(atRoot), undefined, limits)).toBe('Root Docs')
  })

  it("should take the root TOC's first entry next, ignoring a docfx.json it cannot read", function () {
    const dir = root('docs', { 'docfx.json': '{ not json' })
    expect(neutralSiteTitle(locale(dir), navWithRootEntry('Handboek'), limits)).toBe('Handboek')
  })

  it("should take the content folder's name last, unless it is only the locale code", function () {
    expect(neutralSiteTitle(locale(root('contoso-handbook')), undefined, limits)).toBe('contoso-handbook')
    expect(neutralSiteTitle(locale(root('nl-nl')), undefined, limits)).toBe(undefined)
  })
})
