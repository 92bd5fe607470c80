import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { select } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.ts'
import { createDevSession, type DevSession } from '../../../src/dev/dev-session.ts'
import { copyOfSampleGuide } from '../../helpers/build-site.ts'

describe('the dev session', function () {
  let dir: string
  let session: DevSession
  const file = (relPath: string) => path.join(dir, 'content', relPath)

  beforeEach(async function () {
    dir = copyOfSampleGuide('tolk-session-')
    session = createDevSession(() => loadConfig({}, dir))
    expect(await session.reload()).toEqual([])
  })

  it('should render a page at its build URL, and answer unknown paths with not-found', function () {
    const answer = session.respond('da-dk/incident-response/analyze/')
    expect(answer.kind).toBe('page')
    const html = answer.kind === 'page' ? answer.html! : ''
    expect(select('html', fromHtml(html))!.properties.lang).toBe('da-DK')
    expect(session.respond('da-dk/incident-response/analyze').kind).toBe('page')
    expect(session.respond('da-dk/incident-response/media/response-lifecycle.svg')).toEqual({
      kind: 'svg',
      bytes: readFileSync(file('da-dk/incident-response/media/response-lifecycle.svg')),
      messages: [],
    })
    expect(session.respond('tolk.config.ts').kind).toBe('not-found')
    expect(session.respond('content/en-us/index.md').kind).toBe('not-found')
  })

  it('should serve the generated home page of a locale without index.md at /<locale>/, as the build writes it', async function () {
    for (const locale of ['en-us', 'da-dk', 'nl-nl', 'ar-sa']) rmSync(file(`${locale}/index.md`), { force: true })
    await session.reload()
    const answer = session.respond('da-dk/')
    expect(answer.kind).toBe('page')
    const home = fromHtml(answer.kind === 'page' ? answer.html! : '')
    expect(select('html', home)!.properties.lang).toBe('da-DK')
    expect(toString(select('main h1', home)!)).toBe(toString(select('.site-title', home)!))
    expect(select('main ul.home-contents a', home)).toBeDefined()
    expect(session.respond('da-dk').kind).toBe('page')
  })

  it('should serve a content SVG as the build publishes it: sanitized, or not at all', function () {
    const svg = 'da-dk/incident-response/media/response-lifecycle.svg'
    writeFileSync(file(svg), '<svg xmlns="http://www.w3.org/2000/svg">\n<script>top.__pwned=1</script><rect width="1"/></svg>\n')
    const answer = session.respond(svg)
    expect(answer.kind === 'svg' && answer.bytes?.toString('utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg">\n<rect width="1"/></svg>\n')
    expect(answer.kind === 'svg' && answer.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([[2, 1, 'unsafe-svg']])
    writeFileSync(file(svg), '<svg xmlns="http://www.w3.org/2000/svg"><script>top.__pwned=1</script>')
    const broken = session.respond(svg)
    expect(broken.kind === 'svg' && broken.bytes).toBeUndefined()
    expect(broken.kind === 'svg' && broken.messages.map((message) => [message.line, message.column, message.ruleId])).toEqual([[1, 71, 'invalid-svg']])
  })

  it('should report exactly the viewed pages that use a changed include', async function () {
    for (const url of ['en-us/incident-response/analyze/', 'en-us/incident-response/prepare/', 'en-us/incident-response/investigate-identity-attacks/', 'da-dk/incident-response/analyze/']) {
      session.respond(url)
    }
    appendFileSync(file('en-us/incident-response/includes/escalation-contacts.md'), '\nOne more line.\n')
    // escalation-contacts.md is used by analyze and remediate. analyze was viewed, and
    // remediate was rendered to check analyze's links to its anchors; prepare and
    // the Danish analyze page do not use the English include.
    expect(await session.fileChanged(file('en-us/incident-response/includes/escalation-contacts.md'), 'change')).toEqual([
      'en-us/incident-response/analyze/',
      'en-us/incident-response/remediate/',
    ])
    const answer = session.respond('en-us/incident-response/analyze/')
    expect(answer.kind === 'page' && answer.html!.includes('One more line.')).toBe(true)
  })

  it('should mark the translations of a changed English article, whose outdated notice depends on it', async function () {
    session.respond('nl-nl/incident-response/analyze/')
    appendFileSync(file('en-us/incident-response/analyze.md'), '\nNew English text.\n')
    // The English page, the Arabic fallback page showing it, and the viewed Dutch
    // translation (its outdated notice); the Danish one renders fresh when next viewed.
    expect(await session.fileChanged(file('en-us/incident-response/analyze.md'), 'change')).toEqual([
      'ar-sa/incident-response/analyze/',
      'en-us/incident-response/analyze/',
      'nl-nl/incident-response/analyze/',
    ])
    const answer = session.respond('nl-nl/incident-response/analyze/')
    const notice = select('aside.notice-outdated', fromHtml(answer.kind === 'page' ? answer.html! : ''))
    expect(toString(notice!)).toContain('Het Engelse origineel is bijgewerkt')
  })

  it('should reload everything when a TOC, template or UI-string file changes', async function () {
    expect(await session.fileChanged(path.join(dir, 'site-strings/da-dk.json'), 'change')).toBe('all')
    expect(await session.fileChanged(file('da-dk/TOC.yml'), 'change')).toBe('all')
  })

  it('should keep serving, with the error, when the front matter breaks, and recover when fixed', async function () {
    const article = file('en-us/incident-response/analyze.md')
    const good = readFileSync(article, 'utf8')
    writeFileSync(article, good.replace(/^title: .*$/m, 'title: [broken'))
    await session.fileChanged(article, 'change')
    const broken = session.respond('en-us/incident-response/analyze/')
    expect(broken.kind === 'page' && broken.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '2:8 front-matter-yaml',
    ])
    writeFileSync(article, good)
    await session.fileChanged(article, 'change')
    const fixed = session.respond('en-us/incident-response/analyze/')
    expect(fixed.kind === 'page' && fixed.messages).toEqual([])
  })

  it('should survive a broken config and pick up the fix', async function () {
    const configFile = path.join(dir, 'tolk.config.ts')
    const good = readFileSync(configFile, 'utf8')
    writeFileSync(configFile, good.replace("defaultLocale: 'en-us'", "defaultLocale: 'xx-xx'"))
    expect(await session.fileChanged(configFile, 'change')).toBe('all')
    const answer = session.respond('en-us/incident-response/analyze/')
    expect(answer.kind).toBe('not-found')
    expect(answer.kind === 'not-found' && answer.messages.map((message) => message.ruleId)).toEqual(['unknown-locale'])
    writeFileSync(configFile, good)
    await session.fileChanged(configFile, 'change')
    expect(session.respond('en-us/incident-response/analyze/').kind).toBe('page')
  })
})
