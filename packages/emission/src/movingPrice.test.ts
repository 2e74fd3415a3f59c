import { describe, expect, it } from 'vitest'
import { updateMovingPrice } from './movingPrice.js'

const oneI = 1n << 32n
const oneU = 1n << 64n
const toF = (bits: bigint) => Number(bits) / 2 ** 32
const base = { netuid: 1, mechanism: 1, firstEmissionBlock: 1n }

describe('updateMovingPrice', () => {
  it('W5: b = 1 000 000, h = 201 600, spot ⌊5e13/1e15⌋, old 0.04 → bits 171 798 799', () => {
    // a = 0.000003·(10⁶/1 201 600); new = a·0.05 + (1 − a)·0.04 = 0.040 000 025 0…
    expect(
      updateMovingPrice({
        ...base,
        movingPrice: 171_798_692n,
        spotPrice: (50_000_000_000_000n << 64n) / 1_000_000_000_000_000n,
        block: 1_000_000n,
      }),
    ).toBe(171_798_799n)
  })

  it('test_coinbase_moving_prices: α = 1 at block 7 200 000 from 0 at price 1 → within 0.05 of 1', () => {
    const p = updateMovingPrice({
      ...base,
      movingPrice: 0n,
      spotPrice: oneU,
      block: 7_200_000n,
      movingAlpha: oneI,
    })
    expect(1 - toF(p)).toBeLessThan(0.05)
  })

  it('test_coinbase_moving_prices: α = 0.1, block 201 600, 14 updates from 0 → 0.512325 ± 0.001', () => {
    // a = 0.1·(201 600/403 200) = 0.05, so 1 − 0.95¹⁴ = 0.512 325
    let p = 0n
    for (let i = 0; i < 14; i++)
      p = updateMovingPrice({
        ...base,
        movingPrice: p,
        spotPrice: oneU,
        block: 201_600n,
        movingAlpha: 429_496_730n, // I96F32(0.1)
      })
    expect(Math.abs(toF(p) - 0.512325)).toBeLessThan(0.001)
  })

  it('test_update_moving_price_initial: α = 0.5, block 510, FEB 500 → < 0.001', () => {
    const p = updateMovingPrice({
      ...base,
      movingPrice: 0n,
      spotPrice: oneU,
      block: 510n,
      firstEmissionBlock: 500n,
      movingAlpha: oneI / 2n,
    })
    expect(toF(p)).toBeLessThan(0.001)
  })

  it('test_update_moving_price_after_time: α = 0.5, block 144 000 500, FEB 500 → 0.5 ± 0.001', () => {
    const p = updateMovingPrice({
      ...base,
      movingPrice: 0n,
      spotPrice: oneU,
      block: 144_000_500n,
      firstEmissionBlock: 500n,
      movingAlpha: oneI / 2n,
    })
    expect(Math.abs(toF(p) - 0.5)).toBeLessThan(0.001)
  })

  it('clamps the spot at 1 and reads a stable subnet’s old EMA as 1', () => {
    const hi = updateMovingPrice({
      ...base,
      movingPrice: oneI,
      spotPrice: 5n * oneU,
      block: 10n ** 9n,
      movingAlpha: oneI,
    })
    expect(hi).toBe(oneI)
    const st = updateMovingPrice({
      ...base,
      mechanism: 0,
      movingPrice: 0n,
      spotPrice: oneU,
      block: 10n,
    })
    expect(st).toBe(oneI)
  })

  it('rejects a negative block', () => {
    expect(() =>
      updateMovingPrice({ ...base, movingPrice: 0n, spotPrice: 0n, block: -1n }),
    ).toThrowError(/block/)
  })
})
