/**
 * Turn DocFX `> [!VIDEO https://…]` quotes into video placeholders: a
 * `div.video` carrying the URL as `tolkVideo`, which rehypeDocfxVideo fills
 * with an iframe after sanitizing. Only URLs checkVideoUrl accepts embed
 * (`https:` on one of the configured `videoHosts`, never the site itself);
 * anything else is a `docfx-video-url` error at the directive and no video.
 * Content after the marker in the same quote stays, below the video. As in
 * DocFX, words after the URL are the video's title (`[!VIDEO https://… title="…"]`),
 * which becomes the iframe's accessible title.
 */
import type { Blockquote, Parent, Root } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'
import { checkVideoUrl, defaultVideoPolicy, type VideoPolicy } from '../video-url.ts'

/** `[!VIDEO`, the URL part, and the closing bracket when there is one. */
const markerPattern = /^\[!VIDEO(?![\w-])([^\]\n]*)(\])?[ \t]*/i

export default function remarkDocfxVideo(policy: VideoPolicy = defaultVideoPolicy) {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'blockquote', function (quote: Blockquote, index, parent: Parent | undefined) {
      if (quote.data?.hName || !parent || index === undefined) return
      const match = markerPattern.exec(openingText(quote))
      if (!match) return
      const place = openingPlace(quote)
      if (!takeOpening(quote, match[0].length)) return
      const rest = quote.children.splice(0)
      // DocFX: the URL up to the first space, then an optional title (`title=` may prefix it).
      const [raw = '', ...words] = match[1]!.trim().split(/\s+/)
      const title = words.join(' ').replace(/^title=/i, '').replace(/^(["'])(.*)\1$/, '$2').trim()
      const checked: ReturnType<typeof checkVideoUrl> =
        match[2] === undefined || raw === ''
          ? { problem: `Cannot read a video URL in \`${match[0].trim()}\`; write \`[!VIDEO https://…]\`, and the video is left out` }
          : checkVideoUrl(raw, policy)
      if (checked.problem !== undefined) {
        reportAt(file, 'docfx-video-url', checked.problem, quote, place)
        parent.children.splice(index, 1, ...rest)
        return index
      }
      quote.data = {
        ...quote.data,
        hName: 'div',
        hProperties: { className: ['video'], tolkVideo: checked.url, ...(title ? { tolkVideoTitle: title } : {}) },
      }
      parent.children.splice(index + 1, 0, ...rest)
      return index + 1
    })
  }
}
