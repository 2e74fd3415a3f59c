import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { blockEmissionForIssuance } from './blockEmission.js'

const supply = 21_000_000_000_000_000n

// Second implementation: the exact rational rule of spec §1.1 (k = largest n with 2ⁿ(TS − I) ≤ TS).
function closedForm(i: bigint): bigint {
  if (i >= supply) return 0n
  let k = 0n
  while ((supply - i) << (k + 1n) <= supply) k++
  return (10n ** 9n) >> k
}

describe('blockEmissionForIssuance properties', () => {
  test.prop([fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })])(
    'equals the exact rational closed form',
    (i) => {
      expect(blockEmissionForIssuance(i)).toBe(closedForm(i))
    },
  )

  test.prop([fc.bigInt({ min: 0n, max: supply + 10n }), fc.bigInt({ min: 0n, max: 10n ** 16n })])(
    'never increases with issuance',
    (i, d) => {
      expect(blockEmissionForIssuance(i + d) <= blockEmissionForIssuance(i)).toBe(true)
    },
  )
})
