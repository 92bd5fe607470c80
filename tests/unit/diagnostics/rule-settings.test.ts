import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import { MessageList } from '../../../src/diagnostics/message-list.ts'
import { report } from '../../../src/diagnostics/report.ts'
import { applyRuleSettings, parseRuleFlags } from '../../../src/diagnostics/rule-settings.ts'
import { lockedReason, rules, type RuleId } from '../../../src/diagnostics/rules.ts'

function messages() {
  const file = new VFile({ path: 'a.md' })
  report(file, 'broken-link', 'Cannot find `b.md`', { line: 1, column: 1 })
  report(file, 'orphan-page', 'No TOC links here', { line: 2, column: 1 })
  report(file, 'link-case', 'Case differs', { line: 3, column: 1 })
  report(file, 'include-not-found', 'Cannot find include `x.md`', { line: 4, column: 1 })
  return file.messages
}

describe('applyRuleSettings', function () {
  it('should lower, raise and drop by rule id and leave the rest as reported', function () {
    const settled = applyRuleSettings(messages(), { 'broken-link': 'warning', 'orphan-page': 'off', 'link-case': 'error' })
    expect(settled.map((message) => formatHuman(message))).toEqual([
      'a.md:1:1: warning: Cannot find `b.md` [broken-link]',
      'a.md:3:1: error: Case differs [link-case]',
      'a.md:4:1: error: Cannot find include `x.md` [include-not-found]',
    ])
  })

  it('should change nothing when applied twice', function () {
    const settings = { 'broken-link': 'warning', 'orphan-page': 'off' } as const
    const once = applyRuleSettings(messages(), settings).map((message) => formatHuman(message))
    const twice = applyRuleSettings(applyRuleSettings(messages(), settings), settings).map((message) => formatHuman(message))
    expect(twice).toEqual(once)
  })
})

describe('MessageList', function () {
  it('should apply the settings as messages enter, so hasErrors sees them', function () {
    const list = new MessageList({ 'broken-link': 'warning', 'include-not-found': 'error' })
    const file = new VFile({ path: 'a.md' })
    report(file, 'broken-link', 'Cannot find `b.md`', { line: 1, column: 1 })
    list.push(...file.messages)
    expect(list.hasErrors()).toBe(false)
    expect(list.hasErrors(true)).toBe(true)
    expect(list.all().map((message) => message.fatal)).toEqual([false])
  })

  it('should not count an `off` message, even under strict', function () {
    const list = new MessageList({ 'orphan-page': 'off' })
    const file = new VFile({ path: 'a.md' })
    report(file, 'orphan-page', 'No TOC links here')
    list.push(...file.messages)
    expect(list.all()).toEqual([])
    expect(list.hasErrors(true)).toBe(false)
  })
})

describe('parseRuleFlags', function () {
  it('should read pairs in order, the later winning', function () {
    expect(parseRuleFlags(['missing-asset=warning', 'orphan-page=off', 'missing-asset=error'])).toEqual({
      rules: { 'missing-asset': 'error', 'orphan-page': 'off' },
    })
  })

  it('should name the first bad pair and why', function () {
    expect(parseRuleFlags(['missing-asset=warning', 'broken-link'])).toEqual({
      problem: '`--rule broken-link`: expected `rule=error|warning|off`, like `missing-asset=warning`',
    })
    expect(parseRuleFlags(['=off'])).toEqual({ problem: '`--rule =off`: expected `rule=error|warning|off`, like `missing-asset=warning`' })
    expect(parseRuleFlags(['brokn-link=off'])).toEqual({ problem: '`--rule brokn-link=off`: unknown rule `brokn-link`; did you mean `broken-link`?' })
    expect(parseRuleFlags(['broken-link=Off'])).toEqual({
      problem: '`--rule broken-link=Off`: expected `error`, `warning` or `off`, not `Off`; did you mean `off`?',
    })
    expect(parseRuleFlags(['file-outside-root=warning'])).toEqual({
      problem: "`--rule file-outside-root=warning`: `file-outside-root` guards the site's integrity and cannot be set to `warning`: a file outside its root is never read",
    })
  })

  it('should let a locked rule be set to error, and any rule be raised', function () {
    expect(parseRuleFlags(['include-cycle=error', 'orphan-page=error'])).toEqual({ rules: { 'include-cycle': 'error', 'orphan-page': 'error' } })
  })
})

describe('locked rules', function () {
  it('should lock only rules that are errors by default', function () {
    const lockedWarnings = (Object.keys(rules) as RuleId[]).filter((id) => lockedReason(id) && rules[id].severity !== 'error')
    expect(lockedWarnings).toEqual([])
  })

  it('should lock the integrity rules the issue names', function () {
    const integrity: RuleId[] = ['include-not-found', 'include-cycle', 'include-outside-root', 'include-too-deep', 'front-matter-yaml', 'invalid-front-matter', 'file-outside-root', 'invalid-config', 'unsafe-output-dir', 'unsafe-output-path', 'output-error', 'internal-error']
    expect(integrity.filter((id) => !lockedReason(id))).toEqual([])
  })
})
