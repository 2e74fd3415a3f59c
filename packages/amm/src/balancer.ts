import { type Perquintill, Perquintill as PerquintillFormat, powRatioScaled } from '@dtao/fixed'
import {
  fromU64,
  ONE,
  safeDiv,
  satMul,
  satSub,
  toU64,
  U64_MAX,
  u64SatAdd,
  u64SatSub,
} from './internal/u64f64.js'

/**
 * `balancer::ACCURACY`: Perquintill parts per 1.0 (10¹⁸).
 *
 * @example
 * ```ts
 * import { ACCURACY } from '@dtao/amm'
 * ACCURACY // 1000000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `ACCURACY`
 */
export const ACCURACY = 1_000_000_000_000_000_000n
/**
 * `balancer::MIN_WEIGHT`: each weight must be at least 0.01 (10¹⁶ parts).
 *
 * @example
 * ```ts
 * import { MIN_WEIGHT } from '@dtao/amm'
 * MIN_WEIGHT // 10000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `MIN_WEIGHT`
 */
export const MIN_WEIGHT = 10_000_000_000_000_000n
/**
 * The default quote weight ½ (`Balancer::default`, and the weight of an uninitialised pool).
 *
 * @example
 * ```ts
 * import { DEFAULT_QUOTE_WEIGHT } from '@dtao/amm'
 * DEFAULT_QUOTE_WEIGHT // 500000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `impl Default for Balancer`
 */
export const DEFAULT_QUOTE_WEIGHT: Perquintill = 500_000_000_000_000_000n as Perquintill

const HALF_ACCURACY = ACCURACY / 2n
const ACCURACY_BITS = ACCURACY << 64n

/**
 * Whether a quote weight satisfies `Balancer::check_constraints`: both the quote weight and the
 * base weight 10¹⁸ − quote are at least {@link MIN_WEIGHT}.
 *
 * @param quote - The quote (TAO) weight in Perquintill parts.
 * @returns True when `Balancer::new(quote)` would succeed.
 * @example
 * ```ts
 * import { checkConstraints } from '@dtao/amm'
 *
 * checkConstraints(500_000_000_000_000_000n as never) // true
 * checkConstraints(9_999_999_999_999_999n as never) // false (below 0.01)
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::check_constraints`
 */
export function checkConstraints(quote: Perquintill): boolean {
  const base = quote >= ACCURACY ? 0n : ACCURACY - quote
  return base >= MIN_WEIGHT && quote >= MIN_WEIGHT
}

/**
 * The base (alpha) weight `ONE.saturating_sub(quote)` in Perquintill parts.
 *
 * @param quote - The quote (TAO) weight in Perquintill parts.
 * @returns 10¹⁸ − quote, or 0 if quote ≥ 10¹⁸.
 * @example
 * ```ts
 * import { baseWeight } from '@dtao/amm'
 *
 * baseWeight(400_000_000_000_000_000n as never) // 600000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::get_base_weight`
 */
export function baseWeight(quote: Perquintill): Perquintill {
  return (quote >= ACCURACY ? 0n : ACCURACY - quote) as Perquintill
}

/**
 * `Balancer::exp_scaled`: (x / (x ± dx))^(w_a / w_b) as U64F64 bits, via safe-bigmath's
 * `pow_ratio_scaled` at `precision` bits, scaled by 10¹⁸ and then divided back.
 *
 * With `baseQuote` the exponent is w_base / w_quote (sells), otherwise w_quote / w_base (buys). The
 * result is 0 when x ± dx = 0, when `pow_ratio_scaled` fails or when its result exceeds u64; for
 * dx ≥ 0 it is clamped to ≤ 1 when `clampToOne` (spec ≥ 424).
 *
 * @param quote - Quote weight (Perquintill parts).
 * @param x - Reserve (u64).
 * @param dx - Signed delta (i128).
 * @param options - `baseQuote` (exponent direction), `precision` (256, or 1024 at spec 423) and
 * `clampToOne` (spec ≥ 424). Defaults: `false`, 256, `true`.
 * @returns U64F64 bits.
 * @example
 * ```ts
 * import { expScaled } from '@dtao/amm'
 *
 * // w = ½: (100000 / 100100)^1 = 0.999000999…
 * expScaled(500_000_000_000_000_000n as never, 100_000n, 100n, { baseQuote: true })
 * // 18428315757951599997n (⌊⌊10¹⁸·100000/100100⌋·2⁶⁴/10¹⁸⌋)
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::exp_scaled`
 */
