import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { powRatioScaled } from './powRatioScaled.js'

const e18 = 10n ** 18n
const u64 = fc.bigInt({ min: 1n, max: 0xffff_ffff_ffff_ffffn })
/**
 * Quote weights in [0.3, 0.7] and base ratios within a factor of 10: the domain where the
 * chain's series are accurate (|ln(ratio)·exponent| ≤ 5.4). Far outside it the chain's own
 * fixed-point exp diverges (e.g. (1/22169777)^8.99 comes out as 1.0000000000000028·10^18), and
 * powRatioScaled reproduces that rather than the true value, so no ordering property holds there.
 */
const weight = fc.bigInt({ min: 3n * 10n ** 17n, max: 7n * 10n ** 17n })
const near = (bd: bigint, k: number): bigint => {
  const v = (bd * BigInt(k)) / 1000n
  return v === 0n ? 1n : v
}
const factor = fc.integer({ min: 100, max: 10000 })

describe('powRatioScaled properties', () => {
  test.prop([factor, factor, u64, weight])(
    'monotone in the base numerator (swap call shape, precision 256)',
    (ka, kb, bd, wq) => {
      const a = near(bd, ka)
      const b = near(bd, kb)
      const lo = a < b ? a : b
      const hi = a < b ? b : a
      const wb = e18 - wq
      const rLo = powRatioScaled(lo, bd, wq, wb, 256, e18)
      const rHi = powRatioScaled(hi, bd, wq, wb, 256, e18)
      expect(rLo).toBeTypeOf('bigint')
      expect(rHi).toBeTypeOf('bigint')
      expect((rLo as bigint) <= (rHi as bigint)).toBe(true)
    },
  )

  test.prop([factor, u64, weight])(
    'a ratio ≤ 1 never exceeds the scale; bn = bd gives exactly the scale',
    (k, b, wq) => {
      const a = near(b, k)
      const lo = a < b ? a : b
      const hi = a < b ? b : a
      const r = powRatioScaled(lo, hi, wq, e18 - wq, 256, e18) as bigint
      expect(r <= e18).toBe(true)
      expect(r >= 0n).toBe(true)
      expect(powRatioScaled(hi, hi, wq, e18 - wq, 256, e18)).toBe(e18)
    },
  )

  test.prop([
    fc.bigInt({ min: 1n, max: 10n ** 12n }),
    fc.bigInt({ min: 1n, max: 10n ** 12n }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 12 }),
    fc.bigInt({ min: 0n, max: 10n ** 9n }),
  ])(
    'exact path: r is the largest integer with r^ed·bd^en ≤ bn^en·scale^ed',
    (bn, bd, e, d, scale) => {
      const en = BigInt(e)
      const ed = BigInt(d)
      const r = powRatioScaled(bn, bd, en, ed, 0, scale) as bigint
      // The definition holds for the unreduced exponent as well (both sides are raised to g).
      const lhs = (x: bigint): bigint => x ** ed * bd ** en
      const rhs = bn ** en * scale ** ed
      expect(lhs(r) <= rhs).toBe(true)
      expect(lhs(r + 1n) > rhs).toBe(true)
    },
  )
})

/**
 * A second implementation: a literal transcription of safe-bigmath 013c499's fallback path
 * (div_rem-based rounding, both stopping tests, div_floor via remainder), with none of the
 * optimisations of powRatioScaled.ts (no early-stop simplification, no memo, no cached ln 2).
 */
