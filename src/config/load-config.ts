/**
 * Find and load the site configuration: a `tolk.config.ts` (or `--config`
 * file), or one assembled from CLI flags such as `--locale nl-nl=../corpus`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { NamespacedUnregister } from 'tsx/esm/api'
import { VFile } from 'vfile'
import { report, type Place } from '../diagnostics/report.ts'
import { resolveTolkToCompiled } from './compiled-self.ts'
import { packageDir, resolveConfig, type ResolveResult } from './resolve-config.ts'

export const configFileNames = ['tolk.config.ts', 'tolk.config.mts', 'tolk.config.js', 'tolk.config.mjs']

export { packageDir }

export interface ConfigFlags {
  config?: string | undefined
  /** `code=path` pairs in switcher order. */
  locales?: string[] | undefined
  defaultLocale?: string | undefined
  outDir?: string | undefined
  base?: string | undefined
  siteUrl?: string | undefined
  /** `prefix=template` pairs. */
  externalRoots?: string[] | undefined
  ignoreLinks?: string[] | undefined
  moniker?: string | undefined
  /** `rule=setting` pairs, applied after the config's `rules`; the later wins. */
  rules?: string[] | undefined
  /** `--cache-dir` (a folder) or `--no-cache` (`false`). */
  cacheDir?: string | false | undefined
}

export async function loadConfig(flags: ConfigFlags, cwd = process.cwd()): Promise<ResolveResult> {
  const configFile = flags.config ? path.resolve(cwd, flags.config) : findConfigFile(cwd, flags)
  if (!configFile) return fromFlags(flags, cwd)
  const file = new VFile({ path: configFile })
  if (!existsSync(configFile)) {
    report(file, 'invalid-config', `Cannot find config file \`${flags.config ?? configFile}\``)
    return { config: undefined, file }
  }
  try {
    file.value = readFileSync(configFile, 'utf8')
  } catch (error) {
    report(file, 'invalid-config', `Cannot read config file: ${(error as NodeJS.ErrnoException).code ?? firstLine(error)}`)
    return { config: undefined, file }
  }
  const loaded = await evaluateConfig(configFile)
  if (!loaded.ok) {
    report(file, 'invalid-config', `Cannot load config: ${loaded.reason}`, loaded.place)
    return { config: undefined, file }
  }
  const result = resolveConfig(applyFlags(loaded.exported, flags), file, path.dirname(configFile))
  return result
}

/** Thrown in place of exiting when a config calls `process.exit` while it loads. */
class ConfigExit extends Error {}

/**
 * Run the config module and copy its default export to plain data. A config
 * is code: it may throw, export a promise that rejects, a getter or Proxy
 * that throws, or call `process.exit` (which would end `tolk check` with its
 * code, 0 included). Each becomes a reason; none escapes as a stack trace
 * or an exit. `process.exit` is replaced only while the module runs;
 * bin/tolk.js keeps a later call from passing for success.
 */
async function evaluateConfig(configFile: string): Promise<{ ok: true; exported: unknown } | { ok: false; reason: string; place?: Place }> {
  const exit = process.exit
  // A rejected promise export is unhandled until awaited below; without a
  // listener Node would end the process on it first.
  const ignoreRejection = () => {}
  process.on('unhandledRejection', ignoreRejection)
  process.exit = ((code?: number | string | null) => {
    throw new ConfigExit(`the config called \`process.exit(${code ?? ''})\`; a config only exports settings`)
  }) as typeof process.exit
  try {
    const module = (await importConfigModule(configFile)) as { default?: unknown }
    let exported = await module.default
    // A config in a CommonJS package arrives wrapped once more by the interop.
    if (typeof exported === 'object' && exported !== null && 'default' in exported && !('locales' in exported)) {
      exported = await (exported as { default: unknown }).default
    }
    return { ok: true, exported: snapshot(exported, 0) }
  } catch (error) {
    return { ok: false, ...loadError(error) }
  } finally {
    process.exit = exit
    // Let a pending rejection be seen as handled before the listener goes.
    await new Promise((resolve) => setImmediate(resolve))
    process.off('unhandledRejection', ignoreRejection)
  }
}

/** tsx's loader for configs, registered once per process (see importConfigModule). */
let configLoader: Promise<NamespacedUnregister> | undefined
const configNamespace = 'tolk-config'

/**
 * Import the config file as TypeScript whatever the site's package type,
 * through one tsx namespace for the whole process. The file's URL carries a
 * hash of its text, so an edited config is a new module while an unchanged
 * one is the module already loaded. What it imports (tolk itself, through
 * `defineConfig`) is loaded once: a fresh namespace per load, as tsImport
 * makes, loaded all of tolk again on every dev-server reload and never freed
 * it (about 15 MB per reload).
 */
async function importConfigModule(configFile: string): Promise<unknown> {
  const loader = await (configLoader ??= registerConfigLoader())
  const version = createHash('sha256').update(readFileSync(configFile)).digest('hex').slice(0, 16)
  return loader.import(`${pathToFileURL(configFile).href}?v=${version}`, import.meta.url)
}

/** tsx is loaded only for a config file: a build from command-line flags never needs it. */
async function registerConfigLoader(): Promise<NamespacedUnregister> {
  const [{ register: registerRequire }, { register }] = await Promise.all([import('tsx/cjs/api'), import('tsx/esm/api')])
  // The require hook too, under the same namespace, as tsImport does: in a
  // CommonJS package the config and what it requires load through it.
  registerRequire({ namespace: configNamespace })
  const loader = register({ namespace: configNamespace })
  // Registered after tsx, so it runs before tsx's resolver.
  resolveTolkToCompiled()
  return loader
}

