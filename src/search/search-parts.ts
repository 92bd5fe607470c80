/**
 * Which part of its locale's search index each article goes to.
 *
 * A locale's index is made in parts (search-index.ts), and the cache keeps
 * each part with the key of the pages in it (cache/search-snapshot.ts), so a
 * rebuild makes again only the parts whose pages changed. For that the cut
 * between two parts must not move when a page elsewhere is added, removed
 * or edited: a part ends after a page whose name hashes to a multiple of the
 * expected part size (content-defined chunking, as rsync and restic cut
 * files). A new or deleted page changes only the part it is in (or splits
 * or joins the two beside it when its own name is a cut); cutting every N
 * pages instead would shift every later part by one.
 *
 * A run with no cut in it is still ended at `maxPartFactor` times the
 * expected size, so no part holds more than that many pages in Pagefind's
 * memory, and an edit never makes Pagefind index more than that many again
 * (on the corpus the cuts alone made parts of 58 to 891 pages; an edited
 * page is more often in a large part than in a small one).
 */
import { createHash } from 'node:crypto'

export interface SearchPart {
  locale: string
  /** 1 for the part in the locale's own folder, N for `part-N/` below it. */
  number: number
  /** Its pages' output files, in build order: Pagefind's index depends on the order it is given. */
  outputFiles: string[]
}

/** Pages in a part of a locale's index, on average (each part re-indexed on a rebuild costs about this many pages). */
export const defaultPagesPerPart = 256

/** A part never holds more than this many times the expected size. */
export const maxPartFactor = 2

/** Where part `number` of a locale's index lives below the locale's search folder. */
export function partFolder(number: number): string {
  return number === 1 ? '' : `part-${number}/`
}

/**
 * The parts of each locale's index, locale by locale in the order pages
 * come, each part's pages in build order.
 */
export function planSearchParts(order: Array<{ locale: string; outputFile: string }>, pagesPerPart = defaultPagesPerPart): SearchPart[] {
  const expected = Math.max(1, Math.floor(pagesPerPart))
  const most = expected * maxPartFactor
  const byLocale = new Map<string, string[]>()
  for (const { locale, outputFile } of order) {
    let files = byLocale.get(locale)
    if (!files) byLocale.set(locale, (files = []))
    files.push(outputFile)
  }
  const parts: SearchPart[] = []
  for (const [locale, files] of byLocale) {
    let current: string[] = []
    let number = 0
    for (const file of files) {
      current.push(file)
      if (isCut(file, expected) || current.length >= most) {
        parts.push({ locale, number: ++number, outputFiles: current })
        current = []
      }
    }
    if (current.length > 0) parts.push({ locale, number: ++number, outputFiles: current })
  }
  return parts
}

/** Whether a part ends after this page: about one page in `expected`, decided by its name alone. */
function isCut(outputFile: string, expected: number): boolean {
  if (expected === 1) return true
  return createHash('sha256').update(outputFile).digest().readUInt32BE(0) % expected === 0
}
