// Builds tolk's reader-side code (client/: TypeScript modules and CSS) with
// Vite into the folder given as the first argument, with a manifest.
// Run as a child process by client-bundle.ts, so the build stays synchronous
// for its callers (render workers prepare the site synchronously too).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client')
const outDir = process.argv[2]
if (!outDir) throw new Error('usage: build-client.mjs <outDir>')

await build({
  configFile: false,
  root: clientDir,
  // Chunks import each other relative to their own URL, so the site works under any base and from any static server.
  base: './',
  logLevel: 'warn',
  publicDir: false,
  plugins: [clobberSafeDocumentCalls(), favicon()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // Pages load one module; it imports a feature's module only where the page has that feature.
    modulePreload: false,
    cssCodeSplit: true,
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        page: path.join(clientDir, 'page.ts'),
        root: path.join(clientDir, 'root.ts'),
        style: path.join(clientDir, 'styles/page.css'),
      },
      output: {
        entryFileNames: '[name]-[hash].js',
        chunkFileNames: '[name]-[hash].js',
        assetFileNames: '[name]-[hash][extname]',
      },
    },
  },
})

/**
 * Vite's dynamic-import helper calls `document.createElement(…)` when its
 * module loads. A named element (`<img name="createElement">`) would shadow
 * that method; the sanitizer drops `name`, and tolk's own code never reads
 * `document`'s members (client/dom.ts), so the helper is made to call the
 * methods from `Document.prototype` too.
 */
function clobberSafeDocumentCalls() {
  return {
    name: 'tolk:clobber-safe-document-calls',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue
        chunk.code = chunk.code.replace(/(?<![\w$.])document\.(createElement|querySelector|querySelectorAll|getElementsByTagName|getElementById)\(/g, 'Document.prototype.$1.call(document,')
      }
    },
  }
}

/** The default theme's favicon (client/favicon.svg), emitted as a hashed asset (`favicon-<hash>.svg`) that every page links. */
function favicon() {
  return {
    name: 'tolk:favicon',
    generateBundle() {
      this.emitFile({ type: 'asset', name: 'favicon.svg', source: readFileSync(path.join(clientDir, 'favicon.svg')) })
    },
  }
}
