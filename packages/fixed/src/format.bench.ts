import { bench, describe } from 'vitest'
import { I32F32, U64F64 } from './types.js'

// Realistic operands: a spot price (≈ 0.0123 TAO per alpha) and a reserve-scale amount.
const price = U64F64.div(
  U64F64.fromNum(123_456_789_000_000n),
  U64F64.fromNum(10_000_000_000_000_000n),
)
const amount = U64F64.fromNum(987_654_321_012n)
const w = I32F32.fromNum(0.337)
const s = I32F32.fromNum(0.7123)

describe('U64F64', () => {
  bench('mul (saturating)', () => {
    U64F64.saturatingMul(amount, price)
  })
  bench('div (safe_div)', () => {
    U64F64.safeDiv(amount, price)
  })
  bench('mul + div', () => {
    U64F64.safeDiv(U64F64.saturatingMul(amount, price), price)
  })
})

describe('I32F32', () => {
  bench('mul (saturating)', () => {
    I32F32.saturatingMul(w, s)
  })
})
