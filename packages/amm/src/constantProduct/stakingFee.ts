import { U96F32 } from '@dtao/fixed'
import { cpVariant } from './internal/variant.js'
import type { ConstantProductPool } from './pool.js'
import { DEFAULT_STAKING_FEE, simSell } from './swap.js'

const aprFloor = U96F32.saturatingFromNum(0.00005)

/**
 * `calculate_staking_fee` (spec ≥ 261): the removal/move fee in rao TAO.
 *
 * `DefaultStakingFee` (50 000) for adds (no origin), same-subnet moves, and root or stable origins;
 * otherwise max(τ̂·D/A, 0.00005·τ̂, 50 000), where τ̂ is the simulated TAO for the alpha estimate on
 * the origin pool, D `AlphaDividendsPerSubnet` and A `TotalHotkeyAlphaLastEpoch` of the origin
 * hotkey.
 *
 * @param origin - The origin pool (`undefined` for an add).
 * @param inputs - `destination` pool (`undefined` for removals), `alphaEstimate` (U96F32 bits),
 * `alphaDividendsPerSubnet` and `totalHotkeyAlphaLastEpoch` (u64).
 * @param options - `specVersion` (261–282, default 274).
 * @returns The fee in rao.
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { calculateStakingFeeCp } from '@dtao/amm'
 * calculateStakingFeeCp(undefined, { alphaEstimate: 0n, alphaDividendsPerSubnet: 0n, totalHotkeyAlphaLastEpoch: 0n }) // 50000n
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `calculate_staking_fee` (@ 4c9836f8c)
 */
export function calculateStakingFeeCp(
  origin: ConstantProductPool | undefined,
  inputs: {
    readonly destination?: ConstantProductPool | undefined
    readonly alphaEstimate: bigint
    readonly alphaDividendsPerSubnet: bigint
    readonly totalHotkeyAlphaLastEpoch: bigint
  },
  options: { readonly specVersion?: number } = {},
): bigint {
  const v = cpVariant(options.specVersion ?? 274)
  if (origin === undefined) return DEFAULT_STAKING_FEE
  const dest = inputs.destination
  if (dest !== undefined && dest.netuid === origin.netuid) return DEFAULT_STAKING_FEE
  if (origin.netuid === 0 || origin.mechanism === 0) return DEFAULT_STAKING_FEE
  const taoEstimate = U96F32.saturatingFromNum(
    simSell(origin, U96F32.saturatingToNum(inputs.alphaEstimate, 'u64'), v.unsigned) ?? 0n,
  )
  let fee = U96F32.saturatingToNum(
    U96F32.saturatingMul(
      taoEstimate,
      U96F32.safeDiv(
        U96F32.saturatingFromNum(inputs.alphaDividendsPerSubnet),
        U96F32.saturatingFromNum(inputs.totalHotkeyAlphaLastEpoch),
      ),
    ),
    'u64',
  )
  const floor = U96F32.saturatingToNum(U96F32.saturatingMul(taoEstimate, aprFloor), 'u64')
  if (floor > fee) fee = floor
  return fee > DEFAULT_STAKING_FEE ? fee : DEFAULT_STAKING_FEE
}
