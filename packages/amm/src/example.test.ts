// The README's wallet example, executed. Expected values: amm.md §4.7 "cross-design comparison"
// (an independent exact-integer port of the chain: y = 1 000 TAO, x = 4 000 α, w = ½, buy 10 TAO
// → 39 584 215 264 α; sell 40 α → 9 896 053 816 rao), and hand arithmetic for the rest.
import { expect, test } from 'vitest'

test('README wallet example', async () => {
  // --- README example start ---
  const { balancerPool, currentAlphaPrice, limitPriceForBuy, minimumOut, quoteBuy, quoteSell } =
    await import('@dtao/amm')
  const { formatAlpha, parseAlpha, parseTao } = await import('@dtao/fixed')

  // Six storage reads: SubnetTAO, SubnetAlphaIn, SwapBalancer, PalSwapInitialized, FeeRate, SubnetMechanism
  const pool = balancerPool({
    netuid: 7,
    taoReserve: parseTao('1000'),
    alphaReserve: parseAlpha('4000'),
    quoteWeight: 500_000_000_000_000_000n, // Perquintill parts (0.5)
    feeRate: 33,
  })

  const price = currentAlphaPrice(pool) // 250000000n rao per alpha (0.25 TAO), = runtime API
  const quote = quoteBuy(pool, parseTao('10')) // stake 10 TAO
  const out = formatAlpha(quote.amountOut) // '39.584215264' alpha
  const minOut = minimumOut(quote.amountOut, 50) // 0.5 % → 39386294187n
  const limitPrice = limitPriceForBuy(pool, 50) // 251250000n: pass as add_stake_limit's limit_price
  const sell = quoteSell(pool, parseAlpha('40')).amountOut // 9896053816n rao
  // --- README example end ---

  expect(price).toBe(250_000_000n)
  expect(quote.amountOut).toBe(39_584_215_264n)
  expect(out).toBe('39.584215264')
  expect(quote.fee).toBe(5_035_477n) // ⌊10¹⁰·⌊33·2⁶⁴/65535⌋/2⁶⁴⌋ (amm.md §4.1, 10¹⁰ buy)
  expect(minOut).toBe(39_386_294_187n) // ⌊39584215264·9950/10000⌋
  expect(limitPrice).toBe(251_250_000n) // 0.25·1.005·10⁹
  expect(sell).toBe(9_896_053_816n)
})
