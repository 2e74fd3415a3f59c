// Protocol tests: a local node on 127.0.0.1 replays real finney JSON-RPC traffic
// (../shared/data/chain-recordings/finney-recorded.json, recorded by opentensor/bittensor
// 10.2.0's integration tests) and the client decodes it with the chain's own metadata.
// Expected values are the ones the Python SDK's tests assert for the same scenarios, each
// citing `tests/integration_tests/test_subtensor_integration.py` at bittensor v10.2.0, or a hand
// decoding of the recorded SCALE bytes written beside the case.
import { afterEach, describe, expect, test } from 'vitest'
import {
  type ChainClient,
  closeClient,
  createClient,
  getSpecVersion,
  resolveBlock,
  runtimeAt,
} from './chainClient.js'
import { loadRecording, replayHandler, startTestNode, type TestNode } from './internal/testNode.js'
import { callRuntimeApi, readStorage, readStorageEntries } from './storage.js'
import { getHyperparameters, getMetagraph } from './subnet.js'

const recording = loadRecording()
if (recording === undefined)
  process.stderr.write('SKIPPING protocol tests: ../shared/data/chain-recordings is absent\n')

const open: { node: TestNode; client: ChainClient }[] = []
afterEach(async () => {
  for (const { node, client } of open.splice(0)) {
    closeClient(client)
    await node.close()
  }
})
const replay = async (scenario: string): Promise<ChainClient> => {
  const node = await startTestNode(
    replayHandler(recording as NonNullable<typeof recording>, scenario),
  )
  const client = createClient(node.url, { timeout: 5_000 })
  open.push({ node, client })
  return client
}
const hotkey = '5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV'

