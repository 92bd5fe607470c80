import { selectAll } from 'hast-util-select'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { landingCardsHast } from '../../../src/render/landing-cards.ts'

describe('landingCardsHast', function () {
  it('should write the card grid a Landing page has: a card per entry, labelled link lists', function () {
    const t = (key: string) => ({ 'landing.overview': 'Oversigt' })[key] ?? key
    const grid = landingCardsHast(
      [
        { title: 'Triage', lists: [{ type: 'overview', links: [{ text: 'Start', href: './start/' }] }, { type: 'field-notes', links: [{ text: 'Notes', href: './notes/' }] }] },
        { title: 'Respond', lists: [{ type: '', links: [{ text: 'Contain', href: './contain/' }] }] },
      ],
      t,
    )
    expect(selectAll('div.landing-cards > section.landing-card > h2', grid).map((node) => toString(node))).toEqual(['Triage', 'Respond'])
    expect(selectAll('p.landing-list-type', grid).map((node) => [toString(node), node.properties.className])).toEqual([
      ['Oversigt', ['landing-list-type', 'landing-list-overview']],
      ['field-notes', ['landing-list-type']],
    ])
    expect(toHtml(selectAll('section', grid)[1]!)).toBe('<section class="landing-card"><h2>Respond</h2><ul><li><a href="./contain/">Contain</a></li></ul></section>')
  })
})
