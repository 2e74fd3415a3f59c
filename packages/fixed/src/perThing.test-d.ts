import { expectTypeOf, test } from 'vitest'
import { Perbill, Percent, Perquintill } from './perThing.js'

test('per-thing brands do not mix', () => {
  const q = Perquintill.fromRational(1n, 2n)
  expectTypeOf(q).toEqualTypeOf<Perquintill>()
  expectTypeOf(q).not.toEqualTypeOf<Perbill>()
  // @ts-expect-error a Perquintill where a Perbill is expected
  Perbill.mulFloor(q, 10n)
  // @ts-expect-error a plain bigint is not a per-thing
  Percent.mul(5n, Percent.one())
  expectTypeOf(Perquintill.deconstruct(q)).toEqualTypeOf<bigint>()
  expectTypeOf(Perquintill.fromRationalWithRounding(1n, 2n, 'up')).toEqualTypeOf<
    Perquintill | undefined
  >()
  // @ts-expect-error not a rounding mode
  Percent.fromRationalWithRounding(1n, 2n, 'half')
})
