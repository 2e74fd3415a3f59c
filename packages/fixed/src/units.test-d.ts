import { expectTypeOf, test } from 'vitest'
import { type AlphaBalance, alphaBalance, formatAlpha, parseTao, type TaoBalance } from './units.js'

test('TAO and alpha brands do not mix', () => {
  const tao = parseTao('1')
  expectTypeOf(tao).toEqualTypeOf<TaoBalance>()
  expectTypeOf(tao).not.toEqualTypeOf<AlphaBalance>()
  // @ts-expect-error a TAO balance where alpha is expected
  formatAlpha(tao)
  // @ts-expect-error a plain bigint is not a balance
  formatAlpha(5n)
  formatAlpha(alphaBalance(5n))
  // brands are still bigints for arithmetic and comparison
  expectTypeOf(tao + 1n).toEqualTypeOf<bigint>()
})
