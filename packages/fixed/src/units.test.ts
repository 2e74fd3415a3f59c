import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import {
  alphaBalance,
  formatAlpha,
  formatTao,
  MAX_U64,
  parseAlpha,
  parseTao,
  type TaoBalance,
  taoBalance,
} from './units.js'

function codeOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    return isDtaoError(e) ? e.name : `untyped ${String(e)}`
  }
  return 'no error'
}

describe('parseTao', () => {
  test('exact decimal → rao', () => {
    expect(parseTao('1.5')).toBe(1_500_000_000n)
    expect(parseTao('0.000000001')).toBe(1n)
    expect(parseTao('21000000')).toBe(21_000_000n * 10n ** 9n)
    expect(parseTao('1.000000000000')).toBe(10n ** 9n) // trailing zeros lose nothing
    expect(parseTao('18446744073.709551615')).toBe(MAX_U64)
  })
  test('rounding modes for digits beyond rao', () => {
    expect(parseTao('0.1234567891', { rounding: 'floor' })).toBe(123456789n)
    expect(parseTao('0.1234567891', { rounding: 'trunc' })).toBe(123456789n)
    expect(parseTao('0.1234567891', { rounding: 'ceil' })).toBe(123456790n)
    expect(parseTao('0.1234567894', { rounding: 'round' })).toBe(123456789n)
    expect(parseTao('0.1234567895', { rounding: 'round' })).toBe(123456790n)
  })
  test('bad input is a typed error', () => {
    expect(codeOf(() => parseTao('1.0000000001'))).toBe('Fixed.PrecisionLossError')
    expect(codeOf(() => parseTao('-1'))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao('1e3'))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao(''))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao('0x10'))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao(' 1'))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao('1.'))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao('18446744073.709551616'))).toBe('Fixed.AmountOutOfRangeError')
    expect(codeOf(() => parseTao(1 as unknown as string))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => parseTao('1', { rounding: 'up' as 'ceil' }))).toBe('no error') // nothing to round
    expect(codeOf(() => parseTao('1.00000000011', { rounding: 'up' as 'ceil' }))).toBe(
      'Fixed.InvalidAmountError',
    )
  })
  test('messages name the input and what was expected', () => {
    expect(() => parseTao('1e3')).toThrow(/Invalid TAO amount "1e3".*no sign, exponent/)
  })
})

describe('brands and formatting', () => {
  test('taoBalance / alphaBalance check the u64 range', () => {
    expect(taoBalance(MAX_U64)).toBe(MAX_U64)
    expect(codeOf(() => taoBalance(MAX_U64 + 1n))).toBe('Fixed.AmountOutOfRangeError')
    expect(codeOf(() => alphaBalance(-1n))).toBe('Fixed.InvalidAmountError')
    expect(codeOf(() => taoBalance(1 as unknown as bigint))).toBe('Fixed.InvalidAmountError')
  })
  test('formatTao / formatAlpha are exact', () => {
    expect(formatTao(taoBalance(1_500_000_001n))).toBe('1.500000001')
    expect(formatTao(taoBalance(0n))).toBe('0')
    expect(formatTao(taoBalance(MAX_U64))).toBe('18446744073.709551615')
    expect(formatAlpha(parseAlpha('12.25'))).toBe('12.25')
    expect(codeOf(() => formatTao(-1n as TaoBalance))).toBe('Fixed.InvalidAmountError')
  })
})
