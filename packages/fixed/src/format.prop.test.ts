import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import type { FixedFormat } from './format.js'
import { I32F32, I64F64, I96F32, U64F64, U96F32 } from './types.js'

// Invariants checked against exact rationals (bits a, b mean a/2^F, b/2^F):
//   mul(a, b) = floor(a·b / 2^F), i.e. p·2^F ≤ a·b < (p+1)·2^F
//   div(a, b) = trunc(a·2^F / b), i.e. |q·b| ≤ |a·2^F| < (|q|+1)·|b|, sign(q) = sign(a·b) or q = 0
const formats: readonly FixedFormat<string>[] = [I32F32, I64F64, U64F64, U96F32, I96F32]

function bitsOf(f: FixedFormat<string>): fc.Arbitrary<bigint> {
  return fc.bigInt({ min: f.MIN, max: f.MAX })
}

describe.each(formats.map((f) => [f.name, f] as const))('%s', (_name, f) => {
  const one = 1n << BigInt(f.fracBits)

  test.prop([bitsOf(f), bitsOf(f)])('checkedMul rounds toward −∞ (exact floor)', (a, b) => {
    const p = f.checkedMul(a, b)
    if (p === undefined) return
    expect(p * one <= a * b).toBe(true)
    expect(a * b < (p + 1n) * one).toBe(true)
  })

  test.prop([bitsOf(f), bitsOf(f).filter((b) => b !== 0n)])(
    'checkedDiv rounds toward zero (exact trunc)',
    (a, b) => {
      const q = f.checkedDiv(a, b)
      if (q === undefined) return
      const n = a * one
      const abs = (x: bigint): bigint => (x < 0n ? -x : x)
      expect(abs(q * b) <= abs(n)).toBe(true)
      expect(abs(n) < (abs(q) + 1n) * abs(b)).toBe(true)
      if (q !== 0n) expect((q < 0n === n < 0n) !== b < 0n).toBe(true)
    },
  )

  test.prop([bitsOf(f), bitsOf(f)])('saturating ops never wrap', (a, b) => {
    const exactSum = a + b
    const exactDiff = a - b
    const exactProd = (a * b) >> BigInt(f.fracBits)
    const clamp = (v: bigint): bigint => (v > f.MAX ? f.MAX : v < f.MIN ? f.MIN : v)
    expect(f.saturatingAdd(a, b)).toBe(clamp(exactSum))
    expect(f.saturatingSub(a, b)).toBe(clamp(exactDiff))
    expect(f.saturatingMul(a, b)).toBe(clamp(exactProd))
    if (b !== 0n) expect(f.saturatingDiv(a, b)).toBe(clamp((a * one) / b))
  })

  test.prop([bitsOf(f), bitsOf(f)])('plain ops wrap modulo 2^N like release Rust', (a, b) => {
    const m = 1n << BigInt(f.totalBits)
    const mod = (v: bigint): bigint => ((v % m) + m) % m
    expect(mod(f.add(a, b))).toBe(mod(a + b))
    expect(mod(f.mul(a, b))).toBe(mod((a * b) >> BigInt(f.fracBits)))
  })

  test.prop([fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })])(
    'saturatingFromNum(f64) is the nearest representable value',
    (x) => {
      const v = f.saturatingFromNum(x)
      if (v === f.MAX || v === f.MIN) return
      // |v/2^F − x| ≤ half an ulp, checked exactly with the double's integer scaling
      const scaled = x * 2 ** f.fracBits // exact: scaling a double by a power of two
      if (!Number.isFinite(scaled) || Math.abs(scaled) > 2 ** 1000) return
      const lower = BigInt(Math.floor(scaled))
      const frac = scaled - Math.floor(scaled)
      const expected = frac > 0.5 ? lower + 1n : frac < 0.5 ? lower : lower + (lower & 1n)
      expect(v).toBe(expected)
    },
  )

  test.prop([bitsOf(f)])('toDecimalString is exact', (a) => {
    const s = f.toDecimalString(a)
    const [w, fr = ''] = s.replace('-', '').split('.')
    const sign = s.startsWith('-') ? -1n : 1n
    // value·10^len(fr) = int(w fr) and value = a/2^F  ⇒  a·10^len = int·2^F
    const digits = BigInt(`${w}${fr}`)
    expect(sign * digits * one).toBe(a * 10n ** BigInt(fr.length))
  })
})
