// Fault tests against local misbehaving nodes (127.0.0.1, ephemeral ports only).
import { isDtaoError } from '@dtao/errors'
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders'
import { Bytes, decAnyMetadata, Option, unifyMetadata } from '@polkadot-api/substrate-bindings'
import { afterEach, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { type ChainClient, closeClient, createClient, getSpecVersion } from './chainClient.js'
import {
  leHex,
  loadRecording,
  type NodeHandler,
  type SyntheticChain,
  startTestNode,
  syntheticHandler,
  type TestNode,
} from './internal/testNode.js'
import { getPoolState } from './pool.js'
import { simSwap } from './simSwap.js'

const recording = loadRecording()
if (recording === undefined)
  process.stderr.write('SKIPPING metadata-based fault tests: ../shared/data is absent\n')

const open: { node?: TestNode; client: ChainClient }[] = []
afterEach(async () => {
  for (const { node, client } of open.splice(0)) {
    closeClient(client)
    await node?.close()
  }
})
const connect = async (
  handler: NodeHandler,
  timeout = 2_000,
): Promise<{ node: TestNode; client: ChainClient }> => {
  const node = await startTestNode(handler)
  const client = createClient(node.url, { timeout, connectTimeout: 1_000 })
  open.push({ node, client })
  return { node, client }
}
const errorName = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
    return 'resolved'
  } catch (e) {
    expect(isDtaoError(e)).toBe(true)
    return (e as Error).name
  }
}

describe('transport faults', () => {
  test('connection refused → Client.RpcConnectionError', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((r) => server.once('listening', () => r()))
    const { port } = server.address() as { port: number }
    await new Promise<void>((r) => server.close(() => r()))
    const client = createClient(`ws://127.0.0.1:${port}`, { timeout: 3_000, connectTimeout: 1_000 })
    open.push({ client })
    expect(await errorName(client.rpc.request('chain_getBlockHash', []))).toBe(
      'Client.RpcConnectionError',
    )
  })

  test('socket dropped mid-request → Client.RpcConnectionError', async () => {
    const { client } = await connect(() => ({ drop: true }))
    expect(await errorName(client.rpc.request('chain_getBlockHash', []))).toBe(
      'Client.RpcConnectionError',
    )
  })

  test('no answer → Client.RpcTimeoutError', async () => {
    const { client } = await connect(() => ({ silence: true }), 300)
    expect(await errorName(client.rpc.request('chain_getBlockHash', []))).toBe(
      'Client.RpcTimeoutError',
    )
  })

  test('malformed JSON frame → Client.MalformedResponseError', async () => {
    const { client } = await connect(() => ({ raw: '{"jsonrpc":"2.0","id":1,"result":' }))
    expect(await errorName(client.rpc.request('chain_getBlockHash', []))).toBe(
      'Client.MalformedResponseError',
    )
  })

  test('JSON-RPC error object → Client.RpcResponseError with the code', async () => {
    const { client } = await connect(() => ({
      error: { code: -32601, message: 'Method not found' },
    }))
    const e = await client.rpc.request('nope', []).catch((x: unknown) => x)
    expect(e).toMatchObject({ name: 'Client.RpcResponseError', code: -32601, method: 'nope' })
  })

  test('a bad URL → Client.InvalidUrlError, synchronously', () => {
    expect(() => createClient('http://127.0.0.1:1')).toThrow(/ws:\/\/host:port/)
  })

  test('a header that is not a header → Client.MalformedResponseError', async () => {
    const { client } = await connect(({ method }) =>
      method === 'chain_getBlockHash'
        ? { result: `0x${'11'.repeat(32)}` }
        : { result: { number: 12 } },
    )
    expect(await errorName(getSpecVersion(client))).toBe('Client.MalformedResponseError')
  })
})

