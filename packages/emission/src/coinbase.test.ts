import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import {
  type CoinbasePool,
  type CoinbaseState,
  type CoinbaseSubnet,
  emitToSubnets,
  runCoinbase,
} from './coinbase.js'
import { subnetBlockEmissions } from './shares.js'

const one = 1n << 32n
// A pool at a fixed price of 1 that accepts every injection and buys 1:1.
const flat: CoinbasePool = {
  spotPrice: () => 1n << 64n,
  addLiquidity: (p) => ({ accepted: true, quoteParts: p.quoteParts }),
  buyAlpha: (_p, tao) => ({ ok: true, paidIn: tao, paidOut: tao }),
}

const subnet = (netuid: number, extra: Partial<CoinbaseSubnet> = {}): CoinbaseSubnet => ({
  netuid,
  mechanism: 0,
  movingPrice: one,
  minerBurned: 0n,
  firstEmissionBlock: 1n,
  subtokenEnabled: true,
  registrationAllowed: true,
  emissionEnabled: true,
  subnetTao: 0n,
  alphaIn: 0n,
  alphaOut: 0n,
  tempo: 360,
  lastEpochBlock: 0n,
  pendingEpochAt: 0n,
  blocksSinceLastStep: 0n,
  epochIndex: 0n,
  pendingServer: 0n,
  pendingValidator: 0n,
  pendingRoot: 0n,
  pendingOwnerCut: 0n,
  ...extra,
})

// The mock runtime: tao weight 1 and root SubnetTAO 1e18 (set_full_injection_root_stake), ρ ≈ 1.
const mock = (subnets: CoinbaseSubnet[]): CoinbaseState => ({
  block: 10n,
  totalIssuance: 0n,
  rootSubnetTao: 10n ** 18n,
  taoWeight: (1n << 64n) - 1n,
  ownerCut: 0,
  subnets,
})

function emit(state: CoinbaseState, credit: bigint) {
  const tao = subnetBlockEmissions(state.subnets, credit)
  return emitToSubnets(
    state,
    { subnets: [...tao.keys()], taoEmission: tao, credit, rootSell: true },
    { pool: flat },
  )
}

describe('emitToSubnets (tests/coinbase.rs)', () => {
  it('test_coinbase_tao_issuance_base: E = 1 234 567 into one subnet', () => {
    const r = emit(mock([subnet(1)]), 1_234_567n)
    const s = r.state.subnets[0] as CoinbaseSubnet
    expect(s.subnetTao).toBe(1_234_567n)
    expect(r.state.totalStake).toBe(1_234_567n)
    expect(r.recycledTao).toBe(0n)
  })

  it('test_coinbase_tao_issuance_base_low: E = 1', () => {
    const r = emit(mock([subnet(1)]), 1n)
    expect((r.state.subnets[0] as CoinbaseSubnet).subnetTao).toBe(1n)
  })

  it('test_coinbase_tao_issuance_multiple: 3 equal subnets, each ≈ 1 111 111, recycled ≤ 3', () => {
    const r = emit(mock([subnet(1), subnet(2), subnet(3)]), 3_333_333n)
    for (const s of r.state.subnets) expect(Number(1_111_111n - s.subnetTao)).toBeLessThanOrEqual(1)
    expect(r.recycledTao <= 3n).toBe(true)
  })

  it('test_coinbase_disabled_subnet_emission_redistributes_tao_to_enabled_subnets: sn2 gets alpha_out but no TAO', () => {
    const r = emit(mock([subnet(1), subnet(2, { emissionEnabled: false }), subnet(3)]), 3_333_333n)
    const [a, b, c] = r.state.subnets as CoinbaseSubnet[]
    expect(Number(1_666_666n - (a as CoinbaseSubnet).subnetTao)).toBeLessThanOrEqual(2)
    expect(Number(1_666_666n - (c as CoinbaseSubnet).subnetTao)).toBeLessThanOrEqual(2)
    expect([b?.subnetTao, b?.alphaInEmission, b?.excessTao, b?.taoInEmission]).toEqual([
      0n,
      0n,
      0n,
      0n,
    ])
    expect((b?.alphaOut ?? 0n) > 0n).toBe(true)
  })

  it('test_coinbase_alpha_issuance_base: E = 10⁶, 2 stable subnets with 10⁶ reserves → SubnetAlphaIn 1 500 000 each', () => {
    const r = emit(
      mock([
        subnet(1, { alphaIn: 10n ** 6n, subnetTao: 10n ** 6n }),
        subnet(2, { alphaIn: 10n ** 6n, subnetTao: 10n ** 6n }),
      ]),
      10n ** 6n,
    )
    expect(r.state.subnets.map((s) => s.alphaIn)).toEqual([1_500_000n, 1_500_000n])
  })

  it('test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission: A = 0 → all TAO chain-bought', () => {
    const r = emit(
      mock([subnet(1, { alphaOut: 21_000_000n * 10n ** 9n, alphaIn: 10n ** 12n })]),
      10n ** 6n,
    )
    const s = r.state.subnets[0] as CoinbaseSubnet
    expect(s.alphaOutEmission).toBe(0n)
    expect(s.excessTao).toBe(10n ** 6n)
    expect(s.alphaOut).toBe(21_000_000n * 10n ** 9n + (s.protocolAlpha ?? 0n))
  })

  it('test_owner_cut_base: cut 65 535 → PendingOwnerCut 1 000 000 000', () => {
    const r = emit({ ...mock([subnet(1)]), ownerCut: 65535 }, 0n)
    expect((r.state.subnets[0] as CoinbaseSubnet).pendingOwnerCut).toBe(10n ** 9n)
  })
})

