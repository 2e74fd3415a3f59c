import { U64F64 } from '@dtao/fixed'

/**
 * `TickIndex::MIN`: −443 636, half of Uniswap's `MIN_TICK` (the pallet's sqrt prices are U64F64,
 * not Q64.96, so only half the range fits).
 *
 * @example
 * ```ts
 * import { MIN_TICK_INDEX } from '@dtao/amm'
 * MIN_TICK_INDEX // -443636
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::MIN`
 */
export const MIN_TICK_INDEX = -443636

/**
 * `TickIndex::MAX`: 443 636.
 *
 * @example
 * ```ts
 * import { MAX_TICK_INDEX } from '@dtao/amm'
 * MAX_TICK_INDEX // 443636
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::MAX`
 */
export const MAX_TICK_INDEX = 443636

const uniswapMaxTick = 887272n
const minSqrtRatio = 4295128739n
const maxSqrtRatio = limbs(6743328256752651558n, 17280870778742802505n, 4294805859n)
const sqrt10001 = limbs(11745905768312294533n, 13863n)
const tickLowOffset = limbs(6552757943157144234n, 184476617836266586n)
const tickHighOffset = limbs(4998474450511881007n, 15793544031827761793n)
const u256Max = (1n << 256n) - 1n
const u128Mask = (1n << 128n) - 1n

function limbs(l0: bigint, l1 = 0n, l2 = 0n, l3 = 0n): bigint {
  return l0 | (l1 << 64n) | (l2 << 128n) | (l3 << 192n)
}

/** The Q128.128 factors 1/√1.0001^(2^i), bit i of |tick| (Uniswap `TickMath`, as the pallet spells them). */
const ratioFactors: readonly bigint[] = [
  limbs(12262481743371124737n, 18445821805675392311n),
  limbs(6459403834229662010n, 18444899583751176498n),
  limbs(17226890335427755468n, 18443055278223354162n),
  limbs(2032852871939366096n, 18439367220385604838n),
  limbs(14545316742740207172n, 18431993317065449817n),
  limbs(5129152022828963008n, 18417254355718160513n),
  limbs(4894419605888772193n, 18387811781193591352n),
  limbs(1280255884321894483n, 18329067761203520168n),
  limbs(15924666964335305636n, 18212142134806087854n),
  limbs(8010504389359918676n, 17980523815641551639n),
  limbs(10668036004952895731n, 17526086738831147013n),
  limbs(4878133418470705625n, 16651378430235024244n),
  limbs(9537173718739605541n, 15030750278693429944n),
  limbs(9972618978014552549n, 12247334978882834399n),
  limbs(10428997489610666743n, 8131365268884726200n),
  limbs(9305304367709015974n, 3584323654723342297n),
  limbs(14301143598189091785n, 696457651847595233n),
  limbs(7393154844743099908n, 26294789957452057n),
  limbs(2209338891292245656n, 37481735321082n),
  limbs(10518117631919034274n, 76158723n),
]

/** `U256::saturating_mul`. */
function satMul256(a: bigint, b: bigint): bigint {
  const p = a * b
  return p > u256Max ? u256Max : p
}

/**
 * `get_sqrt_ratio_at_tick`: √1.0001^tick in Q64.96, rounded up (`undefined` = `TickOutOfBounds`
 * beyond Uniswap's ±887 272).
 */
function getSqrtRatioAtTick(tick: number): bigint | undefined {
  const absTick = BigInt(tick < 0 ? -tick : tick)
  if (absTick > uniswapMaxTick) return undefined
  let ratio = (absTick & 1n) !== 0n ? (ratioFactors[0] as bigint) : 1n << 128n
  for (let i = 1; i < ratioFactors.length; i++) {
    if ((absTick & (1n << BigInt(i))) !== 0n) {
      ratio = satMul256(ratio, ratioFactors[i] as bigint) >> 128n
    }
  }
  if (tick > 0) ratio = u256Max / ratio
  const shifted = ratio >> 32n
  return (ratio & 0xffffffffn) !== 0n ? shifted + 1n : shifted
}

