import { describe, expectTypeOf, test } from 'vitest'
import { runEpoch } from './epoch.js'
import type { EpochInput, EpochOutput } from './epochTypes.js'
import type { SparseRowU16 } from './types.js'

describe('epoch types', () => {
  test('u64 inputs are bigint, u16 inputs are number', () => {
    expectTypeOf<EpochInput['currentBlock']>().toEqualTypeOf<bigint>()
    expectTypeOf<EpochInput['kappa']>().toEqualTypeOf<number>()
    expectTypeOf<EpochInput['alphaStake']>().toEqualTypeOf<readonly bigint[]>()
    // @ts-expect-error a block number is a u64: number is not accepted
    const bad: EpochInput['currentBlock'] = 5
    void bad
  })
  test('rows are readonly (uid, u16) pairs', () => {
    const row: SparseRowU16 = [[1, 65535]]
    // @ts-expect-error stored rows are readonly
    row.push([2, 1])
    // @ts-expect-error a weight is a u16 number, not a bigint
    const w: SparseRowU16 = [[1, 65535n]]
    void w
  })
  test('runEpoch returns rao as bigint and u16 terms as number', () => {
    expectTypeOf(runEpoch).returns.toEqualTypeOf<EpochOutput>()
    expectTypeOf<EpochOutput['serverEmission']>().toEqualTypeOf<bigint[]>()
    expectTypeOf<EpochOutput['incentive']>().toEqualTypeOf<number[]>()
    expectTypeOf<EpochOutput['bond']>().toEqualTypeOf<[number, number][][]>()
  })
})
