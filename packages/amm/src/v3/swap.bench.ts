import { U64F64 } from '@dtao/fixed'
import { bench, describe } from 'vitest'
import { simSwapTaoForAlphaCp } from '../constantProduct/swap.js'
import { maybeInitializeV3 } from './initialize.js'
import type { V3Pool } from './pool.js'
import { swapV3 } from './swap.js'
import { sqrtPriceToTick } from './tickMath.js'

// amm.md §4.7 pool A: y = 50 000 TAO, x = 2 000 000 α.
const pool: V3Pool = maybeInitializeV3({
  era: 'v3',
  netuid: 1,
  mechanism: 1,
  feeRate: 33,
  taoReserve: 50_000_000_000_000n,
  alphaReserve: 2_000_000_000_000_000n,
  initialized: false,
  sqrtPrice: U64F64.ZERO,
  currentTick: 0,
  currentLiquidity: 0n,
  ticks: [],
  protocolPosition: undefined,
})

describe('V3 swap quote (one step, full-range protocol position)', () => {
  bench('swapV3 buy 10 TAO', () => {
    swapV3(pool, { side: 'buy', amount: 10_000_000_000n, shouldRollback: true })
  })
  bench('swapV3 sell 1000 α', () => {
    swapV3(pool, { side: 'sell', amount: 1_000_000_000_000n, shouldRollback: true })
  })
  bench('sqrtPriceToTick', () => {
    sqrtPriceToTick(pool.sqrtPrice)
  })
})

describe('constant-product quote', () => {
  const cp = {
    era: 'constantProduct',
    netuid: 1,
    mechanism: 1,
    taoReserve: 50_000_000_000_000n,
    alphaReserve: 2_000_000_000_000_000n,
    alphaOutstanding: 0n,
  } as const
  bench('simSwapTaoForAlphaCp 10 TAO', () => {
    simSwapTaoForAlphaCp(cp, 10_000_000_000n)
  })
})
