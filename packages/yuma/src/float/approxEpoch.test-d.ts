import { expectTypeOf, test } from 'vitest'
import type { EpochOutput } from '../epochTypes.js'
import type { ApproxEpochInput, ApproxEpochOutput } from './approxEpoch.js'
import { approxEpoch } from './approxEpoch.js'

test('float mode never shares numeric types with the exact API', () => {
  expectTypeOf<ApproxEpochOutput['dividends']>().toEqualTypeOf<Float64Array>()
  expectTypeOf<ApproxEpochOutput['serverEmission']>().toEqualTypeOf<Float64Array>()
  expectTypeOf<EpochOutput['serverEmission']>().toEqualTypeOf<bigint[]>()
  expectTypeOf<ApproxEpochInput['raoEmission']>().toEqualTypeOf<number>()
  expectTypeOf<ApproxEpochOutput>().not.toEqualTypeOf<EpochOutput>()
  expectTypeOf(approxEpoch).parameter(0).toEqualTypeOf<ApproxEpochInput>()
})
