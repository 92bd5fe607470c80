/**
 * Reader features and the elements that call for them. page.ts loads a
 * feature's module (its own hashed chunk) only on a page that has one of its
 * elements, so a page without tabs never downloads the tabs code.
 */
export interface Feature {
  /** A CSS selector: the feature loads when the page has a match. */
  selector: string
  load: () => Promise<{ setup: () => void }>
}

export const features: Feature[] = [
  { selector: '.tabs', load: () => import('./features/tabs.ts') },
  { selector: 'details.nav-drawer, details.outline-drawer', load: () => import('./features/drawers.ts') },
  { selector: '.theme-toggle', load: () => import('./features/theme.ts') },
  { selector: '.in-this-article', load: () => import('./features/outline.ts') },
  { selector: '.code-block', load: () => import('./features/copy-code.ts') },
  { selector: 'search.site-search', load: () => import('./features/search.ts') },
]
