/**
 * The sites the page-kind matrix (tests/e2e/page-kinds.test.ts) looks at:
 * a copy of the sample guide with the page kinds it lacks added in temp
 * (an article no TOC entry lists, holding the content that is hardest to fit
 * on a phone; a DocFX Landing page; a redirect), and a small site whose
 * locales have no `index.md`, for the generated home page.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { copyOfSampleGuide } from './build-site.ts'

export const sampleLocales = ['en-us', 'da-dk', 'nl-nl', 'ar-sa'] as const
export type SampleLocale = (typeof sampleLocales)[number]

/** One page of the matrix: its kind, its locale ('' for site-wide pages) and its path under the site root. */
export interface KindPage {
  kind: string
  locale: string
  path: string
}

const wideRow = (cells: string[]): string => `| ${cells.join(' | ')} |`
const columns = ['Indicator', 'Source', 'First seen', 'Last seen', 'Tenant', 'Owner', 'Severity', 'Status', 'Ticket', 'Playbook', 'Notes']

/**
 * An article no TOC lists, with the content that makes phones scroll
 * sideways: a wide table, a long URL and word, a long code line, an image,
 * a video, DocFX columns and an op-single-selector list.
 */
const wideContent = `---
title: Reading wide evidence tables
description: Content that is wider than a phone, kept readable.
ms.date: 03/08/2026
---

# Reading wide evidence tables

> [!div class="op_single_selector"]
> - [Prepare](prepare.md)
> - [Analyze](analyze.md)
> - [Contain and remediate](remediate.md)
> - [Post-incident review](post-incident-review.md)

Evidence tables list every indicator of an incident:

${wideRow(columns)}
${wideRow(columns.map(() => '---'))}
${wideRow(['203.0.113.45', 'MicrosoftDefenderForEndpointDeviceNetworkEvents', '2026-03-08T09:14:55Z', '2026-03-08T11:02:17Z', 'contoso.onmicrosoft.com', 'soc-tier2@contoso.com', 'High', 'Investigating', 'INC-0042-7781', 'phishing-containment-v3', 'Blocked at the proxy after the second beacon'])}

Raw sign-in logs come from https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=00000000-0000-0000-0000-000000000000&response_type=code&redirect_uri=https%3A%2F%2Fcontoso.example%2Fsignin-oidc&scope=openid and are kept for ninety days; the table name is EmailAttachmentInfoEmailUrlInfoEmailPostDeliveryEventsIdentityLogonEvents.

\`\`\`kusto
SigninLogs | where TimeGenerated > ago(7d) | where ResultType == 0 | summarize Countries = make_set(LocationDetails.countryOrRegion), Apps = make_set(AppDisplayName) by UserPrincipalName | where array_length(Countries) > 1
\`\`\`

![The response lifecycle](media/response-lifecycle.svg)

> [!VIDEO https://www.youtube-nocookie.com/embed/M7lc1UVf-VE]

:::row:::
:::column:::
**Contain**: isolate the device and revoke the sessions of every account it used.
:::column-end:::
:::column:::
**Eradicate**: remove the persistence the attacker left and reset the credentials.
:::column-end:::
:::column:::
**Recover**: bring the device back and watch it for a week.
:::column-end:::
:::row-end:::
`

const landingPage = `### YamlMime:Landing
title: Start responding
summary: Where to begin when an alert fires.
metadata:
  title: Start responding
  description: Where to begin when an alert fires.
  ms.date: 03/08/2026
landingContent:
- title: Before an incident
  linkLists:
  - linkListType: overview
    links:
    - text: Prepare
      url: prepare.md
- title: During an incident
  linkLists:
  - linkListType: how-to-guide
    links:
    - text: Analyze
      url: analyze.md
    - text: Contain and remediate
      url: remediate.md
- title: After an incident
  linkLists:
  - linkListType: concept
    links:
    - text: Post-incident review
      url: post-incident-review.md
`

/** True when some `.yml` below `dir` is a DocFX Landing page. */
function hasLandingPage(dir: string): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.yml') && entry.name !== 'TOC.yml') {
      if (readFileSync(path.join(entry.parentPath, entry.name), 'utf8').startsWith('### YamlMime:Landing')) return true
    }
  }
  return false
}

/**
 * The sample guide in temp with the kinds it lacks, and the pages of each
 * kind. The added pages are English only: the other locales show them as
 * fallback pages.
 */
