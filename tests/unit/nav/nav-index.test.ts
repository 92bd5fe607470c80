import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { textReader } from '../../helpers/text-reader.ts'
import { buildLocaleNav, tocFor, type NavNode } from '../../../src/nav/nav-index.ts'
import { siteIndexOf, sourceRef } from '../site-index-of.ts'

const site = siteIndexOf({
  articles: {
    'en-us': ['index.md', 'guide/analyze.md', 'guide/contain.md', 'guide/index.md', 'respond/index.md', 'respond/isolate.md'],
    'da-dk': ['index.md', 'guide/analyze.md'],
  },
  yamlPages: { 'en-us': ['hub/index.yml'] },
  externalRoots: { '/azure/': 'https://learn.microsoft.com/{locale}/azure/' },
})

/** Build the nav of `locale` from TOC files given by path inside the locale root. */
function navOf(tocs: Record<string, string>, locale = 'en-us') {
  const texts = new Map(Object.entries(tocs).map(([relPath, text]) => [`/virtual/${locale}/${relPath}`, text]))
  const refs = Object.keys(tocs).map((relPath) => sourceRef(locale, relPath))
  const { nav, messages } = buildLocaleNav(locale, refs, site, textReader((absPath) => texts.get(absPath)))
  return { nav, messages: messages.map((message) => formatHuman(message, { cwd: '/virtual' })) }
}

function node(title: string, relPath: string | undefined, children: NavNode[] = [], rest: Partial<NavNode> = {}): NavNode {
  return { title, relPath, url: undefined, expanded: false, children, ...rest }
}

const guideToc = '- name: Analyze\n  href: analyze.md\n- name: Contain\n  href: contain.md\n'

