import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../../src/config/resolve-config.ts'
import { computedUrl, isSafeUrl, printableUrl, relativeHref, safeUrl } from '../../../src/links/url-policy.ts'
import { relativeUrl } from '../../../src/links/urls.ts'

describe('safeUrl', function () {
  it('should allow http(s) with a host and mailto, as written', function () {
    for (const url of ['https://learn.microsoft.com/da-dk/', 'http://localhost:5173/x?y#z', 'HTTPS://Example.org', 'mailto:soc@example.org']) {
      expect(safeUrl(url)).toEqual({ ok: true, url })
    }
  })

  it('should keep relative URLs that cannot hold a scheme and prefix the others with `./`', function () {
    expect(['./a/', '../a/', '/a/', '#x', '?tabs=1', '', 'a/b.md', 'javascript:x,/page/'.replace(/^/, './'), 'media/a b.png'].map((url) => safeUrl(url))).toEqual([
      { ok: true, url: './a/' },
      { ok: true, url: '../a/' },
      { ok: true, url: '/a/' },
      { ok: true, url: '#x' },
      { ok: true, url: '?tabs=1' },
      { ok: true, url: '' },
      { ok: true, url: './a/b.md' },
      { ok: true, url: './javascript:x,/page/' },
      { ok: true, url: './media/a b.png' },
    ])
  })

  it('should refuse every scheme but http(s) and mailto, however it is disguised', function () {
    const vectors: Array<[string, string]> = [
      ['javascript:alert(1)', 'javascript'],
      ['JaVaScRiPt:alert(1)', 'javascript'],
      [' javascript:alert(1)', 'javascript'],
      ['\u0001\u0020javascript:alert(1)', 'javascript'],
      ['java\tscript:alert(1)', 'javascript'],
      ['java\nscript:alert(1)', 'javascript'],
      ['java\r\nscript:alert(1)', 'javascript'],
      ['&#106;avascript:alert(1)', 'javascript'],
      ['&#x6A;avascript&colon;alert(1)', 'javascript'],
      ['javascript&#58;alert(1)', 'javascript'],
      ['&amp;#106;avascript:alert(1)', 'javascript'],
      ['jav&Tab;ascript:alert(1)', 'javascript'],
      ['data:text/html,<script>alert(1)</script>', 'data'],
      ['DATA:image/svg+xml;base64,PHN2Zz4=', 'data'],
      ['vbscript:msgbox(1)', 'vbscript'],
      ['file:///etc/passwd', 'file'],
      ['ms-settings:privacy', 'ms-settings'],
      ['tel:+4512345678', 'tel'],
    ]
    for (const [url, scheme] of vectors) {
      expect(safeUrl(url), JSON.stringify(url)).toEqual({ ok: false, reason: `\`${scheme}:\` URLs are not allowed` })
    }
  })

  it('should refuse protocol-relative URLs, also with backslashes, and http(s) without a host', function () {
    for (const url of ['//evil.example/x', ' //evil.example', '\\\\evil.example', '/\\evil.example', '\t//evil.example', '/&#47;evil.example']) {
      expect(safeUrl(url), JSON.stringify(url)).toEqual({ ok: false, reason: 'protocol-relative URLs (`//host`) are not allowed' })
    }
    expect(safeUrl('https:evil.example')).toEqual({ ok: false, reason: '`https:` URL without a host' })
    expect(safeUrl('http:///x')).toEqual({ ok: false, reason: '`http:` URL without a host' })
  })

  it('should write the URL as a browser reads it: tabs and newlines removed, ends trimmed', function () {
    expect(safeUrl(' https://exa\tmple.org/a\n ')).toEqual({ ok: true, url: 'https://example.org/a' })
    expect(safeUrl(' guide/a.md ')).toEqual({ ok: true, url: './guide/a.md' })
    expect(isSafeUrl('javascript:x')).toBe(false)
    expect(isSafeUrl('./javascript:x')).toBe(true)
  })
})

describe('relativeHref', function () {
  it('should prefix `./` unless the URL starts with `./`, `../`, `/`, `#` or `?`', function () {
    expect(['javascript:x,/a/', 'a', '.', '..', '.hidden/a', '//x', './a', '../a', '/a', '#a', '?a', ''].map(relativeHref)).toEqual([
      './javascript:x,/a/', './a', './', '../', './.hidden/a', './//x', './a', '../a', '/a', '#a', '?a', '',
    ])
  })
})

describe('relativeUrl', function () {
  it('should always start with `./` or `../`', function () {
    expect(relativeUrl('en-us/', 'en-us/analyze/')).toBe('./analyze/')
    expect(relativeUrl('en-us/', 'en-us/javascript:x,/page/')).toBe('./javascript:x,/page/')
    expect(relativeUrl('en-us/a/', 'en-us/')).toBe('../')
    expect(relativeUrl('en-us/a/', 'en-us/a/')).toBe('./')
    expect(relativeUrl('en-us/a/', 'da-dk/b/')).toBe('../../da-dk/b/')
  })
})

describe('computedUrl', function () {
  it("should return the policy's form of a URL tolk made, and throw (a tolk bug) on one the policy refuses", function () {
    expect(computedUrl('da-dk/')).toBe('./da-dk/')
    expect(() => computedUrl('javascript:alert(1)')).toThrow('The URL policy refused a URL tolk made (`javascript:alert(1)`): `javascript:` URLs are not allowed')
  })
})

describe('printableUrl', function () {
  it('should show control characters as escapes and cut long URLs', function () {
    expect(printableUrl('java\tscript:\u0000x\n')).toBe('java\\tscript:\\u0000x\\n')
    expect(printableUrl(`https://example.org/${'a'.repeat(100)}`)).toHaveLength(80)
  })
})

describe('siteUrl, the base of canonical, hreflang and sitemap URLs', function () {
  it('should be refused by the config schema unless it is http(s)', function () {
    for (const siteUrl of ['javascript:alert(1)', 'data:text/html,x', '//evil.example', 'vbscript:x', 'ftp://example.org', 'https:///evil.example', 'https:evil.example', 'https://evil.example/?q', 'https://evil.example/#f']) {
      const { config } = resolveConfig({ siteUrl, locales: { 'en-us': {} }, defaultLocale: 'en-us' }, new VFile({ path: '/virtual/tolk.config.ts' }), '/virtual')
      expect(config, siteUrl).toBeUndefined()
    }
    for (const base of ['//evil.example/', 'javascript:alert(1)/', '/a//b/']) {
      const { config } = resolveConfig({ siteUrl: 'https://docs.example.org', base, locales: { 'en-us': {} }, defaultLocale: 'en-us' }, new VFile({ path: '/virtual/tolk.config.ts' }), '/virtual')
      expect(config, base).toBeUndefined()
    }
    const { config } = resolveConfig({ siteUrl: 'https://docs.example.org/guide/', locales: { 'en-us': {} }, defaultLocale: 'en-us' }, new VFile({ path: '/virtual/tolk.config.ts' }), '/virtual')
    expect(config?.siteUrl).toBe('https://docs.example.org/guide')
  })
})
