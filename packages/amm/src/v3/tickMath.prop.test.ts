import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { MAX_TICK_INDEX, MIN_TICK_INDEX, sqrtPriceToTick, tickToSqrtPrice } from './tickMath.js'

const tick = fc.integer({ min: MIN_TICK_INDEX, max: MAX_TICK_INDEX - 1 })

describe('tick math', () => {
  test.prop([tick])('√P(t) ≈ 1.0001^(t/2) (relative 10⁻⁹)', (t) => {
    const bits = tickToSqrtPrice(t) as bigint
    const got = Number(bits) / 2 ** 64
    const want = 1.0001 ** (t / 2)
    expect(Math.abs(got / want - 1)).toBeLessThan(1e-9)
  })

  test.prop([tick])('strictly increasing', (t) => {
    expect((tickToSqrtPrice(t) as bigint) < (tickToSqrtPrice(t + 1) as bigint)).toBe(true)
  })

  test.prop([tick])('round trip: sqrtPriceToTick(√P(t)) = t', (t) => {
    expect(sqrtPriceToTick(tickToSqrtPrice(t) as bigint)).toBe(t)
  })

  test.prop([tick, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })])(
    'the tick of a price brackets it: √P(t) ≤ p < √P(t + 1)',
    (t, offset) => {
      const lo = tickToSqrtPrice(t) as bigint
      const hi = tickToSqrtPrice(t + 1) as bigint
      const p = lo + (offset % (hi - lo))
      expect(sqrtPriceToTick(p)).toBe(t)
    },
  )
})
