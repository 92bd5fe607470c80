/**
 * Start the preview servers: `tolk dev` (Vite with tolk's plugin; pages on
 * demand) and `tolk preview` (Vite's static preview of the built output).
 */
import { createServer, preview, type PreviewServer, type ViteDevServer } from 'vite'
import type { ResolveResult } from '../config/resolve-config.ts'
import tolkDev from './vite-plugin.ts'

export interface ServerOptions {
  port: number
  /** Interface to bind; `localhost` unless the user asks for another. */
  host: string
  /** The folder Vite treats as its root; tolk serves nothing from it by itself. */
  root: string
}

export async function startDevServer(loadConfig: () => Promise<ResolveResult>, options: ServerOptions): Promise<ViteDevServer> {
  const plugin = tolkDev({ loadConfig })
  const server = await createServer({
    configFile: false,
    root: options.root,
    appType: 'custom',
    logLevel: 'warn',
    clearScreen: false,
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      port: options.port,
      host: options.host,
      strictPort: false,
      hmr: false,
      // tolk watches the site itself (content-watcher.ts), once, and tells the browser what changed.
      watch: null,
    },
    plugins: [plugin],
  })
  await server.listen()
  return server
}

export async function startPreviewServer(outDir: string, options: ServerOptions): Promise<PreviewServer> {
  return preview({
    configFile: false,
    root: options.root,
    logLevel: 'warn',
    appType: 'mpa',
    build: { outDir },
    preview: { port: options.port, host: options.host, strictPort: false },
  })
}
