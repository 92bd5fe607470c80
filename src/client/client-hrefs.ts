/**
 * Where a page finds tolk's stylesheet and scripts, from its own `_tolk/`
 * link (relative for pages, base-absolute for 404 pages).
 */
import { computedUrl } from '../links/url-policy.ts'
import { clientBundle } from './client-bundle.ts'

export interface ClientHrefs {
  styleHref: string
  /** The page module: one `<script type="module">`, which loads each feature the page uses. */
  scriptHref: string
  /** The root page's language chooser. */
  rootScriptHref: string
  /** The favicon, linked by every page kind. */
  iconHref: string
}

export function clientHrefs(assetsHref: string): ClientHrefs {
  const bundle = clientBundle()
  return {
    styleHref: computedUrl(`${assetsHref}${bundle.style}`),
    scriptHref: computedUrl(`${assetsHref}${bundle.page}`),
    rootScriptHref: computedUrl(`${assetsHref}${bundle.root}`),
    iconHref: computedUrl(`${assetsHref}${bundle.icon}`),
  }
}
