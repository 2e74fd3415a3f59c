import { I96F32, U96F32 } from '@dtao/fixed'
import { cpVariant } from './internal/variant.js'
import type { ConstantProductPool } from './pool.js'
import { alphaPrice } from './swap.js'

/**
 * `update_moving_price` of the constant-product era: the new `SubnetMovingPrice` (I96F32).
 *
 * Before spec 258 a plain EMA, α·P + (1 − α)·M. From 258 α is scaled by b/(b + h), with b the
 * blocks since `start_call` (`FirstEmissionBlockNumber − 1`) and h `EMAPriceHalvingBlocks`, and
 * the price is clamped at 1. Root and stable subnets use M = 1.
 *
 * @param pool - The pool.
 * @param inputs - `movingAlpha` (`SubnetMovingAlpha`, I96F32 bits), `movingPrice`
 * (`SubnetMovingPrice`, I96F32 bits); from spec 258 also `block`, `firstEmissionBlockNumber`
 * (`undefined` when unset) and `emaPriceHalvingBlocks`.
 * @param options - `specVersion` (233–282, default 274).
 * @returns The new moving price (I96F32 bits).
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { updateMovingPriceCp } from '@dtao/amm'
 * // root: P = M = 1, so the EMA stays 1
 * updateMovingPriceCp({ ...pool, netuid: 0 }, { movingAlpha: 12885n, movingPrice: 0n }, { specVersion: 233 }) // 4294967296n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `update_moving_price` (@ e2b8367b8, 4c9836f8c)
 */
export function updateMovingPriceCp(
  pool: ConstantProductPool,
  inputs: {
    readonly movingAlpha: bigint
    readonly movingPrice: bigint
    readonly block?: bigint
    readonly firstEmissionBlockNumber?: bigint | undefined
    readonly emaPriceHalvingBlocks?: bigint
  },
  options: { readonly specVersion?: number } = {},
): I96F32 {
  const v = cpVariant(options.specVersion ?? 274)
  const stable = pool.netuid === 0 || pool.mechanism === 0
  if (!v.movingPriceHalving) {
    const alpha = inputs.movingAlpha
    const minus = I96F32.saturatingSub(I96F32.saturatingFromNum(1n), alpha)
    const price = I96F32.saturatingMul(alpha, alphaPrice(pool, v.unsigned))
    const moving = I96F32.saturatingMul(
      minus,
      stable ? I96F32.saturatingFromNum(1n) : inputs.movingPrice,
    )
    return I96F32.saturatingAdd(price, moving)
  }
  const startCall = subU64(inputs.firstEmissionBlockNumber ?? 0n, 1n)
  const blocks = U96F32.saturatingFromNum(subU64(inputs.block ?? 0n, startCall))
  const halving = U96F32.saturatingFromNum(inputs.emaPriceHalvingBlocks ?? 0n)
  const ma = U96F32.saturatingFromFixed(I96F32, inputs.movingAlpha)
  const alpha = U96F32.saturatingMul(
    ma,
    U96F32.safeDiv(blocks, U96F32.saturatingAdd(blocks, halving)),
  )
  const one = U96F32.saturatingFromNum(1n)
  const oneMinus = U96F32.saturatingSub(one, alpha)
  const p = U96F32.fromBits(alphaPrice(pool, true))
  const price = U96F32.saturatingMul(alpha, p < one ? p : one)
  const moving = U96F32.saturatingMul(
    oneMinus,
    stable ? one : U96F32.saturatingFromFixed(I96F32, inputs.movingPrice),
  )
  return I96F32.saturatingFromFixed(U96F32, U96F32.saturatingAdd(price, moving))
}

function subU64(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}
