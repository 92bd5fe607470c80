/**
 * The header's search box (templates/partials/search.hbs), over the locale's
 * Pagefind index that the build writes to `_tolk/search/<locale>/`
 * (src/search/search-index.ts).
 *
 * Search adds nothing to a page's weight until the reader wants it: this
 * module only shows the box; Pagefind's script, its stemmer and the index
 * chunks are fetched when the box gets focus (or input). Every URL is
 * computed from this module's own URL in `_tolk/`, so the site works under
 * any base and from any static server.
 *
 * Keyboard: type to search; ArrowDown moves into the results, ArrowUp/Down
 * between them; Enter opens the focused result (in the box: the first);
 * Escape closes the results and returns to the box. The result count is
 * announced through a status region.
 *
 * DOM access goes through ../dom.ts (DOM clobbering).
 */
import { create, listen, query } from '../dom.ts'

/** The part of Pagefind's browser API used here (pagefind.js, its own build). */
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>
  init(): Promise<void>
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>
  debouncedSearch(term: string, options?: Record<string, unknown>, wait?: number): Promise<{ results: PagefindResult[] } | null>
}

interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: Record<string, string | undefined> }>
}

/** Results listed at once; the count announced is the total. */
const shown = 10

/** This module's folder (`_tolk/`) and the site's root folder above it. */
const here = import.meta.url
const siteRoot = new URL('../', here)

let pagefind: Promise<Pagefind | undefined> | undefined

export function setup(): void {
  const box = query<HTMLElement>('search.site-search')
  const input = box?.querySelector<HTMLInputElement>('.site-search-input')
  const status = box?.querySelector<HTMLElement>('.site-search-status')
  const panel = box?.querySelector<HTMLElement>('.site-search-panel')
  const message = box?.querySelector<HTMLElement>('.site-search-message')
  const list = box?.querySelector<HTMLOListElement>('.site-search-results')
  const locale = box?.dataset['searchLocale'] ?? ''
  if (!box || !input || !status || !panel || !message || !list || !/^[a-z0-9-]+$/i.test(locale)) return
  const strings = {
    count: box.dataset['searchCount'] ?? '{count}',
    none: box.dataset['searchNone'] ?? '',
    marker: box.dataset['searchMarker'] ?? '',
    unavailable: box.dataset['searchUnavailable'] ?? '',
  }
  box.hidden = false

  let searched = ''

  function close(): void {
    panel!.hidden = true
  }

  async function run(): Promise<void> {
    const term = input!.value.trim()
    if (term === searched) return
    searched = term
    if (term === '') {
      list!.replaceChildren()
      status!.textContent = ''
      close()
      return
    }
    const api = await load(locale)
    if (!api) return show([], strings.unavailable)
    const found = await api.debouncedSearch(term, {}, 200)
    // `null`: a later keystroke replaced this search.
    if (!found || input!.value.trim() !== term) return
    const data = await Promise.all(found.results.slice(0, shown).map((result) => result.data()))
    if (input!.value.trim() !== term) return
    show(
      data.map((item) => resultItem(item, strings.marker)).filter((item): item is HTMLLIElement => item !== undefined),
      found.results.length === 0 ? strings.none : '',
      strings.count.replace('{count}', String(found.results.length)),
    )
  }

  function show(items: HTMLLIElement[], text: string, announce = text): void {
    list!.replaceChildren(...items)
    message!.textContent = text
    message!.hidden = text === ''
    status!.textContent = announce
    panel!.hidden = false
  }

  const start = () => void load(locale)
  input.addEventListener('focus', start)
  input.addEventListener('input', () => void run())
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      // Also reopens results closed with Escape.
      const first = list.querySelector<HTMLAnchorElement>('a')
      if (first) {
        event.preventDefault()
        panel.hidden = false
        first.focus()
      }
    } else if (event.key === 'Enter') {
      const first = list.querySelector<HTMLAnchorElement>('a')
      if (first && !panel.hidden) first.click()
    } else if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault()
      close()
    }
  })
  list.addEventListener('keydown', (event) => {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a')]
    const index = links.indexOf(event.target as HTMLAnchorElement)
    if (index === -1) return
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      const next = index + (event.key === 'ArrowDown' ? 1 : -1)
      if (next < 0) input.focus()
      else links[Math.min(next, links.length - 1)]!.focus()
    } else if (event.key === 'Escape') {
      event.preventDefault()
      close()
      input.focus()
    }
  })
  // The results close when focus or a click leaves the search box; a click in the box or ArrowDown reopens them.
  box.addEventListener('focusout', (event) => {
    if (!box.contains(event.relatedTarget as Node | null)) close()
  })
  input.addEventListener('click', () => {
    if (input.value.trim() !== '' && searched === input.value.trim()) panel.hidden = false
  })
  listen(document, 'click', (event) => {
    if (!box.contains(event.target as Node | null)) close()
  })
}

