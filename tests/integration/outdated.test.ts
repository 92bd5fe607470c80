/**
 * Outdated detection with a default locale that is itself a translation (as
 * Dutch is in the Microsoft 365 localization repositories): a tiny
 * Dutch + Danish tree with one article per row of the decision table in
 * src/i18n/translation-status.ts, checked in the built HTML and in `tolk status`.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { readHtml, repoRoot } from '../helpers/build-site.ts'

const run = promisify(execFile)

/** Front matter with a title and the given keys, and one paragraph. */
function article(title: string, keys: Record<string, string>): string {
  const lines = Object.entries(keys).map(([key, value]) => `${key}: ${value}`)
  return ['---', `title: ${title}`, ...lines, '---', '', `${title}.`, ''].join('\n')
}

const dutch: Record<string, string> = {
  'same.md': article('Zelfde bron', { 'ms.openlocfilehash': 'aaaa', 'ms.date': '06/01/2024' }),
  'older.md': article('Oudere bron', { 'ms.openlocfilehash': 'bbbb', 'ms.date': '06/01/2024' }),
  'newer.md': article('Nieuwere bron', { 'ms.openlocfilehash': 'dddd', 'ms.date': '03/01/2024' }),
  'same-date.md': article('Zelfde datum', { 'ms.openlocfilehash': 'ffff', 'ms.date': '03/01/2024' }),
  'undated.md': article('Zonder datum', { 'ms.openlocfilehash': 'hhhh', 'ms.date': '03/01/2024' }),
  'tolk-current.md': article('Tolk actueel', { 'ms.openlocfilehash': 'jjjj' }),
  'tolk-changed.md': article('Tolk gewijzigd', { 'ms.openlocfilehash': 'kkkk' }),
}
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex')
const danish: Record<string, string> = {
  'same.md': article('Samme kilde', { 'ms.openlocfilehash': 'AAAA', 'ms.date': '03/01/2024' }),
  'older.md': article('Ældre kilde', { 'ms.openlocfilehash': 'cccc', 'ms.date': '03/01/2024' }),
  'newer.md': article('Nyere kilde', { 'ms.openlocfilehash': 'eeee', 'ms.date': '06/01/2024' }),
  'same-date.md': article('Samme dato', { 'ms.openlocfilehash': 'gggg', 'ms.date': '03/01/2024' }),
  'undated.md': article('Uden dato', { 'ms.openlocfilehash': 'iiii' }),
  'tolk-current.md': article('Tolk opdateret', { 'tolk.source-hash': sha1(dutch['tolk-current.md']!), 'ms.openlocfilehash': 'zzzz' }),
  'tolk-changed.md': article('Tolk ændret', { 'tolk.source-hash': sha1('an earlier Dutch text'), 'ms.openlocfilehash': 'kkkk' }),
}

describe('outdated detection with a translated default locale', function () {
  let dir: string
  const tolk = (args: string[]) => run(process.execPath, [path.join(repoRoot, 'bin/tolk.js'), ...args, '--locale', 'nl-nl=nl-nl', '--locale', 'da-dk=da-dk'], { cwd: dir })

  beforeAll(async function () {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tolk-outdated-'))
    for (const [locale, files] of [['nl-nl', dutch], ['da-dk', danish]] as const) {
      mkdirSync(path.join(dir, locale))
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, locale, name), text)
    }
    await tolk(['build', '--out', 'dist'])
  })

  const banners = (name: string) =>
    selectAll('aside.notice', readHtml(path.join(dir, 'dist'), `da-dk/${name}/index.html`)).map((notice) => [
      String((notice.properties.className as string[]).join(' ')),
      toString(select('p', notice)!).trim(),
    ])

  it('should show no banner where both translations come from the same source, or where it cannot tell which is newer', function () {
    for (const name of ['same', 'same-date', 'undated', 'tolk-current']) expect(banners(name), name).toEqual([])
  })

  it('should say the translation comes from an older source version than the Dutch article', function () {
    expect(banners('older')).toEqual([
      ['notice notice-older-source', 'Denne oversættelse er lavet ud fra en ældre version af kilden end artiklen på nederlandsk. Læs artiklen på nederlandsk'],
    ])
  })

  it('should say the translation comes from a newer source version than the Dutch article', function () {
    expect(banners('newer')).toEqual([
      ['notice notice-newer-source', 'Denne oversættelse er lavet ud fra en nyere version af kilden end artiklen på nederlandsk. Læs artiklen på nederlandsk'],
    ])
  })

  it('should trust tolk.source-hash over ms.openlocfilehash and say the Dutch original changed', function () {
    expect(banners('tolk-changed')).toEqual([
      ['notice notice-outdated', 'Originalen på nederlandsk er blevet opdateret, efter denne oversættelse blev lavet. Læs den opdaterede original'],
    ])
  })

  it('should count the same states in `tolk status`', async function () {
    const { stdout } = await tolk(['status', '--default-locale', 'nl-nl', '--format', 'json'])
    const [status] = (JSON.parse(stdout) as { locales: Array<Record<string, unknown>> }).locales
    expect(status).toEqual({
      locale: 'da-dk',
      total: 7,
      upToDate: ['same.md', 'tolk-current.md'],
      outdated: ['older.md', 'tolk-changed.md'],
      unknown: ['same-date.md', 'undated.md'],
      missing: [],
      machine: [],
      newer: ['newer.md'],
    })
    const human = await tolk(['status', '--default-locale', 'nl-nl'])
    expect(human.stdout.split('\n').slice(2, 4)).toEqual([
      'locale  up to date  outdated  newer  unknown  missing  machine',
      'da-dk   2/7         2         1      2        0        0',
    ])
    expect(human.stdout).toContain('\nda-dk newer source:\n  newer.md\n')
  })
})
