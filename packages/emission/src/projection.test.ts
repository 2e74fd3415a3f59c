import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import {
  type CoinbasePool,
  type CoinbaseState,
  type CoinbaseSubnet,
  runCoinbase,
} from './coinbase.js'
import { projectEmissions } from './projection.js'
import { alphaStakeYield, rootStakeYield } from './yields.js'

const spot = (1n << 64n) / 20n // 0.05 TAO/α
const pool: CoinbasePool = {
  spotPrice: () => spot,
  addLiquidity: (p) => ({ accepted: true, quoteParts: p.quoteParts }),
  buyAlpha: (_p, tao) => ({ ok: true, paidIn: tao, paidOut: tao * 20n }),
}
const mk = (
  netuid: number,
  price: bigint,
  tempo: number,
  last: bigint,
  iss: bigint,
): CoinbaseSubnet => ({
  netuid,
  mechanism: 1,
  movingPrice: price,
  minerBurned: 0n,
  firstEmissionBlock: 1n,
  subtokenEnabled: true,
  registrationAllowed: true,
  emissionEnabled: true,
  subnetTao: 10n ** 15n,
  alphaIn: iss / 2n,
  alphaOut: iss - iss / 2n,
  tempo,
  lastEpochBlock: last,
  pendingEpochAt: 0n,
  blocksSinceLastStep: 0n,
  epochIndex: 0n,
  pendingServer: 0n,
  pendingValidator: 0n,
  pendingRoot: 0n,
  pendingOwnerCut: 0n,
})

