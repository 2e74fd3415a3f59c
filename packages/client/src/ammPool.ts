import {
  type BalancerPool,
  balancerPool,
  type ChainRules,
  type ConstantProductPool,
  type V3Pool,
} from '@dtao/amm'
import { U64F64 } from '@dtao/fixed'
import type { PoolState } from './pool.js'
import { chainRulesForSpec } from './pool.js'

const MAX_U64 = 0xffff_ffff_ffff_ffffn
const saturatingAddU64 = (a: bigint, b: bigint): bigint => (a + b > MAX_U64 ? MAX_U64 : a + b)

/**
 * Turns a read {@link PoolState} into `@dtao/amm`'s pool of its era, with the rules of the spec
 * it was read at: a `BalancerPool` (spec ≥ 423), a `V3Pool` (283–422, reserves =
 * `SubnetTAO + SubnetTaoProvided`, as V3's `TokenReserve` reads them) or a
 * `ConstantProductPool` (233–282).
 *
 * @param state - The pool state.
 * @returns The amm pool and the rules.
 * @throws {@link UnknownSpecError} If the spec is unknown.
 * @example
 * ```ts
 * import { embeddedSnapshot, toAmmPool } from '@dtao/client'
 *
 * toAmmPool(embeddedSnapshot().pools[0]).pool.era // 'v3'
 * ```
 */
export function toAmmPool(state: PoolState): {
  /** The `@dtao/amm` pool of the state's era. */
  readonly pool: BalancerPool | V3Pool | ConstantProductPool
  /** The AMM rules of the state's spec version. */
  readonly rules: ChainRules
} {
  const rules = chainRulesForSpec(state.provenance.specVersion)
  if (state.era === 'balancer') {
    const pool = balancerPool(
      {
        netuid: state.netuid,
        taoReserve: state.taoReserve,
        alphaReserve: state.alphaReserve,
        mechanism: state.mechanism,
        ...(state.quoteWeight === undefined ? {} : { quoteWeight: state.quoteWeight }),
        ...(state.initialized === undefined ? {} : { initialized: state.initialized }),
        ...(state.feeRate === undefined ? {} : { feeRate: state.feeRate }),
      },
      { rules },
    )
    return { pool, rules }
  }
  if (state.era === 'v3') {
    const pool: V3Pool = {
      era: 'v3',
      netuid: state.netuid,
      mechanism: state.mechanism,
      feeRate: state.feeRate ?? rules.defaultFeeRate,
      taoReserve: saturatingAddU64(state.taoReserve, state.taoProvided ?? 0n),
      alphaReserve: saturatingAddU64(state.alphaReserve, state.alphaProvided ?? 0n),
      initialized: state.initialized ?? false,
      sqrtPrice: U64F64.fromBits(state.alphaSqrtPrice ?? 0n),
      currentTick: state.currentTick ?? 0,
      currentLiquidity: state.currentLiquidity ?? 0n,
      ticks: state.ticks ?? [],
      protocolPosition: undefined,
    }
    return { pool, rules }
  }
  const pool: ConstantProductPool = {
    era: 'constantProduct',
    netuid: state.netuid,
    mechanism: state.mechanism,
    taoReserve: state.taoReserve,
    alphaReserve: state.alphaReserve,
    alphaOutstanding: state.alphaOutstanding ?? 0n,
  }
  return { pool, rules }
}
