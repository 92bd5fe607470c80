/**
 * Turn DocFX `> [!VIDEO https://…]` quotes into video placeholders: a
 * `div.video` carrying the URL as `tolkVideo`, which rehypeDocfxVideo fills
 * with an iframe after sanitizing. Only `https:` URLs embed; anything else is
 * a `docfx-video-url` error at the directive and no video. Content after the
 * marker in the same quote stays, below the video.
 */
import type { Blockquote, Parent, Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { openingPlace, openingText, reportAt, takeOpening } from '../quote-directive.ts'
import { httpsUrl } from './rehype-docfx-video.ts'

/** `[!VIDEO`, the URL part, and the closing bracket when there is one. */
const markerPattern = /^\[!VIDEO(?![\w-])([^\]\n]*)(\])?[ \t]*/i

export default function remarkDocfxVideo() {
  return function (tree: Root, file: VFile): void {
    visit(tree, 'blockquote', function (quote: Blockquote, index, parent: Parent | undefined) {
      if (quote.data?.hName || !parent || index === undefined) return
      const match = markerPattern.exec(openingText(quote))
      if (!match) return
      const place = openingPlace(quote)
      if (!takeOpening(quote, match[0].length)) return
      const rest = quote.children.splice(0)
      const problem = urlProblem(match[0].trim(), match[1]!.trim(), match[2] !== undefined)
      if (problem) {
        reportAt(file, 'docfx-video-url', problem, quote, place)
        parent.children.splice(index, 1, ...rest)
        return index
      }
      quote.data = {
        ...quote.data,
        hName: 'div',
        hProperties: { className: ['video'], tolkVideo: httpsUrl(match[1]!.trim())! },
      }
      parent.children.splice(index + 1, 0, ...rest)
      return index + 1
    })
  }
}

/** Why `raw` cannot be embedded, or `undefined` when it can. */
function urlProblem(marker: string, raw: string, closed: boolean): string | undefined {
  if (!closed || raw === '' || /\s/.test(raw)) {
    return `Cannot read a video URL in \`${marker}\`; write \`[!VIDEO https://…]\`, and the video is left out`
  }
  if (httpsUrl(raw)) return undefined
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) && !/^https:/i.test(raw)) {
    return `Video URL \`${raw}\` must use \`https:\`; the video is left out`
  }
  return `Video URL \`${raw}\` is not a valid \`https:\` URL; the video is left out`
}
