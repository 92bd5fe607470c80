#!/usr/bin/env node
// Entry point: tolk runs compiled (see compiled-tolk.js) or, when it cannot
// be compiled, from its TypeScript sources through tsx.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { compiledTolk } from './compiled-tolk.js'

const compiled = await compiledTolk()
let main
if (compiled) {
  ;({ main } = await import(pathToFileURL(path.join(compiled, 'main.mjs')).href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
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
