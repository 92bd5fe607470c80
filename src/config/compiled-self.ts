/**
 * When tolk runs compiled (bin/compiled-tolk.js), a site config's
 * `import … from 'tolk'` would load tolk's TypeScript sources through tsx: a
 * second copy of tolk, about 1.5 s at every start. This resolve hook points
 * that import at the compiled public API beside the running chunk instead,
 * which shares the modules already loaded.
 */
import { register } from 'node:module'

let registered = false

export function resolveTolkToCompiled(): void {
  if (registered || !import.meta.url.endsWith('.mjs')) return
  registered = true
  const index = new URL('./index.mjs', import.meta.url).href
  const hooks = `export async function resolve(specifier, context, next) {
  return specifier === 'tolk' ? { url: ${JSON.stringify(index)}, shortCircuit: true } : next(specifier, context)
}`
  register(`data:text/javascript,${encodeURIComponent(hooks)}`)
}
