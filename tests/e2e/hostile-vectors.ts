/**
 * The hostile vectors of the canary test (tests/e2e/hostile-canary.test.ts):
 * each is a tiny site (files relative to the site folder) whose payload tries
 * to set `window.__pwned` (or `top.__pwned`) when a reader opens a page or
 * an SVG, or clicks a link or button. Grouped by the route the payload comes
 * in through.
 */

export type Route = 'body' | 'front matter' | 'TOC' | 'redirects' | 'SVG assets' | 'videos' | 'file names' | 'locale strings'

export interface Vector {
  route: Route
  id: string
  /** Site files, relative to the site folder; added to `baseFiles`. */
  files: Record<string, string>
  /** Locales of the site (default: `en-us` only); a second one gives fallback pages, notices and the switcher. */
  locales?: string[]
  /**
   * Error rules the build may refuse this vector with instead of writing the
   * site (a refused site publishes nothing, which is safe); any other error
   * fails the test, so a typo cannot make a vector pass by breaking the build.
   */
  refusedWith?: string[]
}

export interface VectorContext {
  /** `https://127.0.0.1:<port>`: the origin pages are served on. */
  origin: string
  /** URL path the vector's site is served under, like `/body-script/`. */
  base: string
}

/** The statement every payload runs. */
const pwn = 'top.__pwned=1'
const js = `javascript:${pwn}`
/** Rules a build may refuse a hostile URL with (today's, and `unsafe-url` of the URL-policy branch). */
const urlRefusals = ['unsafe-url', 'broken-link', 'toc-broken-link', 'missing-asset', 'invalid-url', 'invalid-redirects', 'broken-redirect']

export const baseFiles: Record<string, string> = {
  'content/en-us/index.md': '---\ntitle: Home\n---\n\n# Home\n\nRead [the page](page.md).\n',
  'content/en-us/page.md': '---\ntitle: Page\n---\n\n# Page\n\nA plain page.\n',
}

/** The vector's own article, `content/en-us/<id>.md`, so that a route's vectors can share one site. */
function page(id: string, body: string, frontMatter = 'title: Page'): Record<string, string> {
  return { [`content/en-us/${id}.md`]: `---\n${frontMatter}\n---\n\n# Page\n\n${body}\n` }
}

const bodyVectors: Array<[string, string]> = [
  ['script', `<script>${pwn}</script>`],
  ['img-onerror', `<img src="x.png" alt="x" onerror="${pwn}">`],
  ['svg-onload', `<svg onload="${pwn}"><circle r="1"/></svg>`],
  ['md-link-javascript', `[click](${js})`],
  ['md-link-javascript-angle', `[click](<${js}>)`],
  ['md-link-javascript-case', `[click](JaVaScRiPt:${pwn})`],
  ['md-reference-javascript', `[click][x]\n\n[x]: ${js}`],
  ['md-autolink-javascript', `<${js}>`],
  ['html-link-javascript', `<a href="${js}">click</a>`],
  ['html-link-entities', `<a href="&#106;&#97;vascript&colon;${pwn}">click</a>`],
  ['html-link-tab-in-scheme', `<a href="java&#x09;script:${pwn}">click</a>`],
  ['html-link-leading-space', `<a href=" \u0001javascript:${pwn}">click</a>`],
  ['html-link-data', `<a href="data:text/html,<script>${pwn}</script>">click</a>`],
  ['html-link-vbscript', `<a href="vbscript:${pwn}">click</a>`],
  ['iframe-srcdoc', `<iframe srcdoc="<script>${pwn}</script>"></iframe>`],
  ['math-xlink', `<math><mtext><a xlink:href="${js}">click</a></mtext></math>`],
  ['meta-refresh', `<meta http-equiv="refresh" content="0;url=${js}">`],
  ['base-href', `<base href="${js}//">\n\n[relative](page.md)`],
  ['form-action', `<form action="${js}"><button formaction="${js}">send</button><input type="submit"></form>`],
  ['object-data', `<object data="data:text/html,<script>${pwn}</script>"></object>`],
  ['embed-src', `<embed src="data:text/html,<script>${pwn}</script>">`],
  ['style-element', `<style>body{background:url("${js}")}</style>`],
  ['details-ontoggle', `<details open ontoggle="${pwn}"><summary>s</summary>x</details>`],
  ['noscript-mxss', `<noscript><p title="</noscript><img src=x onerror=${pwn}>"></noscript>`],
  ['textarea-mxss', `<textarea></textarea><img src=x onerror=${pwn}></textarea>`],
  ['image-directive-javascript', `:::image type="content" source="${js}" alt-text="x":::`],
  ['image-lightbox-javascript', `:::image type="content" source="media/ok.png" alt-text="x" lightbox="${js}":::`],
  ['div-class-handler', `> [!div class="nextstepaction" onclick="${pwn}"]\n> [Next](index.md)`],
  ['no-loc-html', `:::no-loc text="<img src=x onerror=${pwn}>":::`],
  ['code-block', '```html\n<script>top.__pwned=1</script>\n```'],
  ['tab-heading-html', `### [<img src=x onerror=${pwn}>](#tab/a)\n\nA\n\n### [B](#tab/b)\n\nB\n\n---`],
  ['include-with-script', '[!INCLUDE [x](includes/evil.md)]'],
  ['dom-clobbering', `<img alt="" name="querySelectorAll"><a id="location"></a><form name="body"></form>\n\n### [A](#tab/a)\n\nA\n\n### [B](#tab/b)\n\nB\n\n---`],
]

