/**
 * Fill the video placeholders left by remarkDocfxVideo (a `div` with a
 * `tolkVideo` URL) with a titled, lazy, sandboxed iframe. Runs after
 * rehype-sanitize: the sanitizer removes every `<iframe>` written in content,
 * and raw HTML cannot produce the camel-cased `tolkVideo` property (the HTML
 * parser lowercases attribute names), so only the directive makes a video.
 */
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

/**
 * The URL, normalized, when it is a well-formed `https:` URL; otherwise `undefined`.
 * @example httpsUrl('https://www.microsoft.com/videoplayer/embed/RE4bGqo') // => 'https://www.microsoft.com/videoplayer/embed/RE4bGqo'
 * @example httpsUrl('javascript:alert(1)') // => undefined
 */
export function httpsUrl(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined
  const url = new URL(value)
  return url.protocol === 'https:' && url.hostname !== '' ? url.href : undefined
}

export default function rehypeDocfxVideo() {
  return function (tree: Root, file: VFile): void {
    const t = file.data.page?.t ?? ((key: string) => key)
    visit(tree, 'element', function (node: Element, index, parent) {
      if (node.tagName !== 'div' || !('tolkVideo' in node.properties)) return
      const url = node.properties['tolkVideo']
      delete node.properties['tolkVideo']
      const src = typeof url === 'string' ? httpsUrl(url) : undefined
      if (!src) {
        // remarkDocfxVideo checked the URL already; a trusted stage still refuses to embed anything else.
        if (parent && index !== undefined) parent.children.splice(index, 1)
        return [SKIP, index]
      }
      // The class comes back here, so raw HTML cannot make an empty `div.video` box.
      node.properties['className'] = ['video']
      node.children = [
        h('iframe', {
          src,
          title: t('video.title'),
          allowFullScreen: true,
          loading: 'lazy',
          referrerPolicy: 'strict-origin-when-cross-origin',
          sandbox: 'allow-scripts allow-same-origin allow-presentation allow-popups',
        }),
      ]
      return SKIP
    })
  }
}
