/**
 * The one writer of the site: every file tolk puts into the output goes
 * through it. It writes into a marked temporary sibling of the output folder,
 * page by page as they are rendered, refuses any file name that could land
 * outside that folder, and puts the result in place only when the build
 * succeeded: a failed build never leaves a half-written `dist/`.
 *
 * Given a record of what the previous build wrote (`recordFile`,
 * output-record.ts), a file that would come out byte for byte as the output
 * folder already holds it is not written again, and the commit moves only
 * the changed files in (patch-output.ts). Without one, the temp folder holds
 * the whole site and is swapped in (swap-output.ts).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { report, type Place } from '../diagnostics/report.ts'
import { isStrictlyInside } from './output-dir.ts'
import { isMarked, outputMarker } from './output-marker.ts'
import { contentDigest, copyDigest, readOutputRecord, recordedFileOf, saveOutputRecord, stillRecorded, type RecordedFile } from './output-record.ts'
import { patchIntoPlace, patchJournal, type PatchHooks } from './patch-output.ts'
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
  /**
   * Keep `relFile` as the output folder holds it, when that is the file
   * recorded with `digest` (`contentDigest` of its text), without the text;
   * returns whether it was kept. When not, `write` it.
   */
  keep(relFile: string, digest: string): boolean
  /** Whether `keep` would keep `relFile` now; the name is not taken. */
  holds(relFile: string, digest: string): boolean
  /** Refused names, as diagnostics. */
  readonly messages: VFileMessage[]
  /** Put what was written in place of the output folder's contents, and record it. */
  commit(hooks?: SwapHooks & PatchHooks): void
  /** Throw away what was written; the previous output stays. */
  abort(): void
}

export interface SiteWriterOptions {
  /** Where the record of this output folder is kept (output-record.ts); none: write the whole site, record nothing. */
  recordFile?: string | undefined
}

/** @param outDir the output folder's real path, already checked by `output-dir.ts` and recovered by `recoverOutput`. */
export function createSiteWriter(outDir: string, options: SiteWriterOptions = {}): SiteWriter {
  const { recordFile } = options
  const tempDir = tempDirOf(outDir)
  makeMarkedFolder(tempDir)
  const made = new Set<string>([tempDir])
  const messages: VFileMessage[] = []
  // The output folder as the last build left it, when that is known: then this build patches it.
  const previous = recordFile ? previousOutput(outDir, recordFile) : undefined
  /** This build's record: written files, and those kept as they were. */
  const record = new Map<string, RecordedFile>()
  /** Files written into the temp folder. */
  const changed: string[] = []
  let committing = false

  /** Every file written (or kept) so far, by its plain name (`./a//b` is `a/b`). */
  const written = new Set<string>()

  /** The record of `relFile` when it is a safe, new name the output holds as recorded with `digest`. */
  function held(relFile: string, digest: string): RecordedFile | undefined {
    if (!previous || unsafeOutputPath(relFile) !== undefined) return undefined
    const name = plainName(relFile)
    if (written.has(name)) return undefined
    const recorded = previous.record.get(name)
    return recorded && recorded[0] === digest && stillRecorded(path.join(outDir, name), recorded) ? recorded : undefined
  }

  /** True (and the name taken) when the output holds `relFile` as recorded with `digest`. */
  function keptAsIs(relFile: string, digest: string): boolean {
    const recorded = held(relFile, digest)
    if (!recorded) return false
    const name = plainName(relFile)
    written.add(name)
    record.set(name, recorded)
    return true
  }

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

  /**
   * Write through `action`, unless the output already holds the same file
   * (`digest`, asked only when recording); a file-system error (a file where
   * a folder should be, a full disk) is an `output-error`.
   */
  function put(relFile: string, origin: Origin | undefined, digest: () => string | undefined, action: (absPath: string) => void): boolean {
    try {
      const known = recordFile ? digest() : undefined
      if (known !== undefined && keptAsIs(relFile, known)) return true
      const absPath = target(relFile, origin)
      if (!absPath) return false
      action(absPath)
      changed.push(plainName(relFile))
      const facts = known === undefined ? undefined : recordedFileOf(absPath, known)
      if (facts) record.set(plainName(relFile), facts)
      return true
    } catch (error) {
      const file = new VFile({ path: origin?.path ?? outDir })
      report(file, 'output-error', `Cannot write \`${printable(relFile)}\`: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, origin?.place)
      messages.push(...file.messages)
      return false
    }
  }

  return {
    messages,
    write: (relFile, content, origin) => put(relFile, origin, () => contentDigest(content), (absPath) => writeFileSync(absPath, content)),
    copy: (relFile, fromAbsPath, origin) => put(relFile, origin, () => copyDigest(fromAbsPath), (absPath) => copyFileSync(fromAbsPath, absPath)),
    keep: keptAsIs,
    holds: (relFile, digest) => held(relFile, digest) !== undefined,
    commit(hooks) {
      committing = true
      if (previous) {
        const removed = [...previous.files].filter((name) => !written.has(name))
        patchIntoPlace(tempDir, outDir, { changed, removed }, hooks)
        removeOwnFolder(tempDir)
      } else {
        swapIntoPlace(tempDir, outDir, hooks)
      }
      if (recordFile) saveOutputRecord(recordFile, outDir, record)
    },
    abort() {
      // A patch that failed halfway stays journaled in the temp folder: the next build finishes it (recoverOutput).
      if (committing && previous && existsSync(path.join(tempDir, patchJournal))) return
      removeOwnFolder(tempDir)
    },
  }
}

/**
 * The record of the output folder and the files it holds now (but the
 * marker), or `undefined` when there is no folder of tolk's or no record of it.
 */
function previousOutput(outDir: string, recordFile: string): { record: Map<string, RecordedFile>; files: string[] } | undefined {
  if (!isMarked(outDir)) return undefined
  const record = readOutputRecord(recordFile, outDir)
  if (!record) return undefined
  const files: string[] = []
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue
    const relFile = path.relative(outDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')
    if (relFile !== outputMarker) files.push(relFile)
  }
  return { record, files }
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
