import { I96F32, U96F32 } from '@dtao/fixed'
import { u64, u128, uint } from './internal/check.js'

const u64Max = (1n << 64n) - 1n
const u16Max = 65535n

/**
 * `split_emissions`: an epoch's alpha over a subnet's mechanisms (sub-subnets), either evenly
 * (`⌊alpha / count⌋` each) or by a u16 split (`⌊alpha·sₘ / 65 535⌋`, padded with zeros or trimmed to
 * `count`); the rounding remainder goes to mechanism 0.
 *
 * @param alpha - The alpha to split (u64).
 * @param options - `count` (`MechanismCountCurrent`, default 1), `split` (`MechanismEmissionSplit`).
 * @returns One amount per mechanism.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { splitMechanismEmission } from '@dtao/emission'
 * splitMechanismEmission(10n, { count: 4 }) // [4n, 2n, 2n, 2n]
 * splitMechanismEmission(19n, { count: 5, split: [3450, 6899, 10348, 17247, 27594] }) // [1n, 2n, 3n, 5n, 8n]
 * ```
 * @see subtensor pallets/subtensor/src/subnets/mechanism.rs · split_emissions
 */
export function splitMechanismEmission(
  alpha: bigint,
  options: { readonly count?: number; readonly split?: readonly number[] } = {},
): bigint[] {
  u64('alpha', alpha)
  const count = uint('count', options.count ?? 1, 255)
  let result: bigint[]
  if (options.split !== undefined) {
    result = options.split.map((s) => (alpha * BigInt(uint('split', s, 65535))) / u16Max)
  } else {
    const per = count === 0 ? 0n : alpha / BigInt(count)
    result = Array.from({ length: count }, () => per)
  }
  if (result.length !== count) {
    result = result.slice(0, count)
    while (result.length < count) result.push(0n)
  }
  const total = result.reduce((a, b) => a + b, 0n)
  const rounding = alpha > total ? alpha - total : 0n
  if (result.length > 0) result[0] = (result[0] as bigint) + rounding
  return result
}

/** A parent of a hotkey, for {@link parentChildDividends}. */
export type ParentStake = {
  /** Any identifier of the parent hotkey. */
  readonly id: string
  /** The parent's `ChildKeys` proportion to this hotkey (u64 over `u64::MAX`). */
  readonly proportion: bigint
  /** The parent's alpha stake on the subnet. */
  readonly alphaStake: bigint
  /** The parent's stake on root (rao). */
  readonly rootStake: bigint
  /** Whether the parent's coldkey is the hotkey's own coldkey (then no take and no burn). */
  readonly sameColdkey?: boolean
}

/** Inputs of {@link parentChildDividends}. */
export type ParentChildInput = {
  /** The hotkey's id. */
  readonly id: string
  /** Its Yuma dividend this epoch (alpha-rao). */
  readonly dividend: bigint
  /** Its own alpha stake on the subnet. */
  readonly alphaStake: bigint
  /** Its own root stake. */
  readonly rootStake: bigint
  /** Proportions (u64 over `u64::MAX`) it gives to its children. */
  readonly childProportions?: readonly bigint[]
  /** Its parents, in `ParentKeys` order. */
  readonly parents?: readonly ParentStake[]
  /** `ChildkeyTake` after the effective minimum (u16 over 65 535; default 0). */
  readonly childkeyTake?: number
  /** `CKBurn` raw (u64 over `u64::MAX`; default 0). */
  readonly ckBurn?: bigint
  /** `get_tao_weight`, U96F32 bits. */
  readonly taoWeight: bigint
}

