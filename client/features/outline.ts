/**
 * "In this article" follows the reading position: the link of the section
 * being read carries `aria-current="true"` (announced by screen readers as
 * "current", and styled by section-links.css). The current section is the
 * last one whose heading has passed a line at 30 % of the window height.
 *
 * An IntersectionObserver watches the headings crossing that line, so nothing
 * runs while the reader scrolls within a section. Headings that are not
 * displayed (in a hidden tab panel) are skipped.
 *
 * DOM access goes through ../dom.ts (DOM clobbering).
 */
import { byId, queryAll, root } from '../dom.ts'

/** Where the reading line sits, as a fraction of the window height from the top. */
const readingLine = 0.3

interface Section {
  link: HTMLAnchorElement
  heading: HTMLElement
}

export function setup(): void {
  const sections: Section[] = []
  for (const link of queryAll<HTMLAnchorElement>('.in-this-article a[href^="#"]')) {
    const heading = targetOf(link)
    if (heading) sections.push({ link, heading })
  }
  if (sections.length === 0 || typeof IntersectionObserver !== 'function') return
  let current: Section | undefined
  const update = (): void => {
    const line = root().clientHeight * readingLine
    let next: Section | undefined
    for (const section of sections) {
      if (section.heading.getClientRects().length === 0) continue
      if (section.heading.getBoundingClientRect().top <= line) next = section
    }
    if (next === current) return
    current?.link.removeAttribute('aria-current')
    next?.link.setAttribute('aria-current', 'true')
    current = next
  }
  // The band above the reading line: a heading entering or leaving it has crossed the line (or the top).
  const observer = new IntersectionObserver(update, { rootMargin: `0px 0px -${100 - readingLine * 100}% 0px` })
  for (const { heading } of sections) observer.observe(heading)
  update()
}

function targetOf(link: HTMLAnchorElement): HTMLElement | null {
  try {
    return byId(decodeURIComponent(link.hash.slice(1)))
  } catch {
    return null
  }
}
