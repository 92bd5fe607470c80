/**
 * What the dev server adds to a page: an error banner listing the page's
 * diagnostics as `file:line:col`, message and rule id (rendered on the
 * server, so it shows even when scripts fail), and the live-update client.
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { VFileMessage } from 'vfile-message'
import { displayPath, severityOf } from '../diagnostics/format.ts'

export const clientPath = '__tolk/client.js'
export const eventsPath = '__tolk/events'

export function devOverlay(messages: readonly VFileMessage[], cwd: string): string {
  if (messages.length === 0) return ''
  const errors = messages.filter((message) => severityOf(message) === 'error').length
  return toHtml(
    h('div', { id: 'tolk-dev-overlay', role: 'alert', dataErrors: `${errors}` }, [
      h('p', { className: ['tolk-dev-overlay-title'] }, `tolk: ${errors} error(s), ${messages.length - errors} warning(s)`),
      h(
        'ul',
        messages.map((message) =>
          h('li', { className: [`tolk-dev-${severityOf(message)}`] }, [
            h('code', `${displayPath(message.file ?? '', cwd)}:${message.line ?? 1}:${message.column ?? 1}`),
            ` ${severityOf(message)}: ${message.reason} `,
            h('code', `[${message.ruleId ?? 'tolk'}]`),
          ]),
        ),
      ),
    ]),
  )
}

const overlayStyle =
  '<style>#tolk-dev-overlay{position:sticky;inset-block-start:0;z-index:1000;background:#fff1f0;color:#5c0011;border-block-end:3px solid #cf1322;padding:.75rem 1rem;font:14px/1.5 system-ui,sans-serif;max-block-size:45vh;overflow:auto}#tolk-dev-overlay ul{margin:0;padding-inline-start:1.25rem}#tolk-dev-overlay code{direction:ltr;unicode-bidi:isolate}.tolk-dev-overlay-title{font-weight:600;margin:0 0 .25rem}.tolk-dev-warning{color:#613400}</style>'

/** Put the overlay at the top of `<body>` and the client before `</body>`. */
export function injectDevUi(html: string, messages: readonly VFileMessage[], base: string, cwd: string, version = 0): string {
  const overlay = devOverlay(messages, cwd)
  // The version lets a client that reconnects after a reload catch changes it missed.
  const client = `<meta name="tolk-dev-version" content="${version}">\n<script type="module" src="${base}${clientPath}"></script>`
  const withOverlay = overlay ? html.replace(/<body([^>]*)>/, (match) => `${match}\n${overlayStyle}${overlay}`) : html
  return withOverlay.includes('</body>') ? withOverlay.replace('</body>', `${client}\n</body>`) : `${withOverlay}${client}`
}

/** A page for when the page itself could not be made (a template error): the overlay alone. */
export function errorPage(messages: readonly VFileMessage[], base: string, cwd: string, version = 0): string {
  return injectDevUi('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tolk: error</title></head><body>\n</body></html>', messages, base, cwd, version)
}
