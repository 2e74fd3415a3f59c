import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (two levels above this package's src). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** The vectors folder: `$DTAO_VECTORS`, else `../shared/vectors` beside the repository. */
export function vectorsDir(): string {
  const env = process.env.DTAO_VECTORS
  if (env !== undefined && env !== '') return resolve(env)
  return resolve(repoRoot, '../shared/vectors')
}

/** Every `*.json` file below `dir` (any depth), sorted by path. */
export function listVectorFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.json')) out.push(p)
    }
  }
  if (existsSync(dir)) walk(dir)
  return out
}
