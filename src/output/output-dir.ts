/**
 * Which folder `tolk build` may replace. A build deletes its output folder's
 * previous contents, so a wrong `--out` (or `outDir`) must never reach the
 * writer: the folder may not be, contain or (for some) lie inside a folder
 * the site is made from, and tolk only ever replaces a folder it made itself,
 * recognised by the marker file it writes into every output.
 */
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ResolvedConfig } from '../config/schema.ts'
import { packageDir } from '../config/resolve-config.ts'
import { isMarked, outputMarker } from './output-marker.ts'
import { oldDirOf, recoverOutput, tempDirOf } from './swap-output.ts'

/**
 * Get the output folder ready for a build, or say why it may not be used:
 * check its location, recover what a killed build left behind, then check
 * what is in it. Returns the real path the writer works on.
 */
export function claimOutputDir(config: ResolvedConfig, cwd = process.cwd()): { outDir: string } | { problem: string } {
  const location = outputDirLocationProblem(config, cwd)
  if (location) return { problem: location }
  const outDir = realPathOfExisting(config.outDir)
  try {
    recoverOutput(outDir)
  } catch (error) {
    return { problem: `cannot tidy up after an earlier build beside \`${showPath(config.outDir, cwd)}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  // Left by a build that is still running, or not tolk's: never write into or over it.
  for (const sibling of [tempDirOf(outDir), oldDirOf(outDir)]) {
    if (existsSync(sibling)) return { problem: `refusing output folder \`${showPath(config.outDir, cwd)}\`: \`${showPath(sibling, cwd)}\` is in the way; delete it or choose another folder` }
  }
  const content = outputDirContentProblem(config.outDir, cwd)
  return content ? { problem: content } : { outDir }
}

/** A folder the output must keep clear of, and how. */
interface Protected {
  /** Real path. */
  path: string
  /** `the content root of locale \`da-dk\`` */
  label: string
  /** May the output lie inside it? (`dist/` lies inside the project folder; nothing may lie inside a content root.) */
  insideAllowed: boolean
}

/**
 * Why the output folder may not be used, as one line (without the `tolk: `
 * prefix), or `undefined` when it is safe. Only the location is checked
 * here; see `outputDirContentProblem` for what is already in the folder.
 *
 * | protected folder                                                            | is | contains | inside |
 * |-----------------------------------------------------------------------------|----|----------|--------|
 * | a filesystem root (`/`, `C:\`)                                              | ✗  | —        | ok     |
 * | the home folder, the current folder, the config's folder, tolk's own folder | ✗  | ✗        | ok     |
 * | a content root, the templates and UI-strings folders, the redirection file  | ✗  | ✗        | ✗      |
 *
 * Paths are compared after resolving symlinks of their existing part, so a
 * link to the content root is the content root.
 */
export function outputDirLocationProblem(config: ResolvedConfig, cwd = process.cwd()): string | undefined {
  const out = realPathOfExisting(config.outDir)
  const shown = showPath(config.outDir, cwd)
  if (path.parse(out).root === out) return refusal(shown, 'it is the filesystem root')
  for (const guarded of protectedFolders(config, cwd)) {
    const relation = relationOf(out, guarded.path)
    if (relation === undefined || (relation === 'inside' && guarded.insideAllowed)) continue
    const where = relation === 'is' ? '' : ` (\`${showPath(guarded.path, cwd)}\`)`
    const verb = relation === 'is' ? 'is' : relation === 'contains' ? 'contains' : 'is inside'
    return refusal(shown, `it ${verb} ${guarded.label}${where}`)
  }
  return undefined
}

/**
 * Why the existing folder at the output path may not be replaced: tolk
 * replaces a folder that is missing, empty, or holds its marker, and nothing else.
 */
export function outputDirContentProblem(outDir: string, cwd = process.cwd()): string | undefined {
  const shown = showPath(outDir, cwd)
  const real = realPathOfExisting(outDir)
  let stats
  try {
    stats = lstatSync(real)
  } catch {
    return undefined
  }
  if (stats.isSymbolicLink()) return `refusing output folder \`${shown}\`: it is a symbolic link to a missing folder; delete it or choose another folder`
  if (!stats.isDirectory()) return `refusing output folder \`${shown}\`: it is a file, not a folder; delete it or choose another folder`
  if (isMarked(real) || readdirSync(real).length === 0) return undefined
  return (
    `refusing output folder \`${shown}\`: it is not empty and has no \`${outputMarker}\` file, so tolk did not make it; ` +
    'delete it or choose another folder'
  )
}

/** The real path of `absPath`'s longest existing ancestor, with the rest appended. */
export function realPathOfExisting(absPath: string): string {
  const rest: string[] = []
  let current = path.resolve(absPath)
  for (;;) {
    try {
      return path.join(realpathSync.native(current), ...rest.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return path.join(current, ...rest.reverse())
      rest.push(path.basename(current))
      current = parent
    }
  }
}

function refusal(shown: string, why: string): string {
  return `refusing output folder \`${shown}\`: ${why}; choose another folder with \`--out\` or \`outDir\``
}

/** In checking order: the first match is the one reported. */
function protectedFolders(config: ResolvedConfig, cwd: string): Protected[] {
  const folders: Protected[] = []
  const add = (folder: string | undefined, label: string, insideAllowed: boolean) => {
    if (!folder) return
    const real = realPathOfExisting(folder)
    if (!folders.some((known) => known.path === real)) folders.push({ path: real, label, insideAllowed })
  }
  add(homeDir(), 'your home folder', true)
  add(cwd, 'the current folder', true)
  add(config.configDir, "the config file's folder", true)
  add(packageDir, "tolk's own folder", true)
  for (const locale of config.locales) add(locale.root, `the content root of locale \`${locale.code}\``, false)
  add(config.templatesDir, 'the templates folder', false)
  add(config.uiStringsDir, 'the UI strings folder', false)
  add(path.join(packageDir, 'templates'), "tolk's own templates", false)
  add(path.join(packageDir, 'locales'), "tolk's own UI strings", false)
  add(config.redirectionFile, 'the redirection file', false)
  return folders
}

function homeDir(): string | undefined {
  try {
    return os.homedir() || undefined
  } catch {
    return undefined
  }
}

function relationOf(out: string, guarded: string): 'is' | 'contains' | 'inside' | undefined {
  if (out === guarded) return 'is'
  if (isStrictlyInside(guarded, out)) return 'contains'
  if (isStrictlyInside(out, guarded)) return 'inside'
  return undefined
}

/** True when `child` lies below `parent` (both absolute and normalized). */
export function isStrictlyInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/** Relative to the current folder when below it, else absolute. */
function showPath(absPath: string, cwd: string): string {
  const relative = path.relative(cwd, absPath)
  if (relative === '') return '.'
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return absPath
  return relative.split(path.sep).join('/')
}
