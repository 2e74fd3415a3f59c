// Hot paths of the client: a local quote from a snapshot (no I/O), snapshot parsing, and a
// pool-state read through the full stack (WebSocket JSON-RPC + metadata decoding) against a
// local node on 127.0.0.1.
import { afterAll, beforeAll, bench, describe } from 'vitest'
import { type ChainClient, closeClient, createClient } from './chainClient.js'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import {
  loadRecording,
  recordedBuilder,
  startTestNode,
  syntheticHandler,
  type TestNode,
  v3PoolStorage,
} from './internal/testNode.js'
import { getPoolState } from './pool.js'
import { quote } from './quote.js'
import { parseSnapshot, serializeSnapshot } from './snapshot.js'

const snap = embeddedSnapshot()
const text = serializeSnapshot(snap)

describe('local', () => {
  bench('quote: buy 1.5 TAO on the embedded V3 pool (snapshot source)', async () => {
    await quote(snap, { netuid: 1, side: 'buy', amount: 1_500_000_000n })
  })
  bench('parseSnapshot (embedded snapshot JSON)', () => {
    parseSnapshot(text)
  })
})

const recording = loadRecording()
let node: TestNode | undefined
let client: ChainClient | undefined
beforeAll(async () => {
  if (recording === undefined) return
  const pool = snap.pools[0]
  if (pool === undefined) return
  const chain = {
    spec: 343,
    block: 6_852_690,
    storage: v3PoolStorage(recordedBuilder(recording), pool),
    calls: new Map(),
  }
  node = await startTestNode(syntheticHandler(chain, recording))
  client = createClient(node.url)
  await getPoolState(client, { netuid: 1 }) // warm the metadata cache
})
afterAll(async () => {
  if (client) closeClient(client)
  await node?.close()
})

describe('over JSON-RPC (local node, cached metadata)', () => {
  bench(
    'getPoolState(netuid 1), V3 pool with ticks: block, storage and keys requests + SCALE decoding',
    async () => {
      if (client) await getPoolState(client, { netuid: 1 })
    },
  )
})
