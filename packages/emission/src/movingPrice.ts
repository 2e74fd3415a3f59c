import { I96F32, U64F64 } from '@dtao/fixed'
import { DEFAULT_EMA_PRICE_HALVING_BLOCKS, DEFAULT_SUBNET_MOVING_ALPHA } from './constants.js'
import { u64, u128, uint } from './internal/check.js'
import { movingAlphaPrice } from './shares.js'

/** Inputs of {@link updateMovingPrice}. */
export type MovingPriceInput = {
  /** The subnet id. */
  readonly netuid: number
  /** `SubnetMechanism` (0 stable: the old EMA reads as 1). */
  readonly mechanism: number
  /** `SubnetMovingPrice` before the update, I96F32 bits. */
  readonly movingPrice: bigint
  /** The pool's spot price after this block's coinbase, U64F64 bits. */
  readonly spotPrice: bigint
  /** The block number being executed. */
  readonly block: bigint
  /** `FirstEmissionBlockNumber` (`null` reads as 0). */
  readonly firstEmissionBlock: bigint | null
  /** `SubnetMovingAlpha`, I96F32 bits (default 12 885 ≈ 0.000003). */
  readonly movingAlpha?: bigint
  /** `EMAPriceHalvingBlocks` (default 201 600). */
  readonly halvingBlocks?: bigint
}

/**
 * One block of the subnet price EMA: `a = α ⊗ (b ⊘ (b + h))` with b the blocks since the
 * `start_call` block, then `new = a ⊗ min(spot, 1) + (1 − a) ⊗ p̄_old` in U64F64, stored as
 * I96F32 (truncated). The spot clamp keeps the EMA ≤ 1.
 *
 * @param input - See {@link MovingPriceInput}.
 * @returns The new `SubnetMovingPrice`, I96F32 bits.
 * @throws {@link InvalidAmountError} on a negative or non-bigint input.
 * @example
 * ```ts
 * import { updateMovingPrice } from '@dtao/emission'
 * // W5: b = 1 000 000, h = 201 600, spot 0.05, old EMA 0.04
 * updateMovingPrice({ netuid: 1, mechanism: 1, movingPrice: 171798692n,
 *   spotPrice: (5n * 10n ** 13n << 64n) / 10n ** 15n, block: 1_000_000n, firstEmissionBlock: 1n })
 * // 171798799n
 * ```
 * @see subtensor pallets/subtensor/src/staking/stake_utils.rs · update_moving_price
 */
export function updateMovingPrice(input: MovingPriceInput): I96F32 {
  uint('mechanism', input.mechanism, 65535)
  const block = u64('block', input.block)
  const feb =
    input.firstEmissionBlock === null ? 0n : u64('firstEmissionBlock', input.firstEmissionBlock)
  const halving = u64('halvingBlocks', input.halvingBlocks ?? DEFAULT_EMA_PRICE_HALVING_BLOCKS)
  const spot = u128('spotPrice', input.spotPrice)
  const startCall = feb > 0n ? feb - 1n : 0n
  const b = U64F64.saturatingFromNum(block > startCall ? block - startCall : 0n)
  const ma = U64F64.saturatingFromFixed(I96F32, input.movingAlpha ?? DEFAULT_SUBNET_MOVING_ALPHA)
  const alpha = U64F64.saturatingMul(
    ma,
    U64F64.safeDiv(b, U64F64.saturatingAdd(b, U64F64.saturatingFromNum(halving))),
  )
  const oneMinusAlpha = U64F64.saturatingSub(U64F64.ONE, alpha)
  const clamped = spot < U64F64.ONE ? spot : U64F64.ONE
  const current = U64F64.saturatingMul(alpha, clamped)
  const moving = U64F64.saturatingMul(oneMinusAlpha, movingAlphaPrice(input))
  return I96F32.saturatingFromFixed(U64F64, U64F64.saturatingAdd(current, moving))
}
