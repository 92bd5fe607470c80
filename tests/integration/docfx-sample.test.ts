/**
 * The sample guide uses every DocFX construct tolk renders; this checks each
 * one's HTML in the built pages of every locale that has them.
 */
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import type { Root } from 'hast'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSite, readHtml, repoRoot } from '../helpers/build-site.ts'

const locales = ['en-us', 'da-dk', 'nl-nl'] as const
const alertTitles = {
  'en-us': ['Note', 'Tip', 'Important', 'Caution', 'Warning'],
  'da-dk': ['Bemærk', 'Tip', 'Vigtigt', 'Forsigtig', 'Advarsel'],
  'nl-nl': ['Notitie', 'Tip', 'Belangrijk', 'Voorzichtig', 'Waarschuwing'],
}

describe('DocFX constructs in the built sample guide', function () {
  let outDir: string
  const page = (locale: string, relPath: string): Root => readHtml(outDir, `${locale}/incident-response/${relPath}index.html`)

  beforeAll(async function () {
    outDir = (await buildSite(repoRoot)).outDir
  })

  // The queries and the script live once, in the en-us tree; the other locales read them from there.
  for (const locale of ['en-us', 'da-dk', 'nl-nl', 'ar-sa']) {
    it(`should render the shared hunting queries and script from files in ${locale}, highlighted, with their lines marked`, function () {
      const article = select('article', page(locale, ''))!
      const blocks = selectAll('pre.shiki', article)
      expect(blocks.map((pre) => pre.properties.dataLanguage)).toEqual(['kusto', 'kusto', 'powershell'])
      const marked = blocks.map((pre) => selectAll('mark.line.highlighted', pre).map((mark) => toString(mark)))
      expect(marked).toEqual([
        ['| where not(set_has_element(Countries, Country))'],
        ['| where Parameters has_any ("ForwardTo", "RedirectTo", "ForwardAsAttachmentTo", "ForwardingSmtpAddress")', '| where isnotempty(Target) and not(Target endswith "@contoso.com")'],
        ['$rules = Get-InboxRule -Mailbox $Mailbox -IncludeHidden'],
      ])
      // Snippet markers are left out; a range starts where it says.
      expect(toString(blocks[0]!)).not.toContain('<new-countries>')
      expect(toString(blocks[1]!).split('\n')[0]).toBe('CloudAppEvents')
      expect(toString(blocks[2]!)).not.toContain('# <export>')
      // The caption is translated; the label of highlighted lines is in the page language.
      const title = select('code', blocks[2]!)!.properties.title
      const label = selectAll('mark', article)[0]!.properties.dataLabel
      expect({ title, label }).toEqual(
        {
          'en-us': { title: 'Export the inbox rules of one mailbox', label: 'Highlighted line' },
          'da-dk': { title: 'Eksportér indbakkereglerne for én postkasse', label: 'Fremhævet linje' },
          'nl-nl': { title: 'De regels voor Postvak IN van één postvak exporteren', label: 'Gemarkeerde regel' },
          'ar-sa': { title: 'تصدير قواعد البريد الوارد لصندوق بريد واحد', label: 'سطر مميَّز' },
        }[locale],
      )
    })
  }

  for (const locale of locales) {
    describe(locale, function () {
      it('should expand block, nested and inline includes', function () {
        const analyze = select('article', page(locale, 'analyze/'))!
        expect(toString(analyze)).not.toContain('[!INCLUDE')
        // applies-to.md nests support-note.md, a NOTE alert.
        expect(select('div.alert.alert-note', analyze)).not.toBeNull()
        const phishing = select('article', page(locale, 'investigate-phishing/'))!
        const inline = selectAll('p', phishing).find((node) => /Contoso/.test(toString(node)) && /SOC/.test(toString(node)))
        expect(inline).toBeDefined()
      })

      it('should render all five alert kinds with titles in the page language', function () {
        const titles = new Map<string, string>()
        for (const relPath of ['', 'prepare/', 'analyze/', 'remediate/', 'post-incident-review/', 'investigate-phishing/']) {
          for (const alert of selectAll('div.alert[role=note]', page(locale, relPath))) {
            const kind = String((alert.properties.className as string[])[1]).replace('alert-', '')
            titles.set(kind, toString(select('p.alert-title', alert)!))
          }
        }
        expect(['note', 'tip', 'important', 'caution', 'warning'].map((kind) => titles.get(kind))).toEqual(alertTitles[locale])
      })

      it('should turn DocFX heading anchors into ids and give other headings unique slugs', function () {
        const tree = page(locale, 'analyze/')
        expect(select('h2#triage-steps', tree)).not.toBeNull()
        const ids = selectAll('article [id]', tree).map((node) => String(node.properties.id))
        expect(new Set(ids).size).toBe(ids.length)
        expect(selectAll('article a[name]', tree)).toEqual([])
      })

      it('should render tab groups as titled panels, keeping a tab heading anchor', function () {
        const remediate = page(locale, 'remediate/')
        const panels = selectAll('div.tabs > section.tab-panel', remediate)
        expect(panels.map((panel) => panel.properties.dataTab)).toEqual(['portal', 'powershell'])
        for (const panel of panels) {
          const title = select('.tab-title', panel)!
          expect(panel.properties.ariaLabelledBy).toEqual([title.properties.id])
        }
        const phishing = page(locale, 'investigate-phishing/')
        expect(selectAll('div.tabs > section.tab-panel', phishing).map((panel) => panel.properties.dataTab)).toEqual(['outlook', 'exchange-admin'])
        expect(select('#report-in-outlook', phishing)).not.toBeNull()
        expect(toString(select('article', remediate)!)).not.toContain('#tab/')
      })

      it('should render :::image::: content (lightbox, border), icon and complex forms', function () {
        const lightbox = select('a.image-lightbox > img.image-border', page(locale, 'investigate-phishing/'))!
        expect(lightbox.properties.src).toMatch(/media\/campaign-scope\.svg$/)
        expect(String(lightbox.properties.alt).length).toBeGreaterThan(10)
        const borderless = selectAll('article img', page(locale, 'prepare/')).find((img) => String(img.properties.src).endsWith('escalation-path.svg'))!
        expect(borderless.properties.className).toBeUndefined()
        const icons = selectAll('article img.image-icon', page(locale, 'analyze/'))
        expect(icons.length).toBeGreaterThan(0)
        for (const icon of icons) expect(icon.properties.alt).toBe('')
        const figure = select('figure.image-complex', page(locale, 'remediate/'))!
        const img = select('img', figure)!
        const description = select('details.image-long-description', figure)!
        expect(img.properties.ariaDescribedBy).toEqual([description.properties.id])
        expect(select('summary', description)).not.toBeNull()
        expect(selectAll('li', description).length).toBeGreaterThan(1)
      })

      it('should lay out :::row::: and :::column::: and keep :::no-loc::: text untranslated', function () {
        const overview = page(locale, '')
        expect(selectAll('div.row > div.column', overview)).toHaveLength(3)
        const noLoc = selectAll('span[translate=no]', overview).map((node) => toString(node))
        expect(noLoc).toContain('Microsoft Defender XDR')
      })

      it('should render nextstepaction and checklist divs', function () {
        const prepare = page(locale, 'prepare/')
        expect(select('div.checklist > ul > li', prepare)).not.toBeNull()
        const next = select('div.nextstepaction a', prepare)!
        expect(next.properties.href).toBe('../analyze/')
      })

      it('should embed the video as a titled https iframe', function () {
        const iframes = selectAll('iframe', page(locale, 'post-incident-review/'))
        expect(iframes).toHaveLength(1)
        expect(String(iframes[0]!.properties.src)).toMatch(/^https:\/\//)
        expect(String(iframes[0]!.properties.title).length).toBeGreaterThan(0)
      })

      it('should keep allowed raw HTML and GFM extras', function () {
        const analyze = page(locale, 'analyze/')
        expect(selectAll('article kbd', analyze).map((node) => toString(node))).toEqual(['Ctrl', 'C'])
        expect(select('article table br', analyze)).not.toBeNull()
        expect(select('article sup', analyze)).not.toBeNull()
        const review = page(locale, 'post-incident-review/')
        expect(select('article del', review)).not.toBeNull()
        expect(selectAll('article input[type=checkbox][disabled]', review).length).toBeGreaterThan(1)
        expect(select('article a[href^="https://git.contoso.com/"]', readHtml(outDir, `${locale}/index.html`))).not.toBeNull()
      })

      it('should highlight kusto, powershell, json and console code at build time', function () {
        const languages = ['investigate-phishing/', 'remediate/', 'analyze/'].flatMap((relPath) =>
          selectAll('pre.shiki', page(locale, relPath)).map((pre) => pre.properties.dataLanguage),
        )
        expect(new Set(languages)).toEqual(new Set(['kusto', 'powershell', 'json', 'console']))
      })
    })
  }
})
