import { balancerPool, quoteBuy } from '@dtao/amm'
import { embeddedSnapshot, getPoolState, poolPriceRao, quote } from '@dtao/client'
import { alphaBalance, formatAlpha, formatTao, parseTao, taoBalance } from '@dtao/fixed'

/** Lines of the pool part of the tour: a real subnet-1 pool, priced and quoted as the chain would. */
export async function poolTour(): Promise<string[]> {
  const snap = embeddedSnapshot() // quoted from recorded finney traffic, with provenance
  const pool = await getPoolState(snap, { netuid: 1 })
  const p = pool.provenance
  const amount = parseTao('1.5')
  const q = await quote(snap, { netuid: 1, side: 'buy', amount, tolerance: '0.005' })
  // The same reserves as a Balancer pool (spec ≥ 423), with the weight the chain's own
  // migrate_swapv3_to_balancer would set — derived, and labelled so.
  const balancer = balancerPool({
    netuid: 1,
    taoReserve: pool.taoReserve,
    alphaReserve: pool.alphaReserve,
    ...(pool.quoteWeight !== undefined ? { quoteWeight: pool.quoteWeight } : {}),
    ...(pool.feeRate !== undefined ? { feeRate: pool.feeRate } : {}),
  })
  const b = quoteBuy(balancer, amount)
  return [
    '── @dtao/amm + @dtao/client: a real pool, quoted to the rao',
    `  subnet 1 at block ${p.block} (spec ${p.specVersion}, ${pool.era} era) — ${p.source}`,
    `  reserves: ${formatTao(pool.taoReserve)} TAO / ${formatAlpha(pool.alphaReserve)} alpha (recorded)`,
    `  spot price: ${formatTao(taoBalance(poolPriceRao(pool)))} TAO per alpha`,
    `  buy 1.5 TAO: ${formatAlpha(alphaBalance(q.amountOut))} alpha out, fee ${formatTao(taoBalance(q.fee))} TAO`,
    `  0.5 % tolerance: min out ${formatAlpha(alphaBalance(q.minAmountOut ?? 0n))} alpha; add_stake_limit limit_price = ${q.limitPriceRao} rao per alpha`,
    `  same reserves after the spec-423 migration (derived weight ${pool.quoteWeight} parts): ${formatAlpha(b.amountOut)} alpha, fee ${formatTao(b.fee)} TAO`,
  ]
}
