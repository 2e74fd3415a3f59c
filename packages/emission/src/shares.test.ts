import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import { rulesForSpec } from './rules.js'
import {
  movingAlphaPrice,
  rootSellFlag,
  type SubnetShareInput,
  subnetBlockEmissions,
  subnetShares,
  subnetsToEmitTo,
} from './shares.js'

const one = 1n << 32n // I96F32 1.0
const on = {
  firstEmissionBlock: 1n,
  subtokenEnabled: true,
  registrationAllowed: true,
  emissionEnabled: true,
}
const dyn = (
  netuid: number,
  movingPrice: bigint,
  extra: Partial<SubnetShareInput> = {},
): SubnetShareInput => ({
  netuid,
  mechanism: 1,
  movingPrice,
  ...on,
  ...extra,
})
const stable = (netuid: number, extra: Partial<SubnetShareInput> = {}): SubnetShareInput => ({
  netuid,
  mechanism: 0,
  movingPrice: one,
  ...on,
  ...extra,
})
const rao = (m: Map<number, bigint>) => new Map([...m].map(([k, v]) => [k, v >> 32n]))

describe('subnetsToEmitTo', () => {
  it('drops root, no start_call, subtoken off and registration off (test_coinbase_subnets_with_no_reg_get_no_emission)', () => {
    const s = [
      stable(0),
      stable(4),
      stable(1, { firstEmissionBlock: null }),
      stable(2, { subtokenEnabled: false }),
      stable(3, { registrationAllowed: false }),
      stable(5, { emissionEnabled: false }),
    ]
    expect(subnetsToEmitTo(s)).toEqual([4, 5])
    // before spec 345 registration was not a filter
    expect(subnetsToEmitTo(s, { rules: rulesForSpec(344) })).toEqual([3, 4, 5])
  })

  it('rejects duplicate netuids', () => {
    try {
      subnetsToEmitTo([stable(1), stable(1)])
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.DuplicateNetuidError')).toBe(true)
    }
  })
})

describe('subnetShares / subnetBlockEmissions', () => {
  it('W2: EMA 0.04/0.02/0.01 with MinerBurned (0, ½, 0) → σ = (2/3, 1/6, 1/6)', () => {
    const s = [
      dyn(1, 171_798_692n),
      dyn(2, 85_899_346n, { minerBurned: 1n << 31n }),
      dyn(3, 42_949_673n),
    ]
    expect(subnetShares(s, { rules: rulesForSpec(333) })).toEqual(
      new Map([
        [1, 10_540_996_613_548_315_209n],
        [2, 5_270_498_306_774_157_604n],
        [3, 2_635_249_153_387_078_802n],
      ]),
    )
    expect(subnetShares(s)).toEqual(
      new Map([
        [1, 12_297_829_382_473_034_411n],
        [2, 3_074_457_345_618_258_602n],
        [3, 3_074_457_345_618_258_602n],
      ]),
    )
    // τ ≈ (333 333 333.33, 83 333 333.33, 83 333 333.33) rao
    expect(rao(subnetBlockEmissions(s, 500_000_000n))).toEqual(
      new Map([
        [1, 333_333_333n],
        [2, 83_333_333n],
        [3, 83_333_333n],
      ]),
    )
  })

  it('test_coinbase_tao_issuance_different_prices: EMA 0.1 / 0.2 → E/3 and 2E/3 (±10)', () => {
    const s = [dyn(1, one / 10n), dyn(2, one / 5n)]
    const t = rao(subnetBlockEmissions(s, 100_000_000n))
    expect(Number((t.get(1) as bigint) - 33_333_333n)).toBeLessThanOrEqual(10)
    expect(Number((t.get(2) as bigint) - 66_666_666n)).toBeLessThanOrEqual(10)
  })

  it('test_coinbase_tao_issuance_multiple: 3 equal subnets, E = 3 333 333 → ≈ 1 111 111 each (±1)', () => {
    const t = rao(subnetBlockEmissions([stable(1), stable(2), stable(3)], 3_333_333n))
    for (const v of t.values()) expect(v === 1_111_110n || v === 1_111_111n).toBe(true)
  })

  it('test_coinbase_disabled_subnet_emission_redistributes_tao_to_enabled_subnets', () => {
    const t = rao(
      subnetBlockEmissions(
        [stable(1), stable(2, { emissionEnabled: false }), stable(3)],
        3_333_333n,
      ),
    )
    expect(t.get(2)).toBe(0n)
    expect(Number(1_666_666n - (t.get(1) as bigint))).toBeLessThanOrEqual(2)
    expect(Number(1_666_666n - (t.get(3) as bigint))).toBeLessThanOrEqual(2)
  })

  it('test_sudo_set_subnet_emission_enabled_multiple_subnets_multiple_toggles (E = 3 000 000, ±2)', () => {
    const run = (en: boolean[]) => [
      ...rao(
        subnetBlockEmissions(
          en.map((e, i) => stable(i + 1, { emissionEnabled: e })),
          3_000_000n,
        ),
      ).values(),
    ]
    const near = (got: bigint[], want: bigint[]) =>
      got.forEach((g, i) => {
        expect(Number(g - (want[i] as bigint))).toBeGreaterThanOrEqual(-2)
      })
    near(run([true, true, true]), [1_000_000n, 1_000_000n, 1_000_000n])
    near(run([true, false, true]), [1_500_000n, 0n, 1_500_000n])
    near(run([false, true, true]), [0n, 1_500_000n, 1_500_000n])
    expect(run([true, false, true])[1]).toBe(0n)
  })

  it('every subnet disabled → all TAO shares 0 (the credit is recycled)', () => {
    const t = subnetBlockEmissions([stable(1, { emissionEnabled: false })], 1_000n)
    expect(t.get(1)).toBe(0n)
  })

  it('test_zero_shares_zero_emission: EMA 0 everywhere → no TAO', () => {
    const t = subnetBlockEmissions([dyn(1, 0n), dyn(2, 0n)], 10n ** 9n)
    expect([...t.values()]).toEqual([0n, 0n])
  })

  it('get_shares_ignores_root_prop_storage_when_prices_and_burns_match: 0.5 / 0.5 at spec 425', () => {
    const s = [dyn(1, one, { rootProportion: one }), dyn(2, one, { rootProportion: one / 10n })]
    expect(subnetShares(s)).toEqual(
      new Map([
        [1, 1n << 63n],
        [2, 1n << 63n],
      ]),
    )
    // specs 421–424 weight by ρ: 1 : 0.1
    const old = subnetShares(s, { rules: rulesForSpec(424) })
    expect((old.get(1) as bigint) > 9n * (old.get(2) as bigint)).toBe(true)
  })

  it('all burned → falls back to the plain price shares', () => {
    const s = [dyn(1, one, { minerBurned: one }), dyn(2, 3n * one, { minerBurned: 2n * one })]
    expect(subnetShares(s)).toEqual(
      new Map([
        [1, 1n << 62n],
        [2, 3n << 62n],
      ]),
    )
  })

  it('the 421–424 rule needs ρ and says so', () => {
    try {
      subnetShares([dyn(1, one)], { rules: rulesForSpec(422) })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.MissingShareInputError')).toBe(true)
    }
  })
})