/**
 * `get_parent_child_dividends_distribution`: a hotkey's dividend shared with its parents in
 * proportion to their contributions (alpha·π + root·π·w), each parent from another coldkey paying
 * the childkey take to the hotkey and `CKBurn` to recycling; the hotkey keeps the remainder plus the
 * takes. All U96F32, floored to alpha-rao.
 *
 * @param input - See {@link ParentChildInput}.
 * @returns `[id, amount]` per parent, then the hotkey itself, and the alpha recycled by `CKBurn`.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { parentChildDividends } from '@dtao/emission'
 * // test_drain_alpha_childkey_parentkey: parent → child 100 %, take u16::MAX/10
 * parentChildDividends({ id: 'child', dividend: 10n ** 9n, alphaStake: 0n, rootStake: 0n, taoWeight: 0n,
 *   childkeyTake: 6553, parents: [{ id: 'parent', proportion: 2n ** 64n - 1n, alphaStake: 10n ** 12n, rootStake: 0n }] })
 * // { payouts: [['parent', 900007629n], ['child', 99992370n]], recycled: 0n }
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · get_parent_child_dividends_distribution
 */
export function parentChildDividends(input: ParentChildInput): {
  /** `[hotkey id, alpha-rao]`: the parents in order, then the hotkey. */
  payouts: [string, bigint][]
  /** Alpha recycled by `CKBurn`. */
  recycled: bigint
} {
  const w = u128('taoWeight', input.taoWeight)
  const validating = U96F32.saturatingFromNum(u64('dividend', input.dividend))
  let remaining: bigint = validating
  const maxF = U96F32.saturatingFromNum(u64Max)
  const burnProp = U96F32.safeDiv(U96F32.saturatingFromNum(u64('ckBurn', input.ckBurn ?? 0n)), maxF)
  const takeProp = U96F32.safeDiv(
    U96F32.saturatingFromNum(BigInt(uint('childkeyTake', input.childkeyTake ?? 0, 65535))),
    U96F32.saturatingFromNum(u16Max),
  )
  // get_self_contribution
  let remainingProp: bigint = U96F32.ONE
  for (const p of input.childProportions ?? [])
    remainingProp = U96F32.saturatingSub(
      remainingProp,
      U96F32.safeDiv(U96F32.saturatingFromNum(u64('proportion', p)), maxF),
    )
  const selfAlpha = U96F32.saturatingMul(
    U96F32.saturatingFromNum(u64('alphaStake', input.alphaStake)),
    remainingProp,
  )
  const selfRoot = U96F32.saturatingMul(
    U96F32.saturatingMul(
      U96F32.saturatingFromNum(u64('rootStake', input.rootStake)),
      remainingProp,
    ),
    w,
  )
  const selfContribution = U96F32.saturatingToNum(U96F32.saturatingAdd(selfAlpha, selfRoot), 'u64')
  let total: bigint = U96F32.saturatingFromNum(selfContribution)
  const contributions: [ParentStake, bigint][] = []
  for (const p of input.parents ?? []) {
    const prop = U96F32.safeDiv(U96F32.saturatingFromNum(u64('proportion', p.proportion)), maxF)
    const alpha = U96F32.saturatingMul(
      U96F32.saturatingFromNum(u64('alphaStake', p.alphaStake)),
      prop,
    )
    const root = U96F32.saturatingMul(
      U96F32.saturatingMul(U96F32.saturatingFromNum(u64('rootStake', p.rootStake)), prop),
      w,
    )
    const combined = U96F32.saturatingAdd(alpha, root)
    total = U96F32.saturatingAdd(total, combined)
    contributions.push([p, combined])
  }
  const payouts: [string, bigint][] = []
  let totalChildTake: bigint = U96F32.ZERO
  let recycled = 0n
  for (const [p, contribution] of contributions) {
    const factor = U96F32.checkedDiv(contribution, total) ?? U96F32.ZERO
    let emission: bigint = U96F32.saturatingMul(validating, factor)
    remaining = U96F32.saturatingSub(remaining, emission)
    if (p.sameColdkey !== true) {
      const burn = U96F32.saturatingMul(burnProp, emission)
      const take = U96F32.saturatingMul(takeProp, emission)
      emission = U96F32.saturatingSub(U96F32.saturatingSub(emission, burn), take)
      totalChildTake = U96F32.saturatingAdd(totalChildTake, take)
      recycled += U96F32.saturatingToNum(burn, 'u64')
    }
    payouts.push([p.id, U96F32.saturatingToNum(emission, 'u64')])
  }
  payouts.push([
    input.id,
    U96F32.saturatingToNum(U96F32.saturatingAdd(remaining, totalChildTake), 'u64'),
  ])
  return { payouts, recycled }
}

