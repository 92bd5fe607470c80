#!/usr/bin/env node
// Entry point: tsx lets tolk (and the site's tolk.config.ts) run as TypeScript.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
