import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { fixedFormat } from './format.js'
import { I32F32, I64F64, I96F32, U64F64, U96F32, U110F18 } from './types.js'

// Expected values are the RUST-RUN / REPO-TEST tables of ../shared/spec/fixed-point.md §4–§5
// (substrate-fixed v0.6.0 compiled in release mode), or hand derivations written beside them.

describe('fromNum (integers)', () => {
  test('exact shifts, wrapping in release', () => {
    expect(I32F32.fromNum(-3n)).toBe(-12884901888n)
    expect(U64F64.fromNum(2n ** 64n - 1n)).toBe(340282366920938463444927863358058659840n)
    // u32::MAX into I32F32 wraps to −1.0 (§4.1)
    expect(I32F32.fromNum(4294967295n)).toBe(-4294967296n)
  })
  test('saturating and checked', () => {
    expect(U96F32.saturatingFromNum(2n ** 128n - 1n)).toBe(2n ** 128n - 1n)
    expect(I96F32.saturatingFromNum(-5n)).toBe(-21474836480n)
    expect(U64F64.saturatingFromNum(-5n)).toBe(0n)
    expect(I32F32.saturatingFromNum(4294967295n)).toBe(9223372036854775807n)
    expect(I32F32.checkedFromNum(4294967295n)).toBeUndefined()
  })
})

describe('fromNum (floats)', () => {
  test('round to nearest, ties to even, on the exact binary value', () => {
    expect(I32F32.fromNum(0.1)).toBe(429496730n)
    expect(I32F32.fromNum(-0.1)).toBe(-429496730n)
    expect(I32F32.fromNum(0.1, { precision: 'f32' })).toBe(429496736n)
    expect(I64F64.fromNum(0.1)).toBe(1844674407370955264n)
    expect(U64F64.fromNum(1.26)).toBe(23242897532874035200n)
    expect(I96F32.fromNum(0.000003)).toBe(12885n)
    expect(U110F18.fromNum(0.0001)).toBe(26n)
    expect(I32F32.fromNum(2 ** -33)).toBe(0n) // half an ulp: tie → even 0
    expect(I32F32.fromNum(3 * 2 ** -33)).toBe(2n) // 1.5 ulp → 2
    expect(I32F32.fromNum(5 * 2 ** -33)).toBe(2n) // 2.5 ulp → 2
    expect(I32F32.fromNum(-3 * 2 ** -33)).toBe(-2n)
    expect(I32F32.fromNum(-1.5)).toBe(-6442450944n)
    expect(I32F32.fromNum(-0)).toBe(0n)
    expect(I32F32.fromNum(0.000016, { precision: 'f32' })).toBe(68719n)
  })
  test('range handling', () => {
    expect(I32F32.saturatingFromNum(1e300)).toBe(I32F32.MAX)
    expect(I32F32.saturatingFromNum(-1e300)).toBe(I32F32.MIN)
    expect(U64F64.saturatingFromNum(-1.0)).toBe(0n)
    expect(I32F32.checkedFromNum(3e9)).toBeUndefined()
    expect(I32F32.fromNum(3e9)).toBe(-5561842185709551616n)
    expect(U64F64.saturatingFromNum(2e19)).toBe(2n ** 128n - 1n)
    expect(U64F64.fromNum(1e19)).toBe(184467440737095516160000000000000000000n)
    expect(U64F64.fromNum(1e-20)).toBe(0n)
  })
  test('NaN and ±Infinity are typed errors by default', () => {
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (const f of [I32F32.fromNum, I32F32.saturatingFromNum, I32F32.checkedFromNum]) {
        try {
          f(x)
          expect.unreachable()
        } catch (e) {
          expect(isDtaoError(e, 'Fixed.NonFiniteError')).toBe(true)
        }
      }
    }
  })
  test("nonFinite: 'substrate' reproduces substrate-fixed v0.6.0", () => {
    const o = { nonFinite: 'substrate' } as const
    expect(I32F32.fromNum(Number.POSITIVE_INFINITY, o)).toBe(0n)
    expect(I32F32.saturatingFromNum(Number.NEGATIVE_INFINITY, o)).toBe(I32F32.MIN)
    expect(I32F32.saturatingFromNum(Number.NaN, o)).toBe(I32F32.MAX)
    expect(I32F32.checkedFromNum(Number.NaN, o)).toBeUndefined()
  })
  test('the top binade panics as the chain does', () => {
    expect(() => I32F32.fromNum(Number.MAX_VALUE)).toThrow(/top binade/)
    expect(() => I32F32.saturatingFromNum(Number.MAX_VALUE)).toThrow(/top binade/)
    expect(I32F32.saturatingFromNum(2 ** 1023)).toBe(I32F32.MAX) // "infinite": clamps
    expect(I32F32.checkedFromNum(2 ** 1023)).toBeUndefined()
  })
  test('non-number, non-bigint input is a typed error', () => {
    expect(() => I32F32.fromNum('1' as unknown as bigint)).toThrow(/expected a bigint or number/)
    expect(() => U64F64.fromBits(1.5 as unknown as bigint)).toThrow(/expected raw bits as a bigint/)
    expect(() => U64F64.fromBits(-1n)).toThrow(/outside the range of U64F64/)
  })
})

