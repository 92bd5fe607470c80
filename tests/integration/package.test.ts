/**
 * tolk as a docs team uses it: packed with `npm pack`, installed into an
 * empty folder that holds only a content tree, and run there with
 * `npx tolk build` and `npx tolk check`. Proves the published package
 * carries what it needs (entry, templates, UI strings, runtime
 * dependencies) and nothing of the sample guide.
 *
 * Offline: npm's cache holds every dependency's tarball since `npm ci` ran
 * here, but not the registry metadata `npm install <tarball>` would need to
 * resolve version ranges. So the folder gets a lockfile pinning what tolk's
 * own lockfile pins, minus its devDependencies, and `npm ci --offline`
 * installs from the cache. A runtime dependency left in devDependencies is
 * then missing, and the build fails.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { selectAll, select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { listFiles, readHtml, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)

interface Ran {
  code: number
  stdout: string
  stderr: string
}

async function npm(cwd: string, args: string[]): Promise<Ran> {
  return exec('npm', args, cwd)
}

async function exec(command: string, args: string[], cwd: string): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string }
    if (failed.code === 'ENOENT') throw error
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

const npmVersion = await npm(repoRoot, ['--version']).catch(() => undefined)
if (!npmVersion || npmVersion.code !== 0) console.warn('skipping the packaging test: `npm` is not available')
const describeWithNpm = npmVersion?.code === 0 ? describe : describe.skip

/** `package-lock.json` for a folder depending only on the tarball, pinned as tolk's own lockfile pins it. */
function lockFor(tarball: string): string {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, Record<string, unknown>> }
  const own = lock.packages['']!
  const packages: Record<string, unknown> = {
    '': { name: 'docs', dependencies: { tolk: `file:${tarball}` } },
    'node_modules/tolk': {
      version: own.version,
      resolved: `file:${tarball}`,
      integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`,
      dependencies: own.dependencies,
      bin: own.bin,
      engines: own.engines,
    },
  }
  for (const [key, entry] of Object.entries(lock.packages)) if (key && !entry.dev && !entry.link) packages[key] = entry
  return JSON.stringify({ name: 'docs', lockfileVersion: 3, requires: true, packages }, null, 2)
}

/** A docs repository: a config, the one string it changes, and two small trees. */
function docsRepository(dir: string, tarball: string): void {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'docs', private: true, dependencies: { tolk: `file:${tarball}` } }, null, 2),
    'package-lock.json': lockFor(tarball),
    'tolk.config.ts': [
      "import { defineConfig } from 'tolk'",
      '',
      'export default defineConfig({',
      "  defaultLocale: 'da-dk',",
      "  locales: { 'da-dk': { root: 'docs/da-dk' }, 'nl-nl': { root: 'docs/nl-nl' } },",
      '})',
      '',
    ].join('\n'),
    'locales/da-dk.json': '{ "site.title": "Contoso-håndbog" }\n',
    'docs/da-dk/TOC.yml': '- name: Velkommen\n  href: index.md\n',
    'docs/da-dk/index.md': '---\ntitle: Velkommen\n---\n# Velkommen\n\n> [!NOTE]\n> Læs dette først.\n',
    'docs/nl-nl/TOC.yml': '- name: Contoso-handboek\n  href: index.md\n',
    'docs/nl-nl/index.md': '---\ntitle: Welkom\n---\n# Welkom\n\n> [!NOTE]\n> Lees dit eerst.\n',
  }
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
}

describeWithNpm('the npm package', function () {
  it('should install into an empty docs repository and build and check it there', { timeout: 20 * 60 * 1000 }, async function () {
    const work = mkdtempSync(path.join(os.tmpdir(), 'tolk-package-'))
    const packed = await npm(repoRoot, ['pack', '--json', '--pack-destination', work])
    expect(packed.code, packed.stderr).toBe(0)
    const [summary] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
    const shipped = summary!.files.map((file) => file.path)
    expect(['bin/tolk.js', 'src/cli/main.ts', 'src/index.ts', 'templates/page.hbs', 'locales/en.json', 'locales/da.json', 'client/dev-client.js'].filter((file) => !shipped.includes(file))).toEqual([])
    // Nothing of the sample guide, the tests or the benchmarks.
    expect(shipped.filter((file) => /^(content|site-strings|tests|bench|\.ci)\//.test(file) || file === 'tolk.config.ts')).toEqual([])

    const repo = path.join(work, 'docs')
    docsRepository(repo, path.join(work, summary!.filename))
    const installed = await npm(repo, ['ci', '--offline', '--no-audit', '--no-fund'])
    expect(installed.code, installed.stderr).toBe(0)

    const built = await npm(repo, ['exec', '--offline', '--', 'tolk', 'build'])
    expect([built.code, built.stderr]).toEqual([0, expect.stringMatching(/^Built 2 pages into dist\/ in [\d.]+s: 0 errors, 0 warnings\n$/)])
    expect(listFiles(path.join(repo, 'dist')).filter((file) => file.endsWith('index.html'))).toEqual(['da-dk/index.html', 'index.html', 'nl-nl/index.html', 'translation-status/index.html'])
    const danish = readHtml(path.join(repo, 'dist'), 'da-dk/index.html')
    const dutch = readHtml(path.join(repo, 'dist'), 'nl-nl/index.html')
    // The site's one string, and tolk's own in each page's language.
    expect([danish, dutch].map((page) => [toString(select('.site-title', page)!), toString(select('.alert-title', page)!), select('html', page)!.properties.lang])).toEqual([
      ['Contoso-håndbog', 'Bemærk', 'da-DK'],
      ['Contoso-håndbog', 'Notitie', 'nl-NL'],
    ])
    expect(selectAll('.language-switcher a', danish).map((link) => toString(link))).toEqual(['Dansk', 'Nederlands'])

    const checked = await npm(repo, ['exec', '--offline', '--', 'tolk', 'check'])
    expect(checked.code, checked.stderr).toBe(0)
    expect(checked.stderr).toMatch(/\nChecked 2 pages in [\d.]+s: 0 errors, 0 warnings\n$/)

    // A tree given by flags is not this repository's site: neither its title nor its strings.
    const flags = await npm(repo, ['exec', '--offline', '--', 'tolk', 'build', '--locale', 'nl-nl=docs/nl-nl', '--out', 'flags-site'])
    expect([flags.code, flags.stderr]).toEqual([0, expect.stringMatching(/^Built 1 pages into flags-site\/ /)])
    const neutral = readHtml(path.join(repo, 'flags-site'), 'nl-nl/index.html')
    expect([toString(select('.site-title', neutral)!), toString(select('title', neutral)!)]).toEqual(['Contoso-handboek', 'Welkom | Contoso-handboek'])
  })
})
