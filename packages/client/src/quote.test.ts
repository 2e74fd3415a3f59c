import { afterEach, describe, expect, test } from 'vitest'
import { type ChainClient, closeClient, createClient } from './chainClient.js'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import {
  leHex,
  loadRecording,
  recordedBuilder,
  type SyntheticChain,
  startTestNode,
  syntheticHandler,
  type TestNode,
  v3PoolStorage,
} from './internal/testNode.js'
import { poolPriceRao, quote } from './quote.js'

// The embedded pool: subnet 1 at finney block 6,852,690 (spec 343), reserves quoted from the
// recording: y = 22 079 400 556 774 rao, x = 2 316 467 425 363 654 alpha rao, fee rate 33/65535,
// one full-range V3 position with L = ⌊√(x·y)⌋, so a swap that crosses no tick is the constant
// product x·y = L² up to the U64F64 truncations of √P (a second, closed-form implementation).
const x = 2_316_467_425_363_654n
const y = 22_079_400_556_774n

describe('quote (embedded snapshot, V3 era)', () => {
  test('buy 1.5 TAO: fee ⌊1.5e9·33/65535⌋ = 755321, out within 2 rao of x·Δ/(y+Δ)', async () => {
    const q = await quote(embeddedSnapshot(), { netuid: 1, side: 'buy', amount: 1_500_000_000n })
    expect(q.fee).toBe(755_321n)
    expect(q.amountPaidIn).toBe(1_500_000_000n - 755_321n)
    const delta = 1_500_000_000n - 755_321n
    const closedForm = (x * delta) / (y + delta) // 157283058787
    expect(closedForm - q.amountOut).toBeGreaterThanOrEqual(0n) // the pool rounds against the trader
    expect(closedForm - q.amountOut).toBeLessThanOrEqual(2n)
    expect(q.era).toBe('v3')
    expect(q.provenance).toMatchObject({ block: 6_852_690, specVersion: 343 })
  })

  test('sell 100 alpha: fee ⌊1e11·33/65535⌋ = 50354772, out within 2 rao of y·Δ/(x+Δ)', async () => {
    const q = await quote(embeddedSnapshot(), { netuid: 1, side: 'sell', amount: 100_000_000_000n })
    expect(q.fee).toBe(50_354_772n)
    const delta = 100_000_000_000n - 50_354_772n
    const closedForm = (y * delta) / (x + delta) // 952628564
    expect(closedForm - q.amountOut).toBeGreaterThanOrEqual(0n)
    expect(closedForm - q.amountOut).toBeLessThanOrEqual(2n)
  })

  test('spot price: √P² ≤ y/x, so ≤ ⌊y·1e9/x⌋ = 9531496 rao and within 1 rao of it', () => {
    const p = poolPriceRao(
      embeddedSnapshot().pools[0] as NonNullable<ReturnType<typeof embeddedSnapshot>['pools'][0]>,
    )
    expect(9_531_496n - p).toBeGreaterThanOrEqual(0n)
    expect(9_531_496n - p).toBeLessThanOrEqual(1n)
  })

  test('tolerance 0.5 %: min out = ⌊out·0.995⌋, limit = ⌈spot·1.005⌉ (buy) / ⌊spot·0.995⌋ (sell)', async () => {
    const buy = await quote(embeddedSnapshot(), {
      netuid: 1,
      side: 'buy',
      amount: 10n ** 9n,
      tolerance: '0.005',
    })
    expect(buy.minAmountOut).toBe((buy.amountOut * 995n) / 1000n)
    expect(buy.limitPriceRao).toBe((buy.spotPriceRao * 1005n + 999n) / 1000n)
    const sell = await quote(embeddedSnapshot(), {
      netuid: 1,
      side: 'sell',
      amount: 10n ** 9n,
      tolerance: '0.005',
    })
    expect(sell.limitPriceRao).toBe((sell.spotPriceRao * 995n) / 1000n)
  })

  test('bad options are typed errors', async () => {
    const snap = embeddedSnapshot()
    await expect(
      quote(snap, { netuid: 1, side: 'buy', amount: 1n, tolerance: '1.5' }),
    ).rejects.toMatchObject({
      name: 'Client.InvalidQuoteOptionsError',
    })
    await expect(
      quote(snap, { netuid: 1, side: 'buy', amount: 1n, verify: true }),
    ).rejects.toMatchObject({
      name: 'Client.InvalidQuoteOptionsError',
    })
    await expect(quote(snap, { netuid: 7, side: 'buy', amount: 1n })).rejects.toMatchObject({
      name: 'Client.SnapshotMissingError',
    })
    await expect(
      quote(snap, { netuid: 1, side: 'buy', amount: 1n, block: 5 }),
    ).rejects.toMatchObject({
      name: 'Client.SnapshotBlockMismatchError',
    })
  })
})

