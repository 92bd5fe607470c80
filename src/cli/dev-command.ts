/** `tolk dev` and `tolk preview`: placeholders until the dev-server issue lands. */
import type { CliValues } from './main.ts'

export async function runDev(_values: CliValues): Promise<number> {
  process.stderr.write('tolk: `dev` is not available yet\n')
  return 2
}

export async function runPreview(_values: CliValues): Promise<number> {
  process.stderr.write('tolk: `preview` is not available yet\n')
  return 2
}
