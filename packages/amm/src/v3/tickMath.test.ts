import { describe, expect, test } from 'vitest'
import {
  isTickIndex,
  MAX_SQRT_PRICE,
  MAX_TICK_INDEX,
  MIN_SQRT_PRICE,
  MIN_TICK_INDEX,
  sqrtPriceToTick,
  sqrtPriceToTickBounded,
  tickToSqrtPrice,
  tickToSqrtPriceBounded,
} from './tickMath.js'

/** Q64.96 → U64F64 rounding up, as the pallet converts Uniswap's values. */
const fromX96 = (x: bigint): bigint => (x + (1n << 32n) - 1n) >> 32n

describe('tickToSqrtPrice', () => {
  test('tick 0 is exactly 1.0', () => {
    expect(tickToSqrtPrice(0)).toBe(1n << 64n)
  })

  test("matches Uniswap TickMath's published Q64.96 values", () => {
    // Uniswap v3-core TickMath.spec: getSqrtRatioAtTick(±1).
    expect(tickToSqrtPrice(1)).toBe(fromX96(79232123823359799118286999568n))
    expect(tickToSqrtPrice(-1)).toBe(fromX96(79224201403219477170569942574n))
  })

  test('the range is half of Uniswap’s', () => {
    expect(isTickIndex(MAX_TICK_INDEX)).toBe(true)
    expect(isTickIndex(MAX_TICK_INDEX + 1)).toBe(false)
    expect(tickToSqrtPrice(MIN_TICK_INDEX - 1)).toBeUndefined()
    expect(tickToSqrtPrice(MAX_TICK_INDEX + 1)).toBeUndefined()
  })

  test('bounded fallbacks', () => {
    expect(tickToSqrtPriceBounded(MAX_TICK_INDEX + 5)).toBe(MAX_SQRT_PRICE)
    expect(tickToSqrtPriceBounded(MIN_TICK_INDEX - 5)).toBe(MIN_SQRT_PRICE)
  })

  test('the pallet constants (price_bounds of amm-v3.json)', () => {
    expect(MIN_SQRT_PRICE).toBe(4295048016n)
    expect(MAX_SQRT_PRICE).toBe(79226673515401280874390487040n)
  })
})

describe('sqrtPriceToTick', () => {
  test('1.0 is tick 0, just below is tick −1', () => {
    expect(sqrtPriceToTick(1n << 64n)).toBe(0)
    expect(sqrtPriceToTick((1n << 64n) - 1n)).toBe(-1)
  })

  test('out of range', () => {
    expect(sqrtPriceToTick(0n)).toBeUndefined()
    expect(sqrtPriceToTickBounded(0n)).toBe(MIN_TICK_INDEX)
    expect(sqrtPriceToTickBounded(MAX_SQRT_PRICE)).toBe(MAX_TICK_INDEX)
  })
})
