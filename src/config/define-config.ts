import type { UserConfig } from './schema.ts'

/** Identity function that gives a config file editor types. */
export function defineConfig(config: UserConfig): UserConfig {
  return config
}
