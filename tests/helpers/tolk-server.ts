/**
 * Start `tolk dev` or `tolk preview` as a child process on a free port and
 * wait for the URL it prints; `stop` ends it and everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from './build-site.ts'

export interface TolkServer {
  /** Like `http://localhost:5173`, without a trailing slash. */
  baseUrl: string
  /** The server's process, to signal it or read its stderr. */
  child: ChildProcess
  stop(): void
}

/** `nodeArgs` go to node before tolk's script (`--expose-gc`, `--import …`). */
export async function startTolkServer(command: 'dev' | 'preview', args: string[], cwd: string, nodeArgs: string[] = []): Promise<TolkServer> {
  const server = spawn(process.execPath, [...nodeArgs, path.join(repoRoot, 'bin/tolk.js'), command, '--port', '0', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stop() can end the server and its children.
    detached: true,
  })
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`tolk ${command} did not start:\n${output}`)), 30_000)
    server.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /(?:serving| at) (http:\/\/\S+?)\/? /.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!.replace(/\/$/, ''))
      }
    })
    server.on('exit', (code) => reject(new Error(`tolk ${command} exited with ${code}:\n${output}`)))
  }).catch((error: unknown) => {
    stop()
    throw error
  })
  return { baseUrl, child: server, stop }
}
