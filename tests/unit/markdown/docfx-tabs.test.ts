import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../helpers/render-markdown.ts'

/** Tag names of an element's element children, in order. */
function childTags(node: Element): string[] {
  return node.children.filter((child): child is Element => child.type === 'element').map((child) => child.tagName)
}

/** Per panel: its id, `data-tab`, `data-condition` and title text. */
function panels(hast: Root | Element): Array<[unknown, unknown, unknown, string]> {
  return selectAll('section.tab-panel', hast).map((panel) => [
    panel.properties.id,
    panel.properties.dataTab,
    panel.properties.dataCondition,
    toString(select('.tab-title', panel)!),
  ])
}

describe('remarkDocfxTabs', function () {
  it('should turn a run of tab headings into titled panels inside one group', function () {
    const { hast, messages } = renderMarkdown(
      '# Sign in\n\n# [Portal](#tab/portal)\n\nOpen the portal.\n\n# [PowerShell](#tab/powershell)\n\nRun `Connect-Tenant`.\n\n---\n\nDone.\n',
    )
    expect(messages).toEqual([])
    const group = select('div.tabs', hast)!
    expect(group.properties).toEqual({ className: ['tabs'], dataTabGroup: 'portal powershell' })
    expect(childTags(group)).toEqual(['section', 'section'])
    const [portal, powershell] = selectAll('section', group)
    expect(portal!.properties).toEqual({
      className: ['tab-panel'],
      id: 'tabpanel-1-portal',
      dataTab: 'portal',
      ariaLabelledBy: ['tab-1-portal'],
    })
    expect(childTags(portal!)).toEqual(['h1', 'p'])
    expect(select('h1', portal)!.properties).toEqual({ className: ['tab-title'], id: 'tab-1-portal' })
    expect(toString(portal!)).toBe('PortalOpen the portal.')
    expect(powershell!.properties.id).toBe('tabpanel-1-powershell')
    expect(powershell!.properties.ariaLabelledBy).toEqual(['tab-1-powershell'])
    expect(toString(select('p', powershell)!)).toBe('Run Connect-Tenant.')
    // The closing break is consumed and the tab links are gone.
    expect(selectAll('hr', hast)).toEqual([])
    expect(selectAll('a', hast)).toEqual([])
    expect(childTags(hast as unknown as Element)).toEqual(['h1', 'div', 'p'])
  })

  it('should keep the heading level of the tabs so the outline stays correct', function () {
    const { hast } = renderMarkdown('# Page\n\n## [Windows](#tab/windows)\n\nA.\n\n## [Mac](#tab/mac)\n\nB.\n')
    expect(selectAll('.tab-title', hast).map((node) => [node.tagName, node.properties.className])).toEqual([
      ['h2', ['tab-title']],
      ['h2', ['tab-title']],
    ])
  })

  it('should keep a DocFX anchor on a tab heading as a link target inside its panel', function () {
    const { hast, messages } = renderMarkdown(
      '## <a name="onedrive"></a>[OneDrive](#tab/OneDrive)\n\nCopy files.\n\n## <a name="outlookemail"></a>[Outlook/E-mail](#tab/Outlook)\n\nExport mail.\n',
    )
    expect(messages).toEqual([])
    expect(panels(hast)).toEqual([
      ['tabpanel-1-onedrive', 'onedrive', undefined, 'OneDrive'],
      ['tabpanel-1-outlook', 'outlook', undefined, 'Outlook/E-mail'],
    ])
    const first = select('section', hast)!
    expect(childTags(first)).toEqual(['a', 'h2', 'p'])
    expect(select('a', first)!.properties).toEqual({ id: 'onedrive' })
    expect(select('section:nth-of-type(2) > a', hast)!.properties).toEqual({ id: 'outlookemail' })
    expect(select('h2', first)!.properties.id).toBe('tab-1-onedrive')
  })

  it('should give two groups on one page ids that do not collide', function () {
    const { hast } = renderMarkdown(
      '# [Portal](#tab/portal)\n\nOne.\n\n# [CLI](#tab/cli)\n\nTwo.\n\n---\n\nBetween.\n\n# [Portal](#tab/portal)\n\nThree.\n\n# [API](#tab/api)\n\nFour.\n\n---\n\n# Tab 1 portal\n',
    )
    expect(selectAll('div.tabs', hast).map((group) => group.properties.dataTabGroup)).toEqual(['portal cli', 'portal api'])
    expect(panels(hast).map(([id]) => id)).toEqual([
      'tabpanel-1-portal',
      'tabpanel-1-cli',
      'tabpanel-2-portal',
      'tabpanel-2-api',
    ])
    expect(selectAll('.tab-title', hast).map((node) => node.properties.id)).toEqual([
      'tab-1-portal',
      'tab-1-cli',
      'tab-2-portal',
      'tab-2-api',
    ])
    const ids = selectAll('[id]', hast).map((node) => node.properties.id)
    expect(ids).toContain('tab-1-portal-1')
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('should keep a non-tab heading of any level in the tab above it, as DocFX does', function () {
    // Real pages: `## [Mac](#tab/Mac)` then `## Mac` and its sections; the group ends only at `---`.
    const { hast, messages } = renderMarkdown(
      '## [Windows](#tab/windows)\n\n## Windows\n\nEncrypt.\n\n# Next mission\n\nGo.\n\n## [Mac](#tab/mac)\n\n## Mac\n\nUse FileVault.\n\n---\n\n## Related content\n',
    )
    expect(messages).toEqual([])
    const group = select('div.tabs', hast)!
    expect(panels(group)).toEqual([
      ['tabpanel-1-windows', 'windows', undefined, 'Windows'],
      ['tabpanel-1-mac', 'mac', undefined, 'Mac'],
    ])
    const [windows, mac] = selectAll('section', group)
    // A section heading stands in its wrapper with its link (rehype-heading-links); a tab title gets none.
    expect(childTags(windows!)).toEqual(['h2', 'div', 'p', 'h1', 'p'])
    expect(childTags(mac!)).toEqual(['h2', 'div', 'p'])
    expect(select('.heading-wrapper > h2', windows!)!.properties.id).toBe('windows')
    expect(childTags(hast as unknown as Element)).toEqual(['div', 'div'])
    expect(toString(select('div.tabs + .heading-wrapper > h2', hast)!)).toBe('Related content')
  })

  it('should make tab headings of any level tabs of one group, as DocFX does', function () {
    const { hast } = renderMarkdown('## [A](#tab/a)\n\nA.\n\n# [B](#tab/b)\n\nB.\n\n### [C](#tab/c)\n\nC.\n\n---\n\n# [D](#tab/d)\n')
    expect(selectAll('div.tabs', hast).map((group) => group.properties.dataTabGroup)).toEqual(['a b c', 'd'])
    expect(selectAll('.tab-title', hast).map((node) => [node.tagName, toString(node)])).toEqual([
      ['h2', 'A'],
      ['h1', 'B'],
      ['h3', 'C'],
      ['h1', 'D'],
    ])
  })

  it('should end a group that is never closed at the end of the document', function () {
    const { hast, messages } = renderMarkdown('## [Windows 10](#tab/Windows10)\n\nEncrypt.\n\n## [Mac](#tab/Mac)\n\nUse FileVault.\n')
    expect(messages).toEqual([])
    expect(childTags(hast as unknown as Element)).toEqual(['div'])
    expect(toString(select('section:last-child > p', hast)!)).toBe('Use FileVault.')
  })

  it('should name dependent tabs by id and condition', function () {
    const { hast } = renderMarkdown(
      '# [Linux](#tab/linux)\n\nL.\n\n# [Windows](#tab/windows)\n\nW.\n\n---\n\n# [.NET](#tab/dotnet/linux)\n\nA.\n\n# [.NET](#tab/dotnet/windows)\n\nB.\n\n# [REST](#tab/rest)\n\nC.\n\n---\n',
    )
    const dependent = selectAll('div.tabs', hast)[1]!
    expect(dependent.properties.dataTabGroup).toBe('dotnet rest')
    expect(panels(dependent)).toEqual([
      ['tabpanel-2-dotnet-linux', 'dotnet', 'linux', '.NET'],
      ['tabpanel-2-dotnet-windows', 'dotnet', 'windows', '.NET'],
      ['tabpanel-2-rest', 'rest', undefined, 'REST'],
    ])
    expect(select('section', dependent)!.properties.ariaLabelledBy).toEqual(['tab-2-dotnet-linux'])
  })

  it('should keep `+` ids and tell repeated tabs in one group apart', function () {
    const { hast, messages } = renderMarkdown('# [Both](#tab/linux+macos)\n\nA.\n\n# [Again](#tab/Linux+macOS)\n\nB.\n')
    expect(messages).toEqual([
      'en-us/guide/page.md:5:1: warning: Tab `#tab/Linux+macOS` repeats an id of tab `#tab/linux+macos` (line 1) in the same group; readers who choose it see the first, so give this tab its own id [docfx-tab-duplicate]',
    ])
    expect(panels(hast)).toEqual([
      ['tabpanel-1-linux-macos', 'linux+macos', undefined, 'Both'],
      ['tabpanel-1-linux-macos-2', 'linux+macos', undefined, 'Again'],
    ])
  })

  it('should group tab headings in a list inside a panel as a group of their own', function () {
    const { hast } = renderMarkdown('# [Cloud](#tab/cloud)\n\n- ## [Portal](#tab/portal)\n\n  P.\n\n  ## [API](#tab/api)\n\n  Q.\n\n# [On-premises](#tab/onprem)\n\nR.\n')
    const outer = select('div.tabs', hast)!
    expect(outer.properties.dataTabGroup).toBe('cloud onprem')
    const nested = select('section li > div.tabs', outer)!
    expect(nested.properties.dataTabGroup).toBe('portal api')
    expect(panels(nested)).toEqual([
      ['tabpanel-2-portal', 'portal', undefined, 'Portal'],
      ['tabpanel-2-api', 'api', undefined, 'API'],
    ])
  })

  it('should warn at a tab repeating an id under the same condition, not at dependent tabs', function () {
    const { messages } = renderMarkdown(
      '# [Linux](#tab/linux)\n\nL.\n\n# [Windows](#tab/windows)\n\nW.\n\n# [Linux again](#tab/linux)\n\nX.\n\n---\n\n# [.NET](#tab/dotnet/linux)\n\nA.\n\n# [.NET](#tab/dotnet/windows)\n\nB.\n\n# [Both](#tab/windows+dotnet/windows)\n\nC.\n\n---\n',
    )
    expect(messages).toEqual([
      'en-us/guide/page.md:9:1: warning: Tab `#tab/linux` repeats an id of tab `#tab/linux` (line 1) in the same group; readers who choose it see the first, so give this tab its own id [docfx-tab-duplicate]',
      'en-us/guide/page.md:23:1: warning: Tab `#tab/windows+dotnet/windows` repeats an id of tab `#tab/dotnet/windows` (line 19) in the same group; readers who choose it see the first, so give this tab its own id [docfx-tab-duplicate]',
    ])
  })

  it('should leave headings that hold more than a tab link alone', function () {
    const { hast } = renderMarkdown('# See [Portal](#tab/portal)\n\n# [Portal](#tab/portal) steps\n\n# [Portal](#tab/)\n')
    expect(selectAll('div.tabs', hast)).toEqual([])
    expect(selectAll('h1 > a', hast).map((node) => node.properties.href)).toEqual(['#tab/portal', '#tab/portal', '#tab/'])
  })

  it('should group tabs that come from an include', function () {
    const { hast, messages } = renderMarkdown('# Steps\n\n[!INCLUDE [tabs](../includes/tabs.md)]\n\nAfter.\n', {
      files: { 'includes/tabs.md': '## [Portal](#tab/portal)\n\nP.\n\n## [CLI](#tab/cli)\n\nQ.\n\n---\n' },
    })
    expect(messages).toEqual([])
    expect(panels(hast).map(([id]) => id)).toEqual(['tabpanel-1-portal', 'tabpanel-1-cli'])
    expect(childTags(hast as unknown as Element)).toEqual(['h1', 'div', 'p'])
  })

  it('should warn about a tab without a title at its heading and title it by its id', function () {
    const { hast, messages } = renderMarkdown('# Page\n\n## [Portal](#tab/portal)\n\nP.\n\n## [](#tab/cli)\n\nQ.\n', {
      files: {},
    })
    expect(messages).toEqual([
      'en-us/guide/page.md:7:1: warning: Tab `#tab/cli` has an empty title; write it between the brackets: `[Title](#tab/cli)` [docfx-tab-empty]',
    ])
    expect(panels(hast).map(([, , , title]) => title)).toEqual(['Portal', 'cli'])
  })

  it('should report an untitled tab from an include in the include file', function () {
    const { messages } = renderMarkdown('Intro.\n\n[!INCLUDE [tabs](../includes/tabs.md)]\n', {
      files: { 'includes/tabs.md': 'Pick one.\n\n  ### [ ](#tab/cli/linux)\n\nQ.\n' },
    })
    expect(messages).toEqual([
      'en-us/includes/tabs.md:3:3: warning: Tab `#tab/cli/linux` has an empty title; write it between the brackets: `[Title](#tab/cli/linux)` [docfx-tab-empty]',
    ])
  })

  it('should keep tab markup through the sanitizer but strip it from untrusted attributes', function () {
    const { hast } = renderMarkdown(
      '<section class="tab-panel evil" data-tab="x" onclick="alert(1)" style="color:red">Raw</section>\n\n# [A](#tab/a)\n\nA.\n',
    )
    const [raw, built] = selectAll('section', hast)
    expect(raw!.properties).toEqual({ className: ['tab-panel'], dataTab: 'x' })
    expect(built!.properties.className).toEqual(['tab-panel'])
  })
})
