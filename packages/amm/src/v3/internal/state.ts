import { I64F64, U64F64 } from '@dtao/fixed'
import type { V3Pool, V3Position, V3Tick } from '../pool.js'
import { MAX_TICK_INDEX, MIN_TICK_INDEX } from '../tickMath.js'

/** @internal `u64::MAX`. */
export const maxU64 = 0xffff_ffff_ffff_ffffn

/** @internal `u64::saturating_add`. */
export function addU64(a: bigint, b: bigint): bigint {
  const s = a + b
  return s > maxU64 ? maxU64 : s
}

/** @internal `u64::saturating_sub`. */
export function subU64(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}

/** @internal `sp_arithmetic::helpers_128bit::sqrt`: the integer floor square root. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n
  // Start above the root (the float estimate is within a relative 2^-52), then Newton down.
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 1e-12))) + 1n
  let y = (x + n / x) >> 1n
  while (y < x) {
    x = y
    y = (x + n / x) >> 1n
  }
  return x
}

/**
 * @internal A mutable working copy of the V3 storage items one swap or injection touches. The
 * public functions copy in, run the chain's steps in order, and freeze the result.
 */
export type Work = {
  pool: V3Pool
  sqrtPrice: bigint
  currentTick: number
  currentLiquidity: bigint
  initialized: boolean
  ticks: Map<number, V3Tick>
  /** Sorted tick indices (the active-tick bitmap). */
  indices: number[]
  protocolPosition: V3Position | undefined
  feeGlobalTao: bigint
  feeGlobalAlpha: bigint
}

/** @internal */
export function openWork(pool: V3Pool): Work {
  const ticks = new Map<number, V3Tick>()
  for (const t of pool.ticks) ticks.set(t.index, t)
  return {
    pool,
    sqrtPrice: pool.sqrtPrice,
    currentTick: pool.currentTick,
    currentLiquidity: pool.currentLiquidity,
    initialized: pool.initialized,
    ticks,
    indices: [...ticks.keys()].sort((a, b) => a - b),
    protocolPosition: pool.protocolPosition,
    feeGlobalTao: pool.feeGlobalTao ?? 0n,
    feeGlobalAlpha: pool.feeGlobalAlpha ?? 0n,
  }
}

/** @internal Freeze a working copy back into a pool. */
export function closeWork(w: Work, extra: Partial<V3Pool> = {}): V3Pool {
  const ticks = w.indices.map((i) => Object.freeze({ ...(w.ticks.get(i) as V3Tick) }))
  return Object.freeze({
    ...w.pool,
    initialized: w.initialized,
    sqrtPrice: U64F64.fromBits(w.sqrtPrice),
    currentTick: w.currentTick,
    currentLiquidity: w.currentLiquidity,
    ticks: Object.freeze(ticks),
    protocolPosition:
      w.protocolPosition === undefined ? undefined : Object.freeze({ ...w.protocolPosition }),
    ...extra,
  })
}

/** @internal `TickIndex::current_bounded`. */
export function currentBounded(w: Work): number {
  const t = w.currentTick
  return t > MAX_TICK_INDEX ? MAX_TICK_INDEX : t < MIN_TICK_INDEX ? MIN_TICK_INDEX : t
}

/** @internal `TickIndex::next()` / `prev()` with the callers' `unwrap_or` fallback. */
export function nextOr(t: number, fallback: number): number {
  const n = t + 1
  return n >= MIN_TICK_INDEX && n <= MAX_TICK_INDEX ? n : fallback
}

/** @internal */
export function prevOr(t: number, fallback: number): number {
  const n = t - 1
  return n >= MIN_TICK_INDEX && n <= MAX_TICK_INDEX ? n : fallback
}

/** @internal `ActiveTickIndexManager::find_closest_lower`: the largest active tick ≤ index. */
export function findClosestLower(w: Work, index: number): number | undefined {
  if (index < MIN_TICK_INDEX || index > MAX_TICK_INDEX) return undefined
  const a = w.indices
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((a[mid] as number) <= index) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? undefined : a[lo - 1]
}

/** @internal `ActiveTickIndexManager::find_closest_higher`: the smallest active tick ≥ index. */
export function findClosestHigher(w: Work, index: number): number | undefined {
  if (index < MIN_TICK_INDEX || index > MAX_TICK_INDEX) return undefined
  const a = w.indices
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((a[mid] as number) < index) lo = mid + 1
    else hi = mid
  }
  return lo === a.length ? undefined : a[lo]
}

/** @internal `ActiveTickIndexManager::tick_is_active`. */
export function tickIsActive(w: Work, tick: number): boolean {
  return (findClosestLower(w, tick) ?? MAX_TICK_INDEX) === tick
}

const i128Max = (1n << 127n) - 1n
const i128Min = -(1n << 127n)

function satI128(v: bigint): bigint {
  return v > i128Max ? i128Max : v < i128Min ? i128Min : v
}

/** @internal `Pallet::add_liquidity_at_index`. */
export function addLiquidityAtIndex(
  w: Work,
  index: number,
  liquidity: bigint,
  upper: boolean,
): void {
  const net = upper ? -liquidity : liquidity
  const existing = w.ticks.get(index)
  if (existing !== undefined) {
    w.ticks.set(index, {
      ...existing,
      liquidityNet: satI128(existing.liquidityNet + net),
      liquidityGross: addU64(existing.liquidityGross, liquidity),
    })
  } else {
    const above = index > currentBounded(w)
    w.ticks.set(index, {
      index,
      liquidityNet: net,
      liquidityGross: liquidity,
      feesOutTao: above ? I64F64.saturatingFromFixed(U64F64, w.feeGlobalTao) : I64F64.ZERO,
      feesOutAlpha: above ? I64F64.saturatingFromFixed(U64F64, w.feeGlobalAlpha) : I64F64.ZERO,
    })
    if (index >= MIN_TICK_INDEX && index <= MAX_TICK_INDEX) {
      w.indices.push(index)
      w.indices.sort((a, b) => a - b)
    }
  }
}
