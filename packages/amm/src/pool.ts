import {
  type AlphaBalance,
  alphaBalance,
  type Perquintill,
  type TaoBalance,
  taoBalance,
} from '@dtao/fixed'
import { checkConstraints, DEFAULT_QUOTE_WEIGHT } from './balancer.js'
import type { ConstantProductPool } from './constantProduct/pool.js'
import { InvalidPoolError } from './errors.js'
import { type ChainRules, LATEST_KNOWN_SPEC_VERSION, rulesForSpec } from './rules.js'
import type { V3Pool } from './v3/pool.js'

/**
 * A subnet pool in the Balancer era (spec ≥ 423), as plain immutable data: the six storage items a
 * quote needs (`SubnetTAO`, `SubnetAlphaIn`, `SwapBalancer`, `PalSwapInitialized`, `FeeRate`,
 * `SubnetMechanism`) plus the netuid.
 */
export type BalancerPool = {
  /** Discriminant of the pool-era union. */
  readonly era: 'balancer'
  /** The subnet id (u16). 0 is root, which the chain always swaps 1:1. */
  readonly netuid: number
  /** `SubnetMechanism` (u16): 1 = dynamic (the AMM); anything else swaps 1:1 with no fee. */
  readonly mechanism: number
  /** `SubnetTAO`, the TAO reserve y, in rao. */
  readonly taoReserve: TaoBalance
  /** `SubnetAlphaIn`, the alpha reserve x, in rao. */
  readonly alphaReserve: AlphaBalance
  /** `SwapBalancer.quote`, the TAO weight w₂ in Perquintill parts (10¹⁸ = 1). */
  readonly quoteWeight: Perquintill
  /** `PalSwapInitialized`: when false the first swap resets the weight to ½ (quotes use ½). */
  readonly initialized: boolean
  /** `FeeRate` (u16): the fee is feeRate / 65 535 of the input. */
  readonly feeRate: number
}

/**
 * A subnet pool of any era, discriminated by `era` (the same value as {@link ChainRules.era}):
 * {@link BalancerPool} (spec ≥ 423), {@link V3Pool} (283–422) or {@link ConstantProductPool} (233–282).
 *
 * @example
 * ```ts
 * import { balancerPool, type Pool } from '@dtao/amm'
 *
 * const pool: Pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
 * pool.era // 'balancer'
 * ```
 */
export type Pool = BalancerPool | V3Pool | ConstantProductPool

function u16(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new InvalidPoolError({
      field,
      value: String(value),
      expected: 'an integer in [0, 65535]',
    })
  }
  return value
}

/**
 * Builds a frozen {@link BalancerPool} from chain state, checking every field is something the
 * chain could hold.
 *
 * Defaults: `mechanism` 1, `quoteWeight` ½, `initialized` true, `feeRate` the spec's default
 * (33). Reserves are u64 rao.
 *
 * @param state - The storage values (reserves as bigint rao).
 * @param options - `rules` for the default fee rate (default: the latest known spec).
 * @returns The pool.
 * @throws {@link InvalidPoolError} For a weight outside [0.01, 0.99], a netuid, mechanism or fee
 * rate outside u16.
 * @throws `Fixed.InvalidAmountError` / `Fixed.AmountOutOfRangeError` For a reserve that is negative or
 * above u64::MAX.
 * @example
 * ```ts
 * import { balancerPool } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
 * // pool.quoteWeight: 500000000000000000n, pool.feeRate: 33
 * ```
 * @see subtensor `pallets/swap/src/pallet/mod.rs` · `SwapBalancer`, `PalSwapInitialized`, `FeeRate`
 */
export function balancerPool(
  state: {
    /** Subnet id (u16). */
    readonly netuid: number
    /** `SubnetTAO` in rao. */
    readonly taoReserve: bigint
    /** `SubnetAlphaIn` in rao. */
    readonly alphaReserve: bigint
    /** `SwapBalancer` quote weight in Perquintill parts; default ½. */
    readonly quoteWeight?: bigint
    /** `PalSwapInitialized`; default true. */
    readonly initialized?: boolean
    /** `FeeRate` (u16); default the spec's `DefaultFeeRate`. */
    readonly feeRate?: number
    /** `SubnetMechanism` (u16); default 1. */
    readonly mechanism?: number
  },
  options: {
    /** Rules for the default fee rate. */
    readonly rules?: ChainRules
  } = {},
): BalancerPool {
  const rules = options.rules ?? rulesForSpec(LATEST_KNOWN_SPEC_VERSION)
  const quoteWeight = state.quoteWeight ?? DEFAULT_QUOTE_WEIGHT
  if (typeof quoteWeight !== 'bigint' || !checkConstraints(quoteWeight as Perquintill)) {
    throw new InvalidPoolError({
      field: 'quoteWeight',
      value: String(quoteWeight),
      expected: 'Perquintill parts in [10^16, 99·10^16] (both weights at least 0.01)',
    })
  }
  return Object.freeze({
    era: 'balancer',
    netuid: u16('netuid', state.netuid),
    mechanism: u16('mechanism', state.mechanism ?? 1),
    taoReserve: taoBalance(state.taoReserve),
    alphaReserve: alphaBalance(state.alphaReserve),
    quoteWeight: quoteWeight as Perquintill,
    initialized: state.initialized ?? true,
    feeRate: u16('feeRate', state.feeRate ?? rules.defaultFeeRate),
  })
}

/**
 * The quote weight a swap on this pool uses: the stored weight, or ½ when the pool is not yet
 * initialised (`maybe_initialize_palswap` runs before the step).
 *
 * @param pool - The pool.
 * @returns Perquintill parts.
 * @example
 * ```ts
 * import { balancerPool, effectiveQuoteWeight } from '@dtao/amm'
 *
 * const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n,
 *   quoteWeight: 4n * 10n ** 17n, initialized: false })
 * effectiveQuoteWeight(pool) // 500000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/impls.rs` · `Pallet::maybe_initialize_palswap`
 */
export function effectiveQuoteWeight(pool: BalancerPool): Perquintill {
  return pool.initialized ? pool.quoteWeight : DEFAULT_QUOTE_WEIGHT
}