describe('buildLocaleNav', function () {
  it('should resolve hrefs to article paths and keep the TOC order', function () {
    const { nav, messages } = navOf({ 'guide/TOC.yml': `- name: Overview\n  href: index.md\n  expanded: true\n${guideToc}` })
    expect(messages).toEqual([])
    expect(nav.tocsByDir.get('guide')).toEqual({
      dir: 'guide',
      locale: 'en-us',
      nodes: [
        node('Overview', 'guide/index.md', [], { expanded: true }),
        node('Analyze', 'guide/analyze.md'),
        node('Contain', 'guide/contain.md'),
      ],
      order: ['guide/index.md', 'guide/analyze.md', 'guide/contain.md'],
    })
    expect([...nav.listed].sort()).toEqual(['guide/analyze.md', 'guide/contain.md', 'guide/index.md'])
  })

  it('should inline a nested TOC named by `href: sub/TOC.yml`, opening its `topicHref`', function () {
    const { nav, messages } = navOf({
      'TOC.yml': '- name: Home\n  href: index.md\n- name: Guide\n  href: guide/TOC.yml\n  topicHref: guide/index.md\n',
      'guide/TOC.yml': guideToc,
    })
    expect(messages).toEqual([])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([
      node('Home', 'index.md'),
      node('Guide', 'guide/index.md', [node('Analyze', 'guide/analyze.md'), node('Contain', 'guide/contain.md')]),
    ])
    expect(nav.tocsByDir.get('')!.order).toEqual(['index.md', 'guide/index.md', 'guide/analyze.md', 'guide/contain.md'])
    expect([...nav.tocsByDir.keys()]).toEqual(['', 'guide'])
  })

  it('should inline the TOC of a folder named by `href: sub/`', function () {
    const { nav, messages } = navOf({
      'TOC.yml': '- name: Respond\n  href: respond/\n',
      'respond/TOC.yml': '- name: Overview\n  href: index.md\n- name: Isolate\n  href: isolate.md\n',
    })
    expect(messages).toEqual([])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([
      node('Respond', undefined, [node('Overview', 'respond/index.md'), node('Isolate', 'respond/isolate.md')]),
    ])
  })

  it('should put the entries under a nested TOC entry after the nested TOC', function () {
    const { nav } = navOf({
      'TOC.yml': '- name: Guide\n  href: guide/TOC.yml\n  items:\n    - name: Respond\n      href: respond/isolate.md\n',
      'guide/TOC.yml': guideToc,
    })
    expect(nav.tocsByDir.get('')!.nodes).toEqual([
      node('Guide', undefined, [node('Analyze', 'guide/analyze.md'), node('Contain', 'guide/contain.md'), node('Respond', 'respond/isolate.md')]),
    ])
  })

  it('should report a TOC cycle at the entry that closes it, in each TOC of the cycle', function () {
    const { nav, messages } = navOf({
      'TOC.yml': '- name: Guide\n  href: guide/TOC.yml\n',
      'guide/TOC.yml': '- name: Analyze\n  href: analyze.md\n- name: Back\n  href: ../TOC.yml\n',
    })
    expect(messages).toEqual([
      'en-us/guide/TOC.yml:4:9: error: TOC cycle: TOC.yml → guide/TOC.yml → TOC.yml [toc-invalid]',
      'en-us/TOC.yml:2:9: error: TOC cycle: guide/TOC.yml → TOC.yml → guide/TOC.yml [toc-invalid]',
    ])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([node('Guide', undefined, [node('Analyze', 'guide/analyze.md'), node('Back', undefined)])])
  })

  it('should report an entry whose page is missing at the line and column of its href', function () {
    const { nav, messages } = navOf({ 'TOC.yml': '- name: Home\n  href: index.md\n- name: Runbook\n  items:\n    - name: Contain\n      href: runbook/contain.md\n' })
    expect(messages).toEqual([
      'en-us/TOC.yml:6:13: error: TOC entry `Contain` points to `runbook/contain.md`, which is not in this build [toc-broken-link]',
    ])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([node('Home', 'index.md'), node('Runbook', undefined, [node('Contain', undefined)])])
  })

  it('should report an entry naming a TOC file that does not exist', function () {
    expect(navOf({ 'TOC.yml': '- name: Hunting\n  href: hunting/TOC.yml\n' }).messages).toEqual([
      'en-us/TOC.yml:2:9: error: TOC entry `Hunting` points to `hunting/TOC.yml`, which is not in this build [toc-broken-link]',
    ])
  })

  it('should report an entry pointing at an image as not a page', function () {
    const site2 = siteIndexOf({ articles: { 'en-us': ['index.md'] }, assets: { 'en-us': ['media/flow.png'] } })
    const { messages } = buildLocaleNav('en-us', [sourceRef('en-us', 'TOC.yml')], site2, textReader(() => '- name: Flow\n  href: media/flow.png\n'))
    expect(messages.map((message) => formatHuman(message, { cwd: '/virtual' }))).toEqual([
      'en-us/TOC.yml:2:9: error: TOC entry `Flow` points to `media/flow.png`, which is not a page [toc-broken-link]',
    ])
  })

  it('should report a problem of a nested TOC once, though it is loaded inline and on its own', function () {
    const { messages } = navOf({
      'TOC.yml': '- name: Guide\n  href: guide/TOC.yml\n',
      'guide/TOC.yml': '- name: Triage\n  href: triage.md\n',
    })
    expect(messages).toEqual([
      'en-us/guide/TOC.yml:2:9: error: TOC entry `Triage` points to `triage.md`, which is not in this build [toc-broken-link]',
    ])
  })

  it('should keep external and mapped links as URLs and a DocFX YAML page as a heading without a link', function () {
    const toc = [
      '- name: Learn',
      '  href: https://learn.microsoft.com/defender/',
      '- name: Monitor',
      '  href: /azure/monitor/',
      '- name: Hub',
      '  href: hub/index.yml',
      '- name: Hub folder',
      '  href: hub/',
      '',
    ].join('\n')
    const { nav, messages } = navOf({ 'TOC.yml': toc }, 'da-dk')
    expect(messages).toEqual([])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([
      node('Learn', undefined, [], { url: 'https://learn.microsoft.com/defender/' }),
      node('Monitor', undefined, [], { url: 'https://learn.microsoft.com/da-dk/azure/monitor/' }),
      node('Hub', undefined),
      node('Hub folder', undefined),
    ])
    expect(nav.tocsByDir.get('')!.order).toEqual([])
  })

  it("should list an article missing in the locale by its path, to be opened in the default locale's copy", function () {
    const { nav, messages } = navOf({ 'TOC.yml': '- name: Analyze\n  href: guide/analyze.md\n- name: Contain\n  href: guide/contain.md\n' }, 'da-dk')
    expect(messages).toEqual([])
    expect(nav.tocsByDir.get('')!.nodes).toEqual([node('Analyze', 'guide/analyze.md'), node('Contain', 'guide/contain.md')])
    expect([...nav.listed]).toEqual(['guide/analyze.md', 'guide/contain.md'])
  })
})

describe('tocFor', function () {
  const { nav } = navOf({
    'TOC.yml': '- name: Home\n  href: index.md\n',
    'guide/TOC.yml': guideToc,
    'respond/TOC.yml': '- name: Isolate\n  href: isolate.md\n',
  })

  it('should pick the TOC in the folder of the page', function () {
    expect(tocFor(nav, 'guide/analyze.md')?.dir).toBe('guide')
    expect(tocFor(nav, 'respond/isolate.md')?.dir).toBe('respond')
    expect(tocFor(nav, 'index.md')?.dir).toBe('')
  })

  it('should pick the nearest TOC above a page in a folder without one', function () {
    expect(tocFor(nav, 'guide/deep/er/page.md')?.dir).toBe('guide')
    expect(tocFor(nav, 'other/page.md')?.dir).toBe('')
  })

  it('should not take a TOC of a folder whose name merely starts the same', function () {
    expect(tocFor(nav, 'guidelines/page.md')?.dir).toBe('')
  })

  it('should return undefined when no TOC is at or above the page', function () {
    const { nav: guideOnly } = navOf({ 'guide/TOC.yml': guideToc })
    expect(tocFor(guideOnly, 'respond/isolate.md')).toBeUndefined()
  })
})
