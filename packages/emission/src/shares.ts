import { BaseError } from '@dtao/errors'
import { I64F64, I96F32, U64F64, U96F32 } from '@dtao/fixed'
import { LATEST_SPEC_VERSION } from './constants.js'
import { InvalidAmountError } from './errors.js'
import { inplacePowNormalize } from './flow.js'
import { u128, uint, uniqueNetuids } from './internal/check.js'
import { type RuleSet, rulesForSpec } from './rules.js'

/**
 * What the share rules read about one subnet (storage at the block's parent).
 *
 * @example
 * ```ts
 * import type { SubnetShareInput } from '@dtao/emission'
 * const s: SubnetShareInput = {
 *   netuid: 1, mechanism: 1, movingPrice: 171798692n, minerBurned: 0n,
 *   firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true, emissionEnabled: true,
 * }
 * ```
 */
export type SubnetShareInput = {
  /** The subnet id (u16). */
  readonly netuid: number
  /** `SubnetMechanism`: 0 stable, 1 dynamic. */
  readonly mechanism: number
  /** `SubnetMovingPrice`, I96F32 bits. */
  readonly movingPrice: bigint
  /** `MinerBurned`, U96F32 bits (0 when absent). */
  readonly minerBurned?: bigint
  /** `FirstEmissionBlockNumber`; `null` until `start_call`. */
  readonly firstEmissionBlock: bigint | null
  /** `SubtokenEnabled`. */
  readonly subtokenEnabled: boolean
  /** `NetworkRegistrationAllowed`. */
  readonly registrationAllowed: boolean
  /** `SubnetEmissionEnabled` (default true). */
  readonly emissionEnabled?: boolean
  /** ρᵢ (U96F32 bits) from the pre-block alpha issuance: read only by the 421–424 share rule. */
  readonly rootProportion?: bigint
  /** User TAO-flow EMA (I64F64 bits, already advanced for the block): flow eras (334–420) only. */
  readonly taoFlowEma?: bigint
  /** Protocol TAO-flow EMA (I64F64 bits, already advanced): the net-flow era (411–420) only. */
  readonly protocolFlowEma?: bigint
}

/** Options shared by the share functions. */
export type ShareOptions = {
  /** The rule set (default: the latest spec's). */
  readonly rules?: RuleSet
}

/**
 * The subnets that receive emission this block, in ascending netuid order (`NetworksAdded`
 * iteration): not root, `start_call` done, subtoken enabled and registration allowed.
 *
 * @param subnets - Every added subnet (root may be included; it is skipped).
 * @param options - `rules` (the registration filter starts at spec 345).
 * @returns The eligible netuids.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @example
 * ```ts
 * import { subnetsToEmitTo } from '@dtao/emission'
 * const on = { firstEmissionBlock: 10n, subtokenEnabled: true, registrationAllowed: true }
 * subnetsToEmitTo([{ netuid: 2, ...on }, { netuid: 0, ...on }, { netuid: 1, ...on, registrationAllowed: false }])
 * // [2]
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/subnet_emissions.rs · get_subnets_to_emit_to
 */
export function subnetsToEmitTo(
  subnets: readonly Pick<
    SubnetShareInput,
    'netuid' | 'firstEmissionBlock' | 'subtokenEnabled' | 'registrationAllowed'
  >[],
  options: ShareOptions = {},
): number[] {
  uniqueNetuids(subnets)
  const filterRegistration = (options.rules ?? latest()).registrationFilter
  return subnets
    .filter(
      (s) =>
        s.netuid !== 0 &&
        s.firstEmissionBlock !== null &&
        s.subtokenEnabled &&
        (!filterRegistration || s.registrationAllowed),
    )
    .map((s) => s.netuid)
    .sort((a, b) => a - b)
}