/**
 * The export as plain objects, arrays and scalars, read once here so that
 * later stages never run the config's getters or Proxy traps.
 */
function snapshot(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth > 32) throw new Error('the exported settings nest more than 32 deep (a cycle?)')
  if (Array.isArray(value)) return Array.from(value, (item) => snapshot(item, depth + 1))
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) copy[key] = snapshot((value as Record<string, unknown>)[key], depth + 1)
  return copy
}

/** esbuild's message and place for a syntax error ("Transform failed with 1 error:" then `file:line:col: ERROR: …`). */
function loadError(error: unknown): { reason: string; place?: Place } {
  const text = error instanceof Error ? error.message : String(error)
  const esbuild = /^.*:(\d+):(\d+): ERROR: (.+)$/m.exec(text)
  if (esbuild && /^Transform failed/.test(text)) {
    return { reason: esbuild[3]!, place: { line: Number(esbuild[1]), column: Number(esbuild[2]) + 1 } }
  }
  if (error instanceof ConfigExit) return { reason: error.message }
  return { reason: firstLine(error) || (error instanceof Error ? error.name : 'unknown error') }
}

function findConfigFile(cwd: string, flags: ConfigFlags): string | undefined {
  if (flags.locales?.length) return undefined
  return configFileNames.map((name) => path.join(cwd, name)).find((candidate) => existsSync(candidate))
}

/** Flags given beside a config file override its values. */
function applyFlags(exported: unknown, flags: ConfigFlags): unknown {
  if (typeof exported !== 'object' || exported === null) return exported
  return {
    ...exported,
    ...(flags.outDir ? { outDir: flags.outDir } : {}),
    ...(flags.base ? { base: flags.base } : {}),
    ...(flags.siteUrl ? { siteUrl: flags.siteUrl } : {}),
    ...(flags.defaultLocale ? { defaultLocale: flags.defaultLocale } : {}),
    ...(flags.moniker ? { moniker: flags.moniker } : {}),
    ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    ...linkFlags(flags, exported as { externalRoots?: Record<string, string>; ignoreLinks?: string[] }),
    ...ruleFlags(flags, (exported as { rules?: unknown }).rules),
  }
}

/**
 * `--rule` settings over the config's `rules`. The CLI refuses a bad pair
 * before this; from the API, a malformed one goes through as a key so the
 * schema reports it.
 */
function ruleFlags(flags: ConfigFlags, base: unknown = {}) {
  // A `rules` that is no object stays as it is, for the schema to report.
  if (!flags.rules?.length || typeof base !== 'object' || base === null || Array.isArray(base)) return {}
  const settings: Record<string, unknown> = { ...base }
  for (const pair of flags.rules) {
    const at = pair.indexOf('=')
    if (at <= 0) settings[pair] = ''
    else settings[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return { rules: settings }
}

/** `--external-root` and `--ignore-link` add to what the config file says. */
function linkFlags(flags: ConfigFlags, base: { externalRoots?: Record<string, string>; ignoreLinks?: string[] } = {}) {
  const roots = { ...base.externalRoots }
  for (const pair of flags.externalRoots ?? []) {
    const at = pair.indexOf('=')
    // A malformed pair goes through as-is so the schema reports it by key.
    if (at <= 0) roots[pair] = ''
    else roots[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return {
    ...(flags.externalRoots?.length ? { externalRoots: roots } : {}),
    ...(flags.ignoreLinks?.length ? { ignoreLinks: [...(base.ignoreLinks ?? []), ...flags.ignoreLinks] } : {}),
  }
}

function fromFlags(flags: ConfigFlags, cwd: string): ResolveResult {
  const file = new VFile({ path: '<command line>' })
  const locales: Record<string, { root: string }> = {}
  for (const pair of flags.locales ?? []) {
    const at = pair.indexOf('=')
    if (at <= 0) {
      report(file, 'invalid-config', `\`--locale ${pair}\`: expected \`code=path\`, like \`nl-nl=content/nl-nl\``)
      continue
    }
    locales[pair.slice(0, at)] = { root: pair.slice(at + 1) }
  }
  if (file.messages.length) return { config: undefined, file }
  if (!flags.locales?.length) {
    report(file, 'invalid-config', 'No `tolk.config.ts` here and no `--locale code=path`; give one or the other')
    return { config: undefined, file }
  }
  const input = {
    locales,
    defaultLocale: flags.defaultLocale ?? Object.keys(locales)[0],
    ...(flags.outDir ? { outDir: flags.outDir } : {}),
    ...(flags.base ? { base: flags.base } : {}),
    ...(flags.siteUrl ? { siteUrl: flags.siteUrl } : {}),
    ...(flags.moniker ? { moniker: flags.moniker } : {}),
    ...(flags.cacheDir !== undefined ? { cacheDir: flags.cacheDir } : {}),
    ...linkFlags(flags),
    ...ruleFlags(flags),
  }
  const result = resolveConfig(input, file, cwd)
  // There is no config file; `file` only names the command line in messages.
  // Nor is there a site: the current folder's `locales/` and `templates/`
  // belong to whatever project it is (tolk's own sample guide, say).
  if (result.config) {
    result.config.configFile = undefined
    result.config.uiStringsDir = undefined
    result.config.templatesDir = path.join(packageDir, 'templates')
  }
  return result
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
