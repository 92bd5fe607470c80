/**
 * Root page: send the reader to the first of their browser languages the site
 * has (exact tag, then the language alone); without JavaScript they pick from
 * the list. A choice made on the page is remembered.
 */
import { queryAll } from './dom.ts'

const storageKey = 'tolk.language'
const links = queryAll<HTMLAnchorElement>('#languages a[data-lang]')
let stored: string | null = null
try {
  stored = localStorage.getItem(storageKey)
} catch {
  // Storage disabled: the browser's languages decide.
}
for (const link of links) {
  link.addEventListener('click', () => {
    try {
      localStorage.setItem(storageKey, link.getAttribute('data-lang') ?? '')
    } catch {
      // The choice then lasts for this visit only.
    }
  })
}
const wanted = [...(stored ? [stored] : []), ...(navigator.languages ?? [navigator.language ?? ''])]

function find(test: (want: string, have: string) => boolean): HTMLAnchorElement | undefined {
  for (const want of wanted) {
    const match = links.find((link) => test(want.toLowerCase(), (link.getAttribute('data-lang') ?? '').toLowerCase()))
    if (match) return match
  }
  return undefined
}

const match = find((want, have) => want === have) ?? find((want, have) => want.split('-')[0] === have.split('-')[0])
if (match) location.replace(match.href)
