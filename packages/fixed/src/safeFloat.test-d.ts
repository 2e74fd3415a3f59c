import { expectTypeOf, test } from 'vitest'
import { SafeFloat, safeFloat } from './safeFloat.js'

test('SafeFloat is plain readonly data; fallible ops return undefined', () => {
  expectTypeOf(safeFloat(1n, 0n)).toEqualTypeOf<SafeFloat | undefined>()
  expectTypeOf(SafeFloat.add(SafeFloat.zero, SafeFloat.zero)).toEqualTypeOf<SafeFloat | undefined>()
  expectTypeOf(SafeFloat.toU64(SafeFloat.zero)).toEqualTypeOf<bigint>()
  const one = SafeFloat.fromU64(1n)
  // @ts-expect-error values are immutable
  one.mantissa = 2n
})
