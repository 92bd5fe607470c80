/**
 * Turn DocFX's triple-colon video, `:::video source="https://…" title="…":::`,
 * into the same placeholder as `> [!VIDEO …]` (a `div` carrying `tolkVideo`,
 * filled with the sandboxed iframe by rehypeDocfxVideo), through the same
 * check (checkVideoUrl: `videoHosts`, `https:`, never the site itself). The
 * `title` becomes the iframe's accessible title.
 *
 * DocFX's VideoExtension accepts the attributes `source` (required), `title`,
 * `max-width` (a number), `thumbnail`, `upload-date`, `duration` and `type`;
 * any other attribute, a missing source, a non-numeric `max-width` or a URL
 * the policy refuses is a `docfx-video-url` error at the directive, and no
 * video. `thumbnail`, `upload-date`, `duration` and `max-width` are search
 * and layout hints of Microsoft Learn's theme, which tolk's does not use.
 * `type="complex"` (a described video, closed by `:::video-end:::`) is shown
 * as a plain video with an `unsupported-docfx` warning; its description
 * stays on the page as text.
 *
 * DocFX reads the directive as a block or inline; written inside a
 * paragraph, the paragraph is cut around it, as a `div` cannot stand in a `p`.
 */
import type { Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { VFile } from 'vfile'
import { reportAt } from '../quote-directive.ts'
import { createSources, type ReadSource } from '../source-text.ts'
import { findInlineDirectives, replaceInline, type InlineDirective } from '../triple-colon.ts'
import { checkVideoUrl, defaultVideoPolicy, type VideoPolicy } from '../video-url.ts'

export interface Options {
  policy?: VideoPolicy
  /** Reads an include's text, for the exact place of a directive. */
  read: ReadSource
}

const knownAttributes = ['source', 'title', 'max-width', 'thumbnail', 'upload-date', 'duration', 'type']

/** The placeholder the directive becomes; remark-rehype makes it a `div`. */
interface VideoSlot {
  type: 'text'
  value: ''
  data: { tolkVideoSlot: Paragraph | undefined }
}

export default function remarkDocfxVideoDirective(options: Options) {
  const policy = options.policy ?? defaultVideoPolicy
  return function (tree: Root, file: VFile): void {
    const sourceOf = createSources(file, options.read)
    const paragraphs: Array<{ paragraph: Paragraph; parent: Parent }> = []
    visit(tree, 'paragraph', function (paragraph: Paragraph, _index, parent: Parent | undefined) {
      if (parent) paragraphs.push({ paragraph, parent })
    })
    for (const { paragraph, parent } of paragraphs) {
      const directives = findInlineDirectives(paragraph, ['video'], sourceOf)
      if (directives.length === 0) continue
      // Last first, so the child indices of earlier ones stay valid.
      for (const directive of directives.reverse()) {
        const video = videoOf(directive, policy, file)
        const slot: VideoSlot = { type: 'text', value: '', data: { tolkVideoSlot: video } }
        replaceInline(paragraph, directive, [slot as unknown as PhrasingContent])
      }
      const index = parent.children.indexOf(paragraph)
      if (index !== -1) parent.children.splice(index, 1, ...cutAtSlots(paragraph))
    }
  }
}

/** The video placeholder for a directive, or `undefined` (reported) when it cannot be embedded. */
function videoOf(directive: InlineDirective, policy: VideoPolicy, file: VFile): Paragraph | undefined {
  const place = directive.position?.start
  const fail = (reason: string): undefined => {
    const said = /the video is left out$/.test(reason) ? reason : `${reason}; the video is left out`
    reportAt(file, 'docfx-video-url', said, directive.node, place)
    return undefined
  }
  const { attributes } = directive
  const unknown = Object.keys(attributes).find((name) => !knownAttributes.includes(name))
  if (unknown !== undefined) return fail(`\`:::video\` has an attribute DocFX does not know, \`${unknown}\` (known: ${knownAttributes.map((name) => `\`${name}\``).join(', ')})`)
  const source = attributes['source']?.trim() ?? ''
  if (source === '') return fail('`:::video` needs a `source="https://…"` attribute')
  const maxWidth = attributes['max-width']
  if (maxWidth !== undefined && !/^\d+$/.test(maxWidth.trim())) return fail(`\`:::video\` \`max-width\` must be a number of pixels, not \`${maxWidth}\``)
  const checked = checkVideoUrl(source, policy)
  if (checked.problem !== undefined) return fail(checked.problem)
  if (attributes['type']?.toLowerCase() === 'complex') {
    const reason = '`:::video type="complex"` (a video with a description) is shown as a plain video; its description stays on the page as text'
    reportAt(file, 'unsupported-docfx', reason, directive.node, place)
  }
  const title = attributes['title']?.trim()
  return {
    type: 'paragraph',
    children: [],
    data: { hName: 'div', hProperties: { tolkVideo: checked.url, ...(title ? { tolkVideoTitle: title } : {}) } },
    ...(directive.position ? { position: directive.position } : {}),
  }
}

/** The paragraph cut at its video slots: text before, the video, text after; blank pieces dropped. */
function cutAtSlots(paragraph: Paragraph): RootContent[] {
  const out: RootContent[] = []
  let run: PhrasingContent[] = []
  const flush = (): void => {
    if (run.some((child) => child.type !== 'text' || child.value.trim() !== '')) {
      trimEdges(run)
      out.push({ ...paragraph, children: run })
    }
    run = []
  }
  for (const child of paragraph.children) {
    const slot = child.data && 'tolkVideoSlot' in child.data ? (child.data as VideoSlot['data']).tolkVideoSlot : null
    if (slot === null) {
      run.push(child)
      continue
    }
    flush()
    if (slot) out.push(slot)
  }
  flush()
  return out
}

/** Drop the line break and spaces left where a piece was cut. */
function trimEdges(run: PhrasingContent[]): void {
  const first = run[0]
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '')
  const last = run[run.length - 1]
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
}
