/**
 * The sidebar drawer and "In this article" are `<details>` that CSS shows
 * open on wide screens (`::details-content`) and that work as disclosures
 * on phones without script. For browsers without `::details-content`, this
 * opens them on wide screens and closes them again on narrow ones, as the
 * width crosses the breakpoints of layout.css.
 */
import { queryAll } from '../dom.ts'

// Taken from the prototype: an element with id="matchMedia" would shadow window.matchMedia (client/dom.ts).
const matchMediaMethod = Window.prototype.matchMedia

const drawers: Array<{ selector: string; query: string }> = [
  { selector: 'details.nav-drawer', query: '(min-width: 60rem)' },
  { selector: 'details.outline-drawer', query: '(min-width: 75rem)' },
]

export function setup(): void {
  for (const { selector, query } of drawers) {
    const elements = queryAll<HTMLDetailsElement>(selector)
    if (elements.length === 0) continue
    const media = matchMediaMethod.call(window, query)
    const apply = (): void => {
      for (const details of elements) details.open = media.matches
    }
    apply()
    media.addEventListener('change', apply)
  }
}
