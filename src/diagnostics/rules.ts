/**
 * The one catalogue of diagnostic rules: every message tolk prints carries one
 * of these ids, and its default severity comes from here.
 */
export const rules = {
  'invalid-config': { severity: 'error' },
  'unknown-locale': { severity: 'error' },
  'front-matter-yaml': { severity: 'error' },
  'missing-title': { severity: 'error' },
  'invalid-front-matter': { severity: 'error' },
  'include-not-found': { severity: 'error' },
  'include-cycle': { severity: 'error' },
  'include-outside-root': { severity: 'error' },
  'include-too-deep': { severity: 'error' },
  'untranslated-include': { severity: 'warning' },
  'broken-link': { severity: 'error' },
  'broken-anchor': { severity: 'error' },
  'missing-asset': { severity: 'error' },
  'invalid-url': { severity: 'error' },
  'link-case': { severity: 'warning' },
  'link-to-unbuilt-page': { severity: 'warning' },
  'link-to-fallback': { severity: 'warning' },
  'redirected-link': { severity: 'warning' },
  'duplicate-page': { severity: 'error' },
  'template-error': { severity: 'error' },
  'unknown-ui-string': { severity: 'error' },
  'invalid-ui-strings': { severity: 'error' },
  'missing-ui-string': { severity: 'warning' },
  'invalid-date': { severity: 'warning' },
  'read-error': { severity: 'error' },
  'toc-invalid': { severity: 'error' },
  'toc-broken-link': { severity: 'error' },
  'orphan-page': { severity: 'warning' },
  'invalid-redirects': { severity: 'error' },
  'redirects-json-lenient': { severity: 'warning' },
  'broken-redirect': { severity: 'warning' },
  'internal-error': { severity: 'error' },
  'content-too-complex': { severity: 'error' },
  'unsafe-html': { severity: 'warning' },
  'docfx-tab-empty': { severity: 'warning' },
  'docfx-div-class': { severity: 'warning' },
  'docfx-video-url': { severity: 'error' },
  'unsupported-docfx': { severity: 'warning' },
  'docfx-image-invalid': { severity: 'error' },
  'docfx-layout-unclosed': { severity: 'error' },
} as const

export type RuleId = keyof typeof rules
export type Severity = 'error' | 'warning'
