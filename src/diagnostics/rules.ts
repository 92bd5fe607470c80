/**
 * The one catalogue of diagnostic rules: every message tolk prints carries one
 * of these ids, and its default severity comes from here. A site may set any
 * rule to `error`, `warning` or `off` (config `rules`, `--rule`; see
 * rule-settings.ts), except that a rule with a `locked` reason can never be
 * lowered: it guards the site's integrity, because lowering it would publish a
 * site with a page, include, navigation or setting silently lost, or write
 * where tolk may not. The reason is printed when someone tries.
 */
export const rules = {
  'invalid-config': { severity: 'error', locked: 'without a valid config there is no site to build' },
  'unknown-locale': { severity: 'error', locked: 'the default locale must be one the site builds' },
  'front-matter-yaml': { severity: 'error', locked: 'an article whose front matter cannot be read would be published without its metadata' },
  'missing-title': { severity: 'error' },
  'invalid-front-matter': { severity: 'error', locked: 'an article whose front matter is invalid would be published without its metadata' },
  'include-not-found': { severity: 'error', locked: 'a missing include leaves its page incomplete' },
  'include-cycle': { severity: 'error', locked: 'an include cycle leaves its page incomplete' },
  'include-outside-root': { severity: 'error', locked: 'an include outside the content root is never read' },
  'include-too-deep': { severity: 'error', locked: 'a runaway include leaves its page incomplete' },
  'untranslated-include': { severity: 'warning' },
  'broken-link': { severity: 'error' },
  'broken-anchor': { severity: 'error' },
  'missing-asset': { severity: 'error' },
  'invalid-url': { severity: 'error' },
  'link-case': { severity: 'warning' },
  'link-to-unbuilt-page': { severity: 'warning' },
  'link-to-fallback': { severity: 'warning' },
  'redirected-link': { severity: 'warning' },
  'duplicate-page': { severity: 'error', locked: 'one of the two articles would be lost' },
  'template-error': { severity: 'error', locked: 'without a working template no page can be written' },
  'unknown-ui-string': { severity: 'error', locked: 'a template would show a missing string' },
  'invalid-ui-strings': { severity: 'error', locked: "a locale's UI strings would be lost" },
  'missing-ui-string': { severity: 'warning' },
  'invalid-date': { severity: 'warning' },
  'read-error': { severity: 'error', locked: 'a file that cannot be read is lost from the site' },
  'toc-invalid': { severity: 'error', locked: 'a TOC that cannot be read leaves its locale without navigation' },
  'toc-broken-link': { severity: 'error' },
  'orphan-page': { severity: 'warning' },
  'invalid-redirects': { severity: 'error', locked: 'a redirection file that cannot be read loses every redirect' },
  'redirects-json-lenient': { severity: 'warning' },
  'broken-redirect': { severity: 'warning' },
  'internal-error': { severity: 'error', locked: 'a bug in tolk left a page unbuilt' },
  'content-too-complex': { severity: 'error', locked: 'a page too complex to render is lost from the site' },
  'unsafe-html': { severity: 'warning' },
  'docfx-tab-empty': { severity: 'warning' },
  'docfx-div-class': { severity: 'warning' },
  'docfx-video-url': { severity: 'error' },
  'unsupported-docfx': { severity: 'warning' },
  'docfx-image-invalid': { severity: 'error' },
  'docfx-layout-unclosed': { severity: 'error' },
  'unsafe-url': { severity: 'error' },
  'redirect-collision': { severity: 'error', locked: 'a redirect and a page would claim the same file' },
  'unsafe-output-dir': { severity: 'error', locked: 'the output folder may not be replaced' },
  'unsafe-output-path': { severity: 'error', locked: 'a file would be written outside the output folder' },
  'output-error': { severity: 'error', locked: 'the output folder could not be written' },
  'unsafe-svg': { severity: 'warning' },
  'invalid-svg': { severity: 'error' },
  'file-outside-root': { severity: 'error', locked: 'a file outside its root is never read' },
  'content-too-large': { severity: 'error', locked: 'a file over `maxFileSize` is never read (raise `maxFileSize` instead)' },
  'invalid-encoding': { severity: 'warning' },
  'yaml-warning': { severity: 'warning' },
  'include-too-large': { severity: 'error', locked: 'an include over `maxFileSize` is never read, so its page is incomplete (raise `maxFileSize` instead)' },
  'render-timeout': { severity: 'error', locked: 'a page that timed out is lost from the site (raise `pageTimeout` instead)' },
  'render-out-of-memory': { severity: 'error', locked: 'a page whose worker ran out of memory is lost from the site' },
  'duplicate-anchor': { severity: 'warning' },
  'link-backslash': { severity: 'warning' },
  'include-inline-block': { severity: 'warning' },
  'code-file-missing': { severity: 'error' },
  'code-snippet-not-found': { severity: 'error' },
  'code-range-invalid': { severity: 'error' },
  'code-snippet-invalid': { severity: 'error' },
  'docfx-tab-duplicate': { severity: 'warning' },
  'docfx-div-attribute': { severity: 'warning' },
  'xref-not-found': { severity: 'error' },
  'xref-duplicate-uid': { severity: 'warning' },
  'xref-map-unavailable': { severity: 'error' },
  'xref-map-cached': { severity: 'warning' },
  'xref-map-entry': { severity: 'warning' },
  'table-extra-cells': { severity: 'warning' },
  'search-index': { severity: 'warning' },
  'shard-missing': { severity: 'error', locked: 'a page no shard holds is lost from the merged site' },
  'shard-mismatch': { severity: 'error', locked: "a shard of other sources would put another commit's pages in the site" },
} as const

export type RuleId = keyof typeof rules
export type Severity = 'error' | 'warning'

/** Why a rule can never be lowered, or `undefined` when it can be. */
export function lockedReason(ruleId: RuleId): string | undefined {
  const rule = rules[ruleId]
  return 'locked' in rule ? rule.locked : undefined
}

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(rules, id)
}
