/**
 * Render DocFX `:::image …:::` directives, alone in a paragraph or inline
 * (lists, tables, headings): `type="content"` (the default; `alt-text`
 * required, bordered unless `border="false"`), `type="icon"` (decorative:
 * empty alt, no border unless `border="true"`) and `type="complex"`, whose
 * long description runs as Markdown up to `:::image-end:::` and becomes a
 * `<details>` the image points at with `aria-describedby`. `lightbox="…"`
 * wraps the image in a link to the large version, `link="…"` in a link to
 * any page or URL (it wins over `lightbox`); `loc-scope` only guides
 * translators. Images and links stay mdast nodes, so later stages rewrite
 * their URLs like any other.
 */
import type { Blockquote, BlockContent, Image, Link, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast'
import { visit } from '../../tree/visit.ts'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { reportAt } from '../quote-directive.ts'
import { createSources, lastCovered, offsetOf, pageRelativeUrl, parseSlice, scopeEnd, type Parse, type ReadSource } from '../source-text.ts'
import { findInlineDirectives, replaceInline, type InlineDirective } from '../triple-colon.ts'

export interface Options {
  /** Parses a complex image's long description (remark-parse + remark-gfm). */
  parse: Parse
  /** Reads an include's text, so images from includes get exact places and descriptions. */
  read: ReadSource
}

/** Classes this plugin puts on elements, for the sanitizer's allowlist. */
export const imageClassNames = {
  img: ['image-border', 'image-icon'],
  a: ['image-lightbox'],
  figure: ['image', 'image-complex'],
  details: ['image-long-description'],
} as const

const imageTypes = ['content', 'complex', 'icon']
/** Where an image directive may stand: anything holding phrasing content. */
const phrasingParents = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link'])

export default function remarkDocfxImage(options: Options) {
  return function (tree: Root, file: VFile): void {
    const page = file.data.page
    const t = page?.t ?? ((key: string) => key)
    const sourceOf = createSources(file, options.read)
    let descriptions = 0

    /** The image (in its lightbox link), or nothing when there is no source to show. */
    function render(directive: InlineDirective, describedBy?: string): PhrasingContent[] {
      const attributes = directive.attributes
      const from = directive.node.data?.sourceRelPath
      let type = (attributes['type'] ?? 'content').toLowerCase()
      if (!imageTypes.includes(type)) {
        invalid(directive, `Unknown image type \`${attributes['type']}\`; use \`content\`, \`complex\` or \`icon\``)
        type = 'content'
      }
      const source = attributes['source']?.trim()
      if (!source) {
        invalid(directive, '`:::image:::` needs a `source` attribute: the path of the image file')
        return []
      }
      const alt = attributes['alt-text']?.trim() ?? ''
      if (type !== 'icon' && !alt) {
        const reason = `Image \`${source}\` needs an \`alt-text\` attribute; describe the image, or use \`type="icon"\` if it is decorative`
        invalid(directive, reason)
      }
      const border = attributes['border'] === undefined ? type !== 'icon' : attributes['border'].trim().toLowerCase() === 'true'
      const className = [...(type === 'icon' ? ['image-icon'] : []), ...(border ? ['image-border'] : [])]
      const origin = originData(directive)
      const image: Image = {
        type: 'image',
        url: pageRelativeUrl(source, from, page?.relPath),
        alt: type === 'icon' ? '' : alt,
        data: {
          ...origin,
          hProperties: { ...(className.length > 0 ? { className } : {}), ...(describedBy ? { ariaDescribedBy: [describedBy] } : {}) },
        },
        ...positioned(directive.position),
      }
      // `link` wins over `lightbox`, as in DocFX: one image, one link around it.
      const target = attributes['link']?.trim()
      const lightbox = attributes['lightbox']?.trim()
      if (!target && !lightbox) return [image]
      const link: Link = {
        type: 'link',
        // A link like any other: remark-rewrite-links resolves it and applies the URL policy.
        url: pageRelativeUrl((target || lightbox)!, from, page?.relPath),
        children: [image],
        data: { ...origin, ...(target ? {} : { hProperties: { className: ['image-lightbox'] } }) },
        ...positioned(directive.position),
      }
      return [link]
    }

    function invalid(directive: InlineDirective, reason: string): void {
      reportAt(file, 'docfx-image-invalid', reason, directive.node, directive.position?.start)
    }

    /**
     * Split the paragraph at a complex image: the text before it, the figure,
     * and whatever follows `:::image-end:::`. `false`, changing nothing, when it has no end.
     */
    function expandComplex(directive: InlineDirective, paragraph: Paragraph, index: number, parent: Parent): boolean {
      const source = directive.source!
      const from = directive.range!.end
      const endMarker = /:::image-end:::/gi
      endMarker.lastIndex = from
      const end = endMarker.exec(source.text)
      if (!end || end.index + end[0].length > scopeEnd(parent, paragraph, source)) {
        invalid(directive, 'Complex image has no `:::image-end:::`; end its long description with one')
        return false
      }
      const endStart = end.index
      const endStop = end.index + end[0].length
      const id = `image-description-${++descriptions}`
      const description = parseSlice(options.parse, source, from, endStart, page?.relPath)
      const figure: Blockquote = {
        type: 'blockquote',
        // mdast has no figure; remark-rehype renders the image child as it is.
        children: [...(render(directive, id) as unknown as BlockContent[]), longDescription(id, description)],
        data: { ...originData(directive), hName: 'figure', hProperties: { className: ['image', 'image-complex'] } },
        ...positioned(directive.position),
      }
      const head = headParagraph(paragraph, directive)
      const paragraphEnd = offsetOf(source, paragraph.position?.end) ?? 0
      if (endStop <= paragraphEnd) {
        const closing = findInlineDirectives(paragraph, ['image-end'], sourceOf).find((found) => found.range?.start === endStart)
        const tail = closing ? tailParagraph(paragraph, closing) : []
        parent.children.splice(index, 1, ...head, figure, ...tail)
        return true
      }
      const last = lastCovered(parent, index, endStop, source)
      const lastEnd = offsetOf(source, parent.children[last]!.position?.end) ?? endStop
      const tail = lastEnd > endStop ? parseSlice(options.parse, source, endStop, lastEnd, page?.relPath) : []
      parent.children.splice(index, last - index + 1, ...head, figure, ...tail)
      return true
    }

    function longDescription(id: string, description: RootContent[]): Blockquote {
      const summary: Paragraph = {
        type: 'paragraph',
        children: [{ type: 'text', value: t('image.longDescription') }],
        data: { hName: 'summary' },
      }
      return {
        type: 'blockquote',
        children: [summary, ...(description as BlockContent[])],
        data: { hName: 'details', hProperties: { id, className: ['image-long-description'] } },
      }
    }

    visit(tree, function (node, index, parent) {
      if (!phrasingParents.has(node.type)) return
      const container = node as Parent
      const directives = findInlineDirectives(container, ['image'], sourceOf)
      if (directives.length === 0) return
      const complex = directives.find((directive) => (directive.attributes['type'] ?? '').toLowerCase() === 'complex')
      if (complex && node.type === 'paragraph' && parent && index !== undefined && complex.range) {
        // Images before it are rendered when the paragraph that holds them is visited next.
        if (expandComplex(complex, node as Paragraph, index, parent)) return index
      }
      for (const directive of directives.reverse()) replaceInline(container, directive, render(directive))
      // A paragraph that only held an image without a source is left out.
      if (node.type !== 'paragraph' || container.children.length > 0 || !parent || index === undefined) return
      parent.children.splice(index, 1)
      return index
    })
  }
}

/** The paragraph with what came before the directive, if it holds more than whitespace. */
function headParagraph(paragraph: Paragraph, directive: InlineDirective): Paragraph[] {
  const children = structuredClone(paragraph.children.slice(0, directive.start.index + 1))
  const last = children.at(-1) as Text
  last.value = last.value.slice(0, directive.start.offset).trimEnd()
  if (last.value === '') children.pop()
  return part(paragraph, children, paragraph.position?.start, directive.position?.start)
}

/** The paragraph with what follows the closing directive, if it holds more than whitespace. */
function tailParagraph(paragraph: Paragraph, closing: InlineDirective): Paragraph[] {
  const children = paragraph.children.slice(closing.end.index)
  const first = { ...(children[0] as Text) }
  first.value = first.value.slice(closing.end.offset).trimStart()
  children.splice(0, 1, ...(first.value === '' ? [] : [first]))
  return part(paragraph, children, closing.position?.end, paragraph.position?.end)
}

/** A paragraph holding part of `paragraph`: none when that part is empty. */
function part(paragraph: Paragraph, children: PhrasingContent[], start: Point | undefined, end: Point | undefined): Paragraph[] {
  if (children.length === 0) return []
  const position = start && end ? { position: { start, end } } : {}
  return [{ type: 'paragraph', children, ...position, ...(paragraph.data ? { data: paragraph.data } : {}) }]
}

/** The include tags of the text the directive was written in. */
function originData(directive: InlineDirective): { sourceFile?: string; sourceRelPath?: string } {
  const data = directive.node.data
  return {
    ...(data?.sourceFile ? { sourceFile: data.sourceFile } : {}),
    ...(data?.sourceRelPath ? { sourceRelPath: data.sourceRelPath } : {}),
  }
}

function positioned(position: Position | undefined): { position?: Position } {
  return position ? { position } : {}
}
