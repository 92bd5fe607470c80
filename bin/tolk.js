#!/usr/bin/env node
// Entry point: tsx lets tolk (and the site's tolk.config.ts) run as TypeScript.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
// A `process.exit(0)` from site code (a config's timer, say) must never pass
// a build or check that did not finish for success.
let finished = false
process.on('exit', (code) => {
  if (finished || code !== 0 || !['build', 'check'].includes(process.argv[2] ?? '')) return
  process.stderr.write('tolk: stopped by a `process.exit()` call before it finished; nothing was checked\n')
  process.exitCode = 1
})
process.exitCode = await main(process.argv.slice(2))
finished = true