describe('runCoinbase', () => {
  it('with nothing to emit to, the whole credit is recycled and TotalIssuance does not move', () => {
    const r = runCoinbase({
      block: 10n,
      totalIssuance: 5n,
      rootSubnetTao: 0n,
      taoWeight: 0n,
      subnets: [],
    })
    expect(r.recycledTao).toBe(10n ** 9n)
    expect(r.state.totalIssuance).toBe(5n)
    expect(r.state.balancesTotalIssuance).toBe(10n ** 9n + 5n)
  })

  it('issuance at the 21 M supply mints nothing (not an error) and still emits alpha', () => {
    const r = runCoinbase(
      { ...mock([subnet(1)]), totalIssuance: 21_000_000n * 10n ** 9n },
      { pool: flat },
    )
    expect(r.intermediates.blockEmission).toBe(0n)
    expect((r.state.subnets[0] as CoinbaseSubnet).alphaOutEmission).toBe(10n ** 9n)
  })

  it('a failed chain buy (ReservesTooLow through @dtao/amm): SubnetExcessTao 0, no alpha bought, the TAO stays in the subnet account', () => {
    // alpha reserve 1 000 < MinimumReserve 10⁶; spot 1 TAO/α, ρ ≈ 1 but A·ρ caps α_in at ≈ 10⁹
    const s = subnet(1, { mechanism: 1, subnetTao: 1_000n, alphaIn: 1_000n, alphaOut: 10n ** 15n })
    const r = runCoinbase({ ...mock([s]), totalIssuance: 0n, taoWeight: 0n })
    const out = r.state.subnets[0] as CoinbaseSubnet
    const x = (r.intermediates.subnetTerms.get(1)?.excessTao ?? 0n) >> 32n
    expect(x > 0n).toBe(true)
    expect(out.excessTao).toBe(0n)
    expect(out.protocolAlpha ?? 0n).toBe(0n)
    expect(out.accountBalance).toBe(x + (out.taoInEmission ?? 0n))
    expect(r.recycledTao + x + (out.taoInEmission ?? 0n)).toBe(r.intermediates.blockEmission)
  })

  it('rejects duplicate netuids, negative amounts and old specs with typed errors', () => {
    const cases: [() => unknown, string][] = [
      [
        () => runCoinbase(mock([subnet(1), subnet(1)]), { pool: flat }),
        'Emission.DuplicateNetuidError',
      ],
      [
        () => runCoinbase({ ...mock([]), totalIssuance: -1n }, { pool: flat }),
        'Emission.InvalidAmountError',
      ],
      [
        () => runCoinbase(mock([subnet(1, { alphaIn: -5n })]), { pool: flat }),
        'Emission.InvalidAmountError',
      ],
      [
        () => runCoinbase(mock([subnet(1, { tempo: 1.5 })]), { pool: flat }),
        'Emission.InvalidAmountError',
      ],
    ]
    for (const [f, name] of cases) {
      try {
        f()
        expect.unreachable()
      } catch (e) {
        expect(isDtaoError(e, name)).toBe(true)
      }
    }
  })
})
