import { describe, expect, it } from 'vitest'
import { textReader } from '../../helpers/text-reader.ts'
import { buildLocaleNav, type NavNode, type Toc } from '../../../src/nav/nav-index.ts'
import { pageNav, type NavItemView } from '../../../src/nav/page-nav.ts'
import { siteIndexOf, sourceRef } from '../site-index-of.ts'

const articles = {
  'en-us': ['index.md', 'guide/analyze.md', 'guide/contain.md', 'guide/only-english.md', 'guide/triage.md'],
  'da-dk': ['index.md', 'guide/analyze.md', 'guide/triage.md'],
}
/** Untranslated articles link the default locale's page. */
const site = siteIndexOf({ articles, fallback: 'none' })

const tocText = [
  '- name: Home',
  '  href: index.md',
  '- name: Respond',
  '  items:',
  '    - name: Analyze',
  '      href: guide/analyze.md',
  '      items:',
  '        - name: Triage',
  '          href: guide/triage.md',
  '    - name: Contain',
  '      href: guide/contain.md',
  '    - name: Analyze again',
  '      href: guide/analyze.md',
  '- name: Learn',
  '  href: https://learn.microsoft.com/defender/',
  '- name: Only English',
  '  href: guide/only-english.md',
  '',
].join('\n')

/** The root TOC of `locale`, built by the real nav index. */
function tocOf(locale: string): Toc {
  const { nav } = buildLocaleNav(locale, [sourceRef(locale, 'TOC.yml')], site, textReader(() => tocText))
  return nav.tocsByDir.get('')!
}

function item(title: string, href: string | undefined, children: NavItemView[] = [], rest: Partial<NavItemView> = {}): NavItemView {
  return { title, href, current: false, open: false, hasChildren: children.length > 0, children, ...rest }
}