export function expScaled(
  quote: Perquintill,
  x: bigint,
  dx: bigint,
  options: { baseQuote?: boolean; precision?: number; clampToOne?: boolean } = {},
): bigint {
  const { baseQuote = false, precision = 256, clampToOne = true } = options
  const xPlusDx = dx >= 0n ? u64SatAdd(x, dx) : u64SatSub(x, -dx)
  if (xPlusDx === 0n) return 0n
  const w1 = baseWeight(quote)
  const w2 = quote as bigint
  const r = baseQuote
    ? powRatioScaled(x, xPlusDx, w1, w2, precision, ACCURACY)
    : powRatioScaled(x, xPlusDx, w2, w1, precision, ACCURACY)
  if (r !== undefined && r >= 0n && r <= U64_MAX) {
    const result = safeDiv(fromU64(r), ACCURACY_BITS)
    return dx >= 0n && clampToOne && result > ONE ? ONE : result
  }
  return 0n
}

/**
 * `Balancer::calculate_price`: ⌊⌊w_base/w_quote⌋₆₄ · ⌊y/x⌋₆₄⌋₆₄, the spot price in TAO per alpha
 * as U64F64 bits (each quotient is a safe-math `safe_div`: 0 on a zero divisor).
 *
 * @param quote - Quote weight (Perquintill parts).
 * @param x - Alpha reserve (rao).
 * @param y - TAO reserve (rao).
 * @returns U64F64 bits.
 * @example
 * ```ts
 * import { calculatePrice } from '@dtao/amm'
 *
 * // w = ½, y/x = 1/4 → 0.25
 * calculatePrice(500_000_000_000_000_000n as never, 4_000_000_000n, 1_000_000_000n) // 4611686018427387904n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::calculate_price`
 */
export function calculatePrice(quote: Perquintill, x: bigint, y: bigint): bigint {
  const w2 = fromU64(quote)
  const w1 = fromU64(baseWeight(quote))
  return satMul(safeDiv(w1, w2), safeDiv(fromU64(y), fromU64(x)))
}

/**
 * `Balancer::mul_perquintill_round`: ⌊(value·p + 5·10¹⁷) / 10¹⁸⌋ (round half up), in U256,
 * clamped to u128.
 *
 * @param p - Perquintill parts.
 * @param value - A u128.
 * @returns A u128.
 * @example
 * ```ts
 * import { mulPerquintillRound } from '@dtao/amm'
 *
 * mulPerquintillRound(500_000_000_000_000_000n as never, 5n) // 3n (2.5 rounds up)
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::mul_perquintill_round`
 */
export function mulPerquintillRound(p: Perquintill, value: bigint): bigint {
  const res = (value * p + HALF_ACCURACY) / ACCURACY
  const u128Max = (1n << 128n) - 1n
  return res > u128Max ? u128Max : res
}

const U128_MAX = (1n << 128n) - 1n

function u128SatMul(a: bigint, b: bigint): bigint {
  const p = a * b
  return p > U128_MAX ? U128_MAX : p
}

function u128SatAdd(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > U128_MAX ? U128_MAX : s
}

/**
 * `Balancer::update_weights_for_added_liquidity`: the new quote weight that keeps the price when
 * `taoDelta` and `alphaDelta` are added to the reserves. If the new weight violates the [0.01, 0.99]
 * bounds the update is refused (`ok: false`) and the weight is unchanged.
 *
 * @param quote - Quote weight before (Perquintill parts).
 * @param reserves - `{ taoReserve, alphaReserve, taoDelta, alphaDelta }`, all u64 rao.
 * @returns `{ ok, quoteParts }`: whether the chain accepted it, and the weight afterwards.
 * @example
 * ```ts
 * import { updateWeightsForAddedLiquidity } from '@dtao/amm'
 *
 * // proportional injection at w = ½ keeps w = ½
 * updateWeightsForAddedLiquidity(500_000_000_000_000_000n as never, {
 *   taoReserve: 100n, alphaReserve: 400n, taoDelta: 10n, alphaDelta: 40n,
 * }) // { ok: true, quoteParts: 500000000000000000n }
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::update_weights_for_added_liquidity`
 */
