/**
 * The one writer of the site: every file tolk puts into the output goes
 * through it. It writes into a marked temporary sibling of the output folder,
 * page by page as they are rendered, refuses any file name that could land
 * outside that folder, and swaps the folder in only when the build succeeded
 * (`swap-output.ts`): a failed build never leaves a half-written `dist/`.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report, type Place } from '../diagnostics/report.ts'
import { isStrictlyInside } from './output-dir.ts'
import { outputMarker } from './output-marker.ts'
import { makeMarkedFolder, removeOwnFolder, swapIntoPlace, tempDirOf, type SwapHooks } from './swap-output.ts'

/** The file (and place in it) a written file comes from, to report a refused name at. */
export interface Origin {
  path: string
  place?: Place | undefined
}

export interface SiteWriter {
  /**
   * Write `content` to `relFile` (`/`-separated, below the output folder).
   * A name that could land outside the output is not written: an
   * `unsafe-output-path` error goes to `messages`, at `origin` when given.
   * Returns whether the file was written.
   */
  write(relFile: string, content: string | Uint8Array, origin?: Origin): boolean
  copy(relFile: string, fromAbsPath: string, origin?: Origin): boolean
  /** Refused names, as diagnostics. */
  readonly messages: VFileMessage[]
  /** Replace the output folder with what was written. */
  commit(hooks?: SwapHooks): void
  /** Throw away what was written; the previous output stays. */
  abort(): void
}

/** @param outDir the output folder's real path, already checked by `output-dir.ts` and recovered by `recoverOutput`. */
export function createSiteWriter(outDir: string): SiteWriter {
  const tempDir = tempDirOf(outDir)
  makeMarkedFolder(tempDir)
  const made = new Set<string>([tempDir])
  const messages: VFileMessage[] = []

  /** Every file written so far, by its plain name (`./a//b` is `a/b`). */
  const written = new Set<string>()

  /** The absolute target of `relFile`, or `undefined` after reporting why it is refused. */
  function target(relFile: string, origin: Origin | undefined): string | undefined {
    const name = plainName(relFile)
    const absPath = path.join(tempDir, name)
    const problem =
      unsafeOutputPath(relFile) ??
      (name === outputMarker ? 'the name is tolk’s marker file' : undefined) ??
      // Defence in depth: whatever the checks above missed, never outside the temp folder.
      (isStrictlyInside(absPath, tempDir) ? undefined : 'the name resolves outside the output folder') ??
      // Two sources for one file: never let the second silently replace the first.
      (written.has(name) ? `it would replace \`${printable(name)}\`, which this build already wrote` : undefined)
    if (problem) {
      const file = new VFile({ path: origin?.path ?? outDir })
      report(file, 'unsafe-output-path', `Refusing to write \`${printable(relFile)}\`: ${problem}`, origin?.place)
      messages.push(...file.messages)
      return undefined
    }
    written.add(name)
    const dir = path.dirname(absPath)
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
    return absPath
  }

  /** Write through `action`; a file-system error (a file where a folder should be, a full disk) is an `output-error`. */
  function put(relFile: string, origin: Origin | undefined, action: (absPath: string) => void): boolean {
    try {
      const absPath = target(relFile, origin)
      if (absPath) action(absPath)
      return absPath !== undefined
    } catch (error) {
      const file = new VFile({ path: origin?.path ?? outDir })
      report(file, 'output-error', `Cannot write \`${printable(relFile)}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, origin?.place)
      messages.push(...file.messages)
      return false
    }
  }

  return {
    messages,
    write: (relFile, content, origin) => put(relFile, origin, (absPath) => writeFileSync(absPath, content)),
    copy: (relFile, fromAbsPath, origin) => put(relFile, origin, (absPath) => copyFileSync(fromAbsPath, absPath)),
    commit: (hooks) => swapIntoPlace(tempDir, outDir, hooks),
    abort: () => removeOwnFolder(tempDir),
  }
}

/**
 * Why `relFile` is not a relative path strictly inside the output folder
 * (`the name is absolute`, …), or `undefined` when it is one. `.` and empty
 * segments are harmless (real redirection files have `./` sources) and are
 * dropped by `plainName`.
 */
export function unsafeOutputPath(relFile: string): string | undefined {
  if (relFile.includes('\0')) return 'the name contains a NUL character'
  if (relFile.includes('\\')) return 'the name contains a backslash'
  if (/^[a-z]:/i.test(relFile)) return 'the name starts with a drive letter'
  if (relFile.startsWith('/')) return 'the name is absolute'
  if (relFile.split('/').includes('..')) return 'the name contains a `..` segment'
  if (plainName(relFile) === '') return 'the name is empty'
  return undefined
}

/** `./a//b` → `a/b` */
function plainName(relFile: string): string {
  return relFile
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/')
}

/** Control characters shown as `\u0000`, so a refused name prints on one line. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
