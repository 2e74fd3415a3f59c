import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { inplaceNormalize, inplaceNormalize64 } from '../math/vector.js'
import { raoOf, toRao } from './common.js'
import {
  type Csr,
  csrColMaxUpscale,
  csrColNormalize,
  csrCopy,
  csrEma,
  csrEmaBounded,
} from './csr.js'
import { fx64to32 } from './fx.js'
import {
  allBelowOne,
  bondDividendsChecked,
  bondDividendsInRange,
  clipChecked,
  clipInRange,
  csrColMaxUpscaleInRange,
  csrColNormalizeNonNeg,
  emaDividendsChecked,
  emaDividendsInRange,
  inplaceNormalizeNonNeg,
  normalizedStake,
  rowHadamardChecked,
  rowHadamardInRange,
} from './inRange.js'

// Each in-range kernel against its checked twin (the chain's saturating arithmetic per entry),
// on random operands inside the in-range preconditions, edge values included. The in-range
// kernels reuse scratch buffers, so every result is copied before the twin runs.

const ONE = 1n << 32n
const MAX64 = (1n << 127n) - 1n
/** I32F32 in [0, 1], edges over-represented. */
const unit = fc.oneof(
  fc.bigInt({ min: 0n, max: ONE }),
  fc.constantFrom(0n, 1n, (1n << 31n) - 1n, 1n << 31n, ONE - 1n, ONE),
)
/** I32F32 in [0, 1). */
const belowOne = fc.oneof(
  fc.bigInt({ min: 0n, max: ONE - 1n }),
  fc.constantFrom(0n, 1n, 1n << 31n, ONE - 1n),
)

/** A CSR matrix over n columns from per-row entry lists (column, value). */
function csrOf(rows: readonly (readonly [number, bigint])[][]): Csr {
  const nnz = rows.reduce((a, r) => a + r.length, 0)
  const m: Csr = {
    ptr: new Int32Array(rows.length + 1),
    col: new Int32Array(nnz),
    val: new BigInt64Array(nnz),
  }
  let w = 0
  rows.forEach((r, i) => {
    for (const [j, v] of r) {
      m.col[w] = j
      m.val[w++] = v
    }
    m.ptr[i + 1] = w
  })
  return m
}

/** Rows of a square n×n matrix (a row may list a column more than once). */
function rowsArb(value: fc.Arbitrary<bigint>) {
  return fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), value), { maxLength: 2 * n }),
        {
          minLength: n,
          maxLength: n,
        },
      ),
    ),
  )
}
/** The same with at most one entry per column in a row. */
const distinctRows = (value: fc.Arbitrary<bigint>) =>
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), value), {
          maxLength: n,
          selector: (e) => e[0],
        }),
        { minLength: n, maxLength: n },
      ),
    ),
  )

const plain = (m: Csr) => ({
  ptr: Array.from(m.ptr),
  col: Array.from(m.col.subarray(0, m.ptr[m.ptr.length - 1])),
  val: Array.from(m.val.subarray(0, m.ptr[m.ptr.length - 1])),
})

