import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { type CoinbasePool, type CoinbaseSubnet, runCoinbase } from './coinbase.js'

const pool: CoinbasePool = {
  spotPrice: (p) =>
    p.alphaReserve === 0n ? 0n : (((p.taoReserve << 64n) / p.alphaReserve) as bigint),
  addLiquidity: (p) => ({ accepted: true, quoteParts: p.quoteParts }),
  buyAlpha: (p, tao) => ({
    ok: true,
    paidIn: tao,
    paidOut: p.taoReserve === 0n ? 0n : (tao * p.alphaReserve) / (p.taoReserve + tao),
  }),
}

const subnetArb = fc.record({
  price: fc.bigInt({ min: 0n, max: 1n << 33n }),
  burned: fc.bigInt({ min: 0n, max: 1n << 32n }),
  tao: fc.bigInt({ min: 10n ** 9n, max: 10n ** 16n }),
  alphaIn: fc.bigInt({ min: 10n ** 9n, max: 10n ** 16n }),
  alphaOut: fc.bigInt({ min: 0n, max: 2n * 10n ** 16n }),
  enabled: fc.boolean(),
  cutEnabled: fc.boolean(),
})

describe('one block of the coinbase', () => {
  test.prop(
    [
      fc.array(subnetArb, { minLength: 0, maxLength: 12 }),
      fc.bigInt({ min: 0n, max: 21n * 10n ** 15n }),
      fc.bigInt({ min: 0n, max: 10n ** 16n }),
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
    ],
    { numRuns: 60 },
  )(
    'TAO: minted = injected + chain-bought + recycled; alpha: created = owner + miners + validators + root + recycled + dust',
    (xs, ti, root, weight) => {
      const subnets: CoinbaseSubnet[] = xs.map((x, i) => ({
        netuid: i + 1,
        mechanism: 1,
        movingPrice: x.price,
        minerBurned: x.burned,
        firstEmissionBlock: 1n,
        subtokenEnabled: true,
        registrationAllowed: true,
        emissionEnabled: x.enabled,
        ownerCutEnabled: x.cutEnabled,
        subnetTao: x.tao,
        alphaIn: x.alphaIn,
        alphaOut: x.alphaOut,
        tempo: 60_000,
        lastEpochBlock: 100n,
        pendingEpochAt: 0n,
        blocksSinceLastStep: 0n,
        epochIndex: 0n,
        pendingServer: 0n,
        pendingValidator: 0n,
        pendingRoot: 0n,
        pendingOwnerCut: 0n,
      }))
      const r = runCoinbase(
        { block: 101n, totalIssuance: ti, rootSubnetTao: root, taoWeight: weight, subnets },
        { pool },
      )
      const minted = r.intermediates.blockEmission
      let spent = 0n
      for (const s of r.state.subnets) spent += (s.taoInEmission ?? 0n) + (s.excessTao ?? 0n)
      expect(spent + r.recycledTao).toBe(minted)
      expect(r.state.totalIssuance).toBe(ti + spent)
      // The recycled TAO is flooring dust: at most 2 rao per emitting subnet, plus everything when no subnet is enabled.
      const enabled = xs.some((x) => x.enabled)
      if (
        enabled &&
        r.intermediates.shares.size > 0 &&
        [...r.intermediates.subnetTaoEmission.values()].some((v) => v > 0n)
      )
        expect(r.recycledTao <= BigInt(2 * xs.length + 1)).toBe(true)
      for (const [i, s] of r.state.subnets.entries()) {
        const x = xs[i] as (typeof xs)[number]
        const created = s.alphaOutEmission ?? 0n
        const owner = s.pendingOwnerCut
        const pending = s.pendingServer + s.pendingValidator + s.pendingRoot
        const recycledRoot = x.alphaOut + created + (s.protocolAlpha ?? 0n) - s.alphaOut
        const dust = created - owner - pending - recycledRoot
        expect(dust >= 0n && dust <= 3n).toBe(true)
      }
    },
  )
})
