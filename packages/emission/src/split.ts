import { U96F32 } from '@dtao/fixed'
import { DEFAULT_SUBNET_OWNER_CUT } from './constants.js'
import { u128, uint } from './internal/check.js'

/**
 * How one block's alpha_out is split into the pending buckets (alpha-rao, each floored), from
 * {@link alphaOutSplit}.
 *
 * @example
 * ```ts
 * import type { AlphaOutSplit } from '@dtao/emission'
 * const s: AlphaOutSplit = { created: 0n, ownerCut: 0n, server: 0n, validator: 0n, root: 0n, rootRecycled: 0n, dust: 0n }
 * ```
 */
export type AlphaOutSplit = {
  /** `⌊alpha_out⌋`, minted into `SubnetAlphaOut`. */
  readonly created: bigint
  /** Added to `PendingOwnerCut`. */
  readonly ownerCut: bigint
  /** Added to `PendingServerEmission` (miners). */
  readonly server: bigint
  /** Added to `PendingValidatorEmission`. */
  readonly validator: bigint
  /** Added to `PendingRootAlphaDivs` (0 when the root-sell flag is off). */
  readonly root: bigint
  /** Root alpha recycled out of `SubnetAlphaOut` because the root-sell flag is off. */
  readonly rootRecycled: bigint
  /** `created − (ownerCut + server + validator + root + rootRecycled)`: flooring dust left unallocated. */
  readonly dust: bigint
}

/**
 * The owner cut κ = `SubnetOwnerCut ⊘ 65 535` as U96F32.
 *
 * @param ownerCut - `SubnetOwnerCut` (u16, default 11 796).
 * @returns U96F32 bits.
 * @throws {@link InvalidAmountError} if `ownerCut` is not a u16.
 * @example
 * ```ts
 * import { ownerCutFraction } from '@dtao/emission'
 * ownerCutFraction(11796) // 773074452n
 * ```
 * @see subtensor pallets/subtensor/src/utils/misc.rs · get_float_subnet_owner_cut
 */
export function ownerCutFraction(ownerCut: number = DEFAULT_SUBNET_OWNER_CUT): U96F32 {
  uint('ownerCut', ownerCut, 65535)
  return U96F32.safeDiv(
    U96F32.saturatingFromNum(BigInt(ownerCut)),
    U96F32.saturatingFromNum(65535n),
  )
}

/** Inputs of {@link alphaOutSplit}. */
export type AlphaOutSplitInput = {
  /** The subnet's alpha_out term A (U96F32 bits). */
  readonly alphaOut: bigint
  /** ρ from the post-injection alpha issuance (issuance + αin actually injected + created), U96F32 bits. */
  readonly rootProportion: bigint
  /** The network root-sell flag. */
  readonly rootSell: boolean
  /** `SubnetOwnerCut` (u16, default 11 796). */
  readonly ownerCut?: number
  /** `OwnerCutEnabled` (default true). */
  readonly ownerCutEnabled?: boolean
}

/**
 * Step 3 of `emit_to_subnets` for one subnet: mint ⌊A⌋, take the owner cut A ⊗ κ, then
 * root = (ρ ⊗ A') ⊗ 0.5, server = A' ⊗ 0.5, validator = (A' − server) − root, each floored when
 * added to its bucket. Without root sell the root part is recycled.
 *
 * @param input - See {@link AlphaOutSplitInput}.
 * @returns The split; its parts plus `dust` equal `created`.
 * @throws {@link InvalidAmountError} on a negative or non-bigint input.
 * @example
 * ```ts
 * import { alphaOutSplit } from '@dtao/emission'
 * // W4: A = 10⁹ α-rao, default cut, ρ_post = 0.1189427017
 * alphaOutSplit({ alphaOut: 10n ** 9n << 32n, rootProportion: 510855014n, rootSell: true })
 * // { created: 1000000000n, ownerCut: 179995422n, server: 410002288n, validator: 361235508n,
 * //   root: 48766779n, rootRecycled: 0n, dust: 3n }
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · emit_to_subnets
 */
export function alphaOutSplit(input: AlphaOutSplitInput): AlphaOutSplit {
  let alphaOut: bigint = u128('alphaOut', input.alphaOut)
  const rp = u128('rootProportion', input.rootProportion)
  const created = U96F32.saturatingToNum(alphaOut, 'u64')
  let ownerCut = 0n
  if (input.ownerCutEnabled ?? true) {
    const cut = U96F32.saturatingMul(alphaOut, ownerCutFraction(input.ownerCut))
    alphaOut = U96F32.saturatingSub(alphaOut, cut)
    ownerCut = U96F32.saturatingToNum(cut, 'u64')
  }
  const rootAlpha = U96F32.saturatingMul(U96F32.saturatingMul(rp, alphaOut), half)
  const serverAlpha = U96F32.saturatingMul(alphaOut, half)
  const totalValidator = U96F32.saturatingSub(alphaOut, serverAlpha)
  const validatorAlpha = U96F32.saturatingSub(totalValidator, rootAlpha)
  const server = U96F32.saturatingToNum(serverAlpha, 'u64')
  const validator = U96F32.saturatingToNum(validatorAlpha, 'u64')
  const root = U96F32.saturatingToNum(rootAlpha, 'u64')
  const paid = ownerCut + server + validator + root
  return {
    created,
    ownerCut,
    server,
    validator,
    root: input.rootSell ? root : 0n,
    rootRecycled: input.rootSell ? 0n : root,
    dust: created - paid,
  }
}

const half = U96F32.saturatingFromNum(0.5)
