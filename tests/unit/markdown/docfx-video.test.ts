import type { Root } from 'hast'
import { h } from 'hastscript'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import rehypeDocfxVideo from '../../../src/markdown/plugins/rehype-docfx-video.ts'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = { 'video.title': 'Ingesloten video' }
const embed = 'https://www.microsoft.com/videoplayer/embed/RE4bGqo'

describe('remarkDocfxVideo', function () {
  it('should embed an https video as a titled, lazy, sandboxed iframe in `div.video`', function () {
    const { hast, messages } = renderMarkdown(`Watch this first.\n\n> [!VIDEO ${embed}]\n`, { locale: 'nl-nl', strings })
    expect(messages).toEqual([])
    expect(select('blockquote', hast)).toBeUndefined()
    const video = select('div', hast)!
    expect(video.properties).toEqual({ className: ['video'] })
    const iframes = selectAll('iframe', hast)
    expect(iframes).toHaveLength(1)
    expect(iframes[0]!.properties).toEqual({
      src: embed,
      title: 'Ingesloten video',
      allowFullScreen: true,
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: ['allow-scripts', 'allow-same-origin', 'allow-presentation', 'allow-popups'],
    })
    expect(select('div.video > iframe', hast)).toBe(iframes[0])
    expect(toString(hast)).not.toContain('[!VIDEO')
  })

  it('should keep the query of the URL and accept the form without a space after `>`', function () {
    const { hast, messages } = renderMarkdown(`>[!VIDEO ${embed}?autoplay=false] \n`, { strings })
    expect(messages).toEqual([])
    expect(select('div.video > iframe', hast)!.properties.src).toBe(`${embed}?autoplay=false`)
  })

  it('should keep what follows the marker in the quote below the video', function () {
    const { hast, messages } = renderMarkdown(`> [!VIDEO ${embed}]\n>\n> The overview takes four minutes.\n`, { strings })
    expect(messages).toEqual([])
    const elements = hast.children.filter((node) => node.type === 'element')
    expect(elements.map((node) => [node.tagName, node.properties.className])).toEqual([
      ['div', ['video']],
      ['p', undefined],
    ])
    expect(toString(select('p', hast)!)).toBe('The overview takes four minutes.')
  })

  it.each([
    ['http://www.example.com/video/42', 'Video URL `http://www.example.com/video/42` must use `https:`; the video is left out'],
    ['javascript:alert(1)', 'Video URL `javascript:alert(1)` must use `https:`; the video is left out'],
    ['https://', 'Video URL `https://` is not a valid `https:` URL; the video is left out'],
    ['videos/intro.mp4', 'Video URL `videos/intro.mp4` is not a valid `https:` URL; the video is left out'],
  ])('should refuse `%s` with an error at the directive', function (url, reason) {
    const { hast, messages } = renderMarkdown(`# Triage\n\n> [!VIDEO ${url}]\n`, { strings })
    expect(messages).toEqual([`en-us/guide/page.md:3:3: error: ${reason} [docfx-video-url]`])
    expect(selectAll('iframe, div, blockquote', hast)).toEqual([])
    expect(toString(hast)).not.toContain('[!VIDEO')
  })

  it('should report a directive without a readable URL at its exact position', function () {
    const { hast, messages } = renderMarkdown('1. Watch:\n\n    > [!VIDEO]\n\n2. Then:\n\n   > [!VIDEO https://www.example.com/v\n   > Next.\n', { strings })
    expect(messages).toEqual([
      'en-us/guide/page.md:3:7: error: Cannot read a video URL in `[!VIDEO]`; write `[!VIDEO https://…]`, and the video is left out [docfx-video-url]',
      'en-us/guide/page.md:7:6: error: Cannot read a video URL in `[!VIDEO https://www.example.com/v`; write `[!VIDEO https://…]`, and the video is left out [docfx-video-url]',
    ])
    expect(selectAll('iframe', hast)).toEqual([])
    expect(selectAll('li > p', hast).map((node) => toString(node))).toEqual(['Watch:', 'Then:', 'Next.'])
  })

  it('should report a bad video URL in an include at the include', function () {
    const { messages } = renderMarkdown('[!INCLUDE [x](../includes/video.md)]\n', {
      files: { 'includes/video.md': 'Intro.\n\n> [!VIDEO http://www.example.com/v]\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/video.md:3:3: error: Video URL `http://www.example.com/v` must use `https:`; the video is left out [docfx-video-url]',
    ])
  })

  it('should give raw HTML no way to make an iframe', function () {
    const { hast } = renderMarkdown(
      [
        '<div tolkVideo="https://evil.example/a"></div>',
        '',
        '<div class="video" tolkvideo="https://evil.example/b"></div>',
        '',
        '<iframe src="https://evil.example/c" allowfullscreen></iframe>',
        '',
        'Inline <iframe src="https://evil.example/d"></iframe> frame.',
        '',
      ].join('\n'),
      { strings },
    )
    expect(selectAll('iframe', hast)).toEqual([])
    const divs = selectAll('div', hast)
    expect(divs).toHaveLength(2)
    expect(divs.map((node) => [node.properties.className ?? [], Object.keys(node.properties).filter((key) => /video/i.test(key))])).toEqual([
      [[], []],
      [[], []],
    ])
    expect(toString(hast)).not.toContain('evil.example')
  })
})

describe('rehypeDocfxVideo', function () {
  it('should drop a placeholder whose URL is not https instead of embedding it', function () {
    const tree: Root = {
      type: 'root',
      children: [h('div', { tolkVideo: 'http://www.example.com/v' }), h('div', { tolkVideo: embed }), h('p', 'After.')],
    }
    const file = new VFile()
    unified().use(rehypeDocfxVideo).runSync(tree, file)
    expect(tree.children.map((node) => (node.type === 'element' ? node.tagName : node.type))).toEqual(['div', 'p'])
    expect(select('div', tree)!.properties).toEqual({ className: ['video'] })
    expect(select('div > iframe', tree)!.properties.src).toBe(embed)
  })
})
