/**
 * Inputs for the whole-build fuzz cases: edits of the sample guide's TOC, an
 * include, its redirection file and a UI-string file, as data (so fast-check
 * prints and shrinks them) with the functions that apply them.
 */
import fc from 'fast-check'
import { mutate as mutateText, mutationArbitrary, type Mutation } from './fuzz-inputs.ts'

/**
 * Generators that produce output outside the policy on today's code because
 * another helper's fix is not merged yet; they are off until then.
 * TODO(lead): set each to `true` after merging the branch named.
 */
export const enabledAfterMerge = {
  /** Item 4 (urlpolicy): `javascript:`/`data:`/`//host` TOC hrefs and redirect URLs reach sidebar, breadcrumbs, pagination and redirect pages. */
  hostileNavigationUrls: true,
  /** Item 5 (output): redirect `source_path`s that leave the locale root write outside the output folder. */
  escapingRedirectSources: true,
}

const tocNames = [
  'Plain name',
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=alert(1)>',
  '{{t "site.title"}}',
  '{{{content}}}',
  '\u202eevil\u202c',
  '',
  ' ',
]

const safeHrefs = [
  'index.md',
  'incident-response/analyze.md',
  'incident-response/analyze.md#containment',
  'incident-response/missing.md',
  'incident-response/',
  '/en-us/incident-response/prepare',
  'https://example.org/page',
  'mailto:soc@example.org',
  'incident-response/media/shield-alert.svg',
  '../outside.md',
  '../../../../etc/passwd',
  'TOC.yml',
  '',
  '#',
  '?x=1',
]

const hostileHrefs = [
  'javascript:window.__pwned=1',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'jav&#x61;script:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/',
  '\\\\evil.example\\x',
  'file:///etc/passwd',
]

const hrefs = () => [...safeHrefs, ...(enabledAfterMerge.hostileNavigationUrls ? hostileHrefs : [])]

export type TocEdit =
  | { kind: 'entries'; entries: Array<{ name: string; href: string | undefined; nested: boolean }> }
  | { kind: 'text'; mutations: Mutation[] }

export interface RedirectEntry {
  source_path: string
  redirect_url: string
}

export type RedirectsEdit = { kind: 'entries'; entries: RedirectEntry[] } | { kind: 'raw'; text: string }

export interface UiStringsEdit {
  values: Array<{ key: string; value: string }>
  /** A broken file instead, when set. */
  raw: string | undefined
}

/** Each file is left as it is about half the time, so that some builds succeed and write every kind of page. */
export interface SiteFileMutations {
  toc: TocEdit | undefined
  include: Mutation[] | undefined
  redirects: RedirectsEdit | undefined
  uiStrings: UiStringsEdit | undefined
}

const sourcePaths = [
  'old-page.md',
  'incident-response/old-analyze.md',
  'incident-response/analyze.md',
  'index.md',
  'incident-response/includes/applies-to.md',
  'old<script>.md',
  'old"quote.md',
  'javascript:x,.md',
]

const escapingSourcePaths = ['../../../x.md', '/tmp/tolk-fuzz-escape.md', '/../x.md', '..\\..\\x.md', '../da-dk/index.md']

const redirectUrls = [
  '/en-us/incident-response/analyze',
  'incident-response/analyze.md',
  '/en-us/incident-response/old-analyze',
  'https://example.org/moved',
  'https://ir-guide.example.org/en-us/',
  '/en-us/missing',
  '',
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=alert(1)>',
]

const rawRedirects = ['', '{', '[]', '{"redirections": 5}', '{"redirections": [{"source_path": 1}]}', '{"redirections": [{}]}', '{\u00a0"redirections": []}', 'null']

const uiKeys = [
  'locale.name',
  'site.title',
  'nav.previous',
  'notice.untranslated',
  'notice.machine.link',
  'redirect.text',
  'footer.text',
  'alert.note',
  'video.title',
  'notFound.title',
  'root.title',
  'switcher.label',
  'locale.dateStyle',
]

const uiValues = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=alert(1)>',
  '{language} {sourceLanguage} {name} {url}',
  '{{content}} {{{content}}}',
  '',
  'javascript:alert(1)',
  '\u202e',
  '</title><script>alert(1)</script>',
]

const rawUiStrings = ['', '{', '[]', '{"locale.name": 5}', '{"locale.name": {"x": 1}}', 'null', '{"a": "\u0000"}']

export function siteFileMutationArbitrary(): fc.Arbitrary<SiteFileMutations> {
  const href = fc.option(fc.constantFrom(...hrefs()), { nil: undefined })
  const toc: fc.Arbitrary<TocEdit> = fc.oneof(
    fc.record({
      kind: fc.constant('entries' as const),
      entries: fc.array(fc.record({ name: fc.constantFrom(...tocNames), href, nested: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('text' as const), mutations: fc.array(mutationArbitrary, { maxLength: 4 }) }),
  )
  const sources = [...sourcePaths, ...(enabledAfterMerge.escapingRedirectSources ? escapingSourcePaths : [])]
  const urls = [...redirectUrls, ...(enabledAfterMerge.hostileNavigationUrls ? hostileHrefs : [])]
  const redirects: fc.Arbitrary<RedirectsEdit | undefined> = fc.option(
    fc.oneof(
      {
        arbitrary: fc.record({
          kind: fc.constant<'entries'>('entries'),
          entries: fc.array(fc.record({ source_path: fc.constantFrom(...sources), redirect_url: fc.constantFrom(...urls) }), { maxLength: 4 }),
        }),
        weight: 4,
      },
      { arbitrary: fc.record({ kind: fc.constant<'raw'>('raw'), text: fc.constantFrom(...rawRedirects) }), weight: 1 },
    ),
    { nil: undefined },
  )
  const uiStrings = fc.record({
    values: fc.array(fc.record({ key: fc.constantFrom(...uiKeys), value: fc.constantFrom(...uiValues) }), { maxLength: 4 }),
    raw: fc.option(fc.constantFrom(...rawUiStrings), { nil: undefined, freq: 8 }),
  })
  const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 })
  return fc.record({
    toc: sometimes(toc),
    include: sometimes(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 })),
    redirects,
    uiStrings: sometimes(uiStrings),
  })
}

export function applyTocEdit(text: string, edit: TocEdit, seeds: string[]): string {
  if (edit.kind === 'text') return mutateText(text, edit.mutations, seeds)
  const lines = edit.entries.map(({ name, href, nested }) => {
    const entry = `- name: ${JSON.stringify(name)}${href === undefined ? '' : `\n  href: ${JSON.stringify(href)}`}`
    return nested ? `- name: Group\n  items:\n${entry.replace(/^/gm, '    ')}` : entry
  })
  return `${text.trimEnd()}\n${lines.join('\n')}\n`
}

export function redirectionFileText(edit: RedirectsEdit): string {
  if (edit.kind === 'raw') return edit.text
  return `${JSON.stringify({ redirections: edit.entries }, null, 2)}\n`
}

export function applyUiStringsEdit(text: string, edit: UiStringsEdit): string {
  if (edit.raw !== undefined) return edit.raw
  const strings = JSON.parse(text) as Record<string, string>
  for (const { key, value } of edit.values) strings[key] = value
  return `${JSON.stringify(strings, null, 2)}\n`
}
