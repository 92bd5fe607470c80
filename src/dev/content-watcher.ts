/**
 * The dev server's file watcher (chokidar): the folder of the site's config
 * and every path the site reads outside it (content roots, templates, UI
 * strings, redirection files), but not tolk's output and cache folders (the
 * server writes its cache: watched, each write would reload the site, which
 * writes it again). `ready` settles once chokidar has walked all
 * of them, and the server says it is serving only then, so a save made right
 * after reaches it.
 *
 * Vite's own watcher is off (server.ts). It said it was ready some 25 ms
 * after it started, long before it had walked a tree of the corpus's size
 * (7,600 files: about a second), and the paths tolk added to it afterwards
 * were walked again; a save in that time never reached the server, which
 * then served the old page until the next save.
 */
import path from 'node:path'
import { watch } from 'chokidar'

export type FileEvent = 'add' | 'change' | 'unlink'

/** What to watch: `paths` (folders or files) and everything below them, except below `unwatched` (tolk's own output and cache). */
export interface Watched {
  paths: string[]
  unwatched: string[]
}

export interface ContentWatcher {
  /** Settles once every path given at the start has been walked. */
  ready: Promise<void>
  /** After a reload: watch new paths too (those already watched are left alone) and skip what is now unwatched. */
  update(watched: Watched): void
  close(): Promise<void>
}

export interface WatchHandlers {
  onFile: (event: FileEvent, absPath: string) => void
  /** A path that cannot be watched (permissions, too many watches): reported, never fatal. */
  onError: (error: unknown) => void
}

/** Folders below a watched path that are never site input: a package folder, a Git folder. */
const skippedFolders = new Set(['node_modules', '.git'])

export function watchContent(start: Watched, handlers: WatchHandlers): ContentWatcher {
  const watched = new Set<string>()
  const fresh = (candidates: string[]): string[] => outermost(candidates.map((candidate) => path.resolve(candidate)).filter((candidate) => !covered(candidate, watched)))
  // An output or cache folder that holds a watched path (an `outDir` of `.`) would hide the site: it is not skipped.
  const skippable = (folders: string[]): Set<string> => new Set(folders.map((folder) => path.resolve(folder)).filter((folder) => ![...watched].some((root) => isWithin(root, folder))))
  const first = fresh(start.paths)
  for (const root of first) watched.add(root)
  let unwatched = skippable(start.unwatched)
  const watcher = watch(first, {
    ignoreInitial: true,
    // Editors may write a file in steps: wait until it is whole, not half a page.
    awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 },
    ignored: (file: string) => {
      const absPath = path.resolve(file)
      return covered(absPath, unwatched) || inSkippedFolder(absPath, watched)
    },
  })
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, (file: string) => handlers.onFile(event, path.resolve(file)))
  // Unhandled, an `error` event would end the writer's server.
  watcher.on('error', handlers.onError)
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return {
    ready,
    update(next) {
      const added = fresh(next.paths)
      for (const root of added) watched.add(root)
      unwatched = skippable(next.unwatched)
      if (added.length > 0) watcher.add(added)
    },
    close: () => watcher.close(),
  }
}

/** Whether `candidate` is `folder` or inside it. */
function isWithin(candidate: string, folder: string): boolean {
  return candidate === folder || candidate.startsWith(`${folder}${path.sep}`)
}

/** Whether `candidate` is, or is inside, one of `roots`. */
function covered(candidate: string, roots: Set<string>): boolean {
  for (const root of roots) if (isWithin(candidate, root)) return true
  return false
}

/** `paths` without those inside another of them: chokidar walks each given path, and a path walked twice lost its events meanwhile. */
function outermost(paths: string[]): string[] {
  const unique = [...new Set(paths)]
  return unique.filter((candidate) => !unique.some((other) => other !== candidate && candidate.startsWith(`${other}${path.sep}`)))
}

/** Whether `file` lies in a skipped folder below a watched path (a watched path may itself be inside one: tolk's templates in node_modules/tolk). */
function inSkippedFolder(file: string, roots: Set<string>): boolean {
  for (const root of roots) {
    if (!file.startsWith(`${root}${path.sep}`)) continue
    if (file.slice(root.length + 1).split(path.sep).some((segment) => skippedFolders.has(segment))) return true
  }
  return false
}
