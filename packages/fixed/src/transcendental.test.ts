import { describe, expect, test } from 'vitest'
import { E_I9F23, exp, LOG2_E_I9F23, ln, log2 } from './transcendental.js'
import { I32F32, I64F64, I96F32 } from './types.js'

// Expected bits: RUST-RUN tables of ../shared/spec/fixed-point.md §7 (substrate-fixed v0.6.0).
const i32 = (x: number | bigint): bigint => I32F32.fromNum(x)
const i64 = (x: number | bigint): bigint => I64F64.fromNum(x)

describe('constants', () => {
  test('E and LOG2_E are the 23-bit truncations', () => {
    // consts::E (U2F126) >> 103 and consts::LOG2_E (U1F127) >> 104
    expect(E_I9F23).toBe(0xadf85458a2bb4a9aafdc5620273d3cf1n >> 103n)
    expect(LOG2_E_I9F23).toBe(0xb8aa3b295c17f0bbbe87fed0691d3e88n >> 104n)
  })
})

describe('exp', () => {
  test('I32F32', () => {
    expect(exp(I32F32, 0n)).toBe(4294967296n)
    expect(exp(I32F32, i32(1n))).toBe(11674931200n)
    expect(exp(I32F32, i32(-1n))).toBe(1580030169n)
    expect(exp(I32F32, i32(0.5))).toBe(7081203935n)
    expect(exp(I32F32, i32(-0.5))).toBe(2605029348n)
    expect(exp(I32F32, i32(0.1))).toBe(4746672946n)
    expect(exp(I32F32, i32(2n))).toBe(31735754285n)
    expect(exp(I32F32, i32(10n))).toBe(94602947905357n)
    expect(exp(I32F32, i32(20n))).toBe(2066907302758576256n)
    expect(exp(I32F32, i32(-20n))).toBe(8n)
    expect(exp(I32F32, i32(21n))).toBeUndefined()
  })
  test('I64F64', () => {
    expect(exp(I64F64, i64(1n))).toBe(50143447687050035200n)
    expect(exp(I64F64, i64(-1n))).toBe(6786177901268885275n)
    expect(exp(I64F64, i64(-0.5))).toBe(11188515852577165302n)
    expect(exp(I64F64, i64(-2n))).toBe(2496495334008788799n)
    expect(exp(I64F64, i64(-10n))).toBe(837480885292947n)
    expect(exp(I64F64, i64(-20n))).toBe(38021573369n)
    expect(exp(I64F64, i64(-40n))).toBe(78n)
    expect(exp(I64F64, i64(1.5))).toBe(82672571298467567084n)
  })
})

describe('log2 and ln', () => {
  test('log2', () => {
    expect(log2(I32F32, i32(2n))).toBe(4294967296n)
    expect(log2(I32F32, i32(0.5))).toBe(-4294967296n)
    expect(log2(I32F32, i32(3n))).toBe(6807362105n)
    expect(log2(I32F32, i32(10n))).toBe(14267572527n)
    expect(log2(I32F32, i32(1e-9))).toBe(-128849018880n)
    expect(log2(I96F32, I96F32.fromNum(1.5))).toBe(2512394809n)
    // the rs() rounding quirk: just below 2^k returns exactly k
    expect(log2(I96F32, 4n * 2n ** 32n - 1n)).toBe(2n * 2n ** 32n)
    expect(log2(I96F32, 8n * 2n ** 32n - 3n)).toBe(3n * 2n ** 32n)
    expect(log2(I96F32, 2n * 2n ** 32n - 1n)).toBe(4294967295n)
    expect(log2(I32F32, 0n)).toBeUndefined()
    expect(log2(I32F32, I32F32.ONE)).toBe(0n)
  })
  test('ln', () => {
    expect(ln(I32F32, i32(2n))).toBe(2977044511n)
    expect(ln(I32F32, i32(0.5))).toBe(-2977044511n)
    expect(ln(I32F32, i32(10n))).toBe(9889527802n)
    expect(ln(I32F32, i32(3n))).toBe(4718503913n)
    expect(ln(I32F32, i32(100000n))).toBe(49447639012n)
    expect(ln(I32F32, 0n)).toBeUndefined()
    expect(ln(I32F32, i32(-1n))).toBeUndefined()
  })
})
