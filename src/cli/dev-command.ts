/** `tolk dev` (pages on demand, live reload) and `tolk preview` (the built output as is). */
import { existsSync } from 'node:fs'
import { loadConfig } from '../config/load-config.ts'
import { configFlags, loadConfigOrPrint } from './build-command.ts'
import type { CliValues } from './main.ts'

export async function runDev(values: CliValues): Promise<number> {
  const address = serverAddress(values, 5173)
  if (!address) return 2
  const flags = configFlags(values)
  // Without a config there is nothing to watch; say why and stop.
  const first = await loadConfigOrPrint(flags)
  if (!first) return 1
  const server = await (await devServer()).startDevServer(() => loadConfig(flags), { ...address, root: first.configDir })
  const url = server.resolvedUrls?.local[0] ?? `http://${address.host}:${address.port}/`
  process.stderr.write(`tolk dev: serving ${url.replace(/\/$/, '')}${first.base} (Ctrl+C to stop)\n`)
  return waitForStop(() => server.close())
}

export async function runPreview(values: CliValues): Promise<number> {
  const address = serverAddress(values, 4173)
  if (!address) return 2
  const config = await loadConfigOrPrint(configFlags(values))
  if (!config) return 1
  if (!existsSync(config.outDir)) {
    process.stderr.write(`tolk preview: \`${config.outDir}\` does not exist; run \`tolk build\` first\n`)
    return 1
  }
  const server = await (await devServer()).startPreviewServer(config.outDir, { ...address, root: config.configDir })
  const url = server.resolvedUrls?.local[0] ?? `http://${address.host}:${address.port}/`
  process.stderr.write(`tolk preview: serving ${config.outDir} at ${url} (Ctrl+C to stop)\n`)
  return waitForStop(() => server.close())
}

/** The servers, and Vite with them, load only for `dev` and `preview` (Vite alone takes about 0.5 s to load). */
function devServer() {
  return import('../dev/server.ts')
}

/** `--port` and `--host`; binds to localhost unless told otherwise. */
function serverAddress(values: CliValues, defaultPort: number): { port: number; host: string } | undefined {
  const port = values.port === undefined ? defaultPort : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`tolk: \`--port ${values.port}\`: expected a port number from 0 to 65535\n`)
    return undefined
  }
  return { port, host: values.host ?? 'localhost' }
}

function waitForStop(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      void close().then(() => resolve(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}
