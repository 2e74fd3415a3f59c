import { U64F64 } from '@dtao/fixed'
import {
  getValue,
  type ShareState,
  updateValueForOneV1,
  updateValueForOneV2,
} from './internal/sharePool.js'
import { addU64, assertU64, cpVariant, subU64 } from './internal/variant.js'
import type { ConstantProductPool } from './pool.js'
import { simBuy, simSell } from './swap.js'

/**
 * The storage `stake_into_subnet` and `unstake_from_subnet` touch for one (hotkey, coldkey) on one
 * subnet of the constant-product era.
 *
 * @example
 * ```ts
 * import type { CpStakeState } from '@dtao/amm'
 * const s: Pick<CpStakeState, 'totalStake' | 'subnetVolume'> = { totalStake: 0n, subnetVolume: 0n }
 * ```
 */
export type CpStakeState = {
  /** The subnet pool. */
  readonly pool: ConstantProductPool
  /** `TotalStake` (u64, rao TAO). */
  readonly totalStake: bigint
  /** `SubnetVolume` (u128, rao TAO). */
  readonly subnetVolume: bigint
  /** `TotalHotkeyAlpha` of the hotkey on the subnet (u64). */
  readonly totalHotkeyAlpha: bigint
  /** `TotalHotkeyShares` of the hotkey (U64F64 bits). */
  readonly totalHotkeyShares: U64F64
  /** `Alpha[(hotkey, coldkey, netuid)]` share (U64F64 bits), `undefined` when absent. */
  readonly alphaShare: U64F64 | undefined
  /** Whether the hotkey is in the coldkey's `StakingHotkeys`. */
  readonly hotkeyListed: boolean
}

/** Swap TAO in (`swap_tao_for_alpha`); returns the alpha and mutates the pool fields. */
function swapTaoForAlpha(m: Mutable, tao: bigint, unsigned: boolean): bigint {
  const alpha = simBuy(m.pool, tao, unsigned)
  if (alpha === undefined) return 0n
  m.pool = {
    ...m.pool,
    alphaReserve: subU64(m.pool.alphaReserve, alpha),
    alphaOutstanding: addU64(m.pool.alphaOutstanding, alpha),
    taoReserve: addU64(m.pool.taoReserve, tao),
  }
  m.totalStake = addU64(m.totalStake, tao)
  m.subnetVolume = addU128(m.subnetVolume, tao)
  return alpha
}

function swapAlphaForTao(m: Mutable, alpha: bigint, unsigned: boolean): bigint {
  const tao = simSell(m.pool, alpha, unsigned)
  if (tao === undefined) return 0n
  m.pool = {
    ...m.pool,
    alphaReserve: addU64(m.pool.alphaReserve, alpha),
    alphaOutstanding: subU64(m.pool.alphaOutstanding, alpha),
    taoReserve: subU64(m.pool.taoReserve, tao),
  }
  m.totalStake = subU64(m.totalStake, tao)
  m.subnetVolume = addU128(m.subnetVolume, tao)
  return tao
}

const u128Max = (1n << 128n) - 1n
function addU128(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > u128Max ? u128Max : s
}

type Mutable = {
  pool: ConstantProductPool
  totalStake: bigint
  subnetVolume: bigint
  share: ShareState
  hotkeyListed: boolean
}

function open(state: CpStakeState): Mutable {
  return {
    pool: state.pool,
    totalStake: state.totalStake,
    subnetVolume: state.subnetVolume,
    share: {
      totalHotkeyAlpha: state.totalHotkeyAlpha,
      totalHotkeyShares: state.totalHotkeyShares,
      alphaShare: state.alphaShare,
    },
    hotkeyListed: state.hotkeyListed,
  }
}

function close(m: Mutable): CpStakeState {
  return Object.freeze({
    pool: Object.freeze({ ...m.pool }),
    totalStake: m.totalStake,
    subnetVolume: m.subnetVolume,
    totalHotkeyAlpha: m.share.totalHotkeyAlpha,
    totalHotkeyShares: U64F64.fromBits(m.share.totalHotkeyShares),
    alphaShare: m.share.alphaShare === undefined ? undefined : U64F64.fromBits(m.share.alphaShare),
    hotkeyListed: m.hotkeyListed,
  })
}

/** Fee credit of both functions: SubnetTAO and TotalStake grow by the fee actually taken. */
function creditFee(m: Mutable, fee: bigint): void {
  m.pool = { ...m.pool, taoReserve: addU64(m.pool.taoReserve, fee) }
  m.totalStake = addU64(m.totalStake, fee)
}