describe('projectEmissions', () => {
  // Second implementation: the vector-verified per-block runCoinbase, block by block. With TaoWeight
  // 0 (ρ = 0), SubnetMovingAlpha 0 (EMA frozen) and a fixed-price pool, nothing the projection
  // freezes between events changes, so the two must agree to the rao — through a TAO halving
  // (block 2), an alpha halving (netuid 1 crosses 10.5 M α) and cap deferrals (4 subnets due together).
  it('equals block-by-block runCoinbase to the rao across halvings and deferrals', () => {
    const subs = [
      mk(1, 171_798_692n, 10, 0n, 10_499_999_000_000_000n),
      mk(2, 85_899_346n, 10, 0n, 4n * 10n ** 15n),
      mk(3, 42_949_673n, 10, 0n, 10n ** 15n),
      mk(4, 42_949_673n, 7, 3n, 10n ** 15n),
    ]
    let st: CoinbaseState = {
      block: 0n,
      totalIssuance: 15_749_999_990_000_000n,
      rootSubnetTao: 10n ** 15n,
      taoWeight: 0n,
      movingAlpha: 0n,
      subnets: subs,
    }
    const N = 200n
    const p = projectEmissions(
      { ...st, subnets: subs.map((s) => ({ ...s, spotPrice: spot })) },
      { blocks: N },
    )
    const drained = new Map<number, bigint[]>()
    let deferred = 0
    for (let b = 1n; b <= N; b++) {
      const r = runCoinbase({ ...st, block: b }, { pool })
      deferred += r.intermediates.deferred.length
      for (const [n, d] of r.intermediates.drained) {
        const a = drained.get(n) ?? [0n, 0n, 0n, 0n]
        drained.set(
          n,
          a.map((x, i) => x + (d[i] as bigint)),
        )
      }
      st = r.state
    }
    expect(p.finalTotalIssuance).toBe(st.totalIssuance)
    expect(p.halvings).toEqual([{ block: 2n, emission: 250_000_000n }])
    expect(p.deferrals).toBe(deferred)
    for (const s of st.subnets) {
      const q = p.subnets.get(s.netuid)
      expect(q?.finalAlphaIssuance).toBe(s.alphaIn + s.alphaOut)
      const d = q?.distributed
      expect([d?.miners, d?.validators, d?.root, d?.owner]).toEqual(drained.get(s.netuid))
    }
  })

  it('an epoch horizon ends at the block of the n-th epoch of that subnet', () => {
    const snap = {
      block: 0n,
      totalIssuance: 0n,
      rootSubnetTao: 0n,
      taoWeight: 0n,
      subnets: [{ ...mk(2, 1n << 32n, 100, 0n, 10n ** 15n), spotPrice: spot }],
    }
    const p = projectEmissions(snap, { epochs: 3, netuid: 2 })
    // epochs at 100, 200, 300
    expect(p.toBlock).toBe(300n)
    expect(p.subnets.get(2)?.epochCount).toBe(3)
    // 300 blocks × 10⁹ α-rao minted, of which all is drained (the last epoch drains its own block)
    const d = p.subnets.get(2)?.distributed
    const a = p.subnets.get(2)?.accrued
    expect(d).toEqual(a)
    expect(p.subnets.get(2)?.alphaOut).toBe(300n * 10n ** 9n)
  })

  it('no subnets: everything minted is recycled; states its assumptions', () => {
    const p = projectEmissions(
      {
        block: 0n,
        totalIssuance: 11_200_000n * 10n ** 9n,
        rootSubnetTao: 0n,
        taoWeight: 0n,
        subnets: [],
      },
      { blocks: 7200n },
    )
    expect(p.taoMinted).toBe(3_600n * 10n ** 9n)
    expect(p.taoRecycled).toBe(p.taoMinted)
    expect(p.assumptions.length > 0).toBe(true)
  })

  it('typed errors: duplicate netuids, negative horizon, zero path interval', () => {
    const snap = { block: 0n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }
    const s = { ...mk(1, 1n, 10, 0n, 10n), spotPrice: spot }
    const cases: [() => unknown, string][] = [
      [
        () => projectEmissions({ ...snap, subnets: [s, s] }, { blocks: 1n }),
        'Emission.DuplicateNetuidError',
      ],
      [() => projectEmissions(snap, { blocks: -1n }), 'Emission.InvalidAmountError'],
      [() => projectEmissions(snap, { epochs: 2, netuid: 1 }), 'Emission.InvalidHorizonError'],
      [
        () =>
          projectEmissions(
            snap,
            { blocks: 1n },
            { pricePath: { interval: 0n, at: () => ({ movingPrice: 0n, spotPrice: 0n }) } },
          ),
        'Emission.InvalidPricePathError',
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

describe('yields', () => {
  // One stable subnet at ½ α-price, ρ = 0, cut 0, tempo 100, 1000 blocks (10 epochs).
  // Per block the validator bucket gets ½·(1 − 0)·A·… = 5e8 α-rao, so each epoch pays 5e10.
  const snap = {
    block: 0n,
    totalIssuance: 0n,
    rootSubnetTao: 0n,
    taoWeight: 0n,
    ownerCut: 0,
    subnets: [{ ...mk(1, 1n << 32n, 100, 0n, 10n ** 15n), mechanism: 0, spotPrice: 1n << 63n }],
  }
  const p = projectEmissions(snap, { blocks: 1000n }, { recordEpochs: true })

  it('alpha stake: growth = Π (1 + (1 − t)·payoutₖ / alphaₖ), alphaₖ₊₁ = alphaₖ + payoutₖ', () => {
    expect(p.subnets.get(1)?.epochs.map((e) => e.validator)).toEqual(
      Array(10).fill(50_000_000_000n),
    )
    // take 0, share 1, hotkey alpha 5e13: Π (5e13 + 5e10(k+1)) / (5e13 + 5e10·k) telescopes to
    // (5e13 + 5e11) / 5e13 = 1.01
    const y = alphaStakeYield(p, {
      netuid: 1,
      hotkeyAlpha: 5n * 10n ** 13n,
      share: [1n, 1n],
      take: 0,
    })
    expect(y.periodReturn).toBe('0.01')
    expect(y.horizonBlocks).toBe(1000n)
    // annualised: 1.01^2628 − 1 = 2.3046…e11 (ln 1.01 · 2628 = 26.149…)
    expect(Math.abs(Number(y.apy) / 1.01 ** 2628 - 1)).toBeLessThan(1e-9)
    // take 11 796: each payout keeps (1 − ⌊p·11796/65535⌋/p)
    const t = alphaStakeYield(p, { netuid: 1, hotkeyAlpha: 5n * 10n ** 13n, share: [1n, 2n] })
    expect(Number(t.periodReturn)).toBeLessThan(0.005)
  })

  it('root stake: simple yield in TAO at the given price', () => {
    const sub = {
      ...(snap.subnets[0] as (typeof snap.subnets)[0]),
      mechanism: 1,
      movingPrice: 3n << 31n,
    }
    const q = projectEmissions(
      { ...snap, taoWeight: (1n << 64n) - 1n, rootSubnetTao: 10n ** 15n, subnets: [sub] },
      { blocks: 1000n },
    )
    const root = q.subnets.get(1)?.distributed.root ?? 0n
    expect(root > 0n).toBe(true)
    const y = rootStakeYield(q, {
      hotkeyRootStake: root,
      shares: new Map([[1, [1n, 1n]]]),
      prices: new Map([[1, 1n << 63n]]),
      take: 0,
    })
    // all of the root alpha, valued at ½ TAO, per rao of root stake equal to that alpha → 0.5
    expect(y.periodReturn).toBe('0.5')
    expect(y.apy).toBe('1314')
  })

  it('typed errors', () => {
    const cases: [() => unknown, string][] = [
      [
        () => alphaStakeYield(p, { netuid: 1, hotkeyAlpha: 1n, share: [2n, 1n] }),
        'Emission.InvalidShareError',
      ],
      [
        () => alphaStakeYield(p, { netuid: 9, hotkeyAlpha: 1n, share: [1n, 1n] }),
        'Emission.MissingEpochRecordsError',
      ],
      [
        () => alphaStakeYield(p, { netuid: 1, hotkeyAlpha: 0n, share: [1n, 1n] }),
        'Emission.ZeroStakeError',
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