export function vectors(context: VectorContext): Vector[] {
  const list: Vector[] = []
  for (const [id, body] of bodyVectors) {
    const files = page(`body-${id}`, body)
    if (id === 'include-with-script') files['content/en-us/includes/evil.md'] = `<script>${pwn}</script>\n\n[x](${js})\n`
    if (id === 'image-lightbox-javascript') files['content/en-us/media/ok.png'] = 'not really a png'
    list.push({ route: 'body', id: `body-${id}`, files, refusedWith: urlRefusals.concat('docfx-image-invalid') })
  }

  const frontMatter: Array<[string, string]> = [
    ['title-script', `title: "</title><script>${pwn}</script>"`],
    ['title-attribute-breakout', `title: "\\"><img src=x onerror=${pwn}>"`],
    ['description-quotes', `title: Page\ndescription: "\\" onfocus=\\"${pwn}\\" autofocus=\\""`],
    ['keywords-html', `title: Page\nkeywords: ["<script>${pwn}</script>", "\\"><svg onload=${pwn}>"]`],
    ['date-and-lang', `title: Page\nms.date: "</time><script>${pwn}</script>"\nms.locale: "\\"><script>${pwn}</script>"`],
  ]
  for (const [id, fm] of frontMatter) {
    list.push({ route: 'front matter', id: `front-matter-${id}`, files: page(`front-matter-${id}`, 'Text.', fm), refusedWith: ['invalid-front-matter'] })
  }

  const tocs: Array<[string, string]> = [
    ['href-javascript', `- name: Evil\n  href: "${js}"`],
    ['href-javascript-case-space', `- name: Evil\n  href: " JaVaScRiPt:${pwn}"`],
    ['href-javascript-entities', `- name: Evil\n  href: "javascript&colon;${pwn}"`],
    ['href-javascript-tab', `- name: Evil\n  href: "java\\tscript:${pwn}"`],
    ['href-data', `- name: Evil\n  href: "data:text/html,<script>${pwn}</script>"`],
    ['href-vbscript', `- name: Evil\n  href: "vbscript:${pwn}"`],
    ['name-html', `- name: "<img src=x onerror=${pwn}>"\n  href: page.md`],
    ['name-attribute-breakout', `- name: "\\"><script>${pwn}</script>"\n  href: page.md`],
  ]
  for (const [id, entry] of tocs) {
    list.push({
      route: 'TOC',
      id: `toc-${id}`,
      files: { 'content/en-us/TOC.yml': `- name: Home\n  href: index.md\n- name: Page\n  href: page.md\n${entry}\n` },
      refusedWith: urlRefusals.concat('toc-invalid'),
    })
  }

  const redirects: Array<[string, Array<[string, string]>]> = [
    ['url-javascript', [['old.md', js]]],
    ['url-javascript-case', [['old.md', ` JavaScript:${pwn}`]]],
    ['url-data', [['old.md', `data:text/html,<script>${pwn}</script>`]]],
    ['chain-to-javascript', [['old.md', '/en-us/older'], ['older.md', js]]],
    ['url-attribute-breakout', [['old.md', `/en-us/page"><script>${pwn}</script>`]]],
    ['source-with-html', [['old<img src=x onerror=top.__pwned=1>.md', '/en-us/page']]],
  ]
  for (const [id, entries] of redirects) {
    // Sources and targets named after the vector, so a route's vectors can share one redirection file.
    const own = (value: string) => value.replace(/\bold(er)?\b/, `redirects-${id}-old$1`)
    const json = { redirections: entries.map(([source, target]) => ({ source_path: own(source), redirect_url: target.startsWith('/') ? own(target) : target })) }
    list.push({
      route: 'redirects',
      id: `redirects-${id}`,
      files: { 'content/en-us/.openpublishing.redirection.json': JSON.stringify(json, null, 2), ...page(`redirects-${id}`, 'No link to the old page: a link through a hostile redirect is a `broken-link` error, which would hide the redirect page.') },
      refusedWith: urlRefusals,
    })
  }

  const svgs: Array<[string, string]> = [
    ['script', `<script>${pwn}</script>`],
    ['onload', `<rect width="10" height="10" onload="${pwn}"/><image href="x" onerror="${pwn}"/>`],
    ['foreign-object', `<foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;top.__pwned=1&lt;/script&gt;"></iframe><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="${pwn}"/></foreignObject>`],
    ['link-javascript', `<a href="${js}"><rect width="100" height="100"/></a><a xlink:href="${js}"><text y="20">click</text></a>`],
    ['animate-href', `<a><animate attributeName="href" values="${js}"/><rect width="100" height="100"/></a>`],
    ['use-data', `<use href="data:image/svg+xml,&lt;svg id='x' xmlns='http://www.w3.org/2000/svg'&gt;&lt;image href='1' onerror='top.__pwned=1'/&gt;&lt;/svg&gt;#x"/>`],
    ['set-onbegin', `<set attributeName="x" to="1" onbegin="${pwn}"/>`],
  ]
  for (const [id, inner] of svgs) {
    list.push({
      route: 'SVG assets',
      id: `svg-${id}`,
      files: {
        [`content/en-us/media/svg-${id}.svg`]: `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">${inner}</svg>\n`,
        ...page(`svg-${id}`, `[diagram](media/svg-${id}.svg)\n\n:::image type="content" source="media/svg-${id}.svg" alt-text="Diagram" lightbox="media/svg-${id}.svg":::`),
      },
      refusedWith: ['unsafe-svg'],
    })
  }

  const svgUrl = `${context.origin}${context.base}en-us/media/video-same-origin-svg.svg`
  const videos: Array<[string, string, Record<string, string>]> = [
    ['same-origin-svg', svgUrl, { 'content/en-us/media/video-same-origin-svg.svg': `<svg xmlns="http://www.w3.org/2000/svg"><script>${pwn}</script></svg>\n` }],
    ['same-origin-page', `${context.origin}${context.base}en-us/`, {}],
    ['javascript', js, {}],
    ['data', `data:text/html,<script>${pwn}</script>`, {}],
  ]
  for (const [id, url, extra] of videos) {
    list.push({ route: 'videos', id: `video-${id}`, files: { ...extra, ...page(`video-${id}`, `> [!VIDEO ${url}]`) }, refusedWith: ['docfx-video-url', 'unsafe-url'] })
  }

  const folder = `javascript:${pwn},`
  list.push(
    {
      route: 'file names',
      id: 'file-names-javascript-folder',
      files: {
        [`content/en-us/${folder}/a.md`]: '---\ntitle: A\n---\n\n# A\n',
        ...page('file-names-javascript-folder', `[a](${encodeURI(folder)}/a.md)`),
        'content/en-us/TOC.yml': `- name: Page\n  href: page.md\n- name: A\n  href: "${folder}/a.md"\n`,
      },
      refusedWith: urlRefusals,
    },
    {
      route: 'file names',
      id: 'file-names-javascript-file',
      files: { 'content/en-us/javascript:top.__pwned=1,.md': '---\ntitle: J\n---\n\n# J\n', 'content/en-us/TOC.yml': '- name: J\n  href: "javascript:top.__pwned=1,.md"\n- name: Page\n  href: page.md\n' },
      refusedWith: urlRefusals,
    },
    {
      route: 'file names',
      id: 'file-names-html',
      files: { 'content/en-us/x<img src=x onerror=top.__pwned=1>.md': '---\ntitle: X\n---\n\n# X\n', 'content/en-us/TOC.yml': '- name: X\n  href: "x<img src=x onerror=top.__pwned=1>.md"\n' },
      refusedWith: urlRefusals,
    },
    {
      route: 'file names',
      id: 'file-names-quotes',
      files: { [`content/en-us/q"'><svg onload=${pwn}>.md`]: '---\ntitle: Q\n---\n\n# Q\n', 'content/en-us/TOC.yml': `- name: Q\n  href: "q\\"'><svg onload=${pwn}>.md"\n` },
      refusedWith: urlRefusals,
    },
  )

  const strings: Array<[string, Record<string, string>]> = [
    ['locale-name', { 'locale.name': `<img src=x onerror=${pwn}>` }],
    ['site-title', { 'site.title': `</title><script>${pwn}</script>` }],
    ['notice-placeholders', { 'notice.untranslated': `{language}<img src=x onerror=${pwn}>{sourceLanguage}`, 'notice.untranslated.link': `"><script>${pwn}</script>` }],
    ['nav-and-footer', { 'nav.previous': `<script>${pwn}</script>`, 'footer.text': `<a href="${js}">x</a>`, 'switcher.label': `"><svg onload=${pwn}>` }],
    ['not-found-and-redirect', { 'notFound.title': `<script>${pwn}</script>`, 'redirect.text': `<img src=x onerror=${pwn}>`, 'root.title': `{{{x}}}<script>${pwn}</script>` }],
  ]
  for (const [id, values] of strings) {
    list.push({
      route: 'locale strings',
      id: `locale-strings-${id}`,
      locales: ['en-us', 'da-dk'],
      files: {
        'locales/da-dk.json': JSON.stringify({ 'locale.name': 'Dansk', ...values }),
        'locales/en-us.json': JSON.stringify(values),
        'content/da-dk/index.md': '---\ntitle: Hjem\n---\n\n# Hjem\n',
        'content/en-us/.openpublishing.redirection.json': JSON.stringify({ redirections: [{ source_path: 'old.md', redirect_url: '/en-us/page' }] }),
      },
    })
  }
  return list
}

/**
 * Vectors that still run script on today's code because the fix is on
 * another helper's branch: skipped with the reason printed.
 * TODO(lead): remove each entry after merging the branch named.
 */
export const pendingOnOtherBranches = new Map<string, string>([])