/** `get_tick_at_sqrt_ratio`: Uniswap's log₂ estimate (`undefined` = `SqrtPriceOutOfBounds`). */
function getTickAtSqrtRatio(sqrtPriceX96: bigint): number | undefined {
  if (!(sqrtPriceX96 >= minSqrtRatio && sqrtPriceX96 < maxSqrtRatio)) return undefined
  const ratio = (sqrtPriceX96 << 32n) & u256Max
  let r = ratio
  let msb = 0n
  const steps: readonly [bigint, bigint][] = [
    [u128Mask, 128n],
    [0xffff_ffff_ffff_ffffn, 64n],
    [0xffff_ffffn, 32n],
    [0xffffn, 16n],
    [0xffn, 8n],
    [0xfn, 4n],
    [0x3n, 2n],
  ]
  for (const [threshold, bit] of steps) {
    const f = r > threshold ? bit : 0n
    msb |= f
    r >>= f
  }
  msb |= r > 1n ? 1n : 0n
  r = msb >= 128n ? ratio >> (msb - 127n) : (ratio << (127n - msb)) & u256Max
  // I256: (msb − 128) << 64, then the fractional bits are OR-ed in (two's complement).
  let log2 = BigInt.asIntN(256, (msb - 128n) << 64n)
  for (let i = 63n; i >= 50n; i--) {
    r = BigInt.asUintN(256, r * r) >> 127n
    const f = r >> 128n
    log2 |= f << i
    r >>= f
  }
  const logSqrt10001 = BigInt.asIntN(256, log2 * sqrt10001)
  const tickLow = Number(BigInt.asIntN(32, (logSqrt10001 - tickLowOffset) >> 128n))
  const tickHigh = Number(BigInt.asIntN(32, (logSqrt10001 + tickHighOffset) >> 128n))
  if (tickLow === tickHigh) return tickLow
  const atHigh = getSqrtRatioAtTick(tickHigh)
  if (atHigh === undefined) return undefined
  return atHigh <= sqrtPriceX96 ? tickHigh : tickLow
}

/** `q_to_u64f64(x, 96)`: drop 32 bits rounding **up**; `undefined` = `Overflow` (≥ 2^128). */
function q96ToU64F64(x: bigint): bigint | undefined {
  const shifted = x >> 32n
  const rounded = (x & 0xffffffffn) !== 0n ? shifted + 1n : shifted
  return rounded >> 128n !== 0n ? undefined : rounded
}

/**
 * Whether `TickIndex::new` accepts a tick: an integer in [{@link MIN_TICK_INDEX}, {@link MAX_TICK_INDEX}].
 *
 * @param tick - The tick (an `i32`).
 * @returns `true` inside the range.
 * @example
 * ```ts
 * import { isTickIndex } from '@dtao/amm'
 * isTickIndex(443637) // false
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::new`
 */
export function isTickIndex(tick: number): boolean {
  return Number.isInteger(tick) && tick >= MIN_TICK_INDEX && tick <= MAX_TICK_INDEX
}

/**
 * `TickIndex::try_to_sqrt_price`: √(1.0001^tick) as U64F64 bits, Uniswap's Q64.96 value rounded
 * up to 64 fractional bits.
 *
 * @param tick - The tick index.
 * @returns The sqrt price bits, or `undefined` (`TickOutOfBounds`) outside ±443 636.
 * @example
 * ```ts
 * import { tickToSqrtPrice } from '@dtao/amm'
 * tickToSqrtPrice(0) // 18446744073709551616n (1.0)
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::try_to_sqrt_price`
 */
export function tickToSqrtPrice(tick: number): U64F64 | undefined {
  if (!isTickIndex(tick)) return undefined
  const x96 = getSqrtRatioAtTick(tick)
  if (x96 === undefined) return undefined
  const bits = q96ToU64F64(x96)
  return bits === undefined ? undefined : U64F64.fromBits(bits)
}