export function updateWeightsForAddedLiquidity(
  quote: Perquintill,
  reserves: {
    /** TAO reserve before (u64). */
    readonly taoReserve: bigint
    /** Alpha reserve before (u64). */
    readonly alphaReserve: bigint
    /** TAO added (u64). */
    readonly taoDelta: bigint
    /** Alpha added (u64). */
    readonly alphaDelta: bigint
  },
): {
  /** Whether the chain accepts the new weight (within [0.01, 0.99]). */
  readonly ok: boolean
  /** The quote weight afterwards (unchanged when `ok` is false). */
  readonly quoteParts: Perquintill
} {
  const { taoReserve, alphaReserve, taoDelta, alphaDelta } = reserves
  const newTao = u128SatAdd(taoReserve, taoDelta)
  const newAlpha = u128SatAdd(alphaReserve, alphaDelta)
  const quantity1 = mulPerquintillRound(baseWeight(quote), u128SatMul(taoReserve, newAlpha))
  const quantity2 = mulPerquintillRound(quote, u128SatMul(alphaReserve, newTao))
  const qSum = u128SatAdd(quantity1, quantity2)
  const next =
    qSum !== 0n
      ? PerquintillFormat.fromRational(quantity2, qSum)
      : PerquintillFormat.fromRational(1n, 2n)
  return checkConstraints(next) ? { ok: true, quoteParts: next } : { ok: false, quoteParts: quote }
}

function deltaIn(numerator: bigint, denominator: bigint, weight: bigint, reserve: bigint): bigint {
  const r = powRatioScaled(numerator, denominator, weight, ACCURACY, 1024, ACCURACY)
  if (r === undefined) return 0n
  const expFixed = r <= U64_MAX ? (r >= 0n ? fromU64(r) : 0n) : fromU64(U64_MAX)
  return toU64(satMul(fromU64(reserve), satSub(safeDiv(expFixed, ACCURACY_BITS), ONE)))
}

/**
 * `Balancer::calculate_quote_delta_in`: the TAO a buy must add to move the price from `current` to
 * `target`, y·((target/current)^w_base − 1), with the chain's cap quirk (the power is capped at
 * u64::MAX / 10¹⁸ ≈ 18.4467, so the result never exceeds ≈ 17.4467 × reserve). 0 when
 * `pow_ratio_scaled` fails (e.g. `current` = 0).
 *
 * @param quote - Quote weight (Perquintill parts).
 * @param prices - `{ currentPrice, targetPrice }` as U64F64 bits.
 * @param reserve - TAO reserve (u64 rao).
 * @returns TAO rao (u64).
 * @example
 * ```ts
 * import { calculateQuoteDeltaIn } from '@dtao/amm'
 *
 * // w_quote = 0.25, price 0.1 → 0.2, y = 10⁹: ⌊10⁹·(2^0.75 − 1)⌋
 * calculateQuoteDeltaIn(250_000_000_000_000_000n as never, {
 *   currentPrice: 1844674407370955161n, targetPrice: 3689348814741910323n,
 * }, 1_000_000_000n) // 681792830n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::calculate_quote_delta_in`
 */
export function calculateQuoteDeltaIn(
  quote: Perquintill,
  prices: {
    /** Current price, U64F64 bits. */
    readonly currentPrice: bigint
    /** Target price, U64F64 bits. */
    readonly targetPrice: bigint
  },
  reserve: bigint,
): bigint {
  return deltaIn(prices.targetPrice, prices.currentPrice, baseWeight(quote), reserve)
}

/**
 * `Balancer::calculate_base_delta_in`: the alpha a sell must add to move the price from `current`
 * down to `target`, x·((current/target)^w_quote − 1), with the same u64 cap quirk as
 * {@link calculateQuoteDeltaIn}.
 *
 * @param quote - Quote weight (Perquintill parts).
 * @param prices - `{ currentPrice, targetPrice }` as U64F64 bits.
 * @param reserve - Alpha reserve (u64 rao).
 * @returns Alpha rao (u64).
 * @example
 * ```ts
 * import { calculateBaseDeltaIn } from '@dtao/amm'
 *
 * // w_quote = 0.25, price 0.2 → 0.1, x = 10⁹: ⌊10⁹·(2^0.25 − 1)⌋
 * calculateBaseDeltaIn(250_000_000_000_000_000n as never, {
 *   currentPrice: 3689348814741910323n, targetPrice: 1844674407370955161n,
 * }, 1_000_000_000n) // 189207115n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::calculate_base_delta_in`
 */
