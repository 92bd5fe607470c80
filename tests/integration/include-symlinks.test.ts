import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildSite } from '../helpers/build-site.ts'

/** A one-locale site in a temp folder, with a secret file beside (outside) its content root. */
function siteWithSymlinks(): string {
  const site = mkdtempSync(path.join(os.tmpdir(), 'tolk-symlink-'))
  const root = path.join(site, 'content/en-us')
  mkdirSync(path.join(root, 'includes'), { recursive: true })
  writeFileSync(path.join(site, 'secret.md'), 'TOP SECRET\n')
  writeFileSync(path.join(root, 'includes/real.md'), 'Shared text.\n')
  symlinkSync(path.join(site, 'secret.md'), path.join(root, 'includes/escape.md'))
  symlinkSync(path.join(root, 'includes/real.md'), path.join(root, 'includes/alias.md'))
  writeFileSync(
    path.join(root, 'index.md'),
    '---\ntitle: Home\n---\n# Home\n\n[!INCLUDE [alias](includes/alias.md)]\n\n[!INCLUDE [escape](includes/escape.md)]\n',
  )
  writeFileSync(path.join(site, 'tolk.config.ts'), "export default { defaultLocale: 'en-us', locales: { 'en-us': {} } }\n")
  return site
}

describe('includes through symbolic links', function () {
  it('should follow a link inside the content root and refuse one that points out of it', async function () {
    const site = await buildSite(siteWithSymlinks())
    expect(site.messages).toEqual([
      'content/en-us/index.md:8:1: error: Include `includes/escape.md` is a link to a file outside the content root [include-outside-root]',
    ])
    expect(site.result.written).toBe(false)
  })

  it('should never read the file outside the root', async function () {
    const dir = siteWithSymlinks()
    const { build } = await import('../../src/build.ts')
    const { loadConfig } = await import('../../src/config/load-config.ts')
    const { config } = await loadConfig({}, dir)
    const pages: string[] = []
    await build(config!, { write: false, onPage: (page) => pages.push(page.html) })
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain('Shared text.')
    expect(pages[0]).not.toContain('TOP SECRET')
  })
})
