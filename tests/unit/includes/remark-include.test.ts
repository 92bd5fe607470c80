import { selectAll, select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { processorFor, renderMarkdown, siteWith } from '../../helpers/render-markdown.ts'

describe('remarkInclude', function () {
  it('should expand a block include and drop its front matter', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n[!INCLUDE [x](../includes/applies.md)]\n\nAfter.\n', {
      files: { 'includes/applies.md': '---\nauthor: someone\n---\n**Applies to:**\n\n- Defender\n' },
    })
    expect(messages).toEqual([])
    expect(selectAll('li', hast).map((node) => toString(node))).toEqual(['Defender'])
    expect(toString(hast)).not.toContain('author')
    expect(toString(hast)).not.toContain('INCLUDE')
  })

  it('should expand the form without a space and inline includes', function () {
    const { hast, messages } = renderMarkdown('Before [!INCLUDE[name](../includes/name.md)] after.\n', {
      files: { 'includes/name.md': 'Contoso *SOC*\n' },
    })
    expect(messages).toEqual([])
    const paragraph = select('p', hast)!
    expect(toString(paragraph)).toBe('Before Contoso SOC after.')
    expect(select('p > em', hast)).not.toBeNull()
  })

  it('should expand nested includes relative to the including file', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [a](../includes/outer.md)]\n', {
      files: {
        'includes/outer.md': 'Outer.\n\n[!INCLUDE [b](inner/inner.md)]\n',
        'includes/inner/inner.md': 'Inner.\n',
      },
    })
    expect(messages).toEqual([])
    expect(selectAll('p', hast).map((node) => toString(node))).toEqual(['Outer.', 'Inner.'])
  })

  it('should resolve `~/` from the docset root', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [a](~/includes/root.md)]\n', {
      relPath: 'deep/er/page.md',
      files: { 'includes/root.md': 'From the root.\n' },
    })
    expect(messages).toEqual([])
    expect(toString(select('p', hast)!)).toBe('From the root.')
  })

  it('should report a missing include at the directive', function () {
    const { messages } = renderMarkdown('# Page\n\nText.\n\n[!INCLUDE [x](../includes/nope.md)]\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:5:1: error: Cannot find include `../includes/nope.md` [include-not-found]',
    ])
  })

  it('should name the whole chain of an include cycle', function () {
    const { messages } = renderMarkdown('[!INCLUDE [b](../includes/b.md)]\n', {
      relPath: 'guide/a.md',
      files: {
        'includes/b.md': 'B.\n\n[!INCLUDE [c](c.md)]\n',
        'includes/c.md': 'C.\n\n[!INCLUDE [b](b.md)]\n',
      },
    })
    expect(messages).toEqual([
      'en-us/includes/c.md:3:1: error: Include cycle: guide/a.md → includes/b.md → includes/c.md → includes/b.md [include-cycle]',
    ])
  })

  it('should refuse paths that leave the content root', function () {
    const { messages } = renderMarkdown('[!INCLUDE [x](../../../etc/passwd.md)]\n\n[!INCLUDE [y](/etc/passwd)]\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:1:1: error: Include `../../../etc/passwd.md` points outside the content root [include-outside-root]',
      'en-us/guide/page.md:3:1: error: Include path `/etc/passwd` must be relative to the file or start with `~/` [include-outside-root]',
    ])
  })

  it('should stop runaway nesting at the depth limit', function () {
    const files: Record<string, string> = {}
    for (let level = 0; level < 5; level++) files[`includes/l${level}.md`] = `L${level}\n\n[!INCLUDE [n](l${level + 1}.md)]\n`
    files['includes/l5.md'] = 'End.\n'
    const { messages } = renderMarkdown('[!INCLUDE [n](../includes/l0.md)]\n', { files, maxDepth: 3 })
    expect(messages).toEqual([
      'en-us/includes/l2.md:3:1: error: Includes nest more than 3 deep at `l3.md`; is there runaway nesting? [include-too-deep]\n  included via guide/page.md → includes/l0.md → includes/l1.md → includes/l2.md',
    ])
  })

  it('should fall back to the default locale with a warning', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [x](../includes/only-english.md)]\n', {
      locale: 'da-dk',
      fallbackFiles: { 'includes/only-english.md': 'English text.\n' },
    })
    expect(toString(select('p', hast)!)).toBe('English text.')
    expect(messages).toEqual([
      'da-dk/guide/page.md:1:1: warning: Include `../includes/only-english.md` is not translated into `da-dk`; using the `en-us` copy [untranslated-include]',
    ])
  })

  it('should resolve links inside an include relative to the include', function () {
    const { hast, messages } = renderMarkdown('[!INCLUDE [x](../includes/links.md)]\n', {
      relPath: 'guide/page.md',
      files: { 'includes/links.md': '![diagram](media/flow.svg)\n' },
      site: siteWith({ 'en-us': ['guide/page.md'] }, { 'en-us': ['includes/media/flow.svg'] }),
    })
    expect(messages).toEqual([])
    // The page guide/page.md is served at en-us/guide/page/; the image is at en-us/includes/media/flow.svg.
    expect(select('img', hast)!.properties.src).toBe('../../includes/media/flow.svg')
  })
})

describe('remarkInclude across pages of one build', function () {
  const files = {
    'includes/shared.md': 'See [setup](setup.md) and ![flow](media/flow.svg).\n\n[!INCLUDE [inner](inner.md)]\n',
    'includes/inner.md': 'Inner [link](../guide/analyze.md).\n',
  }
  const site = siteWith({ 'en-us': ['guide/page.md', 'deep/er/page.md', 'includes/setup.md', 'guide/analyze.md'] }, { 'en-us': ['includes/media/flow.svg'] })

  it('should rebase the cached include onto each page that uses it, however deep', function () {
    const processor = processorFor({ files })
    const hrefs = (relPath: string, markdown: string) => {
      const { hast, messages } = renderMarkdown(markdown, { relPath, files, site, processor })
      expect(messages).toEqual([])
      return [...selectAll('a', hast).map((node) => node.properties.href), select('img', hast)!.properties.src]
    }
    expect(hrefs('guide/page.md', '[!INCLUDE [x](../includes/shared.md)]\n')).toEqual(['../../includes/setup/', '../analyze/', '../../includes/media/flow.svg'])
    expect(hrefs('deep/er/page.md', '[!INCLUDE [x](../../includes/shared.md)]\n')).toEqual([
      '../../../includes/setup/',
      '../../../guide/analyze/',
      '../../../includes/media/flow.svg',
    ])
  })

  it('should give each page the problems of a cached include', function () {
    const broken = { 'includes/broken.md': '[!INCLUDE [gone](gone.md)]\n' }
    const processor = processorFor({ files: broken })
    for (const relPath of ['guide/a.md', 'guide/b.md']) {
      const { messages } = renderMarkdown('[!INCLUDE [x](../includes/broken.md)]\n', { relPath, files: broken, processor })
      // The note names the chain of the page that first expanded the include.
      expect(messages.map((message) => message.split('\n')[0])).toEqual(['en-us/includes/broken.md:1:1: error: Cannot find include `gone.md` [include-not-found]'])
    }
  })
})
