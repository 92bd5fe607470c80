import { describe, expect, it } from 'vitest'
import { articleOutputFile, articlePath, isExternal, relativeUrl, resolveRelPath, splitUrl } from '../../../src/links/urls.ts'

describe('articlePath', function () {
  it('should turn an article into its folder URL inside its locale', function () {
    expect(articlePath('da-dk', 'guide/analyze.md')).toBe('da-dk/guide/analyze/')
  })

  it('should serve an index article at its folder', function () {
    expect(articlePath('da-dk', 'guide/index.md')).toBe('da-dk/guide/')
    expect(articlePath('da-dk', 'index.md')).toBe('da-dk/')
  })

  it('should not treat a name that only ends in "index" as an index', function () {
    expect(articlePath('en-us', 'guide/reindex.md')).toBe('en-us/guide/reindex/')
  })

  it('should name the output file inside that folder', function () {
    expect(articleOutputFile('ar-sa', 'guide/page.md')).toBe('ar-sa/guide/page/index.html')
  })
})

describe('relativeUrl', function () {
  it('should climb out of the page folder and into another locale', function () {
    expect(relativeUrl('da-dk/guide/a/', 'en-us/guide/b/')).toBe('../../../en-us/guide/b/')
  })

  it('should link a sibling page', function () {
    expect(relativeUrl('da-dk/guide/a/', 'da-dk/guide/b/')).toBe('../b/')
  })

  it('should link the page itself as `./`', function () {
    expect(relativeUrl('da-dk/guide/a/', 'da-dk/guide/a/')).toBe('./')
  })

  it('should link a file without adding a slash', function () {
    expect(relativeUrl('da-dk/guide/a/', 'da-dk/guide/media/flow.png')).toBe('../media/flow.png')
  })

  it('should link the site root with a trailing slash', function () {
    expect(relativeUrl('da-dk/', '')).toBe('../')
  })
})

describe('splitUrl', function () {
  it('should split path, query and fragment', function () {
    expect(splitUrl('analyze.md?tabs=kql#triage')).toEqual({ pathname: 'analyze.md', search: '?tabs=kql', hash: 'triage' })
  })

  it('should return empty parts that are absent', function () {
    expect(splitUrl('analyze.md')).toEqual({ pathname: 'analyze.md', search: '', hash: '' })
    expect(splitUrl('#triage')).toEqual({ pathname: '', search: '', hash: 'triage' })
  })

  it('should keep a question mark after the fragment in the fragment', function () {
    expect(splitUrl('a.md#b?c')).toEqual({ pathname: 'a.md', search: '', hash: 'b?c' })
  })
})

describe('resolveRelPath', function () {
  it('should resolve against the folder of the linking article', function () {
    expect(resolveRelPath('guide/page.md', 'analyze.md')).toBe('guide/analyze.md')
    expect(resolveRelPath('guide/deep/page.md', '../analyze.md')).toBe('guide/analyze.md')
    expect(resolveRelPath('guide/page.md', './media/flow.png')).toBe('guide/media/flow.png')
  })

  it('should return undefined for paths that climb out of the content root', function () {
    expect(resolveRelPath('guide/page.md', '../../secrets.md')).toBeUndefined()
    expect(resolveRelPath('page.md', '..')).toBeUndefined()
  })

  it('should decode percent-escapes', function () {
    expect(resolveRelPath('guide/page.md', 'incident%20response.md')).toBe('guide/incident response.md')
    expect(resolveRelPath('guide/page.md', 'f%C3%B8r.md')).toBe('guide/før.md')
  })

  it('should keep a malformed escape as written', function () {
    expect(resolveRelPath('guide/page.md', '100%.md')).toBe('guide/100%.md')
  })

  it('should drop the trailing slash of a folder', function () {
    expect(resolveRelPath('guide/page.md', 'sub/')).toBe('guide/sub')
  })

  it('should resolve a link to the root folder to the empty path', function () {
    expect(resolveRelPath('guide/page.md', '../')).toBe('')
    expect(resolveRelPath('guide/page.md', '..')).toBe('')
    expect(resolveRelPath('page.md', './')).toBe('')
  })
})

describe('isExternal', function () {
  it('should be true for URLs with a scheme or protocol-relative URLs', function () {
    expect(['https://learn.microsoft.com/', 'mailto:soc@example.org', 'tel:+4512345678', '//cdn.example.org/a.js'].map(isExternal)).toEqual([
      true,
      true,
      true,
      true,
    ])
  })

  it('should be false for relative paths and fragments', function () {
    expect(['analyze.md', '../a/b.md', '#triage', 'media/flow.png', '/docs/a/'].map(isExternal)).toEqual([false, false, false, false, false])
  })
})
