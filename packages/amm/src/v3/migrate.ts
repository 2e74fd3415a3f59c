import { U64F64 } from '@dtao/fixed'
import type { V3Pool } from './pool.js'

const accuracy = 1_000_000_000_000_000_000n
const minWeight = accuracy / 100n
const half = accuracy / 2n
const u128Max = (1n << 128n) - 1n

function satU128(v: bigint): bigint {
  return v > u128Max ? u128Max : v
}

/** sp-arithmetic `Perquintill::from_rational(p, q)`: ⌊10¹⁸·p/q⌋, one when p ≥ q or q = 0. */
function perquintillFromRational(p: bigint, q: bigint): bigint {
  if (q === 0n || p >= q) return accuracy
  return (p * accuracy) / q
}

/** `Balancer::calculate_price(x, y)`: ⌊⌊w₁/w₂⌋₆₄ · ⌊y/x⌋₆₄⌋₆₄ with w as integer parts. */
function balancerPrice(quoteParts: bigint, x: bigint, y: bigint): U64F64 {
  const w2 = U64F64.saturatingFromNum(quoteParts)
  const w1 = U64F64.saturatingFromNum(accuracy - quoteParts)
  return U64F64.saturatingMul(
    U64F64.safeDiv(w1, w2),
    U64F64.safeDiv(U64F64.saturatingFromNum(y), U64F64.saturatingFromNum(x)),
  )
}

/**
 * What `migrate_swapv3_to_balancer` leaves for one subnet.
 *
 * @example
 * ```ts
 * import type { V3MigrationResult } from '@dtao/amm'
 * const fellBack = (r: V3MigrationResult): boolean => r.quoteWeightParts === 500000000000000000n
 * ```
 * @see subtensor `pallets/swap/src/pallet/migrations/migrate_swapv3_to_balancer.rs`
 */
export type V3MigrationResult = {
  /** `SwapBalancer.quote` in Perquintill parts (5·10¹⁷ = the ½ fallback). */
  readonly quoteWeightParts: bigint
  /** Whether a `SwapBalancer` entry was written. */
  readonly balancerStored: boolean
  /** `PalSwapInitialized` after the migration. */
  readonly palswapInitialized: boolean
  /** The Balancer spot price after the migration (U64F64 bits, `Pallet::current_price`). */
  readonly priceAfter: U64F64
}

/**
 * The spec-423 runtime upgrade `migrate_swapv3_to_balancer` for one subnet: p = ⌊√P·√P⌋₆₄ and
 * w₂ = ⌊10¹⁸·y/(⟦p⟧·x + ⟦x·frac(p)⟧ + y)⌋ (so the Balancer price equals the V3 price), falling
 * back to w₂ = ½ when the weight leaves [0.01, 0.99] or both reserves are 0. Then all V3 storage is
 * deleted. A subnet that never had a V3 swap has no `AlphaSqrtPrice` and is left to lazy
 * initialisation (½).
 *
 * @param pool - The V3 pool (reserves are the `TokenReserve` values).
 * @returns The Balancer weight, flags and the new spot price.
 * @example
 * ```ts
 * import { migrateSwapV3ToBalancer } from '@dtao/amm'
 * migrateSwapV3ToBalancer(pool).quoteWeightParts // e.g. 141811787415878919n for √P = 1.23, y = 10⁹, x = 4·10⁹
 * ```
 * @see subtensor `pallets/swap/src/pallet/migrations/migrate_swapv3_to_balancer.rs` · `migrate_swapv3_to_balancer`, `impls.rs` · `maybe_initialize_palswap` (@ 14bc6f9f9)
 */
export function migrateSwapV3ToBalancer(pool: V3Pool): V3MigrationResult {
  const x = pool.alphaReserve
  const y = pool.taoReserve
  let quote = half
  let stored = false
  let initialized = false
  if (pool.initialized) {
    const price = U64F64.saturatingMul(pool.sqrtPrice, pool.sqrtPrice)
    const pxHigh = satU128(U64F64.saturatingToNum(price, 'u64') * x)
    const pxLow = U64F64.saturatingToNum(
      U64F64.saturatingMul(U64F64.saturatingFromNum(x), U64F64.frac(price)),
      'u128',
    )
    const pxPlusY = satU128(satU128(pxHigh + pxLow) + y)
    const w = pxPlusY === 0n ? undefined : perquintillFromRational(y, pxPlusY)
    quote = w !== undefined && w >= minWeight && accuracy - w >= minWeight ? w : half
    stored = true
    initialized = true
  }
  const priceAfter =
    pool.mechanism !== 1
      ? U64F64.saturatingFromNum(1n)
      : x === 0n
        ? U64F64.ZERO
        : balancerPrice(quote, x, y)
  return Object.freeze({
    quoteWeightParts: quote,
    balancerStored: stored,
    palswapInitialized: initialized,
    priceAfter,
  })
}
