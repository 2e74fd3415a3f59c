import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import { alphaIssuance, rootProportion, taoWeight } from './rootProportion.js'
import { rulesForSpec } from './rules.js'
import { alphaOutSplit, ownerCutFraction } from './split.js'
import { subnetTerms } from './subnetTerms.js'

const u96 = (n: bigint) => n << 32n
const one64 = 1n << 64n
const A = 10n ** 9n

describe('taoWeight / rootProportion', () => {
  it('mainnet TaoWeight → bits 773 094 113 (0.179 999 999 93); u64::MAX → exactly 1', () => {
    expect(taoWeight(3_320_413_933_267_719_290n)).toBe(773_094_113n)
    expect(taoWeight((1n << 64n) - 1n)).toBe(1n << 32n)
    expect(taoWeight(971_718_665_099_567_868n)).toBe(226_245_882n)
  })

  it('W3: R = 3 000 000 τ, w = 0.18, Iα = 4 000 000 α → ρ bits 510 855 140', () => {
    // R⊗w = 539 999 999 804 422.25; ρ = 539 999 999 804 422.25 / 4 539 999 999 804 422.25
    expect(
      rootProportion({
        rootSubnetTao: 3n * 10n ** 15n,
        taoWeight: 773_094_113n,
        alphaIssuance: 4n * 10n ** 15n,
      }),
    ).toBe(510_855_140n)
  })

  it('0 when there is no root stake and no issuance; saturating issuance', () => {
    expect(rootProportion({ rootSubnetTao: 0n, taoWeight: 1n << 32n, alphaIssuance: 0n })).toBe(0n)
    expect(alphaIssuance((1n << 64n) - 1n, 5n)).toBe((1n << 64n) - 1n)
  })
})

describe('subnetTerms', () => {
  it('W3: the ρ·A cap binds: α_in = 118 942 731, τ_in = 5 947 136, excess = 327 386 196', () => {
    const t = subnetTerms({
      taoEmission: (1_000_000_000n << 32n) / 3n, // 333 333 333.33 rao
      alphaEmission: A,
      spotPrice: (50_000n * 10n ** 9n * one64) / (1_000_000n * 10n ** 9n),
      rootProportion: 510_855_140n,
    })
    expect(t.alphaIn >> 32n).toBe(118_942_731n)
    expect(t.taoIn >> 32n).toBe(5_947_136n)
    expect(t.excessTao >> 32n).toBe(327_386_196n)
    expect(t.alphaOut).toBe(u96(A))
  })

  it('test_coinbase_subnet_terms_with_alpha_in_lte_alpha_emission: τ = 34 566 756 at price 1', () => {
    const t = subnetTerms({
      taoEmission: u96(34_566_756n),
      alphaEmission: A,
      spotPrice: one64,
      rootProportion: 1n << 32n,
    })
    expect(t).toEqual({
      taoIn: u96(34_566_756n),
      alphaIn: u96(34_566_756n),
      alphaOut: u96(A),
      excessTao: 0n,
    })
  })

  it('test_get_subnet_terms_alpha_emissions_cap: price 1, ρ≈1, τ = 10⁸ → α_in 10⁸; τ = 10¹⁰ → α_in = ρ·A', () => {
    const rho = (1n << 32n) - 1n
    const low = subnetTerms({
      taoEmission: u96(10n ** 8n),
      alphaEmission: A,
      spotPrice: one64,
      rootProportion: rho,
    })
    expect(low.alphaIn).toBe(u96(10n ** 8n))
    const high = subnetTerms({
      taoEmission: u96(10n ** 10n),
      alphaEmission: A,
      spotPrice: one64,
      rootProportion: rho,
    })
    expect(high.alphaIn).toBe(rho * A)
    expect(high.taoIn).toBe(rho * A)
    expect(high.excessTao).toBe(u96(10n ** 10n) - rho * A)
  })

  it('test_coinbase_subnet_terms_with_alpha_in_gt_alpha_emission: price 0.01, τ = A·0.01 + 0.01', () => {
    const price = one64 / 100n
    const tau = (A << 32n) / 100n + (1n << 32n) / 100n
    const rho = 3n << 30n // 0.75
    const t = subnetTerms({
      taoEmission: tau,
      alphaEmission: A,
      spotPrice: price,
      rootProportion: rho,
    })
    expect(t.alphaIn).toBe(rho * A)
    const p96 = price >> 32n
    expect(t.taoIn).toBe((t.alphaIn * p96) >> 32n)
    expect(t.excessTao).toBe(tau - t.taoIn)
  })

  it('A = 0 (alpha issuance at the 21 M cap): everything becomes excess (test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission)', () => {
    const t = subnetTerms({
      taoEmission: u96(1000n),
      alphaEmission: 0n,
      spotPrice: one64,
      rootProportion: 1n << 31n,
    })
    expect(t.alphaIn).toBe(0n)
    expect(t.excessTao).toBe(u96(1000n))
  })

  it('earlier caps by era, and the unimplemented subsidy rule', () => {
    const input = {
      taoEmission: u96(5n * A),
      alphaEmission: A,
      spotPrice: one64,
      rootProportion: 0n,
      blockEmission: A / 2n,
    }
    expect(subnetTerms(input, { rules: rulesForSpec(350) }).alphaIn).toBe(u96(A))
    expect(subnetTerms(input, { rules: rulesForSpec(400) }).alphaIn).toBe(u96(A / 2n))
    try {
      subnetTerms(input, { rules: rulesForSpec(300) })
      expect.unreachable()
    } catch (e) {
      expect(isDtaoError(e, 'Emission.UnsupportedRuleError')).toBe(true)
    }
  })
})