export function pageKindSample(): { siteDir: string; pages: KindPage[] } {
  const siteDir = copyOfSampleGuide('tolk-page-kinds-')
  const english = path.join(siteDir, 'content/en-us')
  writeFileSync(path.join(english, 'incident-response/reading-wide-evidence.md'), wideContent)
  let landing = 'incident-response/start-responding/'
  if (hasLandingPage(english)) {
    // The sample has a Landing page of its own: use it.
    const found = readdirSync(english, { recursive: true, encoding: 'utf8' }).find((name) => name.endsWith('.yml') && readFileSync(path.join(english, name), 'utf8').startsWith('### YamlMime:Landing'))!
    landing = found.replace(/(^|\/)index\.yml$/, '$1').replace(/\.yml$/, '/')
  } else writeFileSync(path.join(english, 'incident-response/start-responding.yml'), landingPage)
  const redirectionFile = path.join(english, '.openpublishing.redirection.json')
  if (!existsSync(redirectionFile)) {
    writeFileSync(redirectionFile, JSON.stringify({ redirections: [{ source_path: 'incident-response/triage.md', redirect_url: '/incident-response/analyze' }] }))
  }

  const pages: KindPage[] = [
    { kind: 'root', locale: '', path: '' },
    { kind: 'status', locale: '', path: 'translation-status/' },
    { kind: '404', locale: '', path: '404.html' },
  ]
  for (const locale of sampleLocales) {
    const translated = (relPath: string) => existsSync(path.join(siteDir, 'content', locale, relPath))
    pages.push(
      { kind: 'home', locale, path: `${locale}/` },
      // ar-sa translates only the overview: that is its article with a TOC entry, and the right-to-left page.
      { kind: locale === 'ar-sa' ? 'rtl-article' : 'article', locale, path: translated('incident-response/analyze.md') ? `${locale}/incident-response/analyze/` : `${locale}/incident-response/` },
      { kind: 'no-toc', locale, path: `${locale}/incident-response/reading-wide-evidence/` },
      // Tabs, code references and a checklist: the page the accessibility test used to check.
      ...(locale === 'en-us' ? [{ kind: 'tabs', locale, path: `${locale}/incident-response/investigate-phishing/` }] : []),
      { kind: 'landing', locale, path: `${locale}/${landing}` },
      { kind: 'redirect', locale, path: `${locale}/incident-response/triage/` },
      { kind: '404', locale, path: `${locale}/404.html` },
    )
    // A fallback page of the sample's own (the default locale has none).
    const fallback = ['incident-response/investigate-identity-attacks.md', 'incident-response/analyze.md', 'incident-response/remediate.md'].find((relPath) => !translated(relPath))
    if (fallback) pages.push({ kind: 'fallback', locale, path: `${locale}/${fallback.replace(/\.md$/, '/')}` })
  }
  return { siteDir, pages }
}

/** A site whose locales have no `index.md`, so tolk generates each home page. */
export function generatedHomeSite(): { siteDir: string; pages: KindPage[] } {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-generated-home-'))
  const config = { defaultLocale: 'en-us', locales: Object.fromEntries(sampleLocales.map((code) => [code, {}])) }
  writeFileSync(path.join(siteDir, 'tolk.config.ts'), `export default ${JSON.stringify(config, null, 2)}\n`)
  const titles: Record<SampleLocale, string> = { 'en-us': 'First steps', 'da-dk': 'Første skridt', 'nl-nl': 'Eerste stappen', 'ar-sa': 'الخطوات الأولى' }
  for (const locale of sampleLocales) {
    const dir = path.join(siteDir, 'content', locale)
    mkdirSync(path.join(dir, 'guide'), { recursive: true })
    writeFileSync(path.join(dir, 'TOC.yml'), `- name: ${titles[locale]}\n  href: guide/first-steps.md\n`)
    writeFileSync(path.join(dir, 'guide/first-steps.md'), `---\ntitle: ${titles[locale]}\nms.date: 03/08/2026\n---\n\n# ${titles[locale]}\n\n${titles[locale]}.\n`)
  }
  return { siteDir, pages: sampleLocales.map((locale) => ({ kind: 'generated-home', locale, path: `${locale}/` })) }
}

