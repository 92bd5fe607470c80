/**
 * The raw-HTML allowlist: GitHub's (hast-util-sanitize's default) plus what
 * DocFX content and tolk's own plugins need. Content comes from vendors and
 * machine translation, so no scripts, no event handlers, no `javascript:` or
 * `data:` URLs. Ids are kept unprefixed because DocFX anchors
 * (`<a name="next-step">`) are linked from other pages by their exact name.
 *
 * `name` is dropped from every element (DOM clobbering): `<img name="x">`,
 * `<form name>`, `<embed name>`… become `document.x`, shadowing the DOM API the
 * page's scripts call. The one `name` DocFX content needs, the `<a name="x">`
 * anchor, is turned into `id="x"` by rehype-heading-anchor-names before the
 * sanitizer runs, so dropping it loses nothing; an id alone only names a
 * `window` property, which tolk's scripts never read (templates/assets).
 */
import { defaultSchema, type Schema } from 'hast-util-sanitize'
import { alertKinds } from './plugins/remark-docfx-alerts.ts'
import { divClassNames } from './plugins/remark-docfx-div.ts'
import { imageClassNames } from './plugins/remark-docfx-image.ts'
import { layoutClassNames } from './plugins/remark-docfx-layout.ts'
import { landingClassNames } from '../render/landing-cards.ts'

const attributes = defaultSchema.attributes ?? {}
const globalAttributes = (attributes['*'] ?? []).filter((entry) => entry !== 'name')

export const sanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure'],
  clobber: [],
  clobberPrefix: '',
  // Drop these elements with their text: a <style> left as text would show CSS to readers.
  strip: ['script', 'style'],
  attributes: {
    ...attributes,
    '*': globalAttributes,
    div: [
      ...(attributes['div'] ?? []),
      ['className', 'alert', ...alertKinds.map((kind) => `alert-${kind}`), 'tabs', ...divClassNames, ...layoutClassNames, ...landingClassNames.div],
      ['role', 'note'],
      'dataTabGroup',
      // remark-docfx-video's placeholder and `:::video`'s title (raw HTML cannot produce
      // these camel-cased names); rehype-docfx-video gives it the `video` class after sanitizing.
      'tolkVideo',
      'tolkVideoTitle',
    ],
    // Tab panels (remark-docfx-tabs); GitHub's footnotes section keeps its own class.
    // …and a Landing page's cards (src/render/landing-cards.ts).
    section: ['dataFootnotes', ['className', 'footnotes', 'tab-panel', ...landingClassNames.section], 'dataTab', 'dataCondition', 'ariaLabelledBy'],
    // Tab titles; GitHub's footnote label `h2.sr-only` keeps its class.
    ...Object.fromEntries(['h1', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, [['className', 'tab-title']]])),
    h2: [['className', 'sr-only', 'tab-title']],
    p: [...(attributes['p'] ?? []), ['className', 'alert-title', ...landingClassNames.p]],
    // remark-docfx-code: highlighted lines and a `[!code-…]` reference's title (rehype-highlight-code reads them).
    code: [['className', /^language-[\w-]+$/], 'dataHighlightLines', 'title'],
    // remark-docfx-image: the image, its lightbox link, a complex image's figure and long description.
    img: [...(attributes['img'] ?? []), ['className', ...imageClassNames.img]],
    // Only an element's first `className` entry counts, so GitHub's footnote class is repeated in ours.
    a: [
      ...(attributes['a'] ?? []).filter((entry) => !Array.isArray(entry) || entry[0] !== 'className'),
      ['className', 'data-footnote-backref', ...imageClassNames.a],
    ],
    figure: [['className', ...imageClassNames.figure]],
    details: [['className', ...imageClassNames.details]],
    // remark-docfx-no-loc
    span: [['translate', 'no']],
  },
}
