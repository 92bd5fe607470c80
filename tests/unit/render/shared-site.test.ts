/**
 * Issue #14, part 3: a render worker gets the site the build's thread read
 * (`sharedSiteOf`, structured-cloned as worker data) instead of reading every
 * article, redirection file and TOC again, and renders the same pages.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.ts'
import { pageJobs } from '../../../src/content/page-jobs.ts'
import { createNodeFileSystem } from '../../../src/content/node-file-system.ts'
import { formatHuman } from '../../../src/diagnostics/format.ts'
import type { FileSystem } from '../../../src/includes/resolve-include.ts'
import { prepareSite, sharedSiteOf } from '../../../src/prepare-site.ts'
import { repoRoot } from '../../helpers/build-site.ts'

/** A file system that notes every path read through it. */
function noting(): { fs: FileSystem; read: string[] } {
  const inner = createNodeFileSystem()
  const read: string[] = []
  return {
    read,
    fs: {
      readContained(absPath, roots) {
        read.push(absPath)
        return inner.readContained(absPath, roots)
      },
      read: (absPath) => inner.read(absPath),
    },
  }
}

const isToc = (absPath: string): boolean => /(^|\/)toc\.ya?ml$/i.test(absPath)

describe('a prepared site shared with render workers', function () {
  it('should read no TOC when given the site, and render every sample page as the thread that read it', async function () {
    // No cache: the reader must read every TOC itself, not take it from an earlier build's facts.
    const { config } = await loadConfig({ cacheDir: false }, repoRoot)
    const own = noting()
    const reader = prepareSite(config!, { fs: own.fs })
    // The site as a worker receives it: cloned, with nothing shared by reference.
    const shared = structuredClone(sharedSiteOf(reader))
    const given = noting()
    const worker = prepareSite(config!, { fs: given.fs, shared })

    expect(own.read.filter(isToc).length).toBeGreaterThan(0)
    expect(given.read.filter(isToc)).toEqual([])

    const jobs = pageJobs(config!, reader.sources, reader.site)
    expect(pageJobs(config!, worker.sources, worker.site).map((job) => job.source.absPath)).toEqual(jobs.map((job) => job.source.absPath))
    expect(jobs.length).toBeGreaterThan(20)
    for (const job of jobs) {
      const expected = reader.renderSource(job)
      const actual = worker.renderSource(job)
      expect(actual.html).toBe(expected.html)
      expect(actual.file.messages.map((message) => formatHuman(message))).toEqual(expected.file.messages.map((message) => formatHuman(message)))
    }
  })
})