/** The corpus pages the slice holds, below `microsoft-365/`: real content that is hard to fit on a phone. */
const corpusArticles = {
  /** In the slice's TOC: tables, PowerShell and long registry paths. */
  article: 'security/defender-endpoint/printer-protection.md',
  /** Wide tables of settings and long XML/JSON code. */
  wide: 'security/defender-endpoint/device-control-removable-storage-access-control.md',
  /** API reference: long request URLs, JSON responses, wide property tables. */
  api: 'security/defender-endpoint/get-assessment-software-inventory.md',
  /** Not translated into tr-tr in the snapshot: its tr-tr page is a fallback. */
  fallback: 'security/defender-endpoint/pull-alerts-using-rest-api.md',
  /** Left out of the slice's TOC. */
  noToc: 'security/defender-endpoint/configure-server-endpoints.md',
}
/** Folders copied whole: the Landing page with its articles, and the includes the articles use. */
const corpusFolders = ['admin/email', 'includes', 'security/includes']

/**
 * A slice of the real corpus (`nl-nl`, with `tr-tr` beside it), built with
 * the corpus rule settings: a DocFX Landing page, articles with wide tables,
 * long URLs and code, a page no TOC lists, a fallback page in tr-tr, and the
 * generated home page (the slice has no `index.md`).
 */
export function corpusSlice(corpusRoot: string, rules: Record<string, string>, externalRoots: string[]): { siteDir: string; pages: KindPage[] } {
  const siteDir = mkdtempSync(path.join(os.tmpdir(), 'tolk-corpus-slice-'))
  const locales = ['nl-nl', 'tr-tr']
  for (const locale of locales) {
    const from = path.join(corpusRoot, locale, 'microsoft-365')
    const to = path.join(siteDir, 'content', locale, 'microsoft-365')
    for (const folder of corpusFolders) {
      if (existsSync(path.join(from, folder))) cpSync(path.join(from, folder), path.join(to, folder), { recursive: true })
    }
    for (const relPath of Object.values(corpusArticles)) {
      if (!existsSync(path.join(from, relPath))) continue
      mkdirSync(path.dirname(path.join(to, relPath)), { recursive: true })
      cpSync(path.join(from, relPath), path.join(to, relPath))
    }
    const inToc = [corpusArticles.article, corpusArticles.wide, corpusArticles.api, corpusArticles.fallback]
    const toc = [
      '- name: E-mail',
      '  href: microsoft-365/admin/email/index.yml',
      '- name: Defender',
      '  items:',
      ...inToc.map((relPath) => `  - name: ${path.posix.basename(relPath, '.md')}\n    href: microsoft-365/${relPath}`),
    ]
    writeFileSync(path.join(siteDir, 'content', locale, 'TOC.yml'), `${toc.join('\n')}\n`)
  }
  // `--external-root` form (`prefix=url`) to the config's record.
  const roots = Object.fromEntries(externalRoots.map((root) => [root.slice(0, root.indexOf('=')), root.slice(root.indexOf('=') + 1)]))
  const config = { defaultLocale: 'nl-nl', locales: { 'nl-nl': {}, 'tr-tr': {} }, externalRoots: roots, rules }
  writeFileSync(path.join(siteDir, 'tolk.config.ts'), `export default ${JSON.stringify(config, null, 2)}\n`)

  const url = (locale: string, relPath: string) => `${locale}/microsoft-365/${relPath.replace(/\.md$/, '/')}`
  const pages: KindPage[] = [
    { kind: 'root', locale: '', path: '' },
    { kind: 'status', locale: '', path: 'translation-status/' },
  ]
  for (const locale of locales) {
    pages.push(
      { kind: 'generated-home', locale, path: `${locale}/` },
      { kind: 'landing', locale, path: `${locale}/microsoft-365/admin/email/` },
      { kind: 'article', locale, path: url(locale, corpusArticles.article) },
      { kind: 'wide', locale, path: url(locale, corpusArticles.wide) },
      { kind: 'api', locale, path: url(locale, corpusArticles.api) },
      { kind: existsSync(path.join(siteDir, 'content', locale, 'microsoft-365', corpusArticles.fallback)) ? 'api-2' : 'fallback', locale, path: url(locale, corpusArticles.fallback) },
      { kind: 'no-toc', locale, path: url(locale, corpusArticles.noToc) },
      { kind: '404', locale, path: `${locale}/404.html` },
    )
  }
  return { siteDir, pages }
}
