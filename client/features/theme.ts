/**
 * The theme chooser: auto (the system's prefers-color-scheme), light or dark.
 * The choice is remembered in localStorage (`tolk.theme`) and applied as
 * `data-theme` on <html>, which theme.css reads. A stored choice is applied
 * again by the inline script in <head> (theme-init.hbs) before the first
 * paint; this module shows the chooser (it is `hidden` in the HTML, since it
 * needs script) and keeps it in step with the stored choice.
 *
 * DOM access goes through ../dom.ts (DOM clobbering).
 */
import { listen, queryAll, root } from '../dom.ts'

type Theme = 'auto' | 'light' | 'dark'

const storageKey = 'tolk.theme'

export function setup(): void {
  const choosers = queryAll<HTMLLabelElement>('.theme-toggle')
  const selects = choosers.flatMap((chooser) => [...chooser.querySelectorAll<HTMLSelectElement>('select[data-theme-choice]')])
  const show = (theme: Theme): void => {
    for (const select of selects) select.value = theme
  }
  apply(stored())
  show(stored())
  for (const select of selects) {
    select.addEventListener('change', function () {
      const theme = asTheme(select.value)
      store(theme)
      apply(theme)
      show(theme)
    })
  }
  // Another tab changed the choice: follow it.
  listen(window, 'storage', function (event) {
    if ((event as StorageEvent).key !== storageKey) return
    apply(stored())
    show(stored())
  })
  for (const chooser of choosers) chooser.hidden = false
}

function apply(theme: Theme): void {
  if (theme === 'auto') root().removeAttribute('data-theme')
  else root().setAttribute('data-theme', theme)
}

function asTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' ? value : 'auto'
}

function stored(): Theme {
  try {
    return asTheme(localStorage.getItem(storageKey))
  } catch {
    // Storage refused (private mode, a sandboxed frame): the system decides.
    return 'auto'
  }
}

function store(theme: Theme): void {
  try {
    if (theme === 'auto') localStorage.removeItem(storageKey)
    else localStorage.setItem(storageKey, theme)
  } catch {
    // Not remembered; the page still follows the choice until it is left.
  }
}
