import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { metagraphEpoch } from '@dtao/client'
import { alphaBalance, formatAlpha } from '@dtao/fixed'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const dataDir = process.env.DTAO_DATA ?? resolve(repoRoot, '../shared/data')

/** Lines of the epoch part of the tour: the exact epoch on the real subnet-15 metagraph. */
export async function epochTour(): Promise<string[]> {
  const file = join(dataDir, 'metagraphs/subnet15-block4769998.json')
  const head = '── @dtao/yuma: the chain-exact epoch on a real metagraph'
  if (!existsSync(file))
    return [head, `  (skipped: no metagraph archive at ${file}; set DTAO_DATA)`]
  const e = await metagraphEpoch(file)
  const o = e.output
  const top = (xs: readonly bigint[]): number[] =>
    xs
      .map((v, uid) => ({ v, uid }))
      .sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : a.uid - b.uid))
      .slice(0, 3)
      .map((x) => x.uid)
  const miners = top(o.serverEmission)
  const validators = top(o.validatorEmission)
  return [
    head,
    `  subnet ${e.provenance.netuid ?? 15} at block ${e.provenance.block}: ${e.input.n} uids — ${e.provenance.source}`,
    `  top miners:     ${miners.map((u) => `uid ${u} (incentive ${o.incentive[u]}/65535, ${formatAlpha(alphaBalance(o.serverEmission[u] ?? 0n))} α)`).join(', ')}`,
    `  top validators: ${validators.map((u) => `uid ${u} (dividend ${o.dividend[u]}/65535, ${formatAlpha(alphaBalance(o.validatorEmission[u] ?? 0n))} α)`).join(', ')}`,
    `  consensus is set for ${o.consensus.filter((c) => c > 0).length} uids; new bonds are stored for ${o.bond.filter((r) => r.length > 0).length} validator rows`,
  ]
}
