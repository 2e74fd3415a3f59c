import { isDtaoError } from '@dtao/errors'
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import type { ConstantProductPool } from './pool.js'
import { quoteSwapCp, simSwapAlphaForTaoCp, simSwapTaoForAlphaCp } from './swap.js'

// Up to the 21 M α supply cap (2.1·10¹⁶ rao) on both sides. Beyond ~2^109 for x·y the I110F18
// product saturates and the chain overpays (see the 'saturating k' unit test).
const reserve = fc.bigInt({ min: 10n ** 7n, max: 21n * 10n ** 15n })
const amount = fc.bigInt({ min: 1n, max: 10n ** 15n })
const spec = fc.constantFrom(233, 274)
const pool = fc.record({ tao: reserve, alpha: reserve }).map(
  ({ tao, alpha }): ConstantProductPool => ({
    era: 'constantProduct',
    netuid: 1,
    mechanism: 1,
    taoReserve: tao,
    alphaReserve: alpha,
    alphaOutstanding: 0n,
  }),
)

describe('constant-product invariants', () => {
  test.prop([pool, spec, amount, amount])('buy output is monotone in the input', (p, s, a, d) => {
    const small = simSwapTaoForAlphaCp(p, a, { specVersion: s })
    const large = simSwapTaoForAlphaCp(p, a + d, { specVersion: s })
    if (small === undefined || large === undefined) return
    expect(large >= small).toBe(true)
  })

  test.prop([pool, spec, amount, amount])('sell output is monotone in the input', (p, s, a, d) => {
    const small = simSwapAlphaForTaoCp(p, a, { specVersion: s })
    const large = simSwapAlphaForTaoCp(p, a + d, { specVersion: s })
    if (small === undefined || large === undefined) return
    expect(large >= small).toBe(true)
  })

  test.prop([pool, spec, amount, fc.constantFrom(0n, 50_000n)])(
    'staking then unstaking never returns more TAO',
    (p, s, tao, fee) => {
      try {
        const bought = quoteSwapCp(p, { side: 'buy', amount: tao, fee }, { specVersion: s })
        const sold = quoteSwapCp(
          bought.poolAfter,
          { side: 'sell', amount: bought.amountOut, fee },
          { specVersion: s },
        )
        expect(sold.amountOut <= tao).toBe(true)
      } catch (e) {
        if (!isDtaoError(e)) throw e
      }
    },
  )
})