export function calculateBaseDeltaIn(
  quote: Perquintill,
  prices: {
    /** Current price, U64F64 bits. */
    readonly currentPrice: bigint
    /** Target price, U64F64 bits. */
    readonly targetPrice: bigint
  },
  reserve: bigint,
): bigint {
  return deltaIn(prices.currentPrice, prices.targetPrice, quote, reserve)
}

/**
 * `Balancer::get_base_needed_for_quote`: x·((y / (y − Δy))^(w_quote/w_base) − 1), the alpha
 * needed to take `deltaTao` out of the pool (referenced only by chain tests).
 *
 * @param quote - Quote weight (Perquintill parts).
 * @param reserves - `{ taoReserve, alphaReserve }` (u64 rao).
 * @param deltaTao - TAO wanted (u64 rao).
 * @returns Alpha rao (u64).
 * @example
 * ```ts
 * import { getBaseNeededForQuote } from '@dtao/amm'
 *
 * // w = ½: x·(y/(y − Δ) − 1) = 10⁹·(10⁹/(10⁹ − 10⁶) − 1) = 1001001.001…
 * getBaseNeededForQuote(500_000_000_000_000_000n as never, {
 *   taoReserve: 1_000_000_000n, alphaReserve: 1_000_000_000n,
 * }, 1_000_000n) // 1001001n
 * ```
 * @see subtensor `pallets/swap/src/pallet/balancer.rs` · `Balancer::get_base_needed_for_quote`
 */
export function getBaseNeededForQuote(
  quote: Perquintill,
  reserves: {
    /** TAO reserve (u64). */
    readonly taoReserve: bigint
    /** Alpha reserve (u64). */
    readonly alphaReserve: bigint
  },
  deltaTao: bigint,
): bigint {
  const e = expScaled(quote, reserves.taoReserve, -deltaTao, { baseQuote: false })
  return toU64(satMul(fromU64(reserves.alphaReserve), satSub(e, ONE)))
}

/**
 * The price-based weight initialisation of `maybe_initialize_palswap(netuid, Some(price))` and the
 * V3 → Balancer migration: w_quote = ⌊10¹⁸·y / (⟦p⟧·x + ⟦x·frac(p)⌋ + y)⌋.
 *
 * @param reserves - `{ taoReserve, alphaReserve }` (u64 rao).
 * @param price - Price as U64F64 bits.
 * @returns `{ ok: true, quoteParts }`, or `{ ok: false, error: 'ReservesOutOfBalance' }` when the
 * denominator is 0 or the weight is outside [0.01, 0.99].
 * @example
 * ```ts
 * import { initQuoteWeightFromPrice } from '@dtao/amm'
 *
 * // y = 10⁹, x = 4·10⁹, p = 0.25 → w = 10⁹ / (10⁹ + 10⁹) = ½
 * initQuoteWeightFromPrice({ taoReserve: 1_000_000_000n, alphaReserve: 4_000_000_000n }, 1n << 62n)
 * // { ok: true, quoteParts: 500000000000000000n }
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::maybe_initialize_palswap`
 */
export function initQuoteWeightFromPrice(
  reserves: {
    /** TAO reserve (u64). */
    readonly taoReserve: bigint
    /** Alpha reserve (u64). */
    readonly alphaReserve: bigint
  },
  price: bigint,
):
  | {
      /** The weight is valid. */
      readonly ok: true
      /** The quote weight in Perquintill parts. */
      readonly quoteParts: Perquintill
    }
  | {
      /** The chain refuses the weight. */
      readonly ok: false
      /** The chain's error name. */
      readonly error: 'ReservesOutOfBalance'
    } {
  const { taoReserve, alphaReserve } = reserves
  const pxHigh = u128SatMul(toU64(price), alphaReserve)
  const frac = price & (ONE - 1n)
  const pxLow = toU64(satMul(fromU64(alphaReserve), frac))
  const pxPlusY = u128SatAdd(u128SatAdd(pxHigh, pxLow), taoReserve)
  if (pxPlusY === 0n) return { ok: false, error: 'ReservesOutOfBalance' }
  const w = PerquintillFormat.fromRational(taoReserve, pxPlusY)
  return checkConstraints(w)
    ? { ok: true, quoteParts: w }
    : { ok: false, error: 'ReservesOutOfBalance' }
}
