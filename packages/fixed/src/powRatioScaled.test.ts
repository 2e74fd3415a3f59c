import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { powRatioScaled } from './powRatioScaled.js'

// Expected values: the RUST-RUN / REPO-TEST table of ../shared/spec/fixed-point.md §11.2
// (safe-bigmath 013c499 `pow_ratio_scaled`), unless a hand derivation is written beside a case.
const e18 = 10n ** 18n
const e15 = 10n ** 15n

describe('powRatioScaled', () => {
  test('doc example: (2/3)^(1/2)·1000 = 816 (exact path)', () => {
    expect(powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n)).toBe(816n)
  })

  test('test_perquintill_power: exponent 6/4 → 3/2, exact, precision ignored', () => {
    for (const precision of [256, 0, 4096])
      expect(
        powRatioScaled(21n * e15, 28n * e15, 6n * 10n ** 17n, 4n * 10n ** 17n, precision, e18),
      ).toBe(649519052838328985n)
  })

  test('pow_ratio_scaled_handles_large_weight_denominators (exact and fallback agree)', () => {
    const bn = 21n * e15
    const bd = 21n * e15 + 100n
    expect(powRatioScaled(bn, bd, 5n * 10n ** 17n, 5n * 10n ** 17n, 256, e18)).toBe(
      999999999999995238n,
    )
    expect(powRatioScaled(bn, bd, 499999999999500000n, 500000000000500000n, 256, e18)).toBe(
      999999999999995238n,
    )
    expect(powRatioScaled(bn, bd, 500000000000250000n, 499999999999750000n, 256, e18)).toBe(
      999999999999995238n,
    )
  })

  test('pow_ratio_scaled_converges_on_boundary_weights', () => {
    expect(
      powRatioScaled(21n * e15, 21n * e15 + 1n, 499999999500000000n, 500000000500000000n, 256, e18),
    ).toBe(999999999999999952n)
  })

  test('(1/10)^(0.500000000001)·10^18 at precision 128', () => {
    expect(powRatioScaled(1n, 10n, 500000000001n, 10n ** 12n, 128, e18)).toBe(316227766016109791n)
  })

  test('pow_ratio_scaled_uses_scale_to_pick_precision: precision 0 and 256 agree', () => {
    for (const precision of [0, 256])
      expect(
        powRatioScaled(
          123456789n,
          987654321n,
          987654321123456789n,
          123456789987654321n,
          precision,
          e18,
        ),
      ).toBe(59604639203n)
  })

  test('a swap-sized fallback case', () => {
    const w = 102337248363782924n
    expect(powRatioScaled(400775553n, 400775553n + 14446633907665582n, w, e18 - w, 256, e18)).toBe(
      137558120932567453n,
    )
  })

  test('exponent 1024 is exact, 1025 falls back (same result here)', () => {
    expect(powRatioScaled(999999937n, 1000000003n, 1024n, 1n, 64, 10n ** 6n)).toBe(999932n)
    expect(powRatioScaled(999999937n, 1000000003n, 1025n, 1n, 64, 10n ** 6n)).toBe(999932n)
    expect(powRatioScaled(999999937n, 1000000003n, 999n, 1024n, 64, 10n ** 6n)).toBe(999999n)
    expect(powRatioScaled(999999937n, 1000000003n, 999n, 1025n, 64, 10n ** 6n)).toBe(999999n)
  })

  test('(3/2)^(1/3)·10^18', () => {
    expect(powRatioScaled(3n, 2n, 1n, 3n, 256, e18)).toBe(1144714242553331867n)
  })

  test('zero base, zero divisor, zero exponent', () => {
    expect(powRatioScaled(0n, 5n, 1n, 3n, 256, 1000n)).toBe(0n)
    expect(powRatioScaled(5n, 0n, 1n, 3n, 256, 1000n)).toBeUndefined()
    expect(powRatioScaled(5n, 7n, 0n, 3n, 256, 1000n)).toBe(1000n)
  })

  test('None conditions in the Rust order', () => {
    // bd = 0 and ed = 0 come first, even for a zero base
    expect(powRatioScaled(0n, 0n, 1n, 1n, 256, 1n)).toBeUndefined()
    expect(powRatioScaled(0n, 1n, 1n, 0n, 256, 1n)).toBeUndefined()
    // then bn = 0 → Some(0), before the sign checks on scale and bd
    expect(powRatioScaled(0n, -1n, 1n, 1n, 256, -1n)).toBe(0n)
    expect(powRatioScaled(0n, 1n, -1n, 1n, 256, 1n)).toBe(0n)
    // negative scale, negative base parts, negative exponent parts
    expect(powRatioScaled(1n, 2n, 1n, 1n, 256, -1n)).toBeUndefined()
    expect(powRatioScaled(-1n, 2n, 1n, 1n, 256, 1n)).toBeUndefined()
    expect(powRatioScaled(1n, -2n, 1n, 1n, 256, 1n)).toBeUndefined()
    expect(powRatioScaled(1n, 2n, -1n, 1n, 256, 1n)).toBeUndefined()
    expect(powRatioScaled(1n, 2n, 1n, -1n, 256, 1n)).toBeUndefined()
    // ed < 0 fails its u32 conversion before the en = 0 shortcut
    expect(powRatioScaled(1n, 2n, 0n, -1n, 256, 7n)).toBeUndefined()
  })

  test('exact path by hand', () => {
    // exponent 2/4 → 1/2: ⌊√(1/4)·10⌋ = 5
    expect(powRatioScaled(1n, 4n, 2n, 4n, 0, 10n)).toBe(5n)
    // exponent 1/1: ⌊7·10^18 / 3⌋
    expect(powRatioScaled(7n, 3n, 1n, 1n, 0, e18)).toBe(2333333333333333333n)
    // (2/1)^10 · 1 = 1024
    expect(powRatioScaled(2n, 1n, 10n, 1n, 0, 1n)).toBe(1024n)
    // scale 0 → 0
    expect(powRatioScaled(3n, 2n, 1n, 2n, 0, 0n)).toBe(0n)
  })

  test('fallback with bn = bd: ln terms cancel, exp(0) = 1, result = scale', () => {
    // L = lnBig(v) − lnBig(v) = 0, Ls = 0, exp series stops at once with S, round → 2^P,
    // ⌊2^P·scale / 2^P⌋ = scale.
    expect(powRatioScaled(12345n, 12345n, 1025n, 1n, 256, e18)).toBe(e18)
    expect(powRatioScaled(1n, 1n, 2049n, 2n, 0, 7n)).toBe(7n)
  })

  test('maxIters: 1 disables the series; results still follow the Rust formula', () => {
    // With max_iters = 1, ln1p returns x itself (no loop) and exp_fixed runs one term.
    // For bn = 2, bd = 1: I = 32 + 24 (scale 1 → bitlen 1 + 8 < 32), S = 2^56.
    // ln2 = −ln1p(−S/2) = S/2. lnBig(2): shift 1, mantissa S → ln1p(0) = 0, + ln2·1 = S/2.
    // lnBig(1): shift 0, mantissa S → 0. L = S/2; Ls = ⌊(S/2)·1025 / 1⌋ (exponent 1025/1).
    // exp: term = ⌊S·Ls / S⌋ = Ls, result = S + Ls = S·(1 + 512.5) = 513.5·S.
    // round(513.5·2^56 / 2^24) = 513.5·2^32; ⌊513.5·2^32 · 1 / 2^32⌋ = 513.
    expect(powRatioScaled(2n, 1n, 1025n, 1n, 0, 1n, { maxIters: 1 })).toBe(513n)
    // maxIters 0 is raised to 1 (`.max(1)`)
    expect(powRatioScaled(2n, 1n, 1025n, 1n, 0, 1n, { maxIters: 0 })).toBe(513n)
  })

  test('repeated identical calls return the same value (memo)', () => {
    const w = 490958281271181711n
    const a = powRatioScaled(53895745497605n, 53895745497605n + 210323217n, w, e18 - w, 256, e18)
    const b = powRatioScaled(53895745497605n, 53895745497605n + 210323217n, w, e18 - w, 256, e18)
    expect(b).toBe(a)
    // a different call in between, then the first again
    powRatioScaled(3n, 2n, 1n, 3n, 256, e18)
    expect(
      powRatioScaled(53895745497605n, 53895745497605n + 210323217n, w, e18 - w, 256, e18),
    ).toBe(a)
  })

  test('typed errors for bad arguments', () => {
    const bad = (f: () => unknown): boolean => {
      try {
        f()
        return false
      } catch (e) {
        return isDtaoError(e, 'Fixed.InvalidArgumentError')
      }
    }
    expect(bad(() => powRatioScaled(1 as unknown as bigint, 2n, 1n, 1n, 0, 1n))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1n, 1n, 0, '1' as unknown as bigint))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1n, 1n, -1, 1n))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1n, 1n, 1.5, 1n))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1n, 1n, 2 ** 32, 1n))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1n, 1n, 0, 1n, { maxIters: -1 }))).toBe(true)
    expect(bad(() => powRatioScaled(1n, 2n, 1025n, 1n, 2 ** 21, 1n))).toBe(true)
  })
})
