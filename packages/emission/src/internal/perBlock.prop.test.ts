import { U96F32 } from '@dtao/fixed'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { rootProportion, taoWeight } from '../rootProportion.js'
import { alphaOutSplit, ownerCutFraction } from '../split.js'
import { subnetTerms } from '../subnetTerms.js'
import { perBlockParts } from './perBlock.js'

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })

describe('perBlockParts (raw bits) equals the exported chain functions', () => {
  test.prop(
    [
      fc.bigInt({ min: 0n, max: (10n ** 9n) << 32n }),
      fc.oneof(
        fc.constantFrom(0n, 10n ** 9n, 5n * 10n ** 8n),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
      ),
      fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 1n << 70n })),
      fc.bigInt({ min: 0n, max: 10n ** 17n }),
      u64,
      u64,
      fc.integer({ min: 0, max: 65535 }),
      fc.boolean(),
      fc.boolean(),
    ],
    { numRuns: 300 },
  )('for any state', (tau, a, spot, rootTao, rawWeight, issuance, cut, cutEnabled, rootSell) => {
    const w = taoWeight(rawWeight)
    const weighted = U96F32.saturatingMul(U96F32.fromNum(rootTao), w)
    const got = perBlockParts({
      tau,
      alphaEmission: a,
      spot,
      weighted,
      issuance,
      kappa: cutEnabled ? ownerCutFraction(cut) : 0n,
      rootSell,
    })
    const rp = rootProportion({ rootSubnetTao: rootTao, taoWeight: w, alphaIssuance: issuance })
    const t = subnetTerms({
      taoEmission: tau,
      alphaEmission: a,
      spotPrice: spot,
      rootProportion: rp,
    })
    const aIn = U96F32.saturatingToNum(t.alphaIn, 'u64')
    const post = issuance + aIn + a
    const rpPost = rootProportion({
      rootSubnetTao: rootTao,
      taoWeight: w,
      alphaIssuance: post > (1n << 64n) - 1n ? (1n << 64n) - 1n : post,
    })
    const s = alphaOutSplit({
      alphaOut: t.alphaOut,
      rootProportion: rpPost,
      rootSell,
      ownerCut: cut,
      ownerCutEnabled: cutEnabled,
    })
    expect(got).toEqual({
      taoIn: U96F32.saturatingToNum(t.taoIn, 'u64'),
      excess: U96F32.saturatingToNum(t.excessTao, 'u64'),
      alphaIn: aIn,
      created: s.created,
      owner: s.ownerCut,
      server: s.server,
      validator: s.validator,
      root: s.root,
      rootRecycled: s.rootRecycled,
      dust: s.dust,
      dIss: aIn + s.created - s.rootRecycled,
    })
  })
})
