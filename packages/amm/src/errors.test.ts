import { isDtaoError } from '@dtao/errors'
import { alphaBalance, taoBalance } from '@dtao/fixed'
import { describe, expect, test } from 'vitest'
import { type BalancerPool, balancerPool } from './pool.js'
import { currentAlphaPrice } from './price.js'
import { quoteBuyExactOut } from './quote.js'
import { limitPriceForBuy, minimumOut } from './slippage.js'
import { addStake } from './staking.js'
import { swapTaoForAlpha } from './swap.js'

/** The error examples of errors.ts, executed. */
function nameOf(f: () => unknown): string | undefined {
  try {
    f()
  } catch (e) {
    return isDtaoError(e) ? e.name : `non-dtao: ${String(e)}`
  }
  return undefined
}

describe('error examples', () => {
  const p = (tao: bigint, alpha: bigint): BalancerPool =>
    balancerPool({ netuid: 1, taoReserve: tao, alphaReserve: alpha })
  test.each<[string, () => unknown]>([
    [
      'Amm.SwapInputTooLargeError',
      () => swapTaoForAlpha(p(10n ** 6n, 10n ** 9n), taoBalance(10n ** 10n)),
    ],
    [
      'Amm.ReservesTooLowError',
      () => swapTaoForAlpha(p(10n ** 12n, 999_999n), taoBalance(10n ** 9n)),
    ],
    [
      'Amm.PriceLimitExceededError',
      () => {
        const pool = p(10n ** 9n, 4n * 10n ** 9n)
        swapTaoForAlpha(pool, taoBalance(10n ** 6n), { limitPriceRao: currentAlphaPrice(pool) })
      },
    ],
    [
      'Amm.InsufficientLiquidityError',
      () => addStake(p(10n ** 6n, 10n ** 9n), taoBalance(2n * 10n ** 9n)),
    ],
    ['Amm.AmountTooLowError', () => addStake(p(10n ** 12n, 10n ** 12n), taoBalance(2_000_000n))],
    [
      'Amm.SlippageTooHighError',
      () => {
        const pool = p(10n ** 9n, 10n ** 9n)
        addStake(pool, taoBalance(10n ** 9n), { limitPriceRao: limitPriceForBuy(pool, 50) })
      },
    ],
    [
      'Amm.InsufficientBalanceError',
      () =>
        addStake(p(10n ** 12n, 10n ** 12n), taoBalance(10n ** 9n), { freeBalance: taoBalance(1n) }),
    ],
    ['Amm.InvalidArgumentError', () => minimumOut(1000n, 0.5)],
    [
      'Amm.ExactOutUnreachableError',
      () => quoteBuyExactOut(p(10n ** 9n, 4n * 10n ** 9n), alphaBalance(4n * 10n ** 9n)),
    ],
    [
      'Amm.InvalidPoolError',
      () =>
        balancerPool({
          netuid: 1,
          taoReserve: 10n ** 12n,
          alphaReserve: 10n ** 12n,
          quoteWeight: 5n * 10n ** 15n,
        }),
    ],
  ] as const)('%s', (name, f) => {
    expect(nameOf(f)).toBe(name)
  })
})
