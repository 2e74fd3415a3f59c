import { BaseError } from '@dtao/errors'

/**
 * The pool design in force: `'constantProduct'` (spec 233–282), `'v3'` (spec 283–422) or
 * `'balancer'` (spec ≥ 423).
 */
export type PoolEra = 'constantProduct' | 'v3' | 'balancer'

/**
 * Who receives the swap fee: kept in the pool's TAO reserve (constant product), accrued to
 * liquidity providers (V3 before spec 385), or paid to the block author (V3 from 385, Balancer).
 */
export type FeeDestination = 'pool' | 'liquidityProviders' | 'blockAuthor'

/**
 * Which legs of a cross-subnet move pay the fee.
 *
 * - `'halfEachLeg'`: half the flat fee on each leg (constant product).
 * - `'bothLegs'`: the proportional fee on the sell and the buy leg (V3, spec 283–296).
 * - `'buyLegOnly'`: the sell leg is fee-free (spec 297–314).
 * - `'sellLegUnlessRoot'`: the sell leg pays; if the origin is root the buy leg pays (spec ≥ 315).
 */
export type MoveFeeLegs = 'halfEachLeg' | 'bothLegs' | 'buyLegOnly' | 'sellLegUnlessRoot'

/**
 * How the constant-product era computed the removal fee.
 *
 * - `'flat'`: `DefaultStakingFee` (spec 233–251).
 * - `'dividends'`: dividend-based, minimum 50 000 rao (252–256).
 * - `'dividendsWithFloor'`: adds the 0.005 % floor (257–260).
 * - `'dividendsSimulated'`: uses the simulated TAO estimate and `TotalHotkeyAlphaLastEpoch` (≥ 261).
 */
export type RemoveFeeModel = 'flat' | 'dividends' | 'dividendsWithFloor' | 'dividendsSimulated'

/**
 * How an emission injection changes a pool.
 *
 * - `'reserves'`: constant product, both reserves grow.
 * - `'v3PositionOnly'`: V3 spec 283–289, only the protocol position's liquidity is recomputed.
 * - `'v3Liquidity'`: V3 spec 290–300, `CurrentLiquidity` and ticks are updated too.
 * - `'v3CompoundFees'`: V3 spec 301–333, the protocol position's fees are compounded.
 * - `'v3ProportionalSplit'`: V3 spec 334–422, price-proportional split, remainder to scrap.
 * - `'balancerWeights'`: Balancer, `update_weights_for_added_liquidity`.
 */
export type InjectionModel =
  | 'reserves'
  | 'v3PositionOnly'
  | 'v3Liquidity'
  | 'v3CompoundFees'
  | 'v3ProportionalSplit'
  | 'balancerWeights'

/**
 * The quote-relevant rules of one runtime `spec_version`, as plain data (see {@link rulesForSpec}).
 *
 * Amounts are rao (`bigint`); fee rates are `u16` numerators over 65 535.
 */
