import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { formatAlpha, formatTao, MAX_U64, parseAlpha, parseTao, taoBalance } from './units.js'

describe('units', () => {
  test.prop([fc.bigInt({ min: 0n, max: MAX_U64 })])('parseTao(formatTao(x)) === x', (x) => {
    expect(parseTao(formatTao(taoBalance(x)))).toBe(x)
  })
  test.prop([fc.bigInt({ min: 0n, max: MAX_U64 })])('parseAlpha(formatAlpha(x)) === x', (x) => {
    expect(parseAlpha(formatAlpha(x as never))).toBe(x)
  })
  test.prop([fc.stringMatching(/^\d{1,9}\.\d{10,14}$/)])(
    'floor ≤ exact ≤ ceil, and they differ by one when digits are dropped',
    (s) => {
      const floor = parseTao(s, { rounding: 'floor' })
      const ceil = parseTao(s, { rounding: 'ceil' })
      const round = parseTao(s, { rounding: 'round' })
      const dropped = /[1-9]/.test(s.split('.')[1]?.slice(9) ?? '')
      expect(ceil - floor).toBe(dropped ? 1n : 0n)
      expect(round === floor || round === ceil).toBe(true)
    },
  )
})
