/**
 * Debian's Chromium for end-to-end tests. Tests that need it skip with a
 * printed reason when it is absent, unless TOLK_REQUIRE_BROWSER=1 (set by
 * .ci/run) makes its absence a failure. Never downloads a browser.
 */
import { existsSync } from 'node:fs'
import { describe } from 'vitest'

export const chromiumPath = process.env['TOLK_CHROMIUM'] ?? '/usr/bin/chromium'

/** Flags for a root, headless, offline machine. */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function describeWithBrowser() {
  if (existsSync(chromiumPath)) return describe
  if (process.env['TOLK_REQUIRE_BROWSER'] === '1') throw new Error(`${chromiumPath} is missing but TOLK_REQUIRE_BROWSER=1 requires it`)
  console.warn(`skipping: ${chromiumPath} not found (install Debian's chromium to run browser tests)`)
  return describe.skip
}