/**
 * `stake_into_subnet` of the constant-product era: swap τ − fee for alpha, credit it to the
 * (hotkey, coldkey) share pool, and add the fee to SubnetTAO. When the swap is refused (the pool
 * would drop below 10⁷ rao) the fee is still added and 0 alpha is returned (the staked TAO is
 * not added anywhere), as on chain. The share-pool update passes the alpha `as i64` (it wraps
 * above `i64::MAX`); from spec 244 the returned alpha is the share pool's actual change.
 *
 * @param state - The storage before the call.
 * @param stake - `tao` (rao withdrawn from the user) and `fee` (rao, `DefaultStakingFee` for `add_stake`).
 * @param options - `specVersion` (233–282, default 274).
 * @returns The alpha staked and the storage after the call.
 * @throws {@link CpInvalidAmountError} If an amount is not a `u64`.
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { stakeIntoSubnetCp } from '@dtao/amm'
 * const { alpha } = stakeIntoSubnetCp(state, { tao: 10_000_050_000n, fee: 50_000n })
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `stake_into_subnet` (@ e2b8367b8, 4c9836f8c)
 */
export function stakeIntoSubnetCp(
  state: CpStakeState,
  stake: { readonly tao: bigint; readonly fee: bigint },
  options: { readonly specVersion?: number } = {},
): {
  /** Alpha credited to the staker, in rao. */
  readonly alpha: bigint
  /** The storage after the call. */
  readonly state: CpStakeState
} {
  assertU64('tao', stake.tao)
  assertU64('fee', stake.fee)
  const v = cpVariant(options.specVersion ?? 274)
  const m = open(state)
  const taoStaked = subU64(stake.tao, stake.fee)
  const actualFee = subU64(stake.tao, taoStaked)
  const alpha = swapTaoForAlpha(m, taoStaked, v.unsigned)
  let actualAlpha = 0n
  if (taoStaked > 0n && alpha > 0n) {
    if (v.sharePoolV2) {
      m.hotkeyListed = true
      const actual = updateValueForOneV2(m.share, BigInt.asIntN(64, alpha))
      actualAlpha = actual > 0n ? actual : 0n
    } else {
      updateValueForOneV1(m.share, BigInt.asIntN(64, alpha))
      m.hotkeyListed = true
      actualAlpha = alpha
    }
  }
  creditFee(m, actualFee)
  return Object.freeze({ alpha: actualAlpha, state: close(m) })
}

/**
 * `unstake_from_subnet` of the constant-product era. Before spec 244 the alpha is swapped first
 * and the stake decreased afterwards (only if the stake covers it); from 244 the stake is
 * decreased first and only the actual decrease is swapped. The user receives τ − fee; the fee
 * stays in SubnetTAO.
 *
 * @param state - The storage before the call.
 * @param unstake - `alpha` (rao) and `fee` (rao TAO).
 * @param options - `specVersion` (233–282, default 274).
 * @returns The TAO paid to the user and the storage after the call.
 * @throws {@link CpInvalidAmountError} If an amount is not a `u64`.
 * @throws {@link EraMismatchError} If the spec is not a constant-product spec.
 * @example
 * ```ts
 * import { unstakeFromSubnetCp } from '@dtao/amm'
 * const { tao } = unstakeFromSubnetCp(state, { alpha: 1_000_000_000n, fee: 50_000n })
 * ```
 * @see subtensor `pallets/subtensor/src/staking/stake_utils.rs` · `unstake_from_subnet` (@ e2b8367b8, 4c9836f8c)
 */
export function unstakeFromSubnetCp(
  state: CpStakeState,
  unstake: { readonly alpha: bigint; readonly fee: bigint },
  options: { readonly specVersion?: number } = {},
): {
  /** TAO paid to the user after the fee, in rao. */
  readonly tao: bigint
  /** The storage after the call. */
  readonly state: CpStakeState
} {
  assertU64('alpha', unstake.alpha)
  assertU64('fee', unstake.fee)
  const v = cpVariant(options.specVersion ?? 274)
  const m = open(state)
  let tao: bigint
  if (v.sharePoolV2) {
    let decrease = 0n
    if (m.share.alphaShare !== undefined && getValue(m.share, true) >= unstake.alpha) {
      const actual = updateValueForOneV2(
        m.share,
        BigInt.asIntN(64, -BigInt.asIntN(64, unstake.alpha)),
      )
      const neg = BigInt.asIntN(64, -actual)
      decrease = neg > 0n ? neg : 0n
    }
    tao = swapAlphaForTao(m, decrease, v.unsigned)
  } else {
    tao = swapAlphaForTao(m, unstake.alpha, v.unsigned)
    if (m.share.alphaShare !== undefined && getValue(m.share, false) >= unstake.alpha) {
      updateValueForOneV1(m.share, BigInt.asIntN(64, -BigInt.asIntN(64, unstake.alpha)))
    }
  }
  const taoUnstaked = subU64(tao, unstake.fee)
  creditFee(m, subU64(tao, taoUnstaked))
  return Object.freeze({ tao: taoUnstaked, state: close(m) })
}
