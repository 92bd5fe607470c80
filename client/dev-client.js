// tolk dev: reload this page when the server says a file it was made from
// changed. Served by the dev server only; never part of a build.
const base = new URL(import.meta.url).pathname.replace(/__tolk\/client\.js$/, '')
const here = decodeURIComponent(location.pathname).slice(base.length)
// From Document.prototype: content could shadow `document.querySelector` (DOM clobbering).
const version = Document.prototype.querySelector.call(document, 'meta[name="tolk-dev-version"]')?.getAttribute('content') ?? '0'
// The page and version let the server tell a late (re)connection what it missed.
const events = new EventSource(`${base}__tolk/events?page=${encodeURIComponent(here)}&version=${version}`)
events.addEventListener('message', (event) => {
  const change = JSON.parse(event.data)
  if (change.pages === 'all' || change.pages.includes(here)) location.reload()
})
