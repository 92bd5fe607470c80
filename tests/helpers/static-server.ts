/**
 * A tiny static server over a built site on 127.0.0.1, for browser tests:
 * folders serve their index.html, nothing outside `root` is served, and the
 * content type follows the extension (SVG as `image/svg+xml`, so a script in
 * one would run as it would on a real host).
 */
import { readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import path from 'node:path'

export interface StaticServer {
  /** Like `http://127.0.0.1:41234/`, with a trailing slash. */
  baseUrl: string
  close(): Promise<void>
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.png': 'image/png',
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  const server = createServer((request, response) => {
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    } catch {
      response.writeHead(400).end()
      return
    }
    let file = path.join(root, pathname)
    if (file !== root && !file.startsWith(root + path.sep)) {
      response.writeHead(404).end()
      return
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html')
      const body = readFileSync(file)
      response.writeHead(200, { 'content-type': types[path.extname(file).toLowerCase()] ?? 'application/octet-stream' }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