describe('pageNav', function () {
  it('should mark the current page, open its trail and give breadcrumbs and previous/next, relative to the page', function () {
    expect(pageNav(tocOf('da-dk'), 'guide/triage.md', 'da-dk', site)).toEqual({
      items: [
        item('Home', '../../'),
        item(
          'Respond',
          undefined,
          [
            item('Analyze', '../analyze/', [item('Triage', './', [], { current: true })], { open: true }),
            item('Contain', '../../../en-us/guide/contain/'),
            item('Analyze again', '../analyze/'),
          ],
          { open: true },
        ),
        item('Learn', 'https://learn.microsoft.com/defender/'),
        item('Only English', '../../../en-us/guide/only-english/'),
      ],
      breadcrumbs: [
        // A group without a page of its own links its first page.
        { title: 'Respond', href: '../analyze/' },
        { title: 'Analyze', href: '../analyze/' },
      ],
      previous: { title: 'Analyze', href: '../analyze/' },
      next: { title: 'Contain', href: '../../../en-us/guide/contain/' },
    })
  })

  it("should link entries for articles missing in the locale to the default locale's page", function () {
    const nav = pageNav(tocOf('da-dk'), 'index.md', 'da-dk', site)
    expect(nav.items.map((view) => [view.title, view.href])).toEqual([
      ['Home', './'],
      ['Respond', undefined],
      ['Learn', 'https://learn.microsoft.com/defender/'],
      ['Only English', '../en-us/guide/only-english/'],
    ])
    expect(nav.items[1]!.children.map((view) => view.href)).toEqual(['./guide/analyze/', '../en-us/guide/contain/', './guide/analyze/'])
  })

  it("should link entries for articles missing in the locale to the locale's own fallback page when those are built", function () {
    const nav = pageNav(tocOf('da-dk'), 'index.md', 'da-dk', siteIndexOf({ articles, fallback: 'page' }))
    expect(nav.items.map((view) => [view.title, view.href])).toEqual([
      ['Home', './'],
      ['Respond', undefined],
      ['Learn', 'https://learn.microsoft.com/defender/'],
      ['Only English', './guide/only-english/'],
    ])
    expect(nav.items[1]!.children.map((view) => view.href)).toEqual(['./guide/analyze/', './guide/contain/', './guide/analyze/'])
  })

  it('should mark only the first entry of a page listed twice as current', function () {
    const nav = pageNav(tocOf('en-us'), 'guide/analyze.md', 'en-us', site)
    const respond = nav.items[1]!
    expect(respond.children.map((view) => [view.title, view.current, view.open])).toEqual([
      ['Analyze', true, true],
      ['Contain', false, false],
      ['Analyze again', false, false],
    ])
    expect(nav.breadcrumbs).toEqual([{ title: 'Respond', href: './' }])
    expect([nav.previous, nav.next]).toEqual([
      { title: 'Home', href: '../../' },
      { title: 'Triage', href: '../triage/' },
    ])
  })

  it('should skip a repeated entry in previous/next', function () {
    const nav = pageNav(tocOf('en-us'), 'guide/contain.md', 'en-us', site)
    expect([nav.previous, nav.next]).toEqual([
      { title: 'Triage', href: '../triage/' },
      { title: 'Only English', href: '../only-english/' },
    ])
  })

  it('should have no previous on the first page and no next on the last', function () {
    expect(pageNav(tocOf('en-us'), 'index.md', 'en-us', site)).toMatchObject({ previous: undefined, next: { title: 'Analyze', href: './guide/analyze/' } })
    expect(pageNav(tocOf('en-us'), 'guide/only-english.md', 'en-us', site)).toMatchObject({
      previous: { title: 'Contain', href: '../contain/' },
      next: undefined,
    })
  })

  it('should show a page the TOC does not list with nothing current, no breadcrumbs and no previous/next', function () {
    expect(pageNav(tocOf('en-us'), 'guide/unlisted.md', 'en-us', site)).toEqual({
      items: [
        item('Home', '../../'),
        item('Respond', undefined, [
          item('Analyze', '../analyze/', [item('Triage', '../triage/')]),
          item('Contain', '../contain/'),
          item('Analyze again', '../analyze/'),
        ]),
        item('Learn', 'https://learn.microsoft.com/defender/'),
        item('Only English', '../only-english/'),
      ],
      breadcrumbs: [],
      previous: undefined,
      next: undefined,
    })
  })

  it('should include every branch of a small TOC, closed unless on the trail', function () {
    const nav = pageNav(tocOf('en-us'), 'index.md', 'en-us', site)
    expect(nav.items[1]).toEqual(
      item('Respond', undefined, [
        item('Analyze', './guide/analyze/', [item('Triage', './guide/triage/')]),
        item('Contain', './guide/contain/'),
        item('Analyze again', './guide/analyze/'),
      ]),
    )
  })

  describe('a TOC of more than 300 entries', function () {
    const section = (name: string, expanded = false): NavNode => ({
      title: name,
      relPath: undefined,
      url: undefined,
      expanded,
      children: Array.from({ length: 100 }, (_, index) => ({
        title: `${name} ${index}`,
        relPath: `${name}/page-${index}.md`,
        url: undefined,
        expanded: false,
        children: [],
      })),
    })
    const nodes = [section('alpha'), section('beta'), section('gamma', true)]
    const big: Toc = { dir: '', locale: 'en-us', nodes, order: nodes.flatMap((node) => node.children.map((child) => child.relPath!)) }
    const bigSite = siteIndexOf({ articles: { 'en-us': big.order } })

    it('should only expand the trail of the page and entries marked `expanded`', function () {
      const nav = pageNav(big, 'beta/page-7.md', 'en-us', bigSite)
      expect(nav.items.map((view) => [view.title, view.open, view.hasChildren, view.children.length])).toEqual([
        ['alpha', false, true, 0],
        ['beta', true, true, 100],
        ['gamma', true, true, 100],
      ])
      expect(nav.items[1]!.children[7]).toEqual(item('beta 7', './', [], { current: true }))
      expect([nav.previous, nav.next]).toEqual([
        { title: 'beta 6', href: '../page-6/' },
        { title: 'beta 8', href: '../page-8/' },
      ])
    })

    it('should link previous/next across sections', function () {
      const nav = pageNav(big, 'beta/page-0.md', 'en-us', bigSite)
      expect([nav.previous, nav.next]).toEqual([
        { title: 'alpha 99', href: '../../alpha/page-99/' },
        { title: 'beta 1', href: '../page-1/' },
      ])
    })
  })
})
