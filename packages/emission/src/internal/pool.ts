import {
  balancerPool,
  calculatePrice,
  DEFAULT_QUOTE_WEIGHT,
  swapTaoForAlpha,
  updateWeightsForAddedLiquidity,
} from '@dtao/amm'
import { isDtaoError } from '@dtao/errors'
import { taoBalance } from '@dtao/fixed'
import type { CoinbasePool, PoolView } from '../coinbase.js'

type Quote = Parameters<typeof updateWeightsForAddedLiquidity>[0]

const swapErrors: ReadonlySet<string> = new Set([
  'Amm.SwapInputTooLargeError',
  'Amm.ReservesTooLowError',
  'Amm.PriceLimitExceededError',
  'Amm.InsufficientLiquidityError',
])

function toPool(p: PoolView) {
  return balancerPool({
    netuid: p.netuid,
    mechanism: p.mechanism,
    taoReserve: p.taoReserve,
    alphaReserve: p.alphaReserve,
    quoteWeight: p.quoteParts,
    initialized: p.initialized,
  })
}

/** The coinbase's pool calls, delegated to `@dtao/amm` (the only place emission touches pool math). */
export const defaultCoinbasePool: CoinbasePool = {
  // current_price: the Balancer price on the stored weight, with no weight-bounds check (as on chain).
  spotPrice: (p) =>
    p.mechanism !== 1
      ? 1n << 64n
      : p.alphaReserve === 0n
        ? 0n
        : calculatePrice(p.quoteParts as Quote, p.alphaReserve, p.taoReserve),
  addLiquidity: (p, tao, alpha) => {
    const r = updateWeightsForAddedLiquidity(p.quoteParts as Quote, {
      taoReserve: p.taoReserve,
      alphaReserve: p.alphaReserve,
      taoDelta: tao,
      alphaDelta: alpha,
    })
    return { accepted: r.ok, quoteParts: r.quoteParts }
  },
  buyAlpha: (p, tao) => {
    try {
      const r = swapTaoForAlpha(toPool(p), taoBalance(tao), { dropFees: true })
      return {
        ok: true,
        paidIn: r.amountPaidIn,
        paidOut: r.amountPaidOut,
        quoteParts: p.initialized ? p.quoteParts : DEFAULT_QUOTE_WEIGHT,
        initialized: true,
      }
    } catch (e) {
      // The swap's own failures (the chain's Err) leave the TAO unswapped; anything else is a bug.
      if (!isDtaoError(e) || !swapErrors.has(e.name)) throw e
      // do_swap commits the lazy initialisation only with InsufficientLiquidity.
      const committed = e.name === 'Amm.InsufficientLiquidityError'
      return {
        ok: false,
        error: e.name,
        ...(committed && !p.initialized
          ? { quoteParts: DEFAULT_QUOTE_WEIGHT, initialized: true }
          : {}),
      }
    }
  },
}
