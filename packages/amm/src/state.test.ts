import { Perquintill } from '@dtao/fixed'
import { fc, test as prop } from '@fast-check/vitest'
import { describe, expect, test } from 'vitest'
import { balancerPool } from './pool.js'
import { spotPrice } from './price.js'
import { applyInjection } from './state.js'

describe('applyInjection', () => {
  test('proportional at ½: weight and price unchanged, reserves grow', () => {
    const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
    const r = applyInjection(pool, { taoIn: 10n ** 9n, alphaIn: 4n * 10n ** 9n })
    expect(r.accepted).toBe(true)
    expect(r.pool.quoteWeight).toBe(5n * 10n ** 17n)
    expect(r.pool.taoReserve).toBe(10n ** 12n + 10n ** 9n)
    expect(spotPrice(r.pool)).toBe(spotPrice(pool))
  })
  test('alpha-only 10 000 α into y = 10¹² (amm.md §4.7 pool A shape): weight drops, price holds', () => {
    const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 4n * 10n ** 12n })
    const r = applyInjection(pool, { taoIn: 0n, alphaIn: 10n ** 13n })
    expect(r.accepted).toBe(true)
    // Q₁ = ½·y(x+Δx), Q₂ = ½·xy → w = x/(2x + Δx) = 4/(8 + 10) = 0.2222…
    expect(r.quoteWeight).toBe((10n ** 18n * 4n) / 18n)
    const before = Number(spotPrice(pool))
    expect(Math.abs(Number(spotPrice(r.pool)) - before) / before).toBeLessThan(1e-12)
  })
  test('refused outside [0.01, 0.99]: nothing changes', () => {
    const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 6n, alphaReserve: 10n ** 6n })
    const r = applyInjection(pool, { taoIn: 0n, alphaIn: 10n ** 12n })
    expect(r.accepted).toBe(false)
    expect(r.pool).toBe(pool)
  })
  test('amounts outside u64 are typed errors', () => {
    const pool = balancerPool({ netuid: 1, taoReserve: 1n, alphaReserve: 1n })
    expect(() => applyInjection(pool, { taoIn: -1n, alphaIn: 0n })).toThrow()
  })
  // pallets/swap tests.rs test_adjust_protocol_liquidity_happy: price within price·10⁻¹²
  prop.prop(
    [fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 2n * 10n ** 12n })],
    { numRuns: 40 },
  )('injection keeps the price (within 10⁻¹² relative) when accepted', (dt, da) => {
    const pool = balancerPool({
      netuid: 1,
      taoReserve: 10n ** 12n,
      alphaReserve: 4n * 10n ** 12n,
      quoteWeight: Perquintill.fromParts(5n * 10n ** 17n),
    })
    const r = applyInjection(pool, { taoIn: dt, alphaIn: da })
    if (!r.accepted) return
    const p0 = Number(spotPrice(pool))
    expect(Math.abs(Number(spotPrice(r.pool)) - p0) / p0).toBeLessThan(1e-12)
  })
})