describe('fixed → fixed', () => {
  test('narrowing floors, then range handling', () => {
    expect(I32F32.fromFixed(I64F64, -1n)).toBe(-1n)
    expect(I32F32.fromFixed(I64F64, 1n)).toBe(0n)
    expect(I32F32.saturatingFromFixed(I64F64, (2n ** 40n) << 64n)).toBe(I32F32.MAX)
    expect(I32F32.fromFixed(I64F64, (2n ** 31n) << 64n)).toBe(I32F32.MIN)
    expect(U64F64.saturatingFromFixed(I96F32, -1n)).toBe(0n)
    expect(U96F32.saturatingFromFixed(U64F64, 2n ** 32n + 2n ** 32n - 1n)).toBe(1n)
    expect(U64F64.saturatingFromFixed(I32F32, 429496730n)).toBe(1844674409088942080n)
    expect(U96F32.saturatingFromFixed(U64F64, 1844674407370955161n)).toBe(429496729n)
  })
})

describe('toNum', () => {
  const m25 = I32F32.fromNum(-2.5)
  test('floors, then wraps / clamps / checks', () => {
    expect(I32F32.toNum(m25, 'i64')).toBe(-3n)
    expect(I32F32.saturatingToNum(m25, 'u64')).toBe(0n)
    expect(I32F32.toNum(m25, 'u64')).toBe(18446744073709551613n)
    expect(I32F32.saturatingToNum(I32F32.fromNum(2.999), 'u64')).toBe(2n)
    expect(I32F32.saturatingToNum(I32F32.fromNum(70000.7), 'u16')).toBe(65535)
    expect(I32F32.toNum(I32F32.fromNum(70000.7), 'u16')).toBe(4464)
    expect(I96F32.toNum(-1n, 'i64')).toBe(-1n)
    expect(U64F64.saturatingToNum(U64F64.MAX, 'u128')).toBe(18446744073709551615n)
    expect(I32F32.checkedToNum(m25, 'u64')).toBeUndefined()
  })
  test('f64 rounds once, ties to even', () => {
    expect(U64F64.toNum((2n ** 53n + 1n) << 64n, 'f64')).toBe(9007199254740992)
    expect(U64F64.toNum((2n ** 53n + 3n) << 64n, 'f64')).toBe(9007199254740996)
    expect(U64F64.toNum(((2n ** 53n + 1n) << 64n) + 2n ** 63n, 'f64')).toBe(9007199254740994)
    expect(U64F64.toNum(U64F64.MAX, 'f64')).toBe(2 ** 64)
  })
  test('f32 rounds once from the exact value', () => {
    // 0x3DCCCCCD is the f32 nearest 0.1
    const f = I32F32.toNum(429496730n, 'f32')
    const view = new DataView(new ArrayBuffer(4))
    view.setFloat32(0, f)
    expect(view.getUint32(0)).toBe(0x3dcccccd)
  })
  test('unknown targets are typed errors', () => {
    expect(() => I32F32.toNum(1n, 'u7' as 'u8')).toThrow(/Unknown integer target/)
  })
})

