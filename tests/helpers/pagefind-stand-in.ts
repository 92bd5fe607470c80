/**
 * A stand-in for Pagefind's Node API (`createIndex`, then each index's
 * `addHTMLFile`, `getFiles`, `deleteIndex`; `close`) that records what it
 * is asked, in order, so the search indexer's tests need no Pagefind.
 */

export interface PagefindStandIn {
  /** The API, as the indexer's `load` option takes it. */
  api: never
  /** `create N`, `add N <path>`, `files N`, `delete N`, `close`, as they were called (N: the index's number). */
  calls: string[]
  /** The pages added, in order. */
  added: string[]
  /** The most pages that were being added at one time. */
  most(): number
}

/** @param answerAfterMs when set, each `addHTMLFile` answers after this long, as Pagefind answers later than it is asked. */
export function pagefindStandIn(options: { answerAfterMs?: number } = {}): PagefindStandIn {
  const calls: string[] = []
  const added: string[] = []
  let made = 0
  let inFlight = 0
  let most = 0
  const api = {
    async createIndex() {
      const part = ++made
      calls.push(`create ${part}`)
      return {
        errors: [],
        index: {
          async addHTMLFile({ sourcePath }: { sourcePath: string }) {
            inFlight++
            most = Math.max(most, inFlight)
            calls.push(`add ${part} ${sourcePath}`)
            added.push(sourcePath)
            if (options.answerAfterMs !== undefined) await new Promise((resolve) => setTimeout(resolve, options.answerAfterMs))
            inFlight--
            return { errors: [] }
          },
          async getFiles() {
            calls.push(`files ${part}`)
            return { errors: [], files: [{ path: 'pagefind-entry.json', content: new TextEncoder().encode(`{"part":${part}}`) }] }
          },
          async deleteIndex() {
            calls.push(`delete ${part}`)
            return null
          },
        },
      }
    },
    async close() {
      calls.push('close')
    },
  }
  return { api: api as never, calls, added, most: () => most }
}
