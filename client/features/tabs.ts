/**
 * Progressive enhancement for the tab groups remark-docfx-tabs writes. Without
 * script every panel shows under its own title; with it each `.tabs` group
 * becomes a WAI-ARIA tablist (arrow keys, Home, End). A choice is shared by
 * every group offering the same tab and remembered in localStorage; `?tabs=a,b`
 * and a `#hash` pointing into a panel choose tabs too. A dependent tab
 * (`data-condition`) is offered only while its condition is chosen in an
 * earlier group, as in DocFX.
 *
 * DOM access goes through ../dom.ts (DOM clobbering).
 */
import { byId, create, listen, queryAll } from '../dom.ts'

interface Tab {
  button: HTMLButtonElement
  panel: HTMLElement
  ids: string[]
  condition: string | undefined
}

interface Group {
  list: HTMLElement
  tabs: Tab[]
}

const storageKey = 'tolk.tabs'

/** Tab ids, most recently chosen first; each group shows the first it offers. */
let preferred: string[] = []
const groups: Group[] = []

export function setup(): void {
  for (const root of queryAll('.tabs')) {
    const panels = [...root.children].filter((child): child is HTMLElement => child.classList.contains('tab-panel'))
    if (panels.length > 0) groups.push(enhance(root, panels))
  }
  if (groups.length === 0) return
  const fromQuery = new URLSearchParams(location.search).get('tabs')?.split(',') ?? []
  preferred = unique([...fromQuery, ...load()])
  followHash()
  listen(window, 'hashchange', followHash)
}

/** Build the tablist for one group and return its tabs. */
function enhance(root: HTMLElement, panels: HTMLElement[]): Group {
  const list = create('div')
  list.className = 'tab-list'
  list.setAttribute('role', 'tablist')
  const tabs = panels.map(function (panel) {
    const button = create('button')
    button.type = 'button'
    button.setAttribute('role', 'tab')
    button.setAttribute('aria-controls', panel.id)
    button.textContent = panel.querySelector(':scope > .tab-title')?.textContent?.trim() ?? panel.dataset.tab ?? ''
    panel.setAttribute('role', 'tabpanel')
    panel.tabIndex = 0
    const tab: Tab = { button, panel, ids: idsOf(panel), condition: panel.dataset.condition?.toLowerCase() }
    button.addEventListener('click', () => choose(tab))
    list.append(button)
    return tab
  })
  const group: Group = { list, tabs }
  list.addEventListener('keydown', (event) => move(group, event))
  root.prepend(list)
  root.classList.add('is-enhanced')
  return group
}

/** Show, in every group, the first preferred tab it offers (else its first). */
function render(): void {
  const chosen = new Set<string>()
  for (const { tabs } of groups) {
    const offered = tabs.filter((tab) => !tab.condition || chosen.has(tab.condition))
    const options = offered.length > 0 ? offered : tabs
    const current = preferred.map((id) => options.find((tab) => tab.ids.includes(id))).find(Boolean) ?? options[0]!
    for (const tab of tabs) {
      const selected = tab === current
      tab.button.hidden = !options.includes(tab)
      tab.button.setAttribute('aria-selected', String(selected))
      tab.button.tabIndex = selected ? 0 : -1
      tab.panel.hidden = !selected
    }
    for (const id of current.ids) chosen.add(id)
  }
}

/** Select `tab` everywhere and remember it, keeping its button where the reader sees it. */
function choose(tab: Tab): void {
  const before = tab.button.getBoundingClientRect().top
  preferred = unique([...tab.ids, ...preferred])
  save()
  render()
  // Groups above may have changed height; scroll so the page does not jump.
  window.scrollBy(0, tab.button.getBoundingClientRect().top - before)
}

/** Arrow keys (mirrored right to left), Home and End move and select. */
function move(group: Group, event: KeyboardEvent): void {
  const tabs = group.tabs.filter((tab) => !tab.button.hidden)
  const index = tabs.findIndex((tab) => tab.button === event.target)
  if (index === -1) return
  const forward = getComputedStyle(group.list).direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight'
  const backward = forward === 'ArrowRight' ? 'ArrowLeft' : 'ArrowRight'
  const next = ({
    [forward]: (index + 1) % tabs.length,
    [backward]: (index - 1 + tabs.length) % tabs.length,
    Home: 0,
    End: tabs.length - 1,
  } as Record<string, number>)[event.key]
  if (next === undefined) return
  event.preventDefault()
  const tab = tabs[next]!
  choose(tab)
  tab.button.focus()
}

/** Open the panels around the element the URL's hash points at, then show it. */
function followHash(): void {
  const target = hashTarget()
  const ids: string[] = []
  for (let panel = target?.closest<HTMLElement>('.tab-panel'); panel; panel = panel.parentElement?.closest<HTMLElement>('.tab-panel')) {
    ids.push(...idsOf(panel), panel.dataset.condition ?? '')
  }
  // Not saved: following a link is not the reader's own choice.
  preferred = unique([...ids, ...preferred])
  render()
  target?.scrollIntoView()
}

function hashTarget(): HTMLElement | null {
  try {
    return location.hash ? byId(decodeURIComponent(location.hash.slice(1))) : null
  } catch {
    return null
  }
}

/** A panel's tab ids: DocFX joins the ids of a tab shared by several choices with `+`. */
function idsOf(panel: HTMLElement): string[] {
  return unique((panel.dataset.tab ?? '').split('+'))
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.map((id) => id.trim().toLowerCase()).filter(Boolean))]
}

function load(): string[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

function save(): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(preferred.slice(0, 20)))
  } catch {
    // Storage can be full or disabled; the choice then lasts for this page only.
  }
}
