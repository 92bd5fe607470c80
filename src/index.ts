/** tolk's public API. */
export { build, type BuildOptions, type BuildResult } from './build.ts'
export { defineConfig } from './config/define-config.ts'
export { loadConfig } from './config/load-config.ts'
export type { UserConfig, ResolvedConfig } from './config/schema.ts'
export { formatHuman, summarize } from './diagnostics/format.ts'