function referenceFallback(
  bn: bigint,
  bd: bigint,
  en: bigint,
  ed: bigint,
  precision: number,
  scale: bigint,
): bigint {
  const divFloor = (a: bigint, b: bigint): bigint => {
    const q = a / b
    return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
  }
  const bits = (v: bigint): number => (v === 0n ? 0 : v.toString(2).length)
  const round = (v: bigint, g: bigint): bigint => {
    let t = v / g
    const r = v - t * g
    const abs = r < 0n ? -r : r
    if (r !== 0n && abs * 2n >= g) t += r < 0n ? -1n : 1n
    return t
  }
  const ln1p = (x: bigint, s: bigint, g: bigint, maxIters: number): bigint => {
    let term = x
    let result = term
    let prev = round(result, g)
    for (let n = 2; n <= maxIters; n++) {
      term = divFloor(term * x, s)
      if (term === 0n) break
      const next = divFloor(term, BigInt(n))
      if (next === 0n) break
      if (n % 2 === 0) result -= next
      else result += next
      const rounded = round(result, g)
      if ((next < 0n ? -next : next) < g || rounded === prev) break
      prev = rounded
    }
    return result
  }
  const expF = (x: bigint, s: bigint, g: bigint, maxIters: number): bigint => {
    let term = s
    let result = term
    let prev = round(result, g)
    for (let n = 1; n <= maxIters; n++) {
      term = divFloor(term * x, s * BigInt(n))
      if (term === 0n) break
      result += term
      const rounded = round(result, g)
      if ((term < 0n ? -term : term) < g || rounded === prev) break
      prev = rounded
    }
    return result
  }
  let a = en
  let b = ed
  while (b !== 0n) [a, b] = [b, a % b]
  const enR = en / a
  const edR = ed / a
  const requested = Math.max(precision, 32, bits(scale) + 8)
  const internal = requested + 24
  const maxIters = Math.max(Math.min(4096, internal + 128), 1)
  const target = 1n << BigInt(requested)
  const g = 1n << 24n
  const s = target << 24n
  const ln2 = -ln1p(-(s >> 1n), s, g, maxIters)
  const lnBig = (v: bigint): bigint => {
    let shift = bits(v) - 1
    let mantissa = (v << BigInt(internal)) >> BigInt(shift)
    if (mantissa >= s + (s >> 1n)) {
      mantissa >>= 1n
      shift += 1
    }
    return ln1p(mantissa - s, s, g, maxIters) + ln2 * BigInt(shift)
  }
  const lnScaled = divFloor((lnBig(bn) - lnBig(bd)) * enR, edR)
  return divFloor(round(expF(lnScaled, s, g, maxIters), g) * scale, target)
}

describe('powRatioScaled fallback = literal safe-bigmath transcription', () => {
  test.prop([
    fc.bigInt({ min: 1n, max: 2n ** 128n }),
    fc.bigInt({ min: 1n, max: 2n ** 128n }),
    fc.bigInt({ min: 1025n, max: 2n ** 64n }),
    fc.bigInt({ min: 1n, max: 2n ** 64n }),
    fc.integer({ min: 0, max: 300 }),
    fc.bigInt({ min: 0n, max: 2n ** 80n }),
  ])('random bases, exponents, precisions and scales (any domain)', (bn, bd, en, ed, p, scale) => {
    // en ≥ 1025 with ed ≤ 2^64 usually reduces to a part > 1024, i.e. the fallback path; cases
    // that reduce onto the exact path are skipped.
    let a = en
    let b = ed
    while (b !== 0n) [a, b] = [b, a % b]
    fc.pre(en / a > 1024n || ed / a > 1024n)
    expect(powRatioScaled(bn, bd, en, ed, p, scale)).toBe(
      referenceFallback(bn, bd, en, ed, p, scale),
    )
  })

  test.prop([
    fc.bigInt({ min: 1n, max: 2n ** 64n }),
    fc.bigInt({ min: 1n, max: 10n ** 13n }),
    weight,
  ])('swap-shaped calls', (y, dy, wq) => {
    const wb = e18 - wq
    const got = powRatioScaled(y, y + dy, wq, wb, 256, e18)
    let a = wq
    let b = wb
    while (b !== 0n) [a, b] = [b, a % b]
    if (wq / a <= 1024n && wb / a <= 1024n) return
    expect(got).toBe(referenceFallback(y, y + dy, wq, wb, 256, e18))
  })
})
