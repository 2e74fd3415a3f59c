import { expectTypeOf, test } from 'vitest'
import { I32F32, U64F64 } from './types.js'

test('format bits are branded per format', () => {
  const p = U64F64.fromNum(1n)
  expectTypeOf(p).toEqualTypeOf<U64F64>()
  expectTypeOf(p).not.toEqualTypeOf<I32F32>()
  const w: I32F32 = I32F32.fromNum(1n)
  // @ts-expect-error U64F64 bits are not I32F32 bits
  const bad: I32F32 = p
  expectTypeOf(I32F32.toNum(w, 'u16')).toEqualTypeOf<number>()
  expectTypeOf(I32F32.toNum(w, 'u64')).toEqualTypeOf<bigint>()
  expectTypeOf(I32F32.toNum(w, 'f64')).toEqualTypeOf<number>()
  expectTypeOf(I32F32.checkedMul(w, w)).toEqualTypeOf<I32F32 | undefined>()
  void bad
})
