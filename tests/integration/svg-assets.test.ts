import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { buildSite, copyOfSampleGuide } from '../helpers/build-site.ts'

const media = 'content/en-us/incident-response/media'
const hostile = '<svg xmlns="http://www.w3.org/2000/svg">\n  <script>top.__pwned=1</script>\n  <rect onload="top.__pwned=1" width="1"/>\n</svg>\n'
const removals = [
  `${media}/hostile.svg:2:3: warning: Removed \`<script>\` from this SVG: it runs script when the SVG is opened [unsafe-svg]`,
  `${media}/hostile.svg:3:3: warning: Removed \`onload\` from \`<rect>\` in this SVG: event handlers run script [unsafe-svg]`,
]

describe('SVG assets in a build', function () {
  it('should publish clean SVGs byte for byte and hostile ones sanitized, with a warning per removal', async function () {
    const dir = copyOfSampleGuide()
    writeFileSync(path.join(dir, media, 'hostile.svg'), hostile)
    const site = await buildSite(dir)
    expect(site.messages.filter((message) => message.includes('svg'))).toEqual(removals)
    expect(site.result.written).toBe(true)
    expect(readFileSync(path.join(site.outDir, 'en-us/incident-response/media/hostile.svg'), 'utf8')).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg">\n  \n  <rect width="1"/>\n</svg>\n',
    )
    for (const name of ['campaign-scope.svg', 'escalation-path.svg', 'response-lifecycle.svg', 'recovery-stages.svg', 'shield-alert.svg']) {
      expect(readFileSync(path.join(site.outDir, 'en-us/incident-response/media', name))).toEqual(readFileSync(path.join(dir, media, name)))
    }
  })

  it('should report the same in `check`, without writing', async function () {
    const dir = copyOfSampleGuide()
    writeFileSync(path.join(dir, media, 'hostile.svg'), hostile)
    const { config } = await loadConfig({}, dir)
    const result = await build(config!, { write: false })
    expect(result.messages.map((message) => formatHuman(message, { cwd: dir })).filter((message) => message.includes('svg'))).toEqual(removals)
    expect(existsSync(config!.outDir)).toBe(false)
  })

  it('should fail the build on an SVG it cannot read, leaving the previous site in place', async function () {
    const dir = copyOfSampleGuide()
    const first = await buildSite(dir)
    expect(first.result.written).toBe(true)
    writeFileSync(path.join(dir, media, 'broken.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>top.__pwned=1</script>')
    const second = await buildSite(dir, { outDir: first.outDir })
    expect(second.messages.filter((message) => message.includes('svg'))).toEqual([
      `${media}/broken.svg:1:71: error: Cannot read this SVG as XML: Missing end tag for element svg; it is not copied [invalid-svg]`,
    ])
    expect(second.result.written).toBe(false)
    expect(existsSync(path.join(first.outDir, 'en-us/incident-response/media/broken.svg'))).toBe(false)
    expect(existsSync(path.join(first.outDir, 'en-us/incident-response/media/response-lifecycle.svg'))).toBe(true)
  })
})
