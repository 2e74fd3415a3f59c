import { U64F64 } from '@dtao/fixed'

/** @internal */
export const u16Max: bigint = U64F64.saturatingFromNum(65535n)

/**
 * `Pallet::calculate_fee_amount` (V3, spec 422): ⟦amount · ⌊feeRate/65535⌋₆₄⟧, 0 when fees are
 * dropped or the subnet is not dynamic (mechanism ≠ 1).
 *
 * @param amount - The gross input in rao (`u64`).
 * @param options - `feeRate` (`FeeRate`, default 33), `mechanism` (default 1), `dropFees`.
 * @returns The fee in rao, taken out of the input.
 * @example
 * ```ts
 * import { calculateFeeAmountV3 } from '@dtao/amm'
 * calculateFeeAmountV3(10_000_000_000n) // 5035477n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `calculate_fee_amount` (@ e367ae64)
 */
export function calculateFeeAmountV3(
  amount: bigint,
  options: {
    readonly feeRate?: number
    readonly mechanism?: number
    readonly dropFees?: boolean
  } = {},
): bigint {
  const { feeRate = 33, mechanism = 1, dropFees = false } = options
  if (dropFees) return 0n
  if (mechanism !== 1) return 0n
  const rate = U64F64.safeDiv(U64F64.saturatingFromNum(BigInt(feeRate)), u16Max)
  return U64F64.saturatingToNum(U64F64.saturatingMul(U64F64.saturatingFromNum(amount), rate), 'u64')
}
