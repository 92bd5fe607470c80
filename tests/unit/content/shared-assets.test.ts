import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LocaleSources, SourceRef } from '../../../src/content/discover.ts'
import { dropCopiesOfDefault } from '../../../src/content/shared-assets.ts'

const dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-shared-assets-'))

/** Write each locale's assets below `<dir>/<case>/<locale>/` and list them as sources. */
function sourcesWith(name: string, assets: Record<string, Record<string, string | Buffer>>): Map<string, LocaleSources> {
  const sources = new Map<string, LocaleSources>()
  for (const [locale, files] of Object.entries(assets)) {
    const root = path.join(dir, name, locale)
    const refs: SourceRef[] = []
    for (const [relPath, bytes] of Object.entries(files)) {
      const absPath = path.join(root, relPath)
      mkdirSync(path.dirname(absPath), { recursive: true })
      writeFileSync(absPath, bytes)
      refs.push({ locale, root, relPath, absPath })
    }
    sources.set(locale, { articles: [], assets: refs, tocs: [], yamlPages: [] })
  }
  return sources
}

function assetPaths(sources: Map<string, LocaleSources>): Record<string, string[]> {
  return Object.fromEntries([...sources].map(([locale, localeSources]) => [locale, localeSources.assets.map((ref) => ref.relPath)]))
}

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe('dropCopiesOfDefault', function () {
  it("should drop a translation's byte-identical copy and keep translated, own and default files", function () {
    const sources = sourcesWith('mixed', {
      'en-us': { 'media/flow.png': png, 'media/labels.svg': '<svg>Alert</svg>', 'media/only-english.png': png },
      'da-dk': { 'media/flow.png': png, 'media/labels.svg': '<svg>Besked</svg>', 'media/danish-only.png': png },
      'nl-nl': { 'media/flow.png': png, 'media/only-english.png': Buffer.from(png) },
    })
    dropCopiesOfDefault(sources, 'en-us')
    expect(assetPaths(sources)).toEqual({
      'en-us': ['media/flow.png', 'media/labels.svg', 'media/only-english.png'],
      'da-dk': ['media/labels.svg', 'media/danish-only.png'],
      'nl-nl': [],
    })
  })

  it('should keep a copy of the same size whose bytes differ', function () {
    const sources = sourcesWith('same-size', {
      'en-us': { 'media/flow.png': Buffer.from([1, 2, 3, 4]) },
      'da-dk': { 'media/flow.png': Buffer.from([1, 2, 3, 5]) },
    })
    dropCopiesOfDefault(sources, 'en-us')
    expect(assetPaths(sources)).toEqual({ 'en-us': ['media/flow.png'], 'da-dk': ['media/flow.png'] })
  })

  it('should only compare files at the same path', function () {
    const sources = sourcesWith('other-path', {
      'en-us': { 'media/flow.png': png },
      'da-dk': { 'media/flow-da.png': png, 'Media/flow.png': png },
    })
    dropCopiesOfDefault(sources, 'en-us')
    expect(assetPaths(sources)).toEqual({ 'en-us': ['media/flow.png'], 'da-dk': ['media/flow-da.png', 'Media/flow.png'] })
  })

  it('should keep a copy when the default file cannot be read', function () {
    const sources = sourcesWith('unreadable', { 'en-us': {}, 'da-dk': { 'media/flow.png': png } })
    const root = path.join(dir, 'unreadable', 'en-us')
    sources.get('en-us')!.assets.push({ locale: 'en-us', root, relPath: 'media/flow.png', absPath: path.join(root, 'media/flow.png') })
    dropCopiesOfDefault(sources, 'en-us')
    expect(assetPaths(sources)).toEqual({ 'en-us': ['media/flow.png'], 'da-dk': ['media/flow.png'] })
  })
})