describe('flow eras (specs 334–420)', () => {
  const i64 = (x: bigint) => x << 64n
  it('gross flow: shares ∝ max(ema − L, 0), L = max(TaoFlowCutoff = 0, min(min ema, 0)), via the I32F32 pow normaliser (± 0.001)', () => {
    // EMAs 2, 3, −1: L = max(0, −1) = 0, offsets 2, 3, 0 → 0.4, 0.6, 0
    const s = [
      dyn(1, 0n, { taoFlowEma: i64(2n) }),
      dyn(2, 0n, { taoFlowEma: i64(3n) }),
      dyn(3, 0n, { taoFlowEma: -i64(1n) }),
    ]
    const r = subnetShares(s, { rules: rulesForSpec(400) })
    const f = (n: number) => Number(r.get(n)) / 2 ** 64
    expect(Math.abs(f(1) - 0.4)).toBeLessThan(0.001)
    expect(Math.abs(f(2) - 0.6)).toBeLessThan(0.001)
    expect(f(3)).toBe(0)
  })
  it('net flow: user EMA minus k·protocol EMA, k = min(Σ⁺user / Σ⁺protocol, 1)', () => {
    // user 4, 4; protocol 2, 6 → k = min(8/8, 1) = 1 → net 2, −2 → L = 0 → offsets 2, 0 → 1, 0
    const s = [
      dyn(1, 0n, { taoFlowEma: i64(4n), protocolFlowEma: i64(2n) }),
      dyn(2, 0n, { taoFlowEma: i64(4n), protocolFlowEma: i64(6n) }),
    ]
    const r = subnetShares(s, { rules: rulesForSpec(415) })
    expect(Math.abs(Number(r.get(1)) / 2 ** 64 - 1)).toBeLessThan(0.001)
    expect(r.get(2)).toBe(0n)
    try {
      subnetShares([dyn(1, 0n)], { rules: rulesForSpec(415) })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.MissingShareInputError')).toBe(true)
    }
  })
})

describe('movingAlphaPrice / rootSellFlag', () => {
  it('stable and root read 1; negative EMA saturates to 0', () => {
    expect(movingAlphaPrice({ netuid: 0, mechanism: 1, movingPrice: 0n })).toBe(1n << 64n)
    expect(movingAlphaPrice({ netuid: 3, mechanism: 0, movingPrice: 0n })).toBe(1n << 64n)
    expect(movingAlphaPrice({ netuid: 3, mechanism: 1, movingPrice: -5n })).toBe(0n)
  })

  it('root sell iff Σ EMA > 1 (test_pending_emission: EMA 2 → true)', () => {
    expect(rootSellFlag([dyn(1, 2n * one)])).toBe(true)
    expect(rootSellFlag([dyn(1, one)])).toBe(false)
    expect(rootSellFlag([dyn(1, one / 2n), dyn(2, one / 2n + 1n)])).toBe(true)
  })
})
