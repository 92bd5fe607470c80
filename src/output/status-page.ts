/**
 * The translation-status page for translators (`translation-status/` in the
 * output): per locale, what needs work, each article linked to its source
 * and its translation. Written in the default locale's language (its UI strings).
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { Element } from 'hast'
import type { ResolvedConfig } from '../config/schema.ts'
import type { LocaleStatus } from '../i18n/collect-status.ts'
import { formatString } from '../i18n/format-string.ts'
import { clientHrefs } from '../client/client-hrefs.ts'
import { computedUrl } from '../links/url-policy.ts'
import { articlePath, relativeUrl } from '../links/urls.ts'

export const statusPageFile = 'translation-status/index.html'
const here = 'translation-status/'

export function statusPageHtml(config: ResolvedConfig, statuses: LocaleStatus[], t: (key: string) => string): string {
  const title = t('status.title')
  const lang = config.locales.find((locale) => locale.code === config.defaultLocale)!.lang
  const link = (locale: string, relPath: string) => computedUrl(relativeUrl(here, articlePath(locale, relPath)))
  // A wide table scrolls inside its own box (focusable, so keyboard readers can scroll it), never the page.
  const summaryTable = h('table', [
    h('thead', h('tr', ['status.locale', 'status.upToDate', 'status.outdated', 'status.newer', 'status.unknown', 'status.missing', 'status.machine'].map((key) => h('th', { scope: 'col' }, t(key))))),
    h(
      'tbody',
      statuses.map((status) =>
        h('tr', [
          h('th', { scope: 'row' }, status.locale),
          ...[status.upToDate, status.outdated, status.newer, status.unknown, status.missing, status.machine].map((list) => h('td', `${list.length}`)),
        ]),
      ),
    ),
  ])
  const summary = h('div', { className: ['table-scroll'], role: 'region', tabIndex: 0, ariaLabel: title }, summaryTable)
  const sections = statuses.map((status) =>
    h('section', { ariaLabelledBy: `status-${status.locale}` }, [
      h('h2', { id: `status-${status.locale}` }, formatString(t('status.heading'), { locale: status.locale, done: `${status.upToDate.length}`, total: `${status.total}` })),
      ...listSection(t('status.outdated.list'), status.outdated, (relPath) => [
        h('a', { href: link(status.locale, relPath) }, relPath),
        ' (',
        h('a', { href: link(config.defaultLocale, relPath) }, t('status.source')),
        ')',
      ]),
      ...listSection(t('status.newer.list'), status.newer, (relPath) => [
        h('a', { href: link(status.locale, relPath) }, relPath),
        ' (',
        h('a', { href: link(config.defaultLocale, relPath) }, t('status.source')),
        ')',
      ]),
      ...listSection(t('status.missing.list'), status.missing, (relPath) => [h('a', { href: link(config.defaultLocale, relPath) }, relPath)]),
      ...listSection(t('status.machine.list'), status.machine, (relPath) => [
        h('a', { href: link(status.locale, relPath) }, relPath),
      ]),
      ...listSection(t('status.unknown.list'), status.unknown, (relPath) => [h('a', { href: link(status.locale, relPath) }, relPath)]),
    ]),
  )
  const hrefs = clientHrefs(computedUrl(relativeUrl(here, '_tolk/')))
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('meta', { name: 'robots', content: 'noindex' }),
        h('title', title),
        h('link', { rel: 'icon', href: hrefs.iconHref, type: 'image/svg+xml' }),
        h('link', { rel: 'stylesheet', href: hrefs.styleHref }),
      ]),
      h('body', h('main', { id: 'main', className: ['status-page'] }, [h('h1', title), summary, ...sections])),
    ]),
  ])
  return `${toHtml(tree)}\n`
}

function listSection(heading: string, items: string[], item: (relPath: string) => Array<Element | string>): Element[] {
  if (items.length === 0) return []
  return [h('h3', heading), h('ul', items.map((relPath) => h('li', item(relPath))))]
}
