import { I32F32 } from '@dtao/fixed'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { storeAddF, storeDivF, storeMulAddF, storeMulF } from './csr.js'

const ONE = 1n << 32n
const bits = fc.bigInt({ min: I32F32.MIN, max: I32F32.MAX })
// the fast paths' ranges and their edges: [0, 2^32], around 2^31, divisors 0…2^62 and beyond
const prop = fc.oneof(
  fc.bigInt({ min: 0n, max: ONE }),
  fc.bigInt({ min: (1n << 31n) - 4n, max: (1n << 31n) + 4n }),
  fc.constantFrom(0n, 1n, ONE - 1n, ONE, ONE + 1n),
)
const divisor = fc.oneof(
  fc.bigInt({ min: 0n, max: 1n << 40n }),
  fc.bigInt({ min: (1n << 62n) - 4n, max: (1n << 62n) + 4n }),
  fc.constantFrom(0n, 1n, 2n, 3n, I32F32.MAX),
)
const any = fc.oneof(prop, bits)

// @dtao/fixed's I32F32 (verified on fixed.json) is the second implementation.
describe('store* kernels equal the chain formulas', () => {
  test.prop([fc.oneof(prop, any), fc.oneof(divisor, any)], { numRuns: 2000 })(
    'storeDivF = I32F32 safe_div',
    (a, b) => {
      const out = new BigInt64Array(1)
      storeDivF(out, 0, a, b)
      expect(out[0]).toBe(I32F32.safeDiv(a, b))
    },
  )
  test.prop([any, any], { numRuns: 2000 })('storeAddF = saturating_add', (a, b) => {
    const out = BigInt64Array.of(a)
    storeAddF(out, 0, b)
    expect(out[0]).toBe(I32F32.saturatingAdd(a, b))
  })
  test.prop([any, any, any], { numRuns: 2000 })(
    'storeMulAddF = saturating_add(saturating_mul)',
    (acc, a, b) => {
      const out = BigInt64Array.of(acc)
      storeMulAddF(out, 0, a, b)
      expect(out[0]).toBe(I32F32.saturatingAdd(acc, I32F32.saturatingMul(a, b)))
    },
  )
  test.prop([any, any], { numRuns: 2000 })('storeMulF = saturating_mul', (a, b) => {
    const out = new BigInt64Array(1)
    storeMulF(out, 0, a, b)
    expect(out[0]).toBe(I32F32.saturatingMul(a, b))
  })
  test('storeDivF on hand-derived values', () => {
    const out = new BigInt64Array(1)
    // 0.75 / 0.5 = 1.5: (3·2^30 · 2^32) / 2^31 = 3·2^31 (the 2^31 ≤ a < 2^32 branch)
    storeDivF(out, 0, 3n << 30n, 1n << 31n)
    expect(out[0]).toBe(3n << 31n)
    // 1 / 3 = ⌊2^64 / (3·2^32)⌋ = ⌊2^32 / 3⌋ = 1431655765
    storeDivF(out, 0, ONE, 3n << 32n)
    expect(out[0]).toBe(1431655765n)
    // b = 1 (2^-32): 0.5 / 2^-32 = 2^31 whole, 2^63 bits: overflow ⇒ 0
    storeDivF(out, 0, 1n << 31n, 1n)
    expect(out[0]).toBe(0n)
    storeDivF(out, 0, 5n, 0n)
    expect(out[0]).toBe(0n)
  })
})