/**
 * `get_moving_alpha_price`: 1 for root and stable (mechanism 0) subnets, else the stored
 * `SubnetMovingPrice` converted exactly to U64F64 (negative saturates to 0).
 *
 * @param subnet - netuid, mechanism and `movingPrice` (I96F32 bits).
 * @returns U64F64 bits.
 * @example
 * ```ts
 * import { movingAlphaPrice } from '@dtao/emission'
 * movingAlphaPrice({ netuid: 3, mechanism: 1, movingPrice: 1n << 31n }) // 9223372036854775808n (0.5)
 * movingAlphaPrice({ netuid: 3, mechanism: 0, movingPrice: 0n }) // 18446744073709551616n (1.0)
 * ```
 * @see subtensor pallets/subtensor/src/staking/stake_utils.rs · get_moving_alpha_price
 */
export function movingAlphaPrice(
  subnet: Pick<SubnetShareInput, 'netuid' | 'mechanism' | 'movingPrice'>,
): U64F64 {
  if (subnet.netuid === 0 || subnet.mechanism === 0) return U64F64.ONE
  return U64F64.saturatingFromFixed(I96F32, subnet.movingPrice)
}

/**
 * Emission shares of the eligible subnets (U64F64 bits, floored; they sum to ≤ 1 by a few ulps,
 * or are all 0). The rule follows `options.rules` (default spec 425: p̄·(1 − MinerBurned),
 * renormalised, falling back to the plain price shares when every weight is 0).
 *
 * @param subnets - Every added subnet; only the eligible ones ({@link subnetsToEmitTo}) get a share.
 * @param options - `rules`.
 * @returns netuid → share, in ascending netuid order.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @throws {@link MissingShareInputError} when the era's rule needs a field a subnet lacks.
 * @example
 * ```ts
 * import { subnetShares } from '@dtao/emission'
 * const on = { mechanism: 1, firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true }
 * subnetShares([
 *   { netuid: 1, movingPrice: 171798692n, ...on },
 *   { netuid: 2, movingPrice: 85899346n, minerBurned: 1n << 31n, ...on },
 *   { netuid: 3, movingPrice: 42949673n, ...on },
 * ])
 * // Map { 1 => 12297829382473034411n, 2 => 3074457345618258602n, 3 => 3074457345618258602n }
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/subnet_emissions.rs · get_shares
 */
export function subnetShares(
  subnets: readonly SubnetShareInput[],
  options: ShareOptions = {},
): Map<number, U64F64> {
  const rules = options.rules ?? latest()
  const byNetuid = new Map(subnets.map((s) => [s.netuid, s]))
  const eligible = subnetsToEmitTo(subnets, { rules }).map(
    (n) => byNetuid.get(n) as SubnetShareInput,
  )
  if (rules.shares === 'gross-flow' || rules.shares === 'net-flow')
    return flowShares(eligible, rules.shares === 'net-flow')
  const priceShares = sharesPriceEma(eligible)
  if (rules.shares === 'price-ema') return priceShares
  const zero = U64F64.ZERO
  const one = U64F64.ONE
  const weighted = new Map<number, U64F64>()
  for (const s of eligible) {
    const share = priceShares.get(s.netuid) as U64F64
    const burnedBits = u128('minerBurned', s.minerBurned ?? 0n)
    const burnedRaw = U64F64.saturatingFromFixed(U96F32, burnedBits)
    const burned = burnedRaw < one ? burnedRaw : one
    let factor: bigint = U64F64.saturatingSub(one, burned)
    if (rules.shares === 'price-ema-rootprop-burn') {
      if (s.rootProportion === undefined)
        throw new MissingShareInputError({
          netuid: s.netuid,
          field: 'rootProportion',
          rule: rules.shares,
        })
      const rp = U64F64.saturatingFromFixed(U96F32, u128('rootProportion', s.rootProportion))
      factor = U64F64.saturatingMul(rp, factor)
    }
    weighted.set(s.netuid, U64F64.saturatingMul(share, factor))
  }
  let total: bigint = zero
  for (const w of weighted.values()) total = U64F64.saturatingAdd(total, w)
  if (total > zero) {
    const out = new Map<number, U64F64>()
    for (const [n, w] of weighted) out.set(n, U64F64.safeDiv(w, total))
    return out
  }
  return priceShares
}

