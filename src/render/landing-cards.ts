/**
 * The markup of a Landing page's cards (DocFX `YamlMime:Landing`), shared by
 * the YAML page's Markdown (src/content/yaml-page.ts writes it as raw HTML
 * around the Markdown of each card) and by any generated page that wants the
 * same cards (`landingCardsHast`, e.g. a generated home): a hero with the
 * title and summary, then a grid of cards, each a title and its link lists
 * grouped by `linkListType` under a label in the page's language.
 */
import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'

/** DocFX's `linkListType` values (Learn's landing schema), each with a `landing.<type>` UI string. */
export const linkListTypes = [
  'architecture',
  'concept',
  'deploy',
  'download',
  'get-started',
  'how-to-guide',
  'learn',
  'overview',
  'quickstart',
  'reference',
  'sample',
  'tutorial',
  'video',
  'whats-new',
] as const
export type LinkListType = (typeof linkListTypes)[number]

export function isLinkListType(type: string): type is LinkListType {
  return (linkListTypes as readonly string[]).includes(type)
}

/** Class names, also the sanitizer's allowlist for them (the cards' raw HTML goes through it). */
export const landingClassNames = {
  div: ['landing-hero', 'landing-cards'],
  section: ['landing-card'],
  p: ['landing-list-type', ...linkListTypes.map((type) => `landing-list-${type}`)],
}

/** A link list's label: its type's UI string, or the type as written when tolk has no string for it (kept visible). */
export function linkListLabel(type: string, t: (key: string) => string): string {
  return isLinkListType(type) ? t(`landing.${type}`) : type
}

/** Classes of a link list's label: the type's own class only for a known type (it picks the icon). */
export function linkListLabelClasses(type: string): string[] {
  return isLinkListType(type) ? ['landing-list-type', `landing-list-${type}`] : ['landing-list-type']
}

export interface LandingCardView {
  title: string
  lists: Array<{ type: string; links: Array<{ text: string; href: string }> }>
}

/** The card grid as hast, for pages tolk generates (links already final URLs through the URL policy). */
export function landingCardsHast(cards: LandingCardView[], t: (key: string) => string): Element {
  return h(
    'div',
    { className: ['landing-cards'] },
    cards.map((card) =>
      h('section', { className: ['landing-card'] }, [
        h('h2', card.title),
        ...card.lists.flatMap((list): ElementContent[] => [
          ...(list.type ? [h('p', { className: linkListLabelClasses(list.type) }, linkListLabel(list.type, t))] : []),
          h('ul', list.links.map((link) => h('li', [h('a', { href: link.href }, link.text)]))),
        ]),
      ]),
    ),
  )
}
