// tolk dev: reload this page when the server says a file it was made from
// changed. Served by the dev server only; never part of a build.
const base = new URL(import.meta.url).pathname.replace(/__tolk\/client\.js$/, '')
const here = decodeURIComponent(location.pathname).slice(base.length)
const events = new EventSource(`${base}__tolk/events`)
events.addEventListener('message', (event) => {
  const change = JSON.parse(event.data)
  if (change.pages === 'all' || change.pages.includes(here)) location.reload()
})