describe.skipIf(recording === undefined)('recorded finney traffic', () => {
  test('metagraph(1): n = 1024, netuid = 1, block = 6852690 (test_metagraph)', async () => {
    const client = await replay('metagraph')
    const { value, provenance } = await getMetagraph(client, { netuid: 1, block: 6852690 })
    expect(value.num_uids).toBe(1024)
    expect(value.netuid).toBe(1)
    expect(value.block).toBe(6852690n)
    expect(value.hotkeys).toHaveLength(1024)
    expect(provenance).toMatchObject({ block: 6852690, specVersion: 343 })
  })

  test('get_current_block() = 6522038 (test_get_current_block)', async () => {
    const client = await replay('get_current_block')
    expect((await resolveBlock(client)).number).toBe(6522038)
  })

  test('get_block_hash(6522038) (test_get_block_hash)', async () => {
    const client = await replay('get_block_hash')
    expect((await resolveBlock(client, { block: 6522038 })).hash).toBe(
      '0x4f0bbe5e96a78ca4cc1df9a7e757d335165d6d71c545cf6eb4794986424bcd29',
    )
  })

  test('subnetwork_n(1) = 1024 (test_subnetwork_n)', async () => {
    const client = await replay('subnetwork_n')
    const at = await resolveBlock(client)
    const n = await readStorage(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'SubnetworkN',
      keys: [1],
    })
    expect(n).toBe(1024)
  })

  test('blocks_since_last_update(1, 0) = 4009702 (test_blocks_since_last_update)', async () => {
    const client = await replay('blocks_since_last_update')
    const at = await resolveBlock(client)
    const last = (await readStorage(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'LastUpdate',
      keys: [1],
    })) as bigint[]
    expect(BigInt(at.number) - (last[0] as bigint)).toBe(4009702n)
  })

  test('get_netuids_for_hotkey = [14] (test_get_netuids_for_hotkey)', async () => {
    const client = await replay('get_netuids_for_hotkey')
    const at = await resolveBlock(client)
    const entries = await readStorageEntries(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'IsNetworkMember',
      keys: [hotkey],
    })
    expect(entries.filter((e) => e.value === true).map((e) => e.keys[1])).toEqual([14])
  })

  test('is_hotkey_registered_any = true (test_is_hotkey_registered_any)', async () => {
    const client = await replay('is_hotkey_registered_any')
    const at = await resolveBlock(client)
    const entries = await readStorageEntries(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'IsNetworkMember',
      keys: [hotkey],
    })
    expect(entries.some((e) => e.value === true)).toBe(true)
  })

  test('is_hotkey_registered_on_subnet(hk, 14) = true (test_is_hotkey_registered_on_subnet)', async () => {
    const client = await replay('is_hotkey_registered_on_subnet')
    const at = await resolveBlock(client)
    const uid = await readStorage(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'Uids',
      keys: [14, hotkey],
    })
    expect(typeof uid).toBe('number')
  })

  test('is_hotkey_registered = true (test_is_hotkey_registered)', async () => {
    const client = await replay('is_hotkey_registered')
    const at = await resolveBlock(client)
    const entries = await readStorageEntries(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'IsNetworkMember',
      keys: [hotkey],
    })
    expect(entries.some((e) => e.value === true)).toBe(true)
  })

  test('get_neuron_for_pubkey_and_subnet(hk, 14): the neuron has that hotkey (test_get_neuron_for_pubkey_and_subnet)', async () => {
    const client = await replay('get_neuron_for_pubkey_and_subnet')
    const at = await resolveBlock(client)
    const uid = await readStorage(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'Uids',
      keys: [14, hotkey],
    })
    // The recorded state_call asks get_neuron(0x0e00 = netuid 14, 0x1d00 = uid 29).
    expect(uid).toBe(29)
    const neuron = (await callRuntimeApi(client, at.hash, {
      api: 'NeuronInfoRuntimeApi',
      method: 'get_neuron',
      args: [14, uid],
    })) as { hotkey: string; netuid: number; uid: number; axon_info: unknown; stake: unknown }
    expect(neuron.hotkey).toBe(hotkey)
    expect([neuron.netuid, neuron.uid]).toEqual([14, 29])
    expect(neuron.axon_info).toBeDefined() // isinstance(result.axon_info, AxonInfo)
  })

  test('tempo(23) = 1000: recorded value 0xe803 is u16 LE 0x03e8 = 1000', async () => {
    const client = await replay('tempo')
    const at = await resolveBlock(client)
    expect(
      await readStorage(client, at.hash, { pallet: 'SubtensorModule', item: 'Tempo', keys: [23] }),
    ).toBe(1000)
  })

  test('weights(23): uid 10 sets weight 65535 on uid 10 (0x04 0a00 ffff: one (u16, u16) pair)', async () => {
    const client = await replay('weights')
    const at = await resolveBlock(client)
    const rows = await readStorageEntries(client, at.hash, {
      pallet: 'SubtensorModule',
      item: 'Weights',
      keys: [23],
    })
    expect(rows).toEqual([{ keys: [23, 10], value: [[10, 65535]] }])
  })

  test('hyperparameters(23) decode with the chain metadata: tempo 1000, kappa 32767', async () => {
    const client = await replay('get_subnet_hyperparameters')
    const { value } = await getHyperparameters(client, { netuid: 23, version: 1 }) // the recorder asked v1
    // Matches the raw tempo/kappa storage of the same node (see the tempo case above).
    expect(value).toMatchObject({ tempo: 1000, kappa: 32767, max_weights_limit: 65535 })
  })

  test('runtime: spec 343 is read from the recorded state_getRuntimeVersion; V15 metadata', async () => {
    const client = await replay('metagraph')
    expect(await getSpecVersion(client, { block: 6852690 })).toBe(343)
    const at = await resolveBlock(client, { block: 6852690 })
    const runtime = await runtimeAt(client, at.hash)
    expect(runtime.metadataVersion).toBe(15)
    expect(runtime.metadata.apis.some((a) => a.name === 'SwapRuntimeApi')).toBe(true)
  })
})
