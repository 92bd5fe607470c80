/**
 * A link to copy beside every section heading (`h2`–`h6` with an id): the
 * heading is wrapped with its link, `<div class="heading-wrapper"><h2
 * id="x">Text</h2><a class="heading-link" href="#x" aria-label="Link to this
 * section: Text">#</a></div>`.
 *
 * The link stands beside the heading, not in it, so the heading's text, and
 * with it its accessible name, the outline ("In this article"), the search
 * index and the text-preservation check, stays exactly the written heading.
 * Its name is the UI string `heading.link` in the page's language; being an
 * attribute, it adds no words to the article's text.
 *
 * Not linked: tab titles (the tab itself is the control; tabs.ts finds a
 * title as its panel's child), visually hidden headings (GitHub's footnote
 * label), and headings inside an element where a link cannot stand (a link,
 * a button, a `<summary>`, a label).
 *
 * Runs after rehype-heading-ids (final ids) and before rehype-url-policy,
 * which judges the `#id` href like every other URL.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import { formatString } from '../../i18n/format-string.ts'
import { safeUrl } from '../../links/url-policy.ts'

const linkedHeadings = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])
/** Elements inside which a link would be interactive content nested in interactive content. */
const noLinkInside = new Set(['a', 'button', 'summary', 'label'])
const skippedClasses = new Set(['tab-title', 'sr-only'])

export default function rehypeHeadingLinks() {
  return function (tree: Root, file: VFile): void {
    const label = file.data.page?.t('heading.link') ?? 'Link to this section: {heading}'
    const walk = (parent: Root | Element): void => {
      parent.children.forEach(function (child, index) {
        if (child.type !== 'element' || noLinkInside.has(child.tagName)) return
        if (!linkedHeadings.has(child.tagName)) {
          walk(child)
          return
        }
        const wrapper = wrap(child, label)
        if (wrapper) parent.children[index] = wrapper
      })
    }
    walk(tree)
  }
}

/** The heading with its link in a wrapper, or `undefined` when it gets no link. */
function wrap(heading: Element, label: string): Element | undefined {
  const id = heading.properties.id
  if (typeof id !== 'string' || id === '') return undefined
  if (classesOf(heading).some((name) => skippedClasses.has(name))) return undefined
  const verdict = safeUrl(`#${id.replace(/[\u0000-\u0020\u007f]/g, (character) => encodeURIComponent(character))}`)
  if (!verdict.ok) return undefined
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { className: ['heading-link'], href: verdict.url, ariaLabel: formatString(label, { heading: toString(heading).trim() }) },
    // The mark is a symbol, not a word: the aria-label names the link, and `#` stays out of the article's words.
    children: [{ type: 'text', value: '#' }],
  }
  const children: ElementContent[] = [heading, link]
  const wrapper: Element = { type: 'element', tagName: 'div', properties: { className: ['heading-wrapper', `heading-wrapper-${heading.tagName}`] }, children }
  if (heading.position) wrapper.position = heading.position
  return wrapper
}

function classesOf(node: Element): string[] {
  const value = node.properties.className
  return Array.isArray(value) ? value.map(String) : []
}