export type ChainRules = {
  /** The `spec_version` these rules describe. */
  readonly specVersion: number
  /** The pool design in force. */
  readonly era: PoolEra
  /**
   * Constant product only: the fixed-point type of the swap math (`I110F18` before spec 261,
   * `U110F18` from 261); `undefined` in the other eras.
   */
  readonly constantProductType: 'I110F18' | 'U110F18' | undefined
  /** Default `FeeRate` (u16 over 65 535) for V3/Balancer (196 until spec 297, then 33); 0 for constant product. */
  readonly defaultFeeRate: number
  /** Constant product only: `DefaultStakingFee` = 50 000 rao; `undefined` in the other eras. */
  readonly flatStakingFee: bigint | undefined
  /** Constant product only: how the removal fee is computed; `undefined` in the other eras. */
  readonly removeFeeModel: RemoveFeeModel | undefined
  /** Who receives the swap fee. */
  readonly feeDestination: FeeDestination
  /** Which legs of a cross-subnet move pay the fee. */
  readonly moveFeeLegs: MoveFeeLegs
  /** Whether a same-subnet move sells and re-buys through the pool (before spec 297) instead of transferring shares. */
  readonly sameSubnetMoveSwaps: boolean
  /**
   * Minimum reserve in rao: `SwapMinimumReserve` (10⁶, V3 and Balancer: the output reserve must
   * be at least this), or `DefaultMinimumPoolLiquidity` (10⁷, constant product: the reserve left
   * after the swap must be at least this).
   */
  readonly minimumReserve: bigint
  /** `DefaultMinStake` in rao (500 000 before spec 290, 20 000 000 at 290–291, then 2 000 000). */
  readonly minStake: bigint
  /** Input cap as a multiple of the input reserve (`SwapInputTooLarge`), 1000 from spec 424; `undefined` before. */
  readonly maxInputReserveMultiplier: bigint | undefined
  /**
   * The amount `get_max_amount_add`/`remove` simulate: `'u64Max'` (spec ≤ 423) or
   * `'reserveMultiple'` (1000 × the input reserve, spec ≥ 424). `undefined` for constant product,
   * which solves in closed form.
   */
  readonly maxAmountProbe: 'u64Max' | 'reserveMultiple' | undefined
  /** Whether `add_stake_limit`/`remove_stake_limit` refuse amounts above 1000 × the reserve with `InsufficientLiquidity` (spec ≥ 424). */
  readonly extrinsicInputCap: boolean
  /** Balancer only: precision of `pow_ratio_scaled` in `exp_scaled` (1024 at spec 423, 256 from 424); `undefined` otherwise. */
  readonly expPrecision: 256 | 1024 | undefined
  /** Balancer only: whether `exp_scaled`'s result is clamped to ≤ 1 (spec ≥ 424). */
  readonly clampExpToOne: boolean
  /** Whether limit prices bound the average execution price (constant product) or the final spot price (V3, Balancer). */
  readonly limitSemantics: 'averagePrice' | 'spotPrice'
  /** `min_price_inner` in rao per alpha: the default limit for sells (1 000 Balancer, 0 V3 and constant product). */
  readonly minPriceRao: bigint
  /** `max_price_inner` in rao per alpha: the default limit for buys (10¹⁵ Balancer, `u64::MAX` V3 and constant product). */
  readonly maxPriceRao: bigint
  /** Whether a swap with positive input and zero output fails with `ReservesTooLow` (V3 from spec 385, Balancer). */
  readonly zeroOutputIsError: boolean
  /** How an emission injection changes the pool. */
  readonly injection: InjectionModel
  /** Layout of `SimSwapResult`: none before spec 302, 4 fields (32 bytes) at 302–390, 6 fields (48 bytes) from 391. */
  readonly simSwapLayout: 'none' | 'fourField' | 'sixField'
}

/**
 * The lowest `spec_version` with dTAO pools (the rao launch, `e2b8367b8`).
 *
 * @example
 * ```ts
 * import { FIRST_DTAO_SPEC_VERSION, rulesForSpec } from '@dtao/amm'
 * rulesForSpec(FIRST_DTAO_SPEC_VERSION).era // 'constantProduct'
 * ```
 */
export const FIRST_DTAO_SPEC_VERSION = 233
/**
 * The highest `spec_version` these rules were written from (subtensor `14bc6f9f9`).
 *
 * @example
 * ```ts
 * import { LATEST_KNOWN_SPEC_VERSION, rulesForSpec } from '@dtao/amm'
 * rulesForSpec(LATEST_KNOWN_SPEC_VERSION).era // 'balancer'
 * ```
 */
export const LATEST_KNOWN_SPEC_VERSION = 425

const MAX_U64 = 0xffff_ffff_ffff_ffffn

function eraOf(spec: number): PoolEra {
  if (spec < 283) return 'constantProduct'
  if (spec < 423) return 'v3'
  return 'balancer'
}

function minStakeOf(spec: number): bigint {
  if (spec < 290) return 500_000n
  if (spec < 292) return 20_000_000n
  return 2_000_000n
}

function moveFeeLegsOf(spec: number, era: PoolEra): MoveFeeLegs {
  if (era === 'constantProduct') return 'halfEachLeg'
  if (spec < 297) return 'bothLegs'
  if (spec < 315) return 'buyLegOnly'
  return 'sellLegUnlessRoot'
}

function removeFeeModelOf(spec: number): RemoveFeeModel {
  if (spec < 252) return 'flat'
  if (spec < 257) return 'dividends'
  if (spec < 261) return 'dividendsWithFloor'
  return 'dividendsSimulated'
}

function injectionOf(spec: number, era: PoolEra): InjectionModel {
  if (era === 'constantProduct') return 'reserves'
  if (era === 'balancer') return 'balancerWeights'
  if (spec < 290) return 'v3PositionOnly'
  if (spec < 301) return 'v3Liquidity'
  if (spec < 334) return 'v3CompoundFees'
  return 'v3ProportionalSplit'
}

