/**
 * The build's messages, collected under the site's rule settings: every
 * message enters through `push`, which applies them (see rule-settings.ts),
 * so a stage added later cannot bypass a setting, and `hasErrors` mid-build
 * (is the site good enough to open the writer? to commit?) already sees
 * `off` rules dropped and lowered or raised ones as set.
 */
import type { VFileMessage } from 'vfile-message'
import { hasErrors } from './report.ts'
import { applyRuleSettings, type RuleSettings } from './rule-settings.ts'

export class MessageList {
  readonly #settings: RuleSettings
  readonly #messages: VFileMessage[] = []

  constructor(settings: RuleSettings) {
    this.#settings = settings
  }

  push(...messages: VFileMessage[]): void {
    this.#messages.push(...applyRuleSettings(messages, this.#settings))
  }

  /** True when any message is an error (or a warning, under `strict`). */
  hasErrors(strict = false): boolean {
    return hasErrors(this.#messages, strict)
  }

  /** The messages so far, in the order they came. */
  all(): VFileMessage[] {
    return [...this.#messages]
  }
}
