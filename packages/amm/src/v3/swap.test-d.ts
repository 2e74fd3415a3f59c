import type { U64F64 } from '@dtao/fixed'
import { describe, expectTypeOf, test } from 'vitest'
import type { ConstantProductPool } from '../constantProduct/pool.js'
import type { V3Pool } from './pool.js'
import { swapV3, type V3SwapResult } from './swap.js'

describe('V3 types', () => {
  test('the era discriminant separates pools', () => {
    expectTypeOf<V3Pool['era']>().toEqualTypeOf<'v3'>()
    expectTypeOf<ConstantProductPool['era']>().toEqualTypeOf<'constantProduct'>()
    const narrow = (p: V3Pool | ConstantProductPool): string =>
      p.era === 'v3' ? String(p.sqrtPrice) : String(p.alphaOutstanding)
    expectTypeOf(narrow).returns.toEqualTypeOf<string>()
  })

  test('sqrt prices are branded U64F64 bits, amounts plain rao bigints', () => {
    expectTypeOf<V3Pool['sqrtPrice']>().toEqualTypeOf<U64F64>()
    expectTypeOf<V3SwapResult['amountPaidOut']>().toEqualTypeOf<bigint>()
    // @ts-expect-error a bare bigint is not U64F64 bits
    const bad: V3Pool['sqrtPrice'] = 5n
    void bad
  })

  test('pool data is read-only', () => {
    const take = (p: V3Pool) => {
      // @ts-expect-error readonly
      p.currentLiquidity = 0n
    }
    void take
  })

  test('swapV3 wants a side literal', () => {
    expectTypeOf(swapV3).parameter(1).toHaveProperty('side').toEqualTypeOf<'buy' | 'sell'>()
  })
})
