import { afterEach, describe, expect, test } from 'vitest'
import { type ChainClient, closeClient, createClient } from './chainClient.js'
import {
  leHex,
  loadRecording,
  recordedBuilder,
  type SyntheticChain,
  startTestNode,
  syntheticHandler,
  type TestNode,
} from './internal/testNode.js'
import { nextEpoch } from './nextEpoch.js'

const recording = loadRecording()
describe.skipIf(recording === undefined)('nextEpoch', () => {
  const rec = recording as NonNullable<typeof recording>
  const builder = recordedBuilder(rec)
  const key = (item: string, netuid: number): string =>
    (builder.buildStorage('SubtensorModule', item).keys.enc(netuid) as string).toLowerCase()
  const open: { node: TestNode; client: ChainClient }[] = []
  afterEach(async () => {
    for (const { node, client } of open.splice(0)) {
      closeClient(client)
      await node.close()
    }
  })
  const connect = async (chain: SyntheticChain): Promise<ChainClient> => {
    const node = await startTestNode(syntheticHandler(chain, rec))
    const client = createClient(node.url, { timeout: 5_000 })
    open.push({ node, client })
    return client
  }

  test('legacy schedule (spec 343): subnet 1, tempo 99, block 6852690 → 6852697', async () => {
    // blocks_until_next_epoch = 99 − ((6852690 + 1 + 1) mod 100) = 99 − 92 = 7. The recording
    // agrees: get_selective_mechagraph(1) at 6852690 has last_step 6852597 and tempo 99, and
    // epochs are tempo + 1 = 100 blocks apart, so the next is 6852697.
    const storage = new Map([[key('Tempo', 1), leHex(99n, 2)]])
    const client = await connect({ spec: 343, block: 6_852_690, storage, calls: new Map() })
    expect(await nextEpoch(client, { netuid: 1 })).toMatchObject({
      tempo: 99,
      schedule: 'legacy-modulo',
      block: 6_852_697n,
      blocksUntil: 7n,
    })
  })

  test('tempo 0 stops epochs', async () => {
    const client = await connect({
      spec: 343,
      block: 10,
      storage: new Map([[key('Tempo', 1), leHex(0n, 2)]]),
      calls: new Map(),
    })
    expect(await nextEpoch(client, { netuid: 1 })).toMatchObject({
      block: undefined,
      blocksUntil: undefined,
    })
  })
})
