import { describe, expect, it } from 'vitest'
import { requestPath } from '../../../src/dev/request-path.ts'

describe('requestPath', function () {
  it('should map URLs under the base to site-relative paths', function () {
    expect(requestPath('/da-dk/guide/', '/')).toBe('da-dk/guide/')
    expect(requestPath('/docs/da-dk/guide/?tabs=portal#x', '/docs/')).toBe('da-dk/guide/')
    expect(requestPath('/', '/')).toBe('')
    expect(requestPath('/da-dk/h%C3%A6ndelser/', '/')).toBe('da-dk/hændelser/')
  })

  it('should refuse every way of leaving the served roots', function () {
    for (const url of [
      '/../package.json',
      '/da-dk/../../tolk.config.ts',
      '/%2e%2e/package.json',
      '/da-dk/%2E%2E/%2e%2e/etc/passwd',
      '/da-dk%2f..%2f..%2fpackage.json',
      '/da-dk/..%5c..%5cpackage.json',
      '/da-dk/%00.md',
      '/da-dk/./guide/',
      '//etc/passwd',
      '/other/da-dk/',
      '/%E0%A4%A/',
    ]) {
      expect(requestPath(url, url.startsWith('/other') ? '/docs/' : '/'), url).toBeUndefined()
    }
  })
})
