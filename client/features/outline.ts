/**
 * "In this article" follows the reading position: the link of the section
 * being read carries `aria-current="true"` (announced by screen readers as
 * "current", and styled by section-links.css). The current section is the
 * last one whose heading has passed the reading line, near the top of the
 * window: low enough for a heading just scrolled past, high enough that a
 * heading a link scrolled to the top is the one marked, not the next one.
 *
 * An IntersectionObserver watches the headings crossing that line, so nothing
 * runs while the reader scrolls within a section; it is made again when the
 * window changes height. Headings that are not displayed (in a hidden tab
 * panel) are skipped.
 *
 * DOM access goes through ../dom.ts (DOM clobbering).
 */
import { byId, listen, queryAll, root } from '../dom.ts'

/** The reading line, in CSS pixels from the top of the window: 7rem, or a quarter of a short window. */
function readingLine(height: number): number {
  return Math.round(Math.min(112, height / 4))
}

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
    const line = readingLine(root().clientHeight)
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
  let observer: IntersectionObserver | undefined
  let observedHeight = 0
  const observe = (): void => {
    const height = root().clientHeight
    if (observer && height === observedHeight) return
    observer?.disconnect()
    observedHeight = height
    // The band above the reading line: a heading entering or leaving it has crossed the line (or the top).
    observer = new IntersectionObserver(update, { rootMargin: `0px 0px ${readingLine(height) - height}px 0px` })
    for (const { heading } of sections) observer.observe(heading)
  }
  observe()
  listen(window, 'resize', observe)
  update()
}

function targetOf(link: HTMLAnchorElement): HTMLElement | null {
  try {
    return byId(decodeURIComponent(link.hash.slice(1)))
  } catch {
    return null
  }
}