const cache = new Map<number, ChainRules>()

/**
 * The quote-relevant chain rules of a runtime `spec_version` (main-branch history of subtensor).
 *
 * Specs 283–422 are V3 (the 4-day Balancer of spec 380 was reverted and most likely never enacted).
 * The result is frozen and cached per spec.
 *
 * @param specVersion - The runtime's `spec_version` (a `u32`).
 * @returns The rules for that runtime.
 * @throws {@link UnsupportedSpecVersionError} If the spec is not an integer in
 * [{@link FIRST_DTAO_SPEC_VERSION}, {@link LATEST_KNOWN_SPEC_VERSION}].
 * @example
 * ```ts
 * import { rulesForSpec } from '@dtao/amm'
 *
 * const rules = rulesForSpec(425)
 * // rules.era: 'balancer', rules.expPrecision: 256, rules.maxInputReserveMultiplier: 1000n
 * ```
 * @see subtensor `runtime/src/lib.rs` · `VERSION` (spec history of `pallets/swap` and `staking/*`)
 */
export function rulesForSpec(specVersion: number): ChainRules {
  const hit = cache.get(specVersion)
  if (hit !== undefined) return hit
  if (
    !Number.isInteger(specVersion) ||
    specVersion < FIRST_DTAO_SPEC_VERSION ||
    specVersion > LATEST_KNOWN_SPEC_VERSION
  ) {
    throw new UnsupportedSpecVersionError({ specVersion })
  }
  const spec = specVersion
  const era = eraOf(spec)
  const cp = era === 'constantProduct'
  const balancer = era === 'balancer'
  const rules: ChainRules = Object.freeze({
    specVersion: spec,
    era,
    constantProductType: cp ? (spec < 261 ? 'I110F18' : 'U110F18') : undefined,
    defaultFeeRate: cp ? 0 : spec < 297 ? 196 : 33,
    flatStakingFee: cp ? 50_000n : undefined,
    removeFeeModel: cp ? removeFeeModelOf(spec) : undefined,
    feeDestination: cp ? 'pool' : era === 'v3' && spec < 385 ? 'liquidityProviders' : 'blockAuthor',
    moveFeeLegs: moveFeeLegsOf(spec, era),
    sameSubnetMoveSwaps: spec < 297,
    minimumReserve: cp ? 10_000_000n : 1_000_000n,
    minStake: minStakeOf(spec),
    maxInputReserveMultiplier: spec >= 424 ? 1000n : undefined,
    maxAmountProbe: cp ? undefined : spec >= 424 ? 'reserveMultiple' : 'u64Max',
    extrinsicInputCap: spec >= 424,
    expPrecision: balancer ? (spec === 423 ? 1024 : 256) : undefined,
    clampExpToOne: spec >= 424,
    limitSemantics: cp ? 'averagePrice' : 'spotPrice',
    minPriceRao: balancer ? 1_000n : 0n,
    maxPriceRao: balancer ? 1_000_000_000_000_000n : MAX_U64,
    zeroOutputIsError: balancer || spec >= 385,
    injection: injectionOf(spec, era),
    simSwapLayout: spec < 302 ? 'none' : spec < 391 ? 'fourField' : 'sixField',
  })
  cache.set(spec, rules)
  return rules
}

/**
 * A `spec_version` outside the known dTAO history (before spec 233, after the latest known spec,
 * or not an integer). Never silently defaulted.
 *
 * @example
 * ```ts
 * import { rulesForSpec } from '@dtao/amm'
 * import { isDtaoError } from '@dtao/errors'
 *
 * try { rulesForSpec(200) } catch (e) { isDtaoError(e, 'Amm.UnsupportedSpecVersionError') } // true
 * ```
 */
export class UnsupportedSpecVersionError extends BaseError {
  override readonly name = 'Amm.UnsupportedSpecVersionError'
  /** The spec version asked for. */
  readonly specVersion: number

  constructor({ specVersion }: { specVersion: number }) {
    super(`Unsupported spec_version ${specVersion}.`, {
      metaMessages: [
        `Expected an integer in [${FIRST_DTAO_SPEC_VERSION}, ${LATEST_KNOWN_SPEC_VERSION}] (dTAO pools, subtensor 14bc6f9f9).`,
      ],
    })
    this.specVersion = specVersion
  }
}
