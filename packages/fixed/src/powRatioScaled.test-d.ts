import { expectTypeOf, test } from 'vitest'
import { powRatioScaled } from './powRatioScaled.js'

test('powRatioScaled signature', () => {
  expectTypeOf(powRatioScaled(1n, 2n, 1n, 2n, 256, 10n)).toEqualTypeOf<bigint | undefined>()
  // @ts-expect-error precision is a u32 number, not a bigint
  powRatioScaled(1n, 2n, 1n, 2n, 256n, 10n)
  // @ts-expect-error amounts are bigints, never numbers
  powRatioScaled(1, 2n, 1n, 2n, 256, 10n)
})
