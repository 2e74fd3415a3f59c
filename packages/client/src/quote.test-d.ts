import type { AlphaBalance, TaoBalance } from '@dtao/fixed'
import { expectTypeOf, test } from 'vitest'
import type { ChainClient } from './chainClient.js'
import type { PoolState } from './pool.js'
import { type Quote, quote } from './quote.js'
import type { Snapshot, Source } from './snapshotLookup.js'

test('a source is a node client or a snapshot', () => {
  expectTypeOf<ChainClient>().toMatchTypeOf<Source>()
  expectTypeOf<Snapshot>().toMatchTypeOf<Source>()
  expectTypeOf(quote).returns.resolves.toEqualTypeOf<Quote>()
})

test('amounts are bigint rao; reserves keep their unit brand', () => {
  const snap = {} as Snapshot
  // @ts-expect-error amounts are bigint rao, never a float
  void quote(snap, { netuid: 1, side: 'buy', amount: 1.5 })
  // @ts-expect-error the side is 'buy' or 'sell'
  void quote(snap, { netuid: 1, side: 'stake', amount: 1n })
  expectTypeOf<PoolState['taoReserve']>().toEqualTypeOf<TaoBalance>()
  expectTypeOf<PoolState['alphaReserve']>().toEqualTypeOf<AlphaBalance>()
  expectTypeOf<PoolState['taoReserve']>().not.toEqualTypeOf<AlphaBalance>()
})
