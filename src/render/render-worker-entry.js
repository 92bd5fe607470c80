// Worker entry: register tsx in this thread (Node 20 workers do not inherit
// the main thread's loader hooks), then run the TypeScript worker.
import { register } from 'tsx/esm/api'

register()
await import('./render-worker.ts')
