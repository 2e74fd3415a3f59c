import { describe, expect, test } from 'vitest'
import { closeClient, createClient } from './chainClient.js'
import { getEpochInputs } from './epochInputs.js'
import {
  loadRecording,
  recordedBuilder,
  startTestNode,
  syntheticHandler,
} from './internal/testNode.js'

const recording = loadRecording()
describe.skipIf(recording === undefined)('getEpochInputs (a local node, spec-343 metadata)', () => {
  const rec = recording as NonNullable<typeof recording>
  const builder = recordedBuilder(rec)
  const hex = (u: Uint8Array): string => `0x${Buffer.from(u).toString('hex')}`
  const a = '5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV'
  const b = '5DkzsviNQr4ZePXMmEfNPDcE7cQ9cVyepmQbgUw6YT3odcwh'
  const tao = 10n ** 9n

  test('uids, weights, stakes and child-key inheritance of a two-uid subnet', async () => {
    const storage = new Map<string, string>()
    const put = (item: string, keys: unknown[], value: unknown): void => {
      const codec = builder.buildStorage('SubtensorModule', item)
      storage.set((codec.keys.enc(...keys) as string).toLowerCase(), hex(codec.value.enc(value)))
    }
    put('SubnetworkN', [1], 2)
    put('Keys', [1, 0], a)
    put('Keys', [1, 1], b)
    put('Weights', [1, 0], [[1, 65535]])
    put('LastUpdate', [1], [100n, 90n])
    put('ValidatorPermit', [1], [true, false])
    put('Tempo', [1], 360)
    put('TotalHotkeyAlpha', [a, 1], 1000n * tao)
    put('TotalHotkeyAlpha', [b, 1], 300n * tao)
    put('TotalHotkeyAlpha', [b, 0], 40n * tao)
    // b gives a quarter (2⁶² of u64::MAX) to its child a.
    put('ChildKeys', [b, 1], [[2n ** 62n, a]])
    put('ParentKeys', [a, 1], [[2n ** 62n, b]])
    const node = await startTestNode(
      syntheticHandler({ spec: 343, block: 5000, storage, calls: new Map() }, rec),
    )
    const client = createClient(node.url, { timeout: 5_000 })
    try {
      const inputs = await getEpochInputs(client, { netuid: 1 })
      expect(inputs).toMatchObject({
        n: 2,
        hotkeys: [a, b],
        weights: [[[1, 65535]], []],
        lastUpdate: [100n, 90n],
        validatorPermit: [true, false],
        alphaStake: [1000n * tao, 300n * tao],
        rootStake: [0n, 40n * tao],
        provenance: { block: 5000, specVersion: 343 },
      })
      expect(inputs.hyperparameters.Tempo).toBe(360)
      // 2⁶² / u64::MAX in U96F32 is exactly 0.25 (2³⁰ bits): a = 1000 + 300/4, b = 300 − 300/4;
      // root: a = 0 + 40/4 = 10, b = 40 − 10 = 30.
      expect(inputs.inheritedAlphaStake).toEqual([1075n * tao, 225n * tao])
      expect(inputs.inheritedTaoStake).toEqual([10n * tao, 30n * tao])
    } finally {
      closeClient(client)
      await node.close()
    }
  })
})