/**
 * `TickIndex::min_sqrt_price()`: `U64F64::saturating_from_num(0.0000000002328350195)`.
 *
 * @example
 * ```ts
 * import { MIN_SQRT_PRICE } from '@dtao/amm'
 * MIN_SQRT_PRICE // 4295048016n
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::min_sqrt_price`
 */
export const MIN_SQRT_PRICE: U64F64 = U64F64.saturatingFromNum(0.0000000002328350195)

/**
 * `TickIndex::max_sqrt_price()`: `U64F64::saturating_from_num(4294886577.20989222513899790805)`.
 *
 * @example
 * ```ts
 * import { MAX_SQRT_PRICE } from '@dtao/amm'
 * MAX_SQRT_PRICE // 79226673515401280874390487040n
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::max_sqrt_price`
 */
export const MAX_SQRT_PRICE: U64F64 = U64F64.saturatingFromNum(
  // The Rust literal, parsed to the same f64 (a literal here would lose digits visibly).
  Number('4294886577.20989222513899790805'),
)

/**
 * `TickIndex::as_sqrt_price_bounded`: {@link tickToSqrtPrice}, falling back to
 * {@link MAX_SQRT_PRICE} for ticks ≥ MAX and {@link MIN_SQRT_PRICE} otherwise.
 *
 * @param tick - Any `i32`.
 * @returns The sqrt price bits.
 * @example
 * ```ts
 * import { tickToSqrtPriceBounded } from '@dtao/amm'
 * tickToSqrtPriceBounded(500000) // 79226673515401280874390487040n
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::as_sqrt_price_bounded`
 */
export function tickToSqrtPriceBounded(tick: number): U64F64 {
  const p = tickToSqrtPrice(tick)
  if (p !== undefined) return p
  return tick >= MAX_TICK_INDEX ? MAX_SQRT_PRICE : MIN_SQRT_PRICE
}

/**
 * `TickIndex::try_from_sqrt_price`: the tick t with √P(t) ≤ sqrtPrice < √P(t + 1) in Q64.96.
 *
 * @param sqrtPrice - U64F64 bits.
 * @returns The tick, or `undefined` when the price is outside Uniswap's range or the tick is
 * outside ±443 636.
 * @example
 * ```ts
 * import { sqrtPriceToTick } from '@dtao/amm'
 * sqrtPriceToTick(18446744073709551616n) // 0
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::try_from_sqrt_price`
 */
export function sqrtPriceToTick(sqrtPrice: bigint): number | undefined {
  const x96 = sqrtPrice << 32n
  let tick = getTickAtSqrtRatio(x96)
  if (tick === undefined) return undefined
  const atTick = getSqrtRatioAtTick(tick)
  if (atTick === undefined) return undefined
  if (atTick > x96) {
    tick = tick - 1
  } else {
    const atNext = getSqrtRatioAtTick(tick + 1)
    if (atNext === undefined) return undefined
    if (atNext <= x96) tick = tick + 1
  }
  return isTickIndex(tick) ? tick : undefined
}

/**
 * `TickIndex::from_sqrt_price_bounded`: {@link sqrtPriceToTick}, or MAX when the price is above
 * √P(MAX), else MIN.
 *
 * @param sqrtPrice - U64F64 bits.
 * @returns A tick in range.
 * @example
 * ```ts
 * import { sqrtPriceToTickBounded } from '@dtao/amm'
 * sqrtPriceToTickBounded(0n) // -443636
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `TickIndex::from_sqrt_price_bounded`
 */
export function sqrtPriceToTickBounded(sqrtPrice: bigint): number {
  const t = sqrtPriceToTick(sqrtPrice)
  if (t !== undefined) return t
  return sqrtPrice > tickToSqrtPriceBounded(MAX_TICK_INDEX) ? MAX_TICK_INDEX : MIN_TICK_INDEX
}
