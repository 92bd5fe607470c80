/**
 * Rule severities set by the site, the way linters do it: config `rules`
 * (`{ 'missing-asset': 'warning', 'orphan-page': 'off' }`) and `--rule
 * id=setting` on the command line, applied after the config. Raising a rule
 * is always allowed; a locked rule (rules.ts) is never lowered.
 *
 * `applyRuleSettings` is the one place a setting takes effect: the build's
 * message list (message-list.ts), page results (from this thread or a
 * worker) and the dev server's answers all pass through it, so every
 * reporter, the summary and the exit code see the same severity.
 */
import { distance } from 'fastest-levenshtein'
import type { VFileMessage } from 'vfile-message'
import { isRuleId, lockedReason, rules, type RuleId } from './rules.ts'

export const ruleSettings = ['error', 'warning', 'off'] as const
export type RuleSetting = (typeof ruleSettings)[number]
export type RuleSettings = Partial<Record<RuleId, RuleSetting>>

/**
 * Why `id` cannot be set to `setting`, or `undefined` when it can: an unknown
 * rule or setting (with the closest known one), or a locked rule lowered.
 */
export function ruleSettingProblem(id: string, setting: unknown): string | undefined {
  if (!isRuleId(id)) {
    const suggestion = closest(id, Object.keys(rules))
    return `unknown rule \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
  }
  if (typeof setting !== 'string' || !(ruleSettings as readonly string[]).includes(setting)) {
    const suggestion = typeof setting === 'string' ? closest(setting, ruleSettings) : undefined
    const shown = typeof setting === 'string' ? `\`${setting}\`` : typeof setting
    return `expected \`error\`, \`warning\` or \`off\`, not ${shown}${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`
  }
  const locked = lockedReason(id)
  if (locked && setting !== 'error') {
    return `\`${id}\` guards the site's integrity and cannot be set to \`${setting}\`: ${locked}`
  }
  return undefined
}

/** `--rule id=setting` pairs, later ones winning, or the first problem. */
export function parseRuleFlags(pairs: readonly string[]): { rules: RuleSettings } | { problem: string } {
  const settings: RuleSettings = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) return { problem: `\`--rule ${pair}\`: expected \`rule=error|warning|off\`, like \`missing-asset=warning\`` }
    const id = pair.slice(0, at)
    const setting = pair.slice(at + 1)
    const problem = ruleSettingProblem(id, setting)
    if (problem) return { problem: `\`--rule ${pair}\`: ${problem}` }
    settings[id as RuleId] = setting as RuleSetting
  }
  return { rules: settings }
}

/** The severity a message of `ruleId` has under `settings`; `off` drops it. */
export function effectiveSetting(ruleId: string | undefined, settings: RuleSettings): RuleSetting | undefined {
  if (ruleId === undefined || !isRuleId(ruleId)) return undefined
  return settings[ruleId]
}

/**
 * The messages as the site's settings have them: `off` rules dropped, the
 * others' `fatal` set from their setting. Messages of rules the site did not
 * set keep the severity `report()` gave them. Applying twice changes nothing.
 */
export function applyRuleSettings(messages: readonly VFileMessage[], settings: RuleSettings): VFileMessage[] {
  const kept: VFileMessage[] = []
  for (const message of messages) {
    const setting = effectiveSetting(message.ruleId, settings)
    if (setting === 'off') continue
    if (setting) message.fatal = setting === 'error'
    kept.push(message)
  }
  return kept
}

/** The candidate within a small edit distance of `wanted`, if any. */
function closest(wanted: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(wanted.length / 3)) + 1
  for (const candidate of candidates) {
    // `warn` → `warning`, `missing` → `missing-asset`… only when just one starts so.
    if (wanted && candidates.filter((c) => c.startsWith(wanted.toLowerCase())).length === 1 && candidate.startsWith(wanted.toLowerCase())) return candidate
    const d = distance(wanted.toLowerCase(), candidate)
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
