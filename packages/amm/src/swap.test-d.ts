import { type AlphaBalance, alphaBalance, type TaoBalance, taoBalance } from '@dtao/fixed'
import { expectTypeOf, test } from 'vitest'
import { balancerPool } from './pool.js'
import { quoteBuy, quoteSell, type SwapQuote } from './quote.js'
import { addStake, removeStake } from './staking.js'
import { swapAlphaForTao, swapTaoForAlpha } from './swap.js'

const pool = balancerPool({ netuid: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 12n })
const tao = taoBalance(1_000n)
const alpha = alphaBalance(1_000n)

test('TAO and alpha brands do not mix', () => {
  expectTypeOf(quoteBuy(pool, tao)).toEqualTypeOf<SwapQuote<TaoBalance, AlphaBalance>>()
  expectTypeOf(quoteSell(pool, alpha).amountOut).toEqualTypeOf<TaoBalance>()
  expectTypeOf(swapTaoForAlpha(pool, tao).amountPaidOut).toEqualTypeOf<AlphaBalance>()
  expectTypeOf(swapAlphaForTao(pool, alpha).feePaid).toEqualTypeOf<AlphaBalance>()
  // @ts-expect-error a TAO brand where alpha is expected
  quoteSell(pool, tao)
  // @ts-expect-error an alpha brand where TAO is expected
  quoteBuy(pool, alpha)
  // @ts-expect-error a plain bigint is not a balance
  swapTaoForAlpha(pool, 1_000n)
  // @ts-expect-error alpha staked is not TAO
  addStake(pool, alpha)
  // @ts-expect-error TAO is not alpha to unstake
  removeStake(pool, tao)
})

test('pools are immutable data', () => {
  // @ts-expect-error readonly
  pool.taoReserve = tao
  expectTypeOf(pool.era).toEqualTypeOf<'balancer'>()
})