describe.skipIf(recording === undefined)(
  'decoding faults (spec-343 metadata from the recording)',
  () => {
    const rec = recording as NonNullable<typeof recording>
    const metadata = unifyMetadata(
      decAnyMetadata(Option(Bytes()).dec(rec.metadata.Metadata_metadata_at_version) as Uint8Array),
    )
    const builder = getDynamicBuilder(getLookupFn(metadata))
    const key = (pallet: string, item: string, ...keys: unknown[]): string =>
      (builder.buildStorage(pallet, item).keys.enc(...keys) as string).toLowerCase()
    const chain = (spec: number): SyntheticChain => {
      const storage = new Map<string, string>()
      storage.set(key('SubtensorModule', 'SubnetTAO', 1), leHex(22_079_400_556_774n, 8))
      storage.set(key('SubtensorModule', 'SubnetAlphaIn', 1), leHex(2_316_467_425_363_654n, 8))
      storage.set(key('SubtensorModule', 'SubnetMechanism', 1), leHex(1n, 2))
      storage.set(key('Swap', 'AlphaSqrtPrice', 1), leHex(3n << 62n, 16)) // 0.75 in U64F64
      storage.set(key('Swap', 'FeeRate', 1), leHex(33n, 2))
      return { spec, block: 6_852_690, storage, calls: new Map() }
    }

    test('V3-era pool state decodes each item with the metadata codec', async () => {
      const c = chain(343)
      const { client } = await connect(syntheticHandler(c, rec))
      const pool = await getPoolState(client, { netuid: 1 })
      expect(pool).toMatchObject({
        era: 'v3',
        mechanism: 1,
        taoReserve: 22_079_400_556_774n,
        alphaReserve: 2_316_467_425_363_654n,
        alphaSqrtPrice: 3n << 62n,
        feeRate: 33,
        currentLiquidity: 0n, // absent key → ValueQuery default 0
        provenance: { block: 6_852_690, specVersion: 343 },
      })
    })

    test('malformed SCALE (a 1-byte u64) → Client.MalformedResponseError', async () => {
      const c = chain(343)
      c.storage.set(key('SubtensorModule', 'SubnetTAO', 1), '0x01')
      const { client } = await connect(syntheticHandler(c, rec))
      expect(await errorName(getPoolState(client, { netuid: 1 }))).toBe(
        'Client.MalformedResponseError',
      )
    })

    test('runtime upgrade between two calls: rules switch and metadata is fetched again', async () => {
      const c = chain(274)
      const { client, node } = await connect(syntheticHandler(c, rec))
      const before = await getPoolState(client, { netuid: 1 })
      expect(before.era).toBe('constantProduct')
      expect(before.alphaSqrtPrice).toBeUndefined()
      c.spec = 343
      c.block += 1
      const after = await getPoolState(client, { netuid: 1 })
      expect(after.era).toBe('v3')
      expect(after.alphaSqrtPrice).toBe(3n << 62n)
      expect(after.provenance.specVersion).toBe(343)
      const metadataCalls = node.log.filter((r) => r.params[0] === 'Metadata_metadata_at_version')
      expect(metadataCalls).toHaveLength(2) // once per spec
    })

    test('a Balancer-era spec (425) whose metadata lacks Swap.SwapBalancer → Client.MissingStorageError', async () => {
      // The node says spec 425 but serves spec-343 metadata (no SwapBalancer): a typed error
      // naming the item, never a pool with a default weight.
      const { client } = await connect(syntheticHandler(chain(425), rec))
      const e = await getPoolState(client, { netuid: 1 }).catch((x: unknown) => x)
      expect(e).toMatchObject({
        name: 'Client.MissingStorageError',
        pallet: 'Swap',
        item: 'SwapBalancer',
        specVersion: 425,
      })
    })

    test('unknown spec (pre-dTAO 208, future 9999) → Client.UnknownSpecError', async () => {
      for (const spec of [208, 9999]) {
        const { client } = await connect(syntheticHandler(chain(spec), rec))
        const e = await getPoolState(client, { netuid: 1 }).catch((x: unknown) => x)
        expect(e).toMatchObject({ name: 'Client.UnknownSpecError', specVersion: spec })
      }
    })

    test('all-zero SimSwapResult → Client.SimSwapFailedError, never a zero quote', async () => {
      const c = chain(343)
      c.calls.set('SwapRuntimeApi_sim_swap_tao_for_alpha', `0x${'00'.repeat(32)}`)
      const { client } = await connect(syntheticHandler(c, rec))
      const e = await simSwap(client, { netuid: 1, side: 'buy', amount: 10n ** 9n }).catch(
        (x: unknown) => x,
      )
      expect(e).toMatchObject({
        name: 'Client.SimSwapFailedError',
        netuid: 1,
        side: 'buy',
        amount: 10n ** 9n,
      })
    })

    test('32-byte (spec < 391) and 48-byte SimSwapResult layouts', async () => {
      const c = chain(343)
      const fields = [1_000_000_000n, 45_123_456_789n, 500_000n, 0n]
      c.calls.set(
        'SwapRuntimeApi_sim_swap_tao_for_alpha',
        `0x${fields.map((f) => leHex(f, 8).slice(2)).join('')}`,
      )
      c.calls.set(
        'SwapRuntimeApi_sim_swap_alpha_for_tao',
        `0x${[7n, 8n, 0n, 9n, 10n, 11n].map((f) => leHex(f, 8).slice(2)).join('')}`,
      )
      const { client } = await connect(syntheticHandler(c, rec))
      const buy = await simSwap(client, { netuid: 1, side: 'buy', amount: 1_000_500_000n })
      expect(buy.layout).toBe('fourField')
      expect(buy.result).toEqual({
        taoAmount: 1_000_000_000n,
        alphaAmount: 45_123_456_789n,
        taoFee: 500_000n,
        alphaFee: 0n,
        taoSlippage: 0n, // absent from the 32-byte layout
        alphaSlippage: 0n,
      })
      const sell = await simSwap(client, { netuid: 1, side: 'sell', amount: 17n })
      expect(sell.layout).toBe('sixField')
      expect(sell.result).toEqual({
        taoAmount: 7n,
        alphaAmount: 8n,
        taoFee: 0n,
        alphaFee: 9n,
        taoSlippage: 10n,
        alphaSlippage: 11n,
      })
    })

    test('a SimSwapResult of another length → Client.MalformedResponseError', async () => {
      const c = chain(343)
      c.calls.set('SwapRuntimeApi_sim_swap_tao_for_alpha', `0x${'01'.repeat(40)}`)
      const { client } = await connect(syntheticHandler(c, rec))
      expect(await errorName(simSwap(client, { netuid: 1, side: 'buy', amount: 1n }))).toBe(
        'Client.MalformedResponseError',
      )
    })

    test('metadata that does not decode → Client.MalformedResponseError', async () => {
      const c = chain(343)
      const bad = syntheticHandler(c, {
        ...rec,
        metadata: {
          state_getMetadata: '0x6d657461ff',
          Metadata_metadata_at_version: '0x0114deadbeef',
        },
      })
      const { client } = await connect(bad)
      expect(await errorName(getPoolState(client, { netuid: 1 }))).toBe(
        'Client.MalformedResponseError',
      )
    })
  },
)