function sharesPriceEma(eligible: readonly SubnetShareInput[]): Map<number, U64F64> {
  let total: bigint = U64F64.ZERO
  const prices = eligible.map((s) => {
    uint('mechanism', s.mechanism, 65535)
    const p = movingAlphaPrice(s)
    total = U64F64.saturatingAdd(total, p)
    return [s.netuid, p] as const
  })
  const out = new Map<number, U64F64>()
  for (const [n, p] of prices) out.set(n, U64F64.checkedDiv(p, total) ?? U64F64.ZERO)
  return out
}

/**
 * Per-subnet TAO emission this block (U96F32 bits): `U64F64(E) ⊗ σ'ᵢ` truncated to 32 fractional
 * bits, where σ' renormalises the shares over emission-enabled subnets when any is disabled
 * (disabled subnets get 0 but stay in the map, so their alpha_out still runs).
 *
 * @param subnets - Every added subnet.
 * @param blockEmission - The minted credit E, rao.
 * @param options - `rules`.
 * @returns netuid → TAO emission, for the eligible subnets.
 * @throws {@link InvalidAmountError} if `blockEmission` is not a u64 `bigint`.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @example
 * ```ts
 * import { subnetBlockEmissions } from '@dtao/emission'
 * const on = { mechanism: 0, movingPrice: 0n, firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true }
 * subnetBlockEmissions([{ netuid: 1, ...on }, { netuid: 2, ...on, emissionEnabled: false }], 1000n)
 * // Map { 1 => 4294967296000n, 2 => 0n }   (1000 rao and 0, as U96F32)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/subnet_emissions.rs · get_subnet_block_emissions
 */
export function subnetBlockEmissions(
  subnets: readonly SubnetShareInput[],
  blockEmission: bigint,
  options: ShareOptions = {},
): Map<number, U96F32> {
  u64Check(blockEmission)
  const shares = subnetShares(subnets, options)
  return blockEmissionsFromShares(subnets, shares, blockEmission)
}

/** The `get_subnet_block_emissions` step on already computed shares (used by the coinbase). */
function blockEmissionsFromShares(
  subnets: readonly Pick<SubnetShareInput, 'netuid' | 'emissionEnabled'>[],
  shares: ReadonlyMap<number, bigint>,
  blockEmission: bigint,
): Map<number, U96F32> {
  const enabled = new Map(subnets.map((s) => [s.netuid, s.emissionEnabled ?? true]))
  const zero = U64F64.ZERO
  let hasDisabled = false
  let enabledSum: bigint = zero
  for (const [n, share] of shares) {
    if (enabled.get(n) ?? true) enabledSum = U64F64.saturatingAdd(enabledSum, share)
    else hasDisabled = true
  }
  // The chain converts the U96F32 credit to U64F64 (exact for any u64 rao amount).
  const e = U64F64.saturatingFromNum(blockEmission)
  const out = new Map<number, U96F32>()
  for (const [n, share] of shares) {
    const en = enabled.get(n) ?? true
    const s = hasDisabled
      ? en && enabledSum > zero
        ? U64F64.safeDiv(share, enabledSum)
        : zero
      : share
    out.set(n, U96F32.saturatingFromFixed(U64F64, U64F64.saturatingMul(e, s)))
  }
  return out
}

/**
 * `get_network_root_sell_flag`: Σ p̄ᵢ over the eligible subnets (wrapping U64F64 sum, pre-update
 * EMA) is above 1. When false, the root share of alpha_out is recycled.
 *
 * @param subnets - Every added subnet.
 * @param options - `rules`.
 * @returns The flag.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @example
 * ```ts
 * import { rootSellFlag } from '@dtao/emission'
 * const on = { mechanism: 1, firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true }
 * rootSellFlag([{ netuid: 1, movingPrice: 3n << 31n, ...on }]) // true (1.5 > 1)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · get_network_root_sell_flag
 */
