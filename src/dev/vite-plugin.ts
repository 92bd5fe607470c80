/**
 * tolk's Vite plugin: pages rendered on request at the same URLs as the
 * build, content assets, live reload over server-sent events, and nothing
 * else. Every other request gets a 404, so config and source files are never
 * served and `../` tricks go nowhere.
 */
import { createReadStream, readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { Plugin, ViteDevServer } from 'vite'
import type { ResolveResult } from '../config/resolve-config.ts'
import { formatHuman } from '../diagnostics/format.ts'
import { packageDir } from '../package/package-dir.ts'
import { watchContent, type FileEvent, type Watched } from './content-watcher.ts'
import { createDevSession, type Changed } from './dev-session.ts'
import { clientPath, errorPage, eventsPath, injectDevUi } from './dev-ui.ts'
import { requestPath } from './request-path.ts'

export interface Options {
  /** Loads the site config; called again when the config file changes. */
  loadConfig: () => Promise<ResolveResult>
  /** Where messages are printed (default: stderr). */
  log?: (line: string) => void
}

const clientFile = path.join(packageDir, 'client/dev-client.js')

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
}

/** How long the server waits for the file watcher's first walk before it serves anyway, saying so. */
const watcherPatienceMs = 60_000

export default function tolkDev(options: Options): Plugin {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const session = createDevSession(options.loadConfig)
  const listeners = new Set<ServerResponse>()
  let printed = new Map<string, string>()

  function broadcast(changed: Changed): void {
    const data = `data: ${JSON.stringify({ pages: changed })}\n\n`
    for (const listener of listeners) listener.write(data)
  }

  /** Print a page's diagnostics once, and again only when they change. */
  function printOnce(key: string, lines: string[]): void {
    const text = lines.join('\n')
    if (printed.get(key) === text) return
    printed.set(key, text)
    if (text) log(text)
  }

  return {
    name: 'tolk:dev',
    async configureServer(server: ViteDevServer) {
      const problems = await session.reload()
      for (const message of problems) log(formatHuman(message))
      const watched = (): Watched => ({ paths: session.watched(), unwatched: session.unwatched() })
      const onFile = async (event: FileEvent, file: string): Promise<void> => {
        const changed = await session.fileChanged(file, event)
        if (changed === 'all') {
          printed = new Map()
          watcher.update(watched())
        }
        broadcast(changed)
      }
      const watcher = watchContent(watched(), {
        // A bug in tolk must not stop the server a writer is using.
        onFile: (event, file) => void onFile(event, file).catch((error: unknown) => log(`tolk dev: ${(error as Error).stack ?? String(error)}`)),
        onError: (error) => log(`tolk dev: cannot watch for changes: ${(error as NodeJS.ErrnoException).code ?? String(error)}; saves there need a restart of tolk dev`),
      })
      server.httpServer?.once('close', () => void watcher.close())
      // The server says it is serving once every file is watched: a save made right after must reach it.
      const patience = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), watcherPatienceMs).unref())
      if ((await Promise.race([watcher.ready, patience])) === 'late') {
        log(`tolk dev: the file watcher has not finished reading the site's folders after ${watcherPatienceMs / 1000} s; saves to files it has not reached yet are missed until it has`)
      }
      // Registered before Vite's own middlewares, and never hands a request on.
      server.middlewares.use((request: IncomingMessage, response: ServerResponse) => {
        try {
          handle(request, response)
        } catch (error) {
          // A bug in tolk must not stop the server a writer is using.
          log(`tolk dev: ${(error as Error).stack ?? String(error)}`)
          if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'tolk dev: internal error; see the terminal')
        }
      })
    },
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed')
      return
    }
    const base = session.base()
    const urlPath = requestPath(request.url ?? '/', base)
    if (urlPath === undefined) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found')
      return
    }
    if (urlPath === eventsPath) {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' })
      response.write(': connected\n\n')
      const query = new URL(request.url ?? '/', 'http://localhost').searchParams
      const page = query.get('page')
      if (page !== null && session.changedSince(page, Number(query.get('version') ?? 0))) {
        response.write(`data: ${JSON.stringify({ pages: [page] })}\n\n`)
      }
      listeners.add(response)
      request.on('close', () => listeners.delete(response))
      return
    }
    if (urlPath === clientPath) {
      send(response, 200, contentTypes['.js']!, readFileSync(clientFile))
      return
    }
    const version = session.version()
    const answer = session.respond(urlPath)
    const cwd = process.cwd()
    if (answer.kind === 'file') {
      response.writeHead(200, { 'content-type': contentTypes[path.extname(answer.absPath).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
      createReadStream(answer.absPath).on('error', () => response.end()).pipe(response)
      return
    }
    if (answer.kind === 'svg') {
      printOnce(urlPath, answer.messages.map((message) => formatHuman(message)))
      if (answer.bytes) send(response, 200, contentTypes['.svg']!, answer.bytes)
      else send(response, 500, 'text/html; charset=utf-8', errorPage(answer.messages, base, cwd, version))
      return
    }
    if (answer.kind === 'page') {
      printOnce(urlPath, answer.messages.map((message) => formatHuman(message)))
      const html = answer.html === undefined ? errorPage(answer.messages, base, cwd, version) : injectDevUi(answer.html, answer.messages, base, cwd, version)
      send(response, 200, 'text/html; charset=utf-8', html)
      return
    }
    if (answer.messages.length) {
      send(response, 500, 'text/html; charset=utf-8', errorPage(answer.messages, base, cwd, version))
      return
    }
    send(response, 404, 'text/plain; charset=utf-8', 'Not found')
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' })
  response.end(body)
}