/** Pagefind for `locale`, loaded once; `undefined` when this site has no index (a build without search, the dev server). */
function load(locale: string): Promise<Pagefind | undefined> {
  pagefind ??= (async () => {
    try {
      const url = new URL(`search/${locale}/pagefind.js`, here).href
      const api = (await import(/* @vite-ignore */ url)) as Pagefind
      // Result URLs are site-relative (`/da-dk/guide/`); they are resolved against the site root below.
      await api.options({ baseUrl: '/', excerptLength: 24 })
      // A large locale's index comes in parts (src/search/search-index.ts): one search over all of them.
      const parts = await partCount(locale)
      for (let part = 2; part <= parts; part++) await api.mergeIndex(new URL(`search/${locale}/part-${part}/`, here).href, { baseUrl: '/' })
      await api.init()
      return api
    } catch {
      return undefined
    }
  })()
  return pagefind
}

/** How many parts `locale`'s index has (its `tolk-parts.json`); 1 when that cannot be read. */
async function partCount(locale: string): Promise<number> {
  try {
    const response = await fetch(new URL(`search/${locale}/tolk-parts.json`, here).href)
    const parts = response.ok ? ((await response.json()) as { parts?: unknown }).parts : undefined
    return typeof parts === 'number' && Number.isInteger(parts) && parts >= 1 && parts <= 1000 ? parts : 1
  } catch {
    return 1
  }
}

/** One result: its title as the link, the fallback marker, the breadcrumb and the excerpt. */
function resultItem(data: { url: string; excerpt: string; meta: Record<string, string | undefined> }, marker: string): HTMLLIElement | undefined {
  const href = resultHref(data.url)
  if (!href) return undefined
  const item = create('li')
  item.className = 'site-search-result'
  const link = create('a')
  link.href = href
  link.className = 'site-search-result-title'
  link.textContent = data.meta['title'] || data.url
  const fallback = data.meta['fallback']
  // A fallback page's text (and title) is in the default locale's language.
  if (fallback && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(fallback)) link.lang = fallback
  const heading = create('p')
  heading.className = 'site-search-result-heading'
  heading.append(link)
  if (fallback) {
    const badge = create('span')
    badge.className = 'site-search-marker'
    badge.textContent = marker
    heading.append(' ', badge)
  }
  item.append(heading)
  const breadcrumb = data.meta['breadcrumb']
  if (breadcrumb) {
    const crumbs = create('p')
    crumbs.className = 'site-search-result-breadcrumb'
    crumbs.textContent = breadcrumb
    item.append(crumbs)
  }
  const excerpt = create('p')
  excerpt.className = 'site-search-result-excerpt'
  if (fallback) excerpt.lang = link.lang
  excerpt.append(...excerptNodes(data.excerpt))
  item.append(excerpt)
  return item
}

/**
 * A result's URL (`/da-dk/guide/`, from our own index) below the site root,
 * or `undefined` for anything that would leave it.
 */
function resultHref(url: string): string | undefined {
  try {
    const resolved = new URL(url.replace(/^\/+/, ''), siteRoot)
    return resolved.origin === siteRoot.origin && resolved.pathname.startsWith(siteRoot.pathname) ? resolved.href : undefined
  } catch {
    return undefined
  }
}

/**
 * Pagefind's excerpt is HTML (escaped text with `<mark>` around the matched
 * words). It is parsed in an inert document and rebuilt from its text and
 * its marks only: nothing else of it reaches the page.
 */
function excerptNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${html}`, 'text/html')
  // Read through the prototype: a parsed `<img name="body">` must not shadow anything.
  const nodes: Node[] = []
  const walk = (parent: Node, marked: boolean): void => {
    for (const child of parent.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const text = child.textContent ?? ''
        if (marked) {
          const mark = create('mark')
          mark.textContent = text
          nodes.push(mark)
        } else {
          nodes.push(new Text(text))
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, marked || child.nodeName === 'MARK')
      }
    }
  }
  const body = Document.prototype.querySelector.call(parsed, 'body')
  if (body) walk(body, false)
  return nodes
}
