import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { type SubnetShareInput, subnetBlockEmissions, subnetShares } from './shares.js'

const subnetArb = fc.record({
  mechanism: fc.constantFrom(0, 1),
  movingPrice: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1n << 40n })),
  minerBurned: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 2n << 32n })),
  emissionEnabled: fc.boolean(),
})

const subnetsArb = fc.array(subnetArb, { minLength: 1, maxLength: 40 }).map((xs) =>
  xs.map(
    (x, i): SubnetShareInput => ({
      ...x,
      netuid: i + 1,
      firstEmissionBlock: 1n,
      subtokenEnabled: true,
      registrationAllowed: true,
    }),
  ),
)

describe('share properties', () => {
  test.prop([subnetsArb])(
    'shares sum to 1 (within n ulps, never above) or are all 0',
    (subnets) => {
      const shares = [...subnetShares(subnets).values()]
      const sum = shares.reduce((a, b) => a + b, 0n)
      const one = 1n << 64n
      if (sum !== 0n) {
        expect(sum <= one).toBe(true)
        expect(one - sum <= BigInt(2 * shares.length)).toBe(true)
      } else expect(shares.every((s) => s === 0n)).toBe(true)
    },
  )

  test.prop([subnetsArb, fc.bigInt({ min: 0n, max: 10n ** 9n })])(
    'TAO emissions never exceed the credit; disabled subnets get 0',
    (subnets, e) => {
      const t = subnetBlockEmissions(subnets, e)
      const total = [...t.values()].reduce((a, b) => a + b, 0n)
      expect(total <= e << 32n).toBe(true)
      for (const s of subnets) if (s.emissionEnabled === false) expect(t.get(s.netuid)).toBe(0n)
    },
  )
})
