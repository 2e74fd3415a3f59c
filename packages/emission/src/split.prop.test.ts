import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { alphaOutSplit } from './split.js'

describe('alphaOutSplit properties', () => {
  test.prop([
    fc.bigInt({ min: 0n, max: (10n ** 9n) << 32n }), // alpha_out up to 1 α, any fractional bits
    fc.bigInt({ min: 0n, max: 1n << 32n }), // ρ in [0, 1]
    fc.boolean(),
    fc.integer({ min: 0, max: 65535 }),
    fc.boolean(),
  ])(
    'owner + miners + validators + root + recycled + dust = created, with 0 ≤ dust ≤ 3',
    (alphaOut, rho, rootSell, ownerCut, ownerCutEnabled) => {
      const s = alphaOutSplit({
        alphaOut,
        rootProportion: rho,
        rootSell,
        ownerCut,
        ownerCutEnabled,
      })
      expect(s.created).toBe(alphaOut >> 32n)
      expect(s.ownerCut + s.server + s.validator + s.root + s.rootRecycled + s.dust).toBe(s.created)
      // Four floors of parts that sum to at most A: the shortfall is below 4 rao.
      expect(s.dust >= 0n && s.dust <= 3n).toBe(true)
      expect(rootSell ? s.rootRecycled : s.root).toBe(0n)
    },
  )
})
