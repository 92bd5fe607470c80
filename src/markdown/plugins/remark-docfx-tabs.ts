/**
 * Turn DocFX tabbed content into tab panels that read well without script: a
 * run of headings whose whole content is a link to `#tab/<id>` (or
 * `#tab/<id>/<condition>` for dependent tabs) becomes `<div class="tabs">`
 * holding one `<section class="tab-panel">` per tab, each keeping its heading
 * (at its own level) as a visible title. templates/assets/tabs.js turns a
 * group into ARIA tabs. As in DocFX (TabGroupAggregator), a group ends only
 * at a thematic break (which is consumed) or the end of its container: every
 * tab heading before it, whatever its level, is the next tab of the group, and
 * every other block, headings included, is content of the tab above it. Real
 * pages rely on this (`## [Mac](#tab/mac)` followed by `## Mac` and its
 * sections). A tab id repeated in one group under the same condition is
 * warned about, as DocFX does: readers could never choose the second tab.
 */
import type { Heading, Html, Link, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { Position } from 'unist'
import { visit } from '../../tree/visit.ts'
import { VFile } from 'vfile'
import { report } from '../../diagnostics/report.ts'

/** A tab group: `<div class="tabs">`. */
export interface DocfxTabs extends Parent {
  type: 'docfxTabs'
  children: DocfxTabPanel[]
}

/** One tab: `<section class="tab-panel">`, its title heading first. */
export interface DocfxTabPanel extends Parent {
  type: 'docfxTabPanel'
}

declare module 'mdast' {
  interface BlockContentMap {
    docfxTabs: DocfxTabs
  }
  interface RootContentMap {
    docfxTabs: DocfxTabs
    docfxTabPanel: DocfxTabPanel
  }
}

/** DocFX's tab link: ids joined by `+`, then an optional condition. */
const tabHref = /^#tab\/([a-zA-Z0-9-]+(?:\+[a-zA-Z0-9-]+)*)(?:\/([a-zA-Z0-9-]+)?)?$/

/** Containers whose children are flow content, where headings can start a group. */
const flowParents = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition', 'docfxTabPanel'])

interface TabHeading {
  heading: Heading
  link: Link
  /** Raw HTML in the heading besides the link: DocFX's `<a name="…"></a>` anchors. */
  anchors: Html[]
  /** Lower-cased, so groups that spell a tab differently still stay in step. */
  id: string
  condition: string | undefined
}

interface Tab extends TabHeading {
  content: RootContent[]
}

export default function remarkDocfxTabs() {
  return function (tree: Root, file: VFile): void {
    let groupCount = 0
    // Preorder: groups are numbered in document order, outer groups before nested ones,
    // and panels built here are visited afterwards, which groups deeper tab headings.
    visit(tree, function (node) {
      if (!flowParents.has(node.type)) return
      const parent = node as Parent
      if (!parent.children.some((child) => child.type === 'heading' && parseTab(child))) return
      parent.children = groupTabs(parent.children, () => ++groupCount, file)
    })
  }
}

/** Replace each run of tab headings in `children` with a tab group. */
function groupTabs(children: RootContent[], nextGroup: () => number, file: VFile): RootContent[] {
  const result: RootContent[] = []
  let index = 0
  while (index < children.length) {
    const node = children[index]!
    const first = node.type === 'heading' ? parseTab(node) : undefined
    if (!first) {
      result.push(node)
      index++
      continue
    }
    const tabs: Tab[] = [{ ...first, content: [] }]
    for (index++; index < children.length; index++) {
      const child = children[index]!
      if (child.type === 'thematicBreak') {
        index++
        break
      }
      const tab = child.type === 'heading' ? parseTab(child) : undefined
      if (tab) tabs.push({ ...tab, content: [] })
      else tabs.at(-1)!.content.push(child)
    }
    reportRepeatedTabs(tabs, file)
    result.push(tabGroup(tabs, nextGroup(), file))
  }
  return result
}

/** The tab a heading opens, when its only content is a `#tab/…` link (and DocFX anchors). */
function parseTab(heading: Heading): TabHeading | undefined {
  let link: Link | undefined
  const anchors: Html[] = []
  for (const child of heading.children) {
    if (child.type === 'link' && !link) link = child
    else if (child.type === 'html') anchors.push(child)
    else if (child.type !== 'text' || child.value.trim() !== '') return undefined
  }
  const match = link ? tabHref.exec(link.url) : null
  if (!link || !match) return undefined
  return { heading, link, anchors, id: match[1]!.toLowerCase(), condition: match[2]?.toLowerCase() }
}

function tabGroup(tabs: Tab[], group: number, file: VFile): DocfxTabs {
  const taken = new Set<string>()
  const panels = tabs.map(function (tab): DocfxTabPanel {
    // Dependent tabs repeat an id under different conditions, so both name the panel.
    const base = [tab.id, tab.condition].filter(Boolean).join('-').replaceAll('+', '-')
    let key = base
    for (let count = 2; taken.has(key); count++) key = `${base}-${count}`
    taken.add(key)
    const titleId = `tab-${group}-${key}`
    const panelId = `tabpanel-${group}-${key}`
    const heading: Heading = {
      ...tab.heading,
      children: title(tab, file),
      data: {
        ...tab.heading.data,
        hProperties: { ...tab.heading.data?.hProperties, className: ['tab-title'], id: titleId },
      },
    }
    return {
      type: 'docfxTabPanel',
      // The anchors stay first in the panel: rehypeHeadingAnchorNames gives them their
      // `id`, so links to them still land here (and tabs.js opens this panel).
      children: [...tab.anchors, heading, ...tab.content],
      data: {
        hName: 'section',
        hProperties: {
          className: ['tab-panel'],
          id: panelId,
          dataTab: tab.id,
          ...(tab.condition ? { dataCondition: tab.condition } : {}),
          ariaLabelledBy: [titleId],
        },
      },
      ...span(tab, tab),
    }
  })
  const ids = [...new Set(tabs.map((tab) => tab.id))]
  return {
    type: 'docfxTabs',
    children: panels,
    data: { hName: 'div', hProperties: { className: ['tabs'], dataTabGroup: ids.join(' ') } },
    ...span(tabs[0]!, tabs.at(-1)!),
  }
}

/** The source range from the heading of `first` to the end of `last`'s content. */
function span(first: Tab, last: Tab): { position?: Position } {
  const start = first.heading.position?.start
  const end = (last.content.at(-1) ?? last.heading).position?.end
  return start && end ? { position: { start, end } } : {}
}

/**
 * Warn at each tab whose id (each `+` part) an earlier tab of the group already
 * offers under the same condition: tabs.js, like DocFX's script, shows the
 * first tab offering a chosen id, so the later one could never be opened.
 */
function reportRepeatedTabs(tabs: Tab[], file: VFile): void {
  const offered = new Map<string, Tab>()
  for (const tab of tabs) {
    const repeated = new Set<Tab>()
    for (const id of tab.id.split('+')) {
      const key = `${id}/${tab.condition ?? ''}`
      const earlier = offered.get(key)
      if (earlier) repeated.add(earlier)
      else offered.set(key, tab)
    }
    for (const earlier of repeated) {
      const line = earlier.heading.position ? ` (line ${earlier.heading.position.start.line})` : ''
      const reason = `Tab \`${tab.link.url}\` repeats an id of tab \`${earlier.link.url}\`${line} in the same group; readers who choose it see the first, so give this tab its own id`
      reportTab(tab, file, 'docfx-tab-duplicate', reason)
    }
  }
}

/** The link's content as the title; an empty title is reported and replaced by the tab id. */
function title(tab: Tab, file: VFile): PhrasingContent[] {
  if (toString(tab.link).trim() !== '') return tab.link.children
  const reason = `Tab \`${tab.link.url}\` has an empty title; write it between the brackets: \`[Title](${tab.link.url})\``
  reportTab(tab, file, 'docfx-tab-empty', reason)
  return [{ type: 'text', value: tab.id }]
}

/** Report at the tab's heading, in the include it came from when it came from one. */
function reportTab(tab: TabHeading, file: VFile, ruleId: 'docfx-tab-empty' | 'docfx-tab-duplicate', reason: string): void {
  const source = tab.heading.data?.sourceFile
  if (source) file.messages.push(report(new VFile({ path: source }), ruleId, reason, tab.heading))
  else report(file, ruleId, reason, tab.heading)
}