describe('alphaOutSplit', () => {
  it('W4: A = 10⁹, default cut, ρ_post 0.118 942 701 72 → owner 179 995 422, root 48 766 779, server 410 002 288, validator 361 235 508, dust 3', () => {
    // ρ_post from issuance 4e15 + 118 942 731 + 1e9 with the W3 root stake
    const rp = rootProportion({
      rootSubnetTao: 3n * 10n ** 15n,
      taoWeight: 773_094_113n,
      alphaIssuance: 4n * 10n ** 15n + 118_942_731n + A,
    })
    expect(alphaOutSplit({ alphaOut: u96(A), rootProportion: rp, rootSell: true })).toEqual({
      created: A,
      ownerCut: 179_995_422n,
      server: 410_002_288n,
      validator: 361_235_508n,
      root: 48_766_779n,
      rootRecycled: 0n,
      dust: 3n,
    })
    // With ρ = 0 the split is server = validator
    const z = alphaOutSplit({ alphaOut: u96(A), rootProportion: 0n, rootSell: true })
    expect([z.server, z.validator]).toEqual([410_002_288n, 410_002_288n])
  })

  it('test_pending_emission: cut 0, ρ_post = 0.25 → server 5e8, validator 3.75e8, root 1.25e8', () => {
    const s = alphaOutSplit({
      alphaOut: u96(A),
      rootProportion: 1n << 30n,
      rootSell: true,
      ownerCut: 0,
    })
    expect([s.server, s.validator, s.root, s.ownerCut]).toEqual([
      500_000_000n,
      375_000_000n,
      125_000_000n,
      0n,
    ])
  })

  it('test_owner_cut_base: cut 0 → 0; cut 65 535 → 1 000 000 000', () => {
    expect(
      alphaOutSplit({ alphaOut: u96(A), rootProportion: 0n, rootSell: true, ownerCut: 0 }).ownerCut,
    ).toBe(0n)
    expect(
      alphaOutSplit({ alphaOut: u96(A), rootProportion: 0n, rootSell: true, ownerCut: 65535 })
        .ownerCut,
    ).toBe(A)
  })

  it('test_coinbase_emit_to_subnets_with_no_root_sell: the root part is recycled, not pending', () => {
    const s = alphaOutSplit({
      alphaOut: u96(A),
      rootProportion: 1n << 30n,
      rootSell: false,
      ownerCut: 6553,
    })
    expect(s.root).toBe(0n)
    expect(s.rootRecycled > 0n).toBe(true)
    expect(s.ownerCut + s.server + s.validator + s.rootRecycled + s.dust).toBe(A)
  })

  it('owner cut disabled and κ bits', () => {
    expect(ownerCutFraction()).toBe(773_074_452n)
    expect(
      alphaOutSplit({
        alphaOut: u96(A),
        rootProportion: 0n,
        rootSell: true,
        ownerCutEnabled: false,
      }).server,
    ).toBe(A / 2n)
  })
})
