import type { I96F32, U64F64, U96F32 } from '@dtao/fixed'
import { expectTypeOf, test } from 'vitest'
import {
  alphaOutSplit,
  blockEmissionForIssuance,
  type Projection,
  projectEmissions,
  type RuleSet,
  rulesForSpec,
  subnetShares,
  subnetTerms,
  updateMovingPrice,
} from './index.js'

test('exact quantities are bigint, fixed-point values keep their brand', () => {
  expectTypeOf(blockEmissionForIssuance).returns.toEqualTypeOf<bigint>()
  expectTypeOf(subnetShares).returns.toEqualTypeOf<Map<number, U64F64>>()
  expectTypeOf(updateMovingPrice).returns.toEqualTypeOf<I96F32>()
  expectTypeOf(subnetTerms).returns.toHaveProperty('alphaIn').toEqualTypeOf<U96F32>()
  expectTypeOf(alphaOutSplit).returns.toHaveProperty('dust').toEqualTypeOf<bigint>()
  expectTypeOf(rulesForSpec).returns.toEqualTypeOf<RuleSet>()
  expectTypeOf(projectEmissions).returns.toEqualTypeOf<Projection>()
})

test('amounts must be bigint, not number', () => {
  // @ts-expect-error a number issuance is rejected at compile time
  blockEmissionForIssuance(5)
  const snapshot = { block: 0n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }
  // @ts-expect-error horizons are bigint block counts
  projectEmissions(snapshot, { blocks: 5 })
})
