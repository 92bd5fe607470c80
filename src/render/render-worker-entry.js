// Worker entry from the sources: register tsx in this thread (Node 20
// workers do not inherit the main thread's loader hooks), then hand Tinypool
// the TypeScript worker's page renderer.
import { register } from 'tsx/esm/api'

register()
const worker = await import('./render-worker.ts')
export default worker.default
