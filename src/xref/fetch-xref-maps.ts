/**
 * Fetch the `xrefMaps` given as URLs, before anything is prepared: pages
 * render on worker threads that read maps synchronously (external-maps.ts),
 * so each fetched map is written to `xrefCacheDir` first. A map that cannot
 * be fetched (network, HTTP status, timeout, too large) is read from the
 * cache with an `xref-map-cached` warning; without a cached copy it is an
 * `xref-map-unavailable` error naming the URL.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { writeCacheFile } from '../cache/cache-file.ts'
import type { VFileMessage } from 'vfile-message'
import type { ResolvedConfig } from '../config/schema.ts'
import { formatBytes } from '../content/read-contained.ts'
import { report } from '../diagnostics/report.ts'
import { cachePathOf, isXrefMapUrl, maxXrefMapBytes, xrefMapsPlace } from './external-maps.ts'

export async function fetchXrefMaps(config: ResolvedConfig): Promise<VFileMessage[]> {
  const urls = [...new Set(config.xrefMaps.filter(isXrefMapUrl))]
  if (urls.length === 0) return []
  const configText = readConfigText(config.configFile)
  const messages: VFileMessage[] = []
  await Promise.all(
    urls.map(async (url) => {
      const cached = cachePathOf(config, url)
      const problem = await fetchInto(url, cached, config.xrefMapTimeout)
      if (problem === undefined) return
      const { file, place } = xrefMapsPlace(config, configText)
      if (existsSync(cached)) {
        messages.push(report(file, 'xref-map-cached', `Cannot fetch xref map \`${url}\` (${problem}); using the copy cached in \`${path.relative(config.configDir, cached)}\``, place))
      } else {
        messages.push(report(file, 'xref-map-unavailable', `Cannot fetch xref map \`${url}\` (${problem}) and there is no cached copy; cross-references to its uids cannot be resolved`, place))
      }
    }),
  )
  return messages
}

/** Fetch `url` into `target` (written whole or not at all); the problem, or `undefined` when it worked. */
async function fetchInto(url: string, target: string, timeoutSeconds: number): Promise<string | undefined> {
  let body: Buffer
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutSeconds * 1000), redirect: 'follow' })
    if (!response.ok) {
      await response.body?.cancel()
      return `HTTP ${response.status}`
    }
    const read = await readCapped(response, maxXrefMapBytes)
    if (read === undefined) return `it is over ${formatBytes(maxXrefMapBytes)}`
    body = read
  } catch (error) {
    return describeFetchError(error, timeoutSeconds)
  }
  try {
    writeCacheFile(target, body)
  } catch (error) {
    return `cannot write the cache: ${(error as NodeJS.ErrnoException).code ?? String(error)}`
  }
  return undefined
}

/** The body, or `undefined` once it passes `limit` bytes (the rest is never read). */
async function readCapped(response: Response, limit: number): Promise<Buffer | undefined> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > limit) {
    await response.body?.cancel()
    return undefined
  }
  if (!response.body) return Buffer.alloc(0)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response.body) {
    size += chunk.byteLength
    if (size > limit) return undefined
    chunks.push(Buffer.from(chunk))
  }
  return Buffer.concat(chunks)
}

function describeFetchError(error: unknown, timeoutSeconds: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutSeconds} s`
  const cause = error instanceof Error ? (error.cause as NodeJS.ErrnoException | undefined) : undefined
  if (cause?.code) return cause.code
  return error instanceof Error ? error.message : String(error)
}

function readConfigText(configFile: string | undefined): string {
  if (!configFile) return ''
  try {
    return readFileSync(configFile, 'utf8')
  } catch {
    return ''
  }
}