export function rootSellFlag(
  subnets: readonly SubnetShareInput[],
  options: ShareOptions = {},
): boolean {
  const byNetuid = new Map(subnets.map((s) => [s.netuid, s]))
  const eligible = subnetsToEmitTo(subnets, options)
  const total = U64F64.sum(
    eligible.map((n) => movingAlphaPrice(byNetuid.get(n) as SubnetShareInput)),
  )
  return total > U64F64.ONE
}

function flowShares(eligible: readonly SubnetShareInput[], net: boolean): Map<number, U64F64> {
  const zero = I64F64.ZERO
  const emas = eligible.map((s) => {
    if (s.taoFlowEma === undefined)
      throw new MissingShareInputError({ netuid: s.netuid, field: 'taoFlowEma', rule: 'flow' })
    if (net && s.protocolFlowEma === undefined)
      throw new MissingShareInputError({
        netuid: s.netuid,
        field: 'protocolFlowEma',
        rule: 'net-flow',
      })
    return [s.netuid, s.taoFlowEma, s.protocolFlowEma ?? zero] as const
  })
  let norm: bigint = zero
  if (net) {
    let su: bigint = zero
    let sp: bigint = zero
    for (const [, u, p] of emas) {
      su = I64F64.saturatingAdd(su, u > zero ? u : zero)
      sp = I64F64.saturatingAdd(sp, p > zero ? p : zero)
    }
    if (sp > zero) {
      const q = I64F64.safeDiv(su, sp)
      norm = q < I64F64.ONE ? q : I64F64.ONE
    }
  }
  const flows = emas.map(([n, u, p]) => {
    const v = net ? I64F64.saturatingSub(u, p > zero ? I64F64.saturatingMul(norm, p) : p) : u
    return [n, v] as const
  })
  // get_lower_limit: max(TaoFlowCutoff = 0, min(min(flow, 0))).
  let minFlow: bigint = zero
  for (const [, f] of flows) if (f < minFlow) minFlow = f
  const lower = zero > minFlow ? zero : minFlow
  const offset = new Map<number, bigint>()
  for (const [n, f] of flows)
    offset.set(
      n,
      f > lower ? U64F64.saturatingFromFixed(I64F64, I64F64.saturatingSub(f, lower)) : 0n,
    )
  return inplacePowNormalize(offset, U64F64.ONE) as Map<number, U64F64>
}

function u64Check(v: bigint): void {
  if (typeof v !== 'bigint' || v < 0n || v >= 1n << 64n)
    throw new InvalidAmountError({
      field: 'blockEmission',
      value: v,
      expected: 'a bigint in the u64 range',
    })
}

function latest(): RuleSet {
  return rulesForSpec(LATEST_SPEC_VERSION)
}

/**
 * A share rule needs a per-subnet input that was not given (ρ for specs 421–424, flow EMAs for
 * 334–420).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { rulesForSpec, subnetShares } from '@dtao/emission'
 * const s = { netuid: 1, mechanism: 1, movingPrice: 1n, firstEmissionBlock: 1n, subtokenEnabled: true, registrationAllowed: true }
 * try { subnetShares([s], { rules: rulesForSpec(424) }) } catch (e) { isDtaoError(e, 'Emission.MissingShareInputError') } // true
 * ```
 */
export class MissingShareInputError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.MissingShareInputError'
  /** The subnet lacking the field. */
  readonly netuid: number
  /** The missing field. */
  readonly field: string

  constructor({ netuid, field, rule }: { netuid: number; field: string; rule: string }) {
    super(`Share rule '${rule}' needs ${field} for netuid ${netuid}.`)
    this.netuid = netuid
    this.field = field
  }
}