/**
 * `calculate_dividend_distribution`: each hotkey's dividend split into a root part
 * (d ⊗ rootα/(alpha + rootα), rootα = root ⊗ w) and an alpha part, then the validator pool and the
 * root pool shared pro rata to those parts (U96F32).
 *
 * @param pools - `validatorPool` and `rootPool` (alpha-rao), `taoWeight` (U96F32 bits).
 * @param hotkeys - id → `{ alphaStake, rootStake, dividend }` (dividend as U96F32 bits); hotkeys
 *   without stake data are skipped, as on chain.
 * @returns `{ alpha, root }`: id → payout (U96F32 bits).
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { dividendDistribution } from '@dtao/emission'
 * const r = dividendDistribution({ validatorPool: 1000n, rootPool: 100n, taoWeight: 1n << 32n },
 *   new Map([['a', { alphaStake: 1n, rootStake: 1n, dividend: 10n << 32n }]]))
 * r.alpha.get('a') // 4294967296000n (all 1000 of the validator pool)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · calculate_dividend_distribution
 */
export function dividendDistribution(
  pools: { readonly validatorPool: bigint; readonly rootPool: bigint; readonly taoWeight: bigint },
  hotkeys: ReadonlyMap<
    string,
    { readonly alphaStake: bigint; readonly rootStake: bigint; readonly dividend: bigint }
  >,
): {
  /** id → alpha-dividend payout (U96F32 bits). */
  alpha: Map<string, U96F32>
  /** id → root-alpha payout (U96F32 bits). */
  root: Map<string, U96F32>
} {
  const w = u128('taoWeight', pools.taoWeight)
  const zero = U96F32.ZERO
  let totalRoot: bigint = zero
  let totalAlpha: bigint = zero
  const rootDivs = new Map<string, bigint>()
  const alphaDivs = new Map<string, bigint>()
  for (const [id, h] of hotkeys) {
    const alpha = U96F32.saturatingFromNum(u64('alphaStake', h.alphaStake))
    const root = U96F32.saturatingFromNum(u64('rootStake', h.rootStake))
    const rootAlpha = U96F32.saturatingMul(root, w)
    const totalStake = U96F32.saturatingAdd(alpha, rootAlpha)
    const rootProp = U96F32.checkedDiv(rootAlpha, totalStake) ?? zero
    const d = u128('dividend', h.dividend)
    const r = U96F32.saturatingMul(d, rootProp)
    const a = U96F32.saturatingSub(d, r)
    alphaDivs.set(id, U96F32.saturatingAdd(alphaDivs.get(id) ?? zero, a))
    totalAlpha = U96F32.saturatingAdd(totalAlpha, a)
    rootDivs.set(id, U96F32.saturatingAdd(rootDivs.get(id) ?? zero, r))
    totalRoot = U96F32.saturatingAdd(totalRoot, r)
  }
  const rootPool = U96F32.saturatingFromNum(u64('rootPool', pools.rootPool))
  const validatorPool = U96F32.saturatingFromNum(u64('validatorPool', pools.validatorPool))
  const root = new Map<string, U96F32>()
  for (const [id, r] of rootDivs)
    root.set(id, U96F32.saturatingMul(rootPool, U96F32.checkedDiv(r, totalRoot) ?? zero))
  const alpha = new Map<string, U96F32>()
  for (const [id, a] of alphaDivs)
    alpha.set(id, U96F32.saturatingMul(validatorPool, U96F32.checkedDiv(a, totalAlpha) ?? zero))
  return { alpha, root }
}

/**
 * `get_hotkey_take_float` applied to a payout: `take = (t/65 535) ⊗ payout` and the rest, both
 * floored to alpha-rao as the chain stakes them.
 *
 * @param payout - A dividend payout (U96F32 bits).
 * @param take - The delegate take (u16, default 11 796).
 * @returns `{ take, rest }` in alpha-rao.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { delegateTake } from '@dtao/emission'
 * // test_claim_root_with_drain_emissions: 1 000 000 root alpha, take 18 %
 * delegateTake(1_000_000n << 32n) // { take: 179995n, rest: 820004n }
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · distribute_dividends_and_incentives
 */
