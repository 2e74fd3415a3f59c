import { U96F32 } from '@dtao/fixed'
import { u64 } from './internal/check.js'

const u64Max = (1n << 64n) - 1n

/**
 * `get_tao_weight`: the raw `TaoWeight` over `u64::MAX`, as U96F32 (32 fractional bits).
 *
 * @param raw - `TaoWeight` storage (u64).
 * @returns U96F32 bits.
 * @throws {@link InvalidAmountError} if `raw` is not a u64 `bigint`.
 * @example
 * ```ts
 * import { taoWeight } from '@dtao/emission'
 * taoWeight(3_320_413_933_267_719_290n) // 773094113n (≈ 0.18)
 * ```
 * @see subtensor pallets/subtensor/src/staking/stake_utils.rs · get_tao_weight
 */
export function taoWeight(raw: bigint): U96F32 {
  u64('taoWeight', raw)
  return U96F32.safeDiv(U96F32.saturatingFromNum(raw), U96F32.saturatingFromNum(u64Max))
}

/**
 * Alpha issuance of a subnet: `SubnetAlphaIn + SubnetAlphaOut`, saturating at `u64::MAX`.
 *
 * @param alphaIn - `SubnetAlphaIn` (pool reserve).
 * @param alphaOut - `SubnetAlphaOut` (outstanding).
 * @returns The issuance, alpha-rao.
 * @throws {@link InvalidAmountError} on a non-u64 input.
 * @example
 * ```ts
 * import { alphaIssuance } from '@dtao/emission'
 * alphaIssuance(1_000n, 2_000n) // 3000n
 * ```
 * @see subtensor pallets/subtensor/src/staking/stake_utils.rs · get_alpha_issuance
 */
export function alphaIssuance(alphaIn: bigint, alphaOut: bigint): bigint {
  const s = u64('alphaIn', alphaIn) + u64('alphaOut', alphaOut)
  return s > u64Max ? u64Max : s
}

/**
 * Root proportion ρ = (R ⊗ w) ⊘ ((R ⊗ w) + Iα) in U96F32, or 0 when the denominator is 0.
 *
 * @param input - `rootSubnetTao` (SubnetTAO of root, rao), `taoWeight` (U96F32 bits, see
 *   {@link taoWeight}) and `alphaIssuance` (alpha-rao).
 * @returns U96F32 bits.
 * @throws {@link InvalidAmountError} on a non-u64 amount.
 * @example
 * ```ts
 * import { rootProportion } from '@dtao/emission'
 * // W3: R = 3 000 000 τ, w = 0.18, Iα = 4 000 000 α
 * rootProportion({ rootSubnetTao: 3_000_000n * 10n ** 9n, taoWeight: 773094113n, alphaIssuance: 4_000_000n * 10n ** 9n })
 * // 510855140n (≈ 0.1189)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/block_step.rs · root_proportion
 */
export function rootProportion(input: {
  readonly rootSubnetTao: bigint
  readonly taoWeight: bigint
  readonly alphaIssuance: bigint
}): U96F32 {
  const issuance = U96F32.fromNum(u64('alphaIssuance', input.alphaIssuance))
  const rootTao = U96F32.fromNum(u64('rootSubnetTao', input.rootSubnetTao))
  const weighted = U96F32.saturatingMul(rootTao, input.taoWeight)
  return U96F32.checkedDiv(weighted, U96F32.saturatingAdd(weighted, issuance)) ?? U96F32.ZERO
}