describe('in-range kernels equal their checked twins', () => {
  test.prop(
    [
      rowsArb(unit).chain(([n, rows]) =>
        fc.tuple(
          fc.constant(n),
          fc.constant(rows),
          fc.array(fc.oneof(unit, fc.constant(0n)), { minLength: n, maxLength: n }),
          fc.array(belowOne, { minLength: n, maxLength: n }),
        ),
      ),
    ],
    { numRuns: 1500 },
  )(
    'clipInRange = clipChecked (weights, consensus in [0, 1], stake in [0, 1))',
    ([n, rows, c, a]) => {
      const w = csrOf(rows)
      const cA = BigInt64Array.from(c)
      const aA = BigInt64Array.from(a)
      expect(allBelowOne(aA)).toBe(true)
      const fast = clipInRange(w, cA, aA, n)
      const f = { m: plain(fast.clipped), vt: Array.from(fast.vtA), r: Array.from(fast.ranks) }
      const slow = clipChecked(w, cA, aA, n)
      expect(f).toEqual({
        m: plain(slow.clipped),
        vt: Array.from(slow.vtA),
        r: Array.from(slow.ranks),
      })
    },
  )

  test.prop(
    [
      rowsArb(unit).chain(([n, rows]) =>
        fc.tuple(
          fc.constant(n),
          fc.constant(rows),
          fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), unit), { maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
      ),
      fc.oneof(fc.bigInt({ min: 1n, max: ONE - 1n }), fc.constantFrom(1n, 429496730n, ONE - 1n)),
    ],
    { numRuns: 1500 },
  )('csrEmaBounded = csrEma, and its bound holds', ([, nextRows, oldRows], alpha) => {
    const next = csrOf(nextRows)
    const old = csrOf(oldRows)
    const fast = csrEmaBounded(next, old, alpha)
    const f = plain(fast.ema)
    expect(f).toEqual(plain(csrEma(next, old, alpha)))
    // the bound is claimed exactly when no row repeats a column within one operand
    const repeats = (rows: readonly (readonly [number, bigint])[][]) =>
      rows.some((r) => new Set(r.map((e) => e[0])).size < r.length)
    expect(fast.atMostOne).toBe(!repeats(nextRows) && !repeats(oldRows))
    if (fast.atMostOne) for (const v of f.val) expect(v > 0n && v <= ONE).toBe(true)
  })

  test.prop(
    [
      distinctRows(
        fc.oneof(fc.bigInt({ min: 1n, max: ONE }), fc.constantFrom(1n, 1n << 31n, ONE)),
      ).chain(([n, rows]) =>
        fc.tuple(
          fc.constant(n),
          fc.constant(rows),
          fc.array(belowOne, { minLength: n, maxLength: n }),
        ),
      ),
    ],
    { numRuns: 1500 },
  )(
    'bondDividendsInRange = bondDividendsChecked (bonds in (0, 1], one per column)',
    ([n, rows, inc]) => {
      const ema = csrOf(rows)
      const incA = BigInt64Array.from(inc)
      const fast = Array.from(bondDividendsInRange(csrCopy(ema), incA, n))
      expect(fast).toEqual(Array.from(bondDividendsChecked(ema, incA, n)))
    },
  )

  test.prop(
    [
      fc.array(
        fc.oneof(
          fc.bigInt({ min: 0n, max: 1n << 100n }),
          fc.bigInt({ min: 0n, max: MAX64 }),
          fc.constantFrom(0n, 1n, MAX64),
        ),
        { maxLength: 20 },
      ),
    ],
    { numRuns: 2000 },
  )('normalizedStake = inplace_normalize_64 then I32F32 (wrapping sums included)', (x) => {
    const twin = x.slice()
    inplaceNormalize64(twin)
    expect(normalizedStake(x.slice())).toEqual(twin.map(fx64to32))
  })

  test.prop(
    [
      fc.array(fc.oneof(unit, fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n })), {
        maxLength: 10,
      }),
      fc.oneof(
        fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
        fc.constantFrom(0n, 1n, 295_200_000_000n, (1n << 64n) - 1n),
      ),
    ],
    { numRuns: 2000 },
  )('raoOf = toRao per value', (xs, e) => {
    expect(raoOf(xs, e)).toEqual(xs.map((x) => toRao(x, e)))
  })

  // non-negative I32F32 of every size: u16-scale bonds, [0, 1] values and sums that saturate
  const nonNeg = fc.oneof(
    unit,
    fc.bigInt({ min: 0n, max: 65535n << 32n }).map((x) => x & ~0xffffn),
    fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
    fc.constantFrom(0n, 65535n << 32n, (1n << 63n) - 1n),
  )
  test.prop([rowsArb(nonNeg)], { numRuns: 1500 })(
    'csrColNormalizeNonNeg = csrColNormalize (non-negative values)',
    ([n, rows]) => {
      const a = csrOf(rows)
      const b = csrCopy(a)
      csrColNormalizeNonNeg(a, n)
      csrColNormalize(b, n)
      expect(plain(a)).toEqual(plain(b))
    },
  )

  test.prop([rowsArb(unit)], { numRuns: 1500 })(
    'csrColMaxUpscaleInRange = csrColMaxUpscale (values in [0, 1])',
    ([n, rows]) => {
      const a = csrOf(rows)
      const b = csrCopy(a)
      csrColMaxUpscaleInRange(a, n)
      csrColMaxUpscale(b, n)
      expect(plain(a)).toEqual(plain(b))
    },
  )

  test.prop(
    [
      rowsArb(unit).chain(([n, rows]) =>
        fc.tuple(
          fc.constant(n),
          fc.constant(rows),
          fc.array(belowOne, { minLength: n, maxLength: n }),
        ),
      ),
    ],
    { numRuns: 1500 },
  )(
    'rowHadamardInRange = rowHadamardChecked and emaDividendsInRange = emaDividendsChecked',
    ([n, rows, a]) => {
      const aA = BigInt64Array.from(a)
      const x = csrOf(rows)
      const y = csrCopy(x)
      rowHadamardInRange(x, aA, n)
      rowHadamardChecked(y, aA, n)
      expect(plain(x)).toEqual(plain(y))
      const m = csrOf(rows)
      expect(Array.from(emaDividendsInRange(m, aA, n))).toEqual(
        Array.from(emaDividendsChecked(m, aA, n)),
      )
    },
  )

  test.prop(
    [
      fc.array(
        fc.oneof(
          unit,
          fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }),
          fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
          fc.constantFrom(0n, 1n, 1n << 31n, ONE, (1n << 63n) - 1n),
        ),
        { maxLength: 12 },
      ),
    ],
    { numRuns: 3000 },
  )(
    'inplaceNormalizeNonNeg = inplaceNormalize (negative values and wrapping sums included)',
    (x) => {
      const a = x.slice()
      const b = x.slice()
      inplaceNormalizeNonNeg(a)
      inplaceNormalize(b)
      expect(a).toEqual(b)
    },
  )
})