export function delegateTake(
  payout: bigint,
  take = 11_796,
): {
  /** The delegate's take, staked to the hotkey's owner. */
  take: bigint
  /** The rest, paid to the nominators (or to root claimable). */
  rest: bigint
} {
  const p = u128('payout', payout)
  const t = U96F32.safeDiv(
    U96F32.saturatingFromNum(BigInt(uint('take', take, 65535))),
    U96F32.saturatingFromNum(u16Max),
  )
  const cut = U96F32.saturatingMul(t, p)
  return {
    take: U96F32.saturatingToNum(cut, 'u64'),
    rest: U96F32.saturatingToNum(U96F32.saturatingSub(p, cut), 'u64'),
  }
}

/**
 * `increase_root_claimable_for_hotkey_and_subnet`: the `RootClaimable` increment per rao of root
 * stake, `I96F32(amount) ⊘ I96F32(rootStake)` (0 when the stake is 0). `undefined` when `amount`
 * exceeds the stake: the chain then stakes the amount to the hotkey's owner instead.
 *
 * @param amount - Root alpha after take (alpha-rao).
 * @param rootStake - The hotkey's total root stake (rao).
 * @returns The increment (I96F32 bits) or `undefined`.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { rootClaimableIncrement } from '@dtao/emission'
 * rootClaimableIncrement(820_000n, 2_000_000n) // 1760936591n (0.41)
 * ```
 * @see subtensor pallets/subtensor/src/staking/claim_root.rs · increase_root_claimable_for_hotkey_and_subnet
 */
export function rootClaimableIncrement(amount: bigint, rootStake: bigint): I96F32 | undefined {
  const total = I96F32.saturatingFromNum(u64('rootStake', rootStake))
  const inc =
    I96F32.checkedDiv(I96F32.saturatingFromNum(u64('amount', amount)), total) ?? I96F32.ZERO
  if (amount > I96F32.saturatingToNum(total, 'u64')) return undefined
  return inc
}

/**
 * Root alpha a coldkey can claim: `rate ⊗ rootStake − claimed` in I96F32, floored, never below 0.
 *
 * @param rate - `RootClaimable[hotkey][netuid]`, I96F32 bits.
 * @param rootStake - The coldkey's root stake on the hotkey (rao).
 * @param claimed - `RootClaimed` (u128).
 * @returns Alpha-rao owed.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { rootOwed } from '@dtao/emission'
 * rootOwed(1760936591n, 2_000_000n, 0n) // 819999n (0.409 999 999 9 × 2 000 000, floored)
 * ```
 * @see subtensor pallets/subtensor/src/staking/claim_root.rs · get_root_owed_for_hotkey_coldkey
 */
export function rootOwed(rate: bigint, rootStake: bigint, claimed: bigint): bigint {
  const owed = I96F32.saturatingSub(
    I96F32.saturatingMul(rate, I96F32.saturatingFromNum(u64('rootStake', rootStake))),
    I96F32.saturatingFromNum(u128('claimed', claimed)),
  )
  return I96F32.saturatingToNum(owed, 'u64')
}

/**
 * `MinerBurned` after an epoch: incentive withheld from owner hotkeys over the total incentive
 * (U96F32; 0 when no incentive was paid, e.g. a subnet with no neurons).
 *
 * @param withheld - Incentive that landed on owner hotkeys (burned or recycled).
 * @param total - All incentive of the epoch.
 * @returns U96F32 bits.
 * @throws {@link InvalidAmountError} on an out-of-range input.
 * @example
 * ```ts
 * import { minerBurned } from '@dtao/emission'
 * minerBurned(1n, 4n) // 1073741824n (0.25)
 * minerBurned(0n, 0n) // 0n
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · distribute_dividends_and_incentives
 */
export function minerBurned(withheld: bigint, total: bigint): U96F32 {
  return (
    U96F32.checkedDiv(
      U96F32.saturatingFromNum(u64('withheld', withheld)),
      U96F32.saturatingFromNum(u64('total', total)),
    ) ?? U96F32.ZERO
  )
}
