/** `tolk build` and `tolk check`: load config, build, print diagnostics, exit code. */
import path from 'node:path'
import { build } from '../build.ts'
import { loadConfig } from '../config/load-config.ts'
import { formatHuman, summarize } from '../diagnostics/format.ts'
import { hasErrors } from '../diagnostics/report.ts'
import type { CliValues } from './main.ts'

export async function runBuild(values: CliValues, options: { write: boolean }): Promise<number> {
  const strict = values.strict ?? false
  const { config, file } = await loadConfig(configFlags(values))
  if (!config) {
    for (const message of file.messages) process.stderr.write(`${formatHuman(message, { strict })}\n`)
    process.stderr.write(`${summarize(file.messages, strict)}\n`)
    return 1
  }
  const started = performance.now()
  const result = await build(config, { write: options.write, strict })
  for (const message of result.messages) process.stderr.write(`${formatHuman(message, { strict })}\n`)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const failed = hasErrors(result.messages, strict)
  const relativeOut = path.relative(process.cwd(), config.outDir)
  const where = result.written ? ` into ${relativeOut.startsWith('..') ? config.outDir : relativeOut || '.'}/` : ''
  const verb = options.write ? (failed ? 'Build failed; output left unchanged' : `Built ${result.pages} pages${where}`) : `Checked ${result.pages} pages`
  process.stderr.write(`${verb} in ${seconds}s: ${summarize(result.messages, strict)}\n`)
  return failed ? 1 : 0
}

export function configFlags(values: CliValues) {
  return {
    config: values.config,
    locales: values.locale,
    defaultLocale: values['default-locale'],
    outDir: values.out,
    base: values.base,
    siteUrl: values['site-url'],
    externalRoots: values['external-root'],
    ignoreLinks: values['ignore-link'],
  }
}
