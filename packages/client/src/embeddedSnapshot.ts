import { maybeInitializeV3, migrateSwapV3ToBalancer, rulesForSpec, type V3Pool } from '@dtao/amm'
import { alphaBalance, taoBalance, U64F64 } from '@dtao/fixed'
import type { PoolState, Provenance } from './pool.js'
import type { Snapshot } from './snapshotLookup.js'

// Figures quoted from real mainnet data: ../shared/data/chain-recordings/finney-recorded.json,
// scenario "metagraph", SubnetInfoRuntimeApi_get_selective_mechagraph(netuid 1) at block
// 6,852,690 (hash 0xdb13c066…d0), runtime spec 343, recorded by opentensor/bittensor 10.2.0's
// integration tests (tests/helpers/integration_websocket_data.py @ bb526e6d).
const provenance: Provenance = {
  block: 6_852_690,
  blockHash: '0xdb13c066e2c63969f140164fb3bfe7a0aaa7b71407fc0fe525d68e57329ef9d0',
  specVersion: 343,
  source:
    'embedded: finney-recorded.json (opentensor/bittensor 10.2.0 integration recording), scenario metagraph',
}
const recorded = {
  netuid: 1,
  tao_in: 22_079_400_556_774n,
  alpha_in: 2_316_467_425_363_654n,
  alpha_out: 924_521_643_526_855n,
  moving_price: 40_869_489n, // I96F32 bits
  subnet_volume: 609_202_105_066_978n,
  tao_in_emission: 9_531_940n,
  alpha_in_emission: 1_000_000_000n,
  alpha_out_emission: 1_000_000_000n,
  tempo: 99,
  block: 6_852_690n,
}

let cached: Snapshot | undefined

/**
 * A small snapshot embedded in the package, so the CLI and demos work where `../shared` is
 * absent: subnet 1's pool at finney block 6,852,690 (spec 343, the V3 era).
 *
 * The reserves, moving price, volume and emissions are quoted from the recorded mainnet traffic
 * (see `provenance`). The V3 state at that block is not in the recording; it is **derived** by the
 * chain's own `maybe_initialize_v3` rule from the recorded reserves, `FeeRate` is spec 343's
 * `DefaultFeeRate`, and `quoteWeight` is what `migrate_swapv3_to_balancer` would set. `notes`
 * says so.
 *
 * @returns The snapshot (built once).
 * @example
 * ```ts
 * import { embeddedSnapshot } from '@dtao/client'
 *
 * embeddedSnapshot().pools[0].taoReserve // 22079400556774n
 * ```
 */
export function embeddedSnapshot(): Snapshot {
  if (cached) return cached
  const rules = rulesForSpec(provenance.specVersion)
  const uninitialised: V3Pool = {
    era: 'v3',
    netuid: recorded.netuid,
    mechanism: 1,
    feeRate: rules.defaultFeeRate,
    taoReserve: recorded.tao_in,
    alphaReserve: recorded.alpha_in,
    initialized: false,
    sqrtPrice: U64F64.ZERO,
    currentTick: 0,
    currentLiquidity: 0n,
    ticks: [],
    protocolPosition: undefined,
  }
  const v3 = maybeInitializeV3(uninitialised)
  const pool: PoolState = {
    netuid: recorded.netuid,
    era: 'v3',
    mechanism: 1,
    taoReserve: taoBalance(recorded.tao_in),
    alphaReserve: alphaBalance(recorded.alpha_in),
    feeRate: rules.defaultFeeRate,
    subtokenEnabled: true,
    alphaSqrtPrice: v3.sqrtPrice,
    currentLiquidity: v3.currentLiquidity,
    currentTick: v3.currentTick,
    initialized: true,
    taoProvided: taoBalance(0n),
    alphaProvided: alphaBalance(0n),
    quoteWeight: migrateSwapV3ToBalancer(v3).quoteWeightParts,
    alphaOutstanding: alphaBalance(recorded.alpha_out),
    ticks: v3.ticks,
    provenance,
  }
  cached = Object.freeze({
    kind: 'snapshot',
    provenance,
    notes: [
      'pools[netuid 1].taoReserve/alphaReserve/alphaOutstanding: recorded (get_selective_mechagraph tao_in/alpha_in/alpha_out).',
      'pools[netuid 1].alphaSqrtPrice/currentLiquidity/currentTick/ticks: derived by maybe_initialize_v3 from the recorded reserves (the recording has no Swap storage).',
      `pools[netuid 1].feeRate: derived, DefaultFeeRate of spec 343 (${rules.defaultFeeRate}/65535).`,
      'pools[netuid 1].mechanism/subtokenEnabled: derived (a dynamic subnet with a live pool, as the recorded reserves show).',
      'pools[netuid 1].quoteWeight: derived by migrate_swapv3_to_balancer from the derived V3 price (what the spec-423 upgrade would store).',
      'taoProvided/alphaProvided: assumed 0 (not in the recording).',
    ],
    pools: [pool],
    dynamicInfo: { 1: recorded },
    hyperparameters: {},
    epochInputs: {},
    emissionInputs: undefined,
  })
  return cached
}
