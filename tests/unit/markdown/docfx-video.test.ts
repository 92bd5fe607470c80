import type { Root } from 'hast'
import { h } from 'hastscript'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import rehypeDocfxVideo from '../../../src/markdown/plugins/rehype-docfx-video.ts'
import { checkVideoUrl } from '../../../src/markdown/video-url.ts'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

const strings = { 'video.title': 'Ingesloten video' }
const embed = 'https://www.microsoft.com/videoplayer/embed/RE4bGqo'
const notListed = (host: string) => `Video host \`${host}\` is not in \`videoHosts\`; add it to the config if it is a video player you trust, and the video is left out`

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
      allow: 'fullscreen; picture-in-picture; encrypted-media',
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: ['allow-scripts', 'allow-presentation', 'allow-popups'],
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

  it('should take the words after the URL as the title, as DocFX does', function () {
    const { hast, messages } = renderMarkdown(`> [!VIDEO ${embed} title="Isolate a device"]\n\n> [!VIDEO ${embed} Contain the host]\n`, { strings })
    expect(messages).toEqual([])
    expect(selectAll('div.video > iframe', hast).map((node) => [node.properties.src, node.properties.title])).toEqual([
      [embed, 'Isolate a device'],
      [embed, 'Contain the host'],
    ])
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

  it.each([
    ['https://www.youtube-nocookie.com/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://youtube.com/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://player.vimeo.com/video/76979871', 'https://player.vimeo.com/video/76979871'],
    ['https://WWW.YouTube.com/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://www.youtube.com:443/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://www.microsoft.com/en-us/videoplayer/embed/RE4bGqo', 'https://www.microsoft.com/en-us/videoplayer/embed/RE4bGqo'],
    ['https://videoplayercdn.osi.office.net/hub/?csid=x', 'https://videoplayercdn.osi.office.net/hub/?csid=x'],
  ])('should embed `%s` from a default video host', function (url, src) {
    const { hast, messages } = renderMarkdown(`> [!VIDEO ${url}]\n`, { strings })
    expect(messages).toEqual([])
    expect(selectAll('div.video > iframe', hast).map((node) => node.properties.src)).toEqual([src])
  })

  const ownSite = (url: string) =>
    `Video URL \`${url}\` is on this site's own host \`docs.example.org\`; a video must come from a video player host, and the video is left out`
  it.each([
    ['https://youtube.com.evil.example/embed/x', notListed('youtube.com.evil.example')],
    ['https://evil.example/youtube.com', notListed('evil.example')],
    ['https://evil.example/?www.youtube.com', notListed('evil.example')],
    ['https://evil-youtube.com/embed/x', notListed('evil-youtube.com')],
    ['https://m.youtube.com/embed/x', notListed('m.youtube.com')],
    ['https://www.youtube.com./embed/x', notListed('www.youtube.com.')],
    ['https://www.youtube.com:8443/embed/x', notListed('www.youtube.com:8443')],
    ['https://youtube.com@evil.example/', 'Video URL `https://youtube.com@evil.example/` has a user name or password before its host; the video is left out'],
    ['https://www.youtube.com:x@evil.example/', 'Video URL `https://www.youtube.com:x@evil.example/` has a user name or password before its host; the video is left out'],
    // Cyrillic `о` in place of the second letter: the parser writes it as punycode, which is not the listed host.
    ['https://www.y\u043eutube.com/embed/x', notListed('www.xn--yutube-wqf.com')],
    ['https://xn--youtube-ykd.com/embed/x', notListed('xn--youtube-ykd.com')],
    ['https://127.0.0.1/en-us/media/x.svg', notListed('127.0.0.1')],
    ['https://0x7f000001/x', notListed('127.0.0.1')],
    ['https://localhost/en-us/media/x.svg', notListed('localhost')],
    ['/en-us/media/x.svg', 'Video URL `/en-us/media/x.svg` is not a valid `https:` URL; the video is left out'],
    ['./media/x.svg', 'Video URL `./media/x.svg` is not a valid `https:` URL; the video is left out'],
    ['//www.youtube.com/embed/x', 'Video URL `//www.youtube.com/embed/x` is not a valid `https:` URL; the video is left out'],
    ['data:image/svg+xml,<svg/onload=alert(1)>', 'Video URL `data:image/svg+xml,<svg/onload=alert(1)>` must use `https:`; the video is left out'],
    ['https://docs.example.org/en-us/media/x.svg', ownSite('https://docs.example.org/en-us/media/x.svg')],
    ['https://DOCS.example.org:8443/x.svg', ownSite('https://DOCS.example.org:8443/x.svg')],
  ])('should refuse `%s`: no iframe, an error at the directive', function (url, reason) {
    const video = { hosts: ['www.youtube.com', 'youtube.com', 'docs.example.org'], siteUrl: 'https://docs.example.org/guide' }
    const { hast, messages } = renderMarkdown(`# Triage\n\n> [!VIDEO ${url}]\n>\n> Kept.\n`, { strings, video })
    expect(messages).toEqual([`en-us/guide/page.md:3:3: error: ${reason} [docfx-video-url]`])
    expect(selectAll('iframe, div, blockquote', hast)).toEqual([])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Kept.'])
  })

  it('should take the video hosts from the policy it is given', function () {
    const video = { hosts: ['media.example.org'] }
    const { hast, messages } = renderMarkdown(`> [!VIDEO https://media.example.org/v/1]\n\n> [!VIDEO ${embed}]\n`, { strings, video })
    expect(messages).toEqual([`en-us/guide/page.md:3:3: error: ${notListed('www.microsoft.com')} [docfx-video-url]`])
    expect(selectAll('iframe', hast).map((node) => node.properties.src)).toEqual(['https://media.example.org/v/1'])
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

describe('video privacy (DocFX FixUpLink)', function () {
  it.each([
    ['https://www.youtube.com/embed/x1?start=30', 'https://www.youtube-nocookie.com/embed/x1?start=30'],
    ['https://youtube.com/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://www.youtube.com/watch?v=x1&t=30', 'https://www.youtube-nocookie.com/embed/x1?t=30'],
    ['https://youtu.be/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://www.youtube-nocookie.com/embed/x1', 'https://www.youtube-nocookie.com/embed/x1'],
    ['https://channel9.msdn.com/Shows/On-NET/Intro/player', 'https://channel9.msdn.com/Shows/On-NET/Intro/player?nocookie=true'],
    ['https://Channel9.msdn.com/Shows/x/player?format=html5', 'https://channel9.msdn.com/Shows/x/player?format=html5&nocookie=true'],
    ['https://channel9.msdn.com/x/player?nocookie=true', 'https://channel9.msdn.com/x/player?nocookie=true'],
  ])('should embed `%s` as `%s`', function (url, src) {
    for (const markdown of [`> [!VIDEO ${url}]\n`, `:::video source="${url}" title="Triage":::\n`]) {
      const { hast, messages } = renderMarkdown(markdown, { strings })
      expect(messages).toEqual([])
      expect(selectAll('div.video > iframe', hast).map((node) => node.properties.src)).toEqual([src])
    }
  })

  it('should say so when the private host is not in `videoHosts`', function () {
    const { hast, messages } = renderMarkdown('> [!VIDEO https://youtu.be/x1]\n', { strings, video: { hosts: ['www.youtube.com'] } })
    expect(messages).toEqual([
      'en-us/guide/page.md:1:3: error: Video host `www.youtube-nocookie.com` is not in `videoHosts` (tolk embeds `youtu.be` videos from `www.youtube-nocookie.com`); add it to the config if it is a video player you trust, and the video is left out [docfx-video-url]',
    ])
    expect(selectAll('iframe', hast)).toEqual([])
  })
})

describe('remarkDocfxVideoDirective (`:::video`)', function () {
  it('should render `:::video` like `[!VIDEO]`, titled by its `title`', function () {
    const markdown = `Watch this first.\n\n:::video source="${embed}" title="Isolating a device" thumbnail="media/t.png" upload-date="2024-01-01" duration="PT4M" max-width="640":::\n\nAfter.\n`
    const { hast, messages } = renderMarkdown(markdown, { locale: 'nl-nl', strings })
    expect(messages).toEqual([])
    const children = hast.children.filter((node) => node.type === 'element')
    expect(children.map((node) => [node.tagName, node.properties.className])).toEqual([
      ['p', undefined],
      ['div', ['video']],
      ['p', undefined],
    ])
    expect(select('div.video', hast)!.properties).toEqual({ className: ['video'] })
    expect(select('div.video > iframe', hast)!.properties).toEqual({
      src: embed,
      title: 'Isolating a device',
      allowFullScreen: true,
      allow: 'fullscreen; picture-in-picture; encrypted-media',
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: ['allow-scripts', 'allow-presentation', 'allow-popups'],
    })
    expect(toString(hast)).not.toContain(':::')
  })

  it('should cut a paragraph around an inline `:::video` and use the page title without `title`', function () {
    const { hast, messages } = renderMarkdown(`Before the video\n:::video source="${embed}":::\nand after it.\n`, { strings })
    expect(messages).toEqual([])
    const children = hast.children.filter((node) => node.type === 'element')
    expect(children.map((node) => [node.tagName, toString(node)])).toEqual([
      ['p', 'Before the video'],
      ['div', ''],
      ['p', 'and after it.'],
    ])
    expect(select('iframe', hast)!.properties.title).toBe('Ingesloten video')
  })

  it.each([
    [':::video title="Intro":::', '`:::video` needs a `source="https://…"` attribute; the video is left out'],
    [':::video source="" title="Intro":::', '`:::video` needs a `source="https://…"` attribute; the video is left out'],
    [`:::video source="${embed}" autoplay="true":::`, "`:::video` has an attribute DocFX does not know, `autoplay` (known: `source`, `title`, `max-width`, `thumbnail`, `upload-date`, `duration`, `type`); the video is left out"],
    [`:::video source="${embed}" max-width="wide":::`, '`:::video` `max-width` must be a number of pixels, not `wide`; the video is left out'],
    [':::video source="https://evil.example/v" title="Intro":::', `${notListed('evil.example')}`],
    [':::video source="http://www.youtube.com/embed/x" title="Intro":::', 'Video URL `http://www.youtube.com/embed/x` must use `https:`; the video is left out'],
  ])('should refuse `%s` with an error at its position', function (directive, reason) {
    const { hast, messages } = renderMarkdown(`# Triage\n\n- Step:\n  ${directive}\n`, { strings })
    expect(messages).toEqual([`en-us/guide/page.md:4:3: error: ${reason} [docfx-video-url]`])
    expect(selectAll('iframe, div.video', hast)).toEqual([])
    expect(toString(hast)).not.toContain(':::')
    expect(toString(select('li', hast)!).trim()).toBe('Step:')
  })

  it('should report a bad `:::video` in an include at the include', function () {
    const { messages } = renderMarkdown('[!INCLUDE [x](../includes/video.md)]\n', {
      files: { 'includes/video.md': 'Intro.\n\n  :::video source="https://evil.example/v":::\n' },
    })
    expect(messages).toEqual([`en-us/includes/video.md:3:3: error: ${notListed('evil.example')} [docfx-video-url]`])
  })

  it('should warn that a complex video is shown as a plain one', function () {
    const { hast, messages } = renderMarkdown(`:::video source="${embed}" title="Intro" type="complex":::\nA narrated walk-through.\n:::video-end:::\n`, { strings })
    expect(messages[0]).toBe(
      'en-us/guide/page.md:1:1: warning: `:::video type="complex"` (a video with a description) is shown as a plain video; its description stays on the page as text [unsupported-docfx]',
    )
    expect(selectAll('div.video > iframe', hast)).toHaveLength(1)
    expect(toString(hast)).toContain('A narrated walk-through.')
  })

  it('should leave a `:::video` in inline code alone', function () {
    const { hast, messages } = renderMarkdown('Write `:::video source="https://x.example/v":::` on its own line.\n', { strings })
    expect(messages).toEqual([])
    expect(selectAll('iframe', hast)).toEqual([])
    expect(toString(select('code', hast)!)).toBe(':::video source="https://x.example/v":::')
  })
})

describe('checkVideoUrl', function () {
  it('should compare the host exactly, IP literals included', function () {
    const policy = { hosts: ['www.youtube-nocookie.com'], siteUrl: 'https://docs.example.org' }
    expect(checkVideoUrl('https://[::1]/x', policy)).toEqual({ problem: notListed('[::1]') })
    expect(checkVideoUrl('https:\\\\evil.example\\www.youtube.com', policy)).toEqual({ problem: notListed('evil.example') })
    expect(checkVideoUrl('https://www.youtube.com\\@evil.example/', policy)).toEqual({ url: 'https://www.youtube-nocookie.com/@evil.example/' })
    expect(checkVideoUrl(' https://www.youtube.com/x', policy)).toEqual({ url: 'https://www.youtube-nocookie.com/x' })
  })
})

describe('rehypeDocfxVideo', function () {
  it('should drop a placeholder whose URL the video policy refuses instead of embedding it', function () {
    const tree: Root = {
      type: 'root',
      children: [
        h('div', { tolkVideo: 'http://www.example.com/v' }),
        h('div', { tolkVideo: 'https://evil.example/v' }),
        h('div', { tolkVideo: '/en-us/media/x.svg' }),
        h('div', { tolkVideo: embed }),
        h('p', 'After.'),
      ],
    }
    const file = new VFile()
    unified().use(rehypeDocfxVideo).runSync(tree, file)
    expect(tree.children.map((node) => (node.type === 'element' ? node.tagName : node.type))).toEqual(['div', 'p'])
    expect(select('div', tree)!.properties).toEqual({ className: ['video'] })
    expect(select('div > iframe', tree)!.properties.src).toBe(embed)
  })
})
