import { isDtaoError } from '@dtao/errors'
import { describe, expect, test } from 'vitest'
import { rulesForSpec, UnsupportedSpecVersionError } from './rules.js'

// Expected values come from the spec-history table in /work/shared/spec/amm.md §1.2.
describe('rulesForSpec', () => {
  test('era boundaries: CP 233–282, V3 283–422, Balancer ≥ 423', () => {
    expect(rulesForSpec(233).era).toBe('constantProduct')
    expect(rulesForSpec(282).era).toBe('constantProduct')
    expect(rulesForSpec(283).era).toBe('v3')
    expect(rulesForSpec(422).era).toBe('v3')
    expect(rulesForSpec(423).era).toBe('balancer')
    expect(rulesForSpec(425).era).toBe('balancer')
  })

  test('Balancer sub-versions: precision 1024 and no cap at 423; 256, clamp and 1000× cap from 424', () => {
    const r423 = rulesForSpec(423)
    expect(r423.expPrecision).toBe(1024)
    expect(r423.clampExpToOne).toBe(false)
    expect(r423.maxInputReserveMultiplier).toBeUndefined()
    expect(r423.maxAmountProbe).toBe('u64Max')
    const r424 = rulesForSpec(424)
    expect(r424.expPrecision).toBe(256)
    expect(r424.clampExpToOne).toBe(true)
    expect(r424.maxInputReserveMultiplier).toBe(1000n)
    expect(r424.maxAmountProbe).toBe('reserveMultiple')
    expect(r424.extrinsicInputCap).toBe(true)
    expect(r424.minPriceRao).toBe(1_000n)
    expect(r424.maxPriceRao).toBe(1_000_000_000_000_000n)
    expect(r424.minimumReserve).toBe(1_000_000n)
    expect(r424.feeDestination).toBe('blockAuthor')
    expect(r424.moveFeeLegs).toBe('sellLegUnlessRoot')
    expect(r424.limitSemantics).toBe('spotPrice')
  })

  test('fee defaults and destinations', () => {
    expect(rulesForSpec(233).flatStakingFee).toBe(50_000n)
    expect(rulesForSpec(233).feeDestination).toBe('pool')
    expect(rulesForSpec(283).defaultFeeRate).toBe(196)
    expect(rulesForSpec(296).defaultFeeRate).toBe(196)
    expect(rulesForSpec(297).defaultFeeRate).toBe(33)
    expect(rulesForSpec(384).feeDestination).toBe('liquidityProviders')
    expect(rulesForSpec(385).feeDestination).toBe('blockAuthor')
    expect(rulesForSpec(425).defaultFeeRate).toBe(33)
  })

  test('minimum stake and removal fee models', () => {
    expect(rulesForSpec(289).minStake).toBe(500_000n)
    expect(rulesForSpec(290).minStake).toBe(20_000_000n)
    expect(rulesForSpec(292).minStake).toBe(2_000_000n)
    expect(rulesForSpec(251).removeFeeModel).toBe('flat')
    expect(rulesForSpec(252).removeFeeModel).toBe('dividends')
    expect(rulesForSpec(257).removeFeeModel).toBe('dividendsWithFloor')
    expect(rulesForSpec(261).removeFeeModel).toBe('dividendsSimulated')
    expect(rulesForSpec(260).constantProductType).toBe('I110F18')
    expect(rulesForSpec(261).constantProductType).toBe('U110F18')
    expect(rulesForSpec(233).limitSemantics).toBe('averagePrice')
  })

  test('sim_swap layout', () => {
    expect(rulesForSpec(301).simSwapLayout).toBe('none')
    expect(rulesForSpec(302).simSwapLayout).toBe('fourField')
    expect(rulesForSpec(391).simSwapLayout).toBe('sixField')
  })

  test('unknown or unsupported specs are a typed error, never a default', () => {
    for (const spec of [0, 232, 426, 1000, 424.5, Number.NaN]) {
      expect(() => rulesForSpec(spec)).toThrow(UnsupportedSpecVersionError)
    }
    try {
      rulesForSpec(200)
    } catch (e) {
      expect(isDtaoError(e, 'Amm.UnsupportedSpecVersionError')).toBe(true)
      expect((e as UnsupportedSpecVersionError).specVersion).toBe(200)
    }
  })

  test('results are frozen and cached', () => {
    expect(Object.isFrozen(rulesForSpec(425))).toBe(true)
    expect(rulesForSpec(425)).toBe(rulesForSpec(425))
  })
})
