import type { I64F64, U64F64 } from '@dtao/fixed'

/**
 * One initialised tick of a V3 pool (`Ticks[netuid][index]`).
 *
 * @example
 * ```ts
 * import type { V3Tick } from '@dtao/amm'
 * const tick: V3Tick = {
 *   index: -443636, liquidityNet: 2000000000000n, liquidityGross: 2000000000000n,
 *   feesOutTao: 0n as V3Tick['feesOutTao'], feesOutAlpha: 0n as V3Tick['feesOutAlpha'],
 * }
 * ```
 * @see subtensor `pallets/swap/src/tick.rs` · `Tick`
 */
export type V3Tick = {
  /** The tick index (`TickIndex`, an `i32` in ±443 636). */
  readonly index: number
  /** `liquidity_net` (`i128`): added when crossing upwards, subtracted when crossing down. */
  readonly liquidityNet: bigint
  /** `liquidity_gross` (`u64`): total liquidity referencing the tick. */
  readonly liquidityGross: bigint
  /** `fees_out_tao` (I64F64 bits). */
  readonly feesOutTao: I64F64
  /** `fees_out_alpha` (I64F64 bits). */
  readonly feesOutAlpha: I64F64
}

/**
 * A liquidity position `[tickLow, tickHigh)` of a V3 pool.
 *
 * @example
 * ```ts
 * import type { V3Position } from '@dtao/amm'
 * const protocol: V3Position = { tickLow: -443636, tickHigh: 443636, liquidity: 2000000000000n }
 * ```
 * @see subtensor `pallets/swap/src/position.rs` · `Position`
 */
export type V3Position = {
  /** Lower tick (inclusive). */
  readonly tickLow: number
  /** Upper tick (exclusive). */
  readonly tickHigh: number
  /** Liquidity (`u64`). */
  readonly liquidity: bigint
}

/**
 * The state of one subnet's Uniswap-V3-style pool (spec 283–422) as plain immutable data.
 *
 * Amounts are rao `bigint`s; sqrt prices and fee accumulators are raw fixed-point bits.
 * `taoReserve`/`alphaReserve` are the `TokenReserve` values (SubnetTAO + SubnetTaoProvided and
 * SubnetAlphaIn + SubnetAlphaInProvided), used for the reserve checks and initialisation only:
 * once initialised, the price is driven by `sqrtPrice` and `currentLiquidity`.
 *
 * @example
 * ```ts
 * import { maybeInitializeV3, type V3Pool } from '@dtao/amm'
 *
 * const fresh: V3Pool = {
 *   era: 'v3', netuid: 1, mechanism: 1, feeRate: 33,
 *   taoReserve: 1000000000000n, alphaReserve: 4000000000000n,
 *   initialized: false, sqrtPrice: 0n as V3Pool['sqrtPrice'], currentTick: 0, currentLiquidity: 0n,
 *   ticks: [], protocolPosition: undefined,
 * }
 * maybeInitializeV3(fresh).currentLiquidity // 2000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/mod.rs` (V3 storage at spec 422)
 */
export type V3Pool = {
  /** Discriminant: the V3 era. */
  readonly era: 'v3'
  /** Subnet id (`u16`). */
  readonly netuid: number
  /** `SubnetMechanism`: 1 is dynamic (the pool), 0 is stable (1:1, no fee). */
  readonly mechanism: number
  /** `FeeRate` (`u16` over 65 535); 33 is the default. */
  readonly feeRate: number
  /** TAO `TokenReserve` in rao. */
  readonly taoReserve: bigint
  /** Alpha `TokenReserve` in rao. */
  readonly alphaReserve: bigint
  /** `SwapV3Initialized`. */
  readonly initialized: boolean
  /** `AlphaSqrtPrice` (U64F64 bits). */
  readonly sqrtPrice: U64F64
  /** `CurrentTick` (`i32`). */
  readonly currentTick: number
  /** `CurrentLiquidity` (`u64`). */
  readonly currentLiquidity: bigint
  /** `FeeGlobalTao` (U64F64 bits); zero when absent. Never changes at spec ≥ 385. */
  readonly feeGlobalTao?: U64F64 | undefined
  /** `FeeGlobalAlpha` (U64F64 bits); zero when absent. */
  readonly feeGlobalAlpha?: U64F64 | undefined
  /** The initialised ticks, sorted by index. */
  readonly ticks: readonly V3Tick[]
  /** The protocol-owned position (`[MIN, MAX]`), `undefined` before initialisation. */
  readonly protocolPosition: V3Position | undefined
  /** `ScrapReservoirTao` in rao; zero when absent. */
  readonly scrapReservoirTao?: bigint | undefined
  /** `ScrapReservoirAlpha` in rao; zero when absent. */
  readonly scrapReservoirAlpha?: bigint | undefined
}
