import { U64F64 } from '@dtao/fixed'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { MAX_BITS, safeDiv, satMul, satSub, toU64 } from './u64f64.js'

// A second implementation: the U64F64 format object of @dtao/fixed (checked against fixed.json).
const bits = fc.oneof(
  fc.bigInt({ min: 0n, max: MAX_BITS }),
  fc.bigInt({ min: 0n, max: 1n << 70n }),
  fc.constantFrom(0n, 1n, 1n << 64n, MAX_BITS),
)

describe('u64f64 hot-path helpers agree with U64F64', () => {
  test.prop([bits, bits])('satMul = saturatingMul', (a, b) => {
    expect(satMul(a, b)).toBe(U64F64.saturatingMul(a, b))
  })
  test.prop([bits, bits])('satSub = saturatingSub', (a, b) => {
    expect(satSub(a, b)).toBe(U64F64.saturatingSub(a, b))
  })
  test.prop([bits, bits])('safeDiv = safeDiv', (a, b) => {
    expect(safeDiv(a, b)).toBe(U64F64.safeDiv(a, b))
  })
  test.prop([bits])('toU64 = saturatingToNum u64', (a) => {
    expect(toU64(a)).toBe(U64F64.saturatingToNum(a, 'u64'))
  })
})