const recording = loadRecording()
describe.skipIf(recording === undefined)(
  'quote with verify (a local node, spec-343 metadata)',
  () => {
    const rec = recording as NonNullable<typeof recording>
    const open: { node: TestNode; client: ChainClient }[] = []
    afterEach(async () => {
      for (const { node, client } of open.splice(0)) {
        closeClient(client)
        await node.close()
      }
    })
    // The node's storage holds the embedded pool's state, encoded with the chain's codecs.
    const chain = (): SyntheticChain => {
      const pool = embeddedSnapshot().pools[0]
      if (pool === undefined) throw new Error('no pool')
      return {
        spec: 343,
        block: 6_852_690,
        storage: v3PoolStorage(recordedBuilder(rec), pool),
        calls: new Map(),
      }
    }
    test('constant-product block (spec 274): flat 50 000 rao fee, out within 1 rao of x·Δ/(y+Δ)', async () => {
      const pool = embeddedSnapshot().pools[0]
      if (pool === undefined) throw new Error('no pool')
      const c = { ...chain(), spec: 274 }
      const node = await startTestNode(syntheticHandler(c, rec))
      const client = createClient(node.url, { timeout: 5_000 })
      open.push({ node, client })
      const q = await quote(client, { netuid: 1, side: 'buy', amount: 10n ** 9n })
      expect(q.era).toBe('constantProduct')
      expect(q.fee).toBe(50_000n) // DefaultStakingFee (amm.md §1.2, spec 233–282)
      const delta = 10n ** 9n - 50_000n
      const closedForm = (x * delta) / (y + delta) // amm.md §3.2: ⌊x·Δ/(y+Δ)⌋ or one rao more
      expect(q.amountOut - closedForm).toBeGreaterThanOrEqual(0n)
      expect(q.amountOut - closedForm).toBeLessThanOrEqual(1n)
      expect(q.spotPriceRao).toBe((y * 10n ** 9n) / x) // y/x in U96F32, × 10⁹, truncated: within the 2⁻³² grid
    })

    const simResult = (fields: readonly bigint[]): string =>
      `0x${fields.map((f) => leHex(f, 8).slice(2)).join('')}`

    test('the pool read back from the node equals the one written (ticks included)', async () => {
      const c = chain()
      const node = await startTestNode(syntheticHandler(c, rec))
      const client = createClient(node.url, { timeout: 5_000 })
      open.push({ node, client })
      const local = await quote(embeddedSnapshot(), { netuid: 1, side: 'buy', amount: 10n ** 9n })
      const remote = await quote(client, { netuid: 1, side: 'buy', amount: 10n ** 9n })
      expect([remote.amountOut, remote.fee, remote.amountPaidIn]).toEqual([
        local.amountOut,
        local.fee,
        local.amountPaidIn,
      ])
    })

    test("verify: the node's sim_swap equal to the rao passes; one rao off throws QuoteMismatchError", async () => {
      const c = chain()
      const node = await startTestNode(syntheticHandler(c, rec))
      const client = createClient(node.url, { timeout: 5_000 })
      open.push({ node, client })
      const q = await quote(client, { netuid: 1, side: 'buy', amount: 10n ** 9n })
      c.calls.set(
        'SwapRuntimeApi_sim_swap_tao_for_alpha',
        simResult([q.amountPaidIn, q.amountOut, q.fee, 0n]),
      )
      const verified = await quote(client, {
        netuid: 1,
        side: 'buy',
        amount: 10n ** 9n,
        verify: true,
      })
      expect(verified.verified?.alphaAmount).toBe(q.amountOut)
      c.calls.set(
        'SwapRuntimeApi_sim_swap_tao_for_alpha',
        simResult([q.amountPaidIn, q.amountOut + 1n, q.fee, 0n]),
      )
      await expect(
        quote(client, { netuid: 1, side: 'buy', amount: 10n ** 9n, verify: true }),
      ).rejects.toMatchObject({
        name: 'Client.QuoteMismatchError',
        node: { out: q.amountOut + 1n },
        local: { out: q.amountOut },
      })
      c.calls.set('SwapRuntimeApi_sim_swap_tao_for_alpha', `0x${'00'.repeat(32)}`)
      await expect(
        quote(client, { netuid: 1, side: 'buy', amount: 10n ** 9n, verify: true }),
      ).rejects.toMatchObject({
        name: 'Client.SimSwapFailedError',
      })
    })
  },
)
