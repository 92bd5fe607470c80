/**
 * `npm run build:corpus`: build the Dutch corpus to `dist-corpus/` with the
 * documented rule settings (scripts/corpus-settings.ts). Extra arguments go
 * to `tolk build` (`-- --format json`). Skips, with exit 0, where the corpus
 * is not beside the repo.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { corpusArgs, corpusDir, repoRoot } from './corpus-settings.ts'

if (!existsSync(corpusDir)) {
  console.log(`build:corpus: skipped: ${corpusDir} not found (the corpus sits beside the repo, in ../shared)`)
  process.exit(0)
}
const args = [path.join(repoRoot, 'bin/tolk.js'), 'build', ...corpusArgs('dist-corpus'), ...process.argv.slice(2)]
console.log(`tolk ${args.slice(1).map((arg) => (/[\s'{}]/.test(arg) ? `'${arg}'` : arg)).join(' ')}`)
const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' })
process.exit(result.status ?? 1)
