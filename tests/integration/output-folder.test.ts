import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { formatHuman } from '../../src/diagnostics/format.ts'
import { copyOfSampleGuide, listFiles, listFilesButCache, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)
const bin = path.join(repoRoot, 'bin/tolk.js')

async function tolk(cwd: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

const choose = 'choose another folder with `--out` or `outDir`'

describe('the output folder', function () {
  // `<parent>/site` (a copy of the sample guide, the current folder) and `<home>`, apart from each other.
  let parent: string
  let site: string
  let home: string
  const env = () => ({ HOME: home })

  beforeAll(function () {
    parent = mkdtempSync(path.join(os.tmpdir(), 'tolk-out-'))
    site = path.join(parent, 'site')
    cpSync(copyOfSampleGuide(), site, { recursive: true })
    symlinkSync('content/en-us', path.join(site, 'link-to-en-us'))
    symlinkSync('content', path.join(site, 'link-to-content'))
    mkdirSync(path.join(site, 'notes'))
    writeFileSync(path.join(site, 'notes/todo.md'), 'my own notes')
    writeFileSync(path.join(site, 'dist-in-config.config.ts'), readFileSync(path.join(site, 'tolk.config.ts'), 'utf8').replace("base: '/',", "base: '/',\n  outDir: 'content',"))
    home = path.join(mkdtempSync(path.join(os.tmpdir(), 'tolk-home-')), 'me')
    mkdirSync(home)
    writeFileSync(path.join(home, '.profile'), 'keep me')
  })

  const refusals: Array<[string, () => string[], () => string]> = [
    ['content/en-us', () => ['--out', 'content/en-us'], () => `refusing output folder \`content/en-us\`: it is the content root of locale \`en-us\`; ${choose}`],
    ['content', () => ['--out', 'content'], () => `refusing output folder \`content\`: it contains the content root of locale \`en-us\` (\`content/en-us\`); ${choose}`],
    [
      'content/da-dk/site',
      () => ['--out', 'content/da-dk/site'],
      () => `refusing output folder \`content/da-dk/site\`: it is inside the content root of locale \`da-dk\` (\`content/da-dk\`); ${choose}`,
    ],
    ['.', () => ['--out', '.'], () => `refusing output folder \`.\`: it is the current folder; ${choose}`],
    ['..', () => ['--out', '..'], () => `refusing output folder \`${parent}\`: it contains the current folder (\`.\`); ${choose}`],
    ['/', () => ['--out', '/'], () => `refusing output folder \`/\`: it is the filesystem root; ${choose}`],
    ['~', () => ['--out', home], () => `refusing output folder \`${home}\`: it is your home folder; ${choose}`],
    ['site-strings', () => ['--out', 'site-strings'], () => `refusing output folder \`site-strings\`: it is the UI strings folder; ${choose}`],
    ['templates', () => ['--out', 'templates'], () => `refusing output folder \`templates\`: it is the templates folder; ${choose}`],
    ['a link to a content root', () => ['--out', 'link-to-en-us'], () => `refusing output folder \`link-to-en-us\`: it is the content root of locale \`en-us\`; ${choose}`],
    [
      'a link to the content folder',
      () => ['--out', 'link-to-content'],
      () => `refusing output folder \`link-to-content\`: it contains the content root of locale \`en-us\` (\`content/en-us\`); ${choose}`,
    ],
    [
      'a non-empty folder tolk did not make',
      () => ['--out', 'notes'],
      () => 'refusing output folder `notes`: it is not empty and has no `.tolk-output` file, so tolk did not make it; delete it or choose another folder',
    ],
    [
      'the config’s outDir',
      () => ['--config', 'dist-in-config.config.ts'],
      () => `refusing output folder \`content\`: it contains the content root of locale \`en-us\` (\`content/en-us\`); ${choose}`,
    ],
  ]

  it.each(refusals)('should refuse %s with exit code 2 and touch nothing', async function (_name, args, message) {
    const before = listFiles(parent)
    const homeBefore = listFiles(home)
    const result = await tolk(site, ['build', ...args()], env())
    expect(result.stderr).toBe(`tolk: ${message()}\n`)
    expect(result.code).toBe(2)
    expect(listFiles(parent)).toEqual(before)
    expect(listFiles(home)).toEqual(homeBefore)
  })

  it('should let `tolk check` run whatever the output folder, since it writes nothing', async function () {
    const before = listFiles(site)
    const result = await tolk(site, ['check', '--out', 'content', '--no-cache'], env())
    expect(result.code).toBe(0)
    expect(listFiles(site)).toEqual(before)
  })

  it('should refuse through the API too: an error, nothing built, no throw', async function () {
    const before = listFiles(site)
    const { config } = await loadConfig({ outDir: path.join(site, 'content') }, site)
    const result = await build(config!, { write: true })
    // The test runs in the repository, so the site's paths are shown absolute.
    const why = `output folder \`${site}/content\`: it contains the content root of locale \`en-us\` (\`${site}/content/en-us\`); ${choose}`
    expect(result.outputRefused).toBe(`refusing ${why}`)
    expect(result.written).toBe(false)
    expect(result.pages).toBe(0)
    expect(result.messages.map((message) => formatHuman(message, { cwd: site }))).toEqual([`tolk.config.ts:1:1: error: Refusing ${why} [unsafe-output-dir]`])
    expect(listFiles(site)).toEqual(before)
  })

  it('should build into an empty folder, then replace its own marked output', async function () {
    const out = path.join(site, 'public')
    mkdirSync(out)
    const first = await tolk(site, ['build', '--out', 'public'], env())
    expect(first.code).toBe(0)
    const built = listFiles(out)
    expect(built).toContain('.tolk-output')
    expect(built).toContain('en-us/index.html')
    writeFileSync(path.join(out, 'stale.html'), 'from an older build')
    const second = await tolk(site, ['build', '--out', 'public'], env())
    expect(second.code).toBe(0)
    expect(listFiles(out)).toEqual(built)
    expect(listFiles(parent).filter((file) => /\.(tmp|old)-\d+\//.test(file))).toEqual([])
    rmSync(out, { recursive: true })
  })
})

describe('files written into the output', function () {
  it('should refuse a redirect page whose source path leaves the output, and write nothing anywhere', async function () {
    const site = copyOfSampleGuide()
    const redirectionFile = path.join(site, 'content/en-us/.openpublishing.redirection.json')
    const redirections = ['../../../escaped-1.md', '..\\..\\..\\escaped-2.md', 'incident-response/../../../../escaped-3.md'].map((source) => ({
      source_path: source,
      redirect_url: 'https://example.org/moved',
    }))
    writeFileSync(redirectionFile, JSON.stringify({ redirections }, null, 2))
    const root = mkdtempSync(path.join(os.tmpdir(), 'tolk-escape-'))
    const { config } = await loadConfig({ outDir: path.join(root, 'a/b/c/dist') }, site)
    const before = listFilesButCache(site)
    const result = await build(config!, { write: true })
    // Each page is refused at the redirection file (by the writer, if nothing earlier caught it).
    const errors = result.messages.filter((message) => message.fatal)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.map((message) => message.file)).toEqual(errors.map(() => redirectionFile))
    expect(result.written).toBe(false)
    expect(listFiles(root)).toEqual([])
    expect(listFilesButCache(site)).toEqual(before)
  })
})
