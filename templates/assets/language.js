// Root page: send the reader to the first of their browser languages the site
// has (exact tag, then the language alone); without JavaScript they pick from
// the list. A choice made on the page is remembered.
;(function () {
  // Called from Document.prototype, never as `document.querySelectorAll`: a
  // named element could shadow that (DOM clobbering; see tabs.js).
  var links = Array.prototype.slice.call(Document.prototype.querySelectorAll.call(document, '#languages a[data-lang]'))
  var stored = null
  try { stored = localStorage.getItem('tolk.language') } catch (error) {}
  links.forEach(function (link) {
    link.addEventListener('click', function () {
      try { localStorage.setItem('tolk.language', link.getAttribute('data-lang')) } catch (error) {}
    })
  })
  var wanted = (stored ? [stored] : []).concat(navigator.languages || [navigator.language || ''])
  function find(test) {
    for (var i = 0; i < wanted.length; i++) {
      for (var j = 0; j < links.length; j++) if (test(wanted[i].toLowerCase(), links[j].getAttribute('data-lang').toLowerCase())) return links[j]
    }
    return null
  }
  var match = find(function (want, have) { return want === have }) || find(function (want, have) { return want.split('-')[0] === have.split('-')[0] })
  if (match) location.replace(match.href)
})()
