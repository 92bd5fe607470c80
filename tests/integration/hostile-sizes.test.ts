/**
 * Issue #10, item 8: small generated inputs whose cost grew exponentially or
 * quadratically in tolk's own code. Each builds in seconds now; the vitest
 * timeout is only a hang guard.
 */
import { selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { buildSite, readHtml } from '../helpers/build-site.ts'
import { duplicateAnchors, duplicateHeadings, includeFanOut, includeRepeated, noLocLine, siteWith, tocFanOut } from '../helpers/hostile-sites.ts'

const hangGuard = 240_000
/** These pages are big but finite: on a loaded CI machine they may take longer than the default `pageTimeout`. */
const unwatched = { pageTimeout: 0 }

describe('inputs that used to hang tolk', function () {
  it(
    'should refuse to inline a TOC fan-out of width 2 and depth 18 past 10,000 entries, at each nesting href',
    async function () {
      const { messages, result } = await buildSite(siteWith(tocFanOut(2, 18), unwatched))
      const expected: string[] = []
      // Level k expands to 2^(19-k) - 2 entries: levels 0-5 cannot inline either copy of the next, level 6 one copy.
      for (let level = 0; level <= 6; level++) {
        const toc = `${Array.from({ length: level }, (_, index) => `l${index + 1}/`).join('')}TOC.yml`
        for (const line of level < 6 ? [2, 4] : [4]) {
          expected.push(
            `content/en-us/${toc}:${line}:9: error: Inlining \`l${level + 1}/TOC.yml\` here makes \`${toc}\` longer than 10,000 entries; is a TOC nested many times over? [toc-invalid]`,
          )
        }
      }
      expect(messages).toEqual(expected)
      expect(result.written).toBe(false)
    },
    hangGuard,
  )

  it(
    'should stop an include fan-out of 4 × 8 levels past 20,000 expansions, in the include and in the page',
    async function () {
      const { messages } = await buildSite(siteWith(includeFanOut(4, 8), unwatched))
      expect(messages).toEqual([
        'content/en-us/includes/level-1.md:7:1: error: Including `level-2.md` here makes `includes/level-1.md` expand more than 20,000 includes; includes that include others several times multiply [include-too-large]',
        'content/en-us/index.md:9:1: error: Including `includes/level-1.md` here makes this page expand more than 20,000 includes; includes that include others several times multiply [include-too-large]',
      ])
    },
    hangGuard,
  )

  it(
    'should stop an include fan-out of 10 × 6 levels at its second use of each level',
    async function () {
      const { messages } = await buildSite(siteWith(includeFanOut(10, 6), unwatched))
      expect(messages).toEqual([
        'content/en-us/includes/level-1.md:3:1: error: Including `level-2.md` here makes `includes/level-1.md` expand more than 20,000 includes; includes that include others several times multiply [include-too-large]',
        'content/en-us/index.md:9:1: error: Including `includes/level-1.md` here makes this page expand more than 20,000 includes; includes that include others several times multiply [include-too-large]',
      ])
    },
    hangGuard,
  )

  it(
    'should expand one include used 10,000 times in a page, each copy with its link rebased onto the page',
    async function () {
      const { messages, outDir } = await buildSite(siteWith(includeRepeated(10_000), unwatched))
      expect(messages).toEqual([])
      const notes = selectAll('main p', readHtml(outDir, 'en-us/index.html')).filter((node) => toString(node) === 'A short note with a link.')
      expect(notes).toHaveLength(10_000)
      expect(new Set(notes.map((note) => selectAll('a', note)[0]?.properties.href))).toEqual(new Set(['./']))
    },
    hangGuard,
  )

  it(
    'should render 20,000 no-loc terms on one line',
    async function () {
      const { messages, outDir } = await buildSite(siteWith(noLocLine(20_000), unwatched))
      expect(messages).toEqual([])
      const terms = selectAll('main span[translate="no"]', readHtml(outDir, 'en-us/index.html'))
      expect(terms).toHaveLength(20_000)
      expect(new Set(terms.map((term) => toString(term)))).toEqual(new Set(['x']))
    },
    hangGuard,
  )

  it(
    'should give 20,000 headings with one text the ids same, same-1 … same-19999',
    async function () {
      const { messages, outDir } = await buildSite(siteWith(duplicateHeadings(20_000), unwatched))
      // One warning per repeated heading text.
      expect(messages).toHaveLength(19_999)
      expect(messages.every((message) => message.endsWith('[duplicate-anchor]'))).toBe(true)
      const ids = selectAll('main h2', readHtml(outDir, 'en-us/index.html')).map((heading) => heading.properties.id)
      expect(ids).toEqual(['same', ...Array.from({ length: 19_999 }, (_, index) => `same-${index + 1}`)])
    },
    hangGuard,
  )

  it(
    'should give 20,000 DocFX anchors of one name unique ids, and check a link against the first',
    async function () {
      const { messages, outDir } = await buildSite(siteWith(duplicateAnchors(20_000), unwatched))
      // One warning per repeat, and no broken-anchor: `#same` still lands on the first.
      expect(messages).toHaveLength(19_999)
      expect(messages.every((message) => message.endsWith('[duplicate-anchor]'))).toBe(true)
      const ids = selectAll('main a[id]', readHtml(outDir, 'en-us/index.html')).map((anchor) => anchor.properties.id)
      expect(ids).toEqual(['same', ...Array.from({ length: 19_999 }, (_, index) => `same-${index + 1}`)])
    },
    hangGuard,
  )
})