describe('arithmetic', () => {
  test('mul floors toward −∞', () => {
    expect(I32F32.mul(I32F32.div(I32F32.ONE, I32F32.fromNum(3n)), I32F32.fromNum(3n))).toBe(
      4294967295n,
    )
    expect(I32F32.mul(-1n, 1n)).toBe(-1n)
    expect(I32F32.mul(1n, 1n)).toBe(0n)
    for (const f of [I32F32, I64F64, I96F32]) expect(f.mul(-3n, f.fromNum(0.5))).toBe(-2n)
    expect(U64F64.mul(U64F64.fromNum(0.1), U64F64.fromNum(0.1))).toBe(184467440737095536n)
    expect(I64F64.mul(I64F64.fromNum(-0.1), I64F64.fromNum(0.1))).toBe(-184467440737095537n)
  })
  test('div truncates toward zero', () => {
    const three = I32F32.fromNum(3n)
    expect(I32F32.div(I32F32.ONE, three)).toBe(1431655765n)
    expect(I32F32.div(I32F32.neg(I32F32.ONE), three)).toBe(-1431655765n)
    expect(U64F64.div(U64F64.fromNum(2n), U64F64.fromNum(3n))).toBe(12297829382473034410n)
    expect(I64F64.div(I64F64.fromNum(900000n), I64F64.fromNum(1000000n))).toBe(
      16602069666338596454n,
    )
    expect(U64F64.div(U64F64.fromNum(1n), U64F64.fromNum(10n ** 18n))).toBe(18n)
  })
  test('saturating, checked and wrapping', () => {
    expect(I32F32.saturatingAdd(I32F32.MAX, 1n)).toBe(I32F32.MAX)
    expect(I32F32.saturatingSub(I32F32.MIN, 1n)).toBe(I32F32.MIN)
    expect(U64F64.saturatingSub(U64F64.ONE, U64F64.fromNum(2n))).toBe(0n)
    expect(I32F32.wrappingAdd(I32F32.MAX, 1n)).toBe(I32F32.MIN)
    expect(I32F32.saturatingNeg(I32F32.MIN)).toBe(I32F32.MAX)
    expect(I32F32.abs(I32F32.MIN)).toBe(I32F32.MIN)
    expect(I32F32.sum([I32F32.MAX, 1n])).toBe(I32F32.MIN)
    const two = I32F32.fromNum(2n)
    expect(I32F32.saturatingMul(I32F32.MAX, two)).toBe(I32F32.MAX)
    expect(I32F32.saturatingMul(I32F32.MAX, I32F32.neg(two))).toBe(I32F32.MIN)
    expect(I32F32.wrappingMul(I32F32.MAX, two)).toBe(-2n)
    expect(I32F32.saturatingMul(I32F32.MIN, I32F32.neg(I32F32.ONE))).toBe(I32F32.MAX)
    expect(U64F64.checkedMul((2n ** 63n) << 64n, U64F64.fromNum(2n))).toBeUndefined()
    expect(I32F32.checkedDiv(I32F32.ONE, 0n)).toBeUndefined()
    expect(I32F32.saturatingDiv(I32F32.MAX, I32F32.fromNum(-0.5))).toBe(I32F32.MIN)
    expect(I32F32.checkedDiv(I32F32.MIN, I32F32.neg(I32F32.ONE))).toBeUndefined()
  })
  test('division by zero panics where the chain does, safeDiv gives 0', () => {
    for (const f of [I32F32.div, I32F32.saturatingDiv, I32F32.wrappingDiv]) {
      expect(() => f(I32F32.ONE, 0n)).toThrow(/division by zero/)
    }
    expect(I32F32.safeDiv(I32F32.MAX, I32F32.fromNum(0.5))).toBe(0n)
    expect(U64F64.safeDiv(U64F64.ONE, 1n)).toBe(0n)
    expect(I32F32.safeDivOr(I32F32.ONE, 0n, I32F32.fromNum(7n))).toBe(30064771072n)
  })
})

describe('rounding methods (−2.5, −2.4, −2.6, 2.5, 3.5)', () => {
  const xs = [-2.5, -2.4, -2.6, 2.5, 3.5].map((x) => I32F32.fromNum(x))
  const whole = (v: bigint): number => Number(v / I32F32.ONE)
  test('int / floor / ceil / round / roundTiesToEven', () => {
    expect(xs.map((x) => whole(I32F32.floor(x)))).toEqual([-3, -3, -3, 2, 3])
    expect(xs.map((x) => whole(I32F32.int(x)))).toEqual([-3, -3, -3, 2, 3])
    expect(xs.map((x) => whole(I32F32.ceil(x)))).toEqual([-2, -2, -2, 3, 4])
    expect(xs.map((x) => whole(I32F32.round(x)))).toEqual([-3, -2, -3, 3, 4])
    expect(xs.map((x) => whole(I32F32.roundTiesToEven(x)))).toEqual([-2, -2, -3, 2, 4])
    expect(I32F32.round(I32F32.MAX)).toBe(I32F32.MIN)
  })
  test('frac is in [0, 1)', () => {
    expect(I32F32.toDecimalString(I32F32.frac(I32F32.fromNum(-2.5)))).toBe('0.5')
  })
})

describe('comparisons and decimals', () => {
  test('cmpFixed compares across formats exactly', () => {
    expect(I32F32.cmpFixed(I32F32.ONE, U64F64, U64F64.ONE)).toBe(0)
    expect(I32F32.cmpFixed(1n, U64F64, U64F64.fromBits(2n ** 32n + 1n))).toBe(-1)
  })
  test('toDecimalString is exact', () => {
    expect(U64F64.toDecimalString(1n)).toBe(
      '0.0000000000000000000542101086242752217003726400434970855712890625',
    )
    expect(I32F32.toDecimalString(I32F32.fromNum(-1.5))).toBe('-1.5')
    expect(I32F32.toDecimalString(-1n, { digits: 3 })).toBe('0.000')
    expect(U64F64.toDecimalString(U64F64.fromNum(2.5), { digits: 3 })).toBe('2.500')
  })
  test('custom formats', () => {
    const U1F127 = fixedFormat({ name: 'U1F127', signed: false, intBits: 1, fracBits: 127 })
    expect(U1F127.toDecimalString(1n << 126n)).toBe('0.5')
  })
})
