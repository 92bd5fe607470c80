/**
 * `tolk <command> [options]`: argv → command → exit code. Content problems
 * are printed as diagnostics and give exit code 1; usage errors exit 2; a
 * stack trace only ever means a bug in tolk.
 */
import { parseArgs } from 'node:util'
import { parseRuleFlags } from '../diagnostics/rule-settings.ts'
import { runBuild } from './build-command.ts'
import { runDev, runPreview } from './dev-command.ts'
import { runStatus } from './status-command.ts'

export const usage = `Usage: tolk <command> [options]

Commands:
  build      Build the site into the output folder (default: dist/)
  merge <shard folder>...
             Join the folders of \`build --shard\` into the site, checking links across them
  check      Run every build check without writing output
  dev        Preview while you write: pages on demand, live reload (Vite)
  preview    Serve the built output folder
  status     Translation status per locale

Options:
  --config <file>          Config file (default: tolk.config.ts in the current folder)
  --locale <code=path>     A locale and its content root; repeat for each locale (instead of a config file)
  --default-locale <code>  The locale translations are made from (default: the first --locale)
  --out <dir>              Output folder
  --base <path>            URL path the site is served under, like /docs/
  --site-url <url>         Absolute URL the site is published at
  --external-root <prefix=url>
                           Root-relative links under prefix live elsewhere, e.g.
                           /azure/=https://learn.microsoft.com/{locale}/azure/ (repeatable)
  --ignore-link <prefix>   Never check links starting with prefix (repeatable)
  --moniker <name>         Build one DocFX moniker, e.g. o365-worldwide
  --format <name>          check/build: human (default), json, github; status: human, json
  --rule <id=setting>      Set a rule to error, warning or off, after the config
                           (repeatable; the later wins), e.g. missing-asset=warning
  --strict                 Treat warnings as errors
  --quiet                  check/build: no progress line (shown from 100 pages, human format)
  --cache-dir <dir>        check/build: persistent cache folder (default: node_modules/.cache/tolk)
  --no-cache               check/build: render every page, read and write no cache
  --shard <K/N>            build: render shard K of N (a size-balanced share of the pages) into
                           the output folder as a shard folder, for \`tolk merge\`
  --port <n>, --host <h>   Dev and preview server address (default: localhost)
  -h, --help               Show this help
`

const options = {
  config: { type: 'string' },
  locale: { type: 'string', multiple: true },
  'default-locale': { type: 'string' },
  out: { type: 'string' },
  base: { type: 'string' },
  'site-url': { type: 'string' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  shard: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'external-root': { type: 'string', multiple: true },
  'ignore-link': { type: 'string', multiple: true },
  moniker: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export type CliValues = ReturnType<typeof parse>['values']

function parse(argv: string[]) {
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
}

export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parse(argv)
  } catch (error) {
    process.stderr.write(`tolk: ${(error as Error).message}\n\n${usage}`)
    return 2
  }
  const [command, ...rest] = parsed.positionals
  if (parsed.values.help || !command) {
    process.stdout.write(usage)
    return command || parsed.values.help ? 0 : 2
  }
  if (rest.length && command !== 'merge') {
    process.stderr.write(`tolk: unexpected argument \`${rest[0]}\`\n\n${usage}`)
    return 2
  }
  // A bad `--rule` is a usage error for every command, before any work.
  const ruleFlags = parseRuleFlags(parsed.values.rule ?? [])
  if ('problem' in ruleFlags) {
    process.stderr.write(`tolk: ${ruleFlags.problem}\n`)
    return 2
  }
  switch (command) {
    case 'build':
      return runBuild(parsed.values, { write: true })
    case 'check':
      return runBuild(parsed.values, { write: false })
    case 'merge':
      return runBuild(parsed.values, { write: true, merge: rest })
    case 'dev':
      return runDev(parsed.values)
    case 'preview':
      return runPreview(parsed.values)
    case 'status':
      return runStatus(parsed.values)
    default:
      process.stderr.write(`tolk: unknown command \`${command}\`\n\n${usage}`)
      return 2
  }
}
