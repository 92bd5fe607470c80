/**
 * Fill the video placeholders left by remarkDocfxVideo and
 * remarkDocfxVideoDirective (a `div` with a `tolkVideo` URL and maybe a
 * `tolkVideoTitle`) with a titled, lazy, sandboxed iframe. Runs after
 * rehype-sanitize: the sanitizer removes every `<iframe>` written in content,
 * and raw HTML cannot produce the camel-cased `tolkVideo` property (the HTML
 * parser lowercases attribute names), so only the directive makes a video.
 */
import type { Element, Root } from 'hast'
import { h } from 'hastscript'
import { SKIP, visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { checkVideoUrl, defaultVideoPolicy, type VideoPolicy } from '../video-url.ts'

/**
 * The iframe's sandbox. It never holds `allow-same-origin` next to
 * `allow-scripts`: together they let a framed document on the site's own
 * origin remove its own sandbox and script the page (the `[!VIDEO]` pointing
 * at an SVG asset attack). Without `allow-same-origin` the player runs in an
 * opaque origin: it cannot reach the page, its cookies or its storage, even if
 * an allowed host were to redirect or serve something hostile. The players
 * keep what they need: script, fullscreen (`allowfullscreen`/`allow`), and
 * popups for their "watch on …" links. What they lose (their own cookies and
 * storage inside the frame) is what a documentation page should not give a
 * third party anyway; a site that needs more can change the template, not the
 * content.
 */
export const videoSandbox = 'allow-scripts allow-presentation allow-popups'

export default function rehypeDocfxVideo(policy: VideoPolicy = defaultVideoPolicy) {
  return function (tree: Root, file: VFile): void {
    const t = file.data.page?.t ?? ((key: string) => key)
    visit(tree, 'element', function (node: Element, index, parent) {
      if (node.tagName !== 'div' || !('tolkVideo' in node.properties)) return
      const url = node.properties['tolkVideo']
      const title = node.properties['tolkVideoTitle']
      delete node.properties['tolkVideo']
      delete node.properties['tolkVideoTitle']
      const src = typeof url === 'string' ? checkVideoUrl(url, policy).url : undefined
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
          // `:::video title="…"` names the video; else the generic title in the page's language.
          title: typeof title === 'string' && title.trim() !== '' ? title : t('video.title'),
          allowFullScreen: true,
          allow: 'fullscreen; picture-in-picture; encrypted-media',
          loading: 'lazy',
          // Players check where they are embedded; the origin is enough, never the page's path.
          referrerPolicy: 'strict-origin-when-cross-origin',
          sandbox: videoSandbox,
        }),
      ]
      return SKIP
    })
  }
}
