import { ammCpFile, ammV3File } from './files/ammEras.js'
import { balancerFile } from './files/balancer.js'
import { coinbaseFile, emissionFile } from './files/emission.js'
import { epochFile } from './files/epoch.js'
import { fixedFile } from './files/fixed.js'
import { mathFile } from './files/math.js'
import { pyWeightsFile, pyYumaFile } from './files/py.js'
import { pyBalanceFile } from './files/pyBalance.js'
import type { FileHandler } from './runner.js'

const all: Readonly<Record<string, FileHandler | undefined>> = {
  'fixed.json': fixedFile,
  'balancer.json': balancerFile,
  'amm-v3.json': ammV3File,
  'amm-cp.json': ammCpFile,
  'math.json': mathFile,
  'epoch.json': epochFile,
  'emission.json': emissionFile,
  'coinbase.json': coinbaseFile,
  'py-yuma.json': pyYumaFile,
  'py-yuma-random.json': pyYumaFile,
  'py-yuma-random-f64.json': pyYumaFile,
  'py-yuma-metagraph.json': pyYumaFile,
  'py-weights.json': pyWeightsFile,
  'py-balance.json': pyBalanceFile,
}

/**
 * Vector files this repository can check, by file name. A file found in the vectors folder with
 * no handler here fails as a whole; packages register their files as they land.
 */
export const handlers: Readonly<Record<string, FileHandler>> = Object.fromEntries(
  Object.entries(all).filter((e): e is [string, FileHandler] => e[1] !== undefined),
)
