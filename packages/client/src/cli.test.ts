// The dtao CLI end to end: built, then spawned as a process (node cli.js), against the
// embedded snapshot, snapshot files and local nodes on 127.0.0.1.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WebSocketServer } from 'ws'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import type { EmissionInputs } from './emissionInputs.js'
import {
  loadRecording,
  recordedBuilder,
  sharedDataDir,
  startTestNode,
  syntheticHandler,
  v3PoolStorage,
} from './internal/testNode.js'
import type { PoolState } from './pool.js'
import { serializeSnapshot } from './snapshot.js'

const cwd = fileURLToPath(new URL('..', import.meta.url))
const outDir = `${cwd}.cli-test/`
const cli = `${outDir}cli.js`
const dir = mkdtempSync(join(tmpdir(), 'dtao-cli-'))
// Build the bin as tsup does (ESM, the math packages bundled from source), so each spawn is a
// plain `node cli.js` with no transpiler in the way.
beforeAll(async () => {
  await build({
    entry: { cli: `${cwd}src/cli.ts` },
    format: ['esm'],
    outDir,
    dts: false,
    sourcemap: false,
    silent: true,
    clean: true,
    target: 'es2022',
    platform: 'node',
    noExternal: [/^@dtao\//],
    external: ['ws', 'rxjs', /^@polkadot-api\//],
    esbuildOptions(options) {
      options.conditions = ['source']
    },
  })
  writeFileSync(`${outDir}package.json`, '{ "type": "module" }')
}, 30_000)
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(outDir, { recursive: true, force: true })
})

type Run = { code: number; stdout: string; stderr: string }
const dtao = (...args: (string | { env: Record<string, string> })[]): Promise<Run> =>
  new Promise((resolve) => {
    const env = args.find((a) => typeof a !== 'string')?.env
    execFile(
      process.execPath,
      [cli, ...args.filter((a) => typeof a === 'string')],
      { cwd, timeout: 20_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        resolve({ code, stdout, stderr })
      },
    )
  })

describe('dtao (spawned)', { timeout: 20_000 }, () => {
  test('quote --json parses; the figures carry their provenance (embedded snapshot)', async () => {
    const r = await dtao('quote', '--netuid', '1', '--buy', '1.5', '--tolerance', '0.005', '--json')
    expect(r.code).toBe(0)
    const q = JSON.parse(r.stdout)
    // fee = ⌊1.5e9 · 33 / 65535⌋ = 755321 rao (the embedded pool's fee rate is 33/65535).
    expect(q).toMatchObject({ netuid: 1, side: 'buy', amountIn: '1500000000', fee: '755321' })
    expect(q.provenance).toMatchObject({ block: 6852690, specVersion: 343 })
  })

  test('human output is in TAO/alpha with units and prints block, spec and source', async () => {
    const r = await dtao('price', '--netuid', '1')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/price\s+0\.00953\d+ τ\/α/)
    expect(r.stdout).toMatch(/reserves\s+22079\.400556774 τ · 2316467\.425363654 α/)
    expect(r.stdout).toContain('block 6852690 · spec 343 · source embedded')
  })

  test('bad arguments print one helpful line and exit 2', async () => {
    const cases = [
      ['quote', '--netuid', '1'],
      ['quote', '--netuid', 'one', '--buy', '1'],
      ['quote', '--netuid', '1', '--buy', '1', '--bogus'],
      ['frobnicate'],
      ['quote', '--netuid', '1', '--buy', '1.0000000001'],
    ]
    const runs = await Promise.all(cases.map((args) => dtao(...args)))
    for (const [i, r] of runs.entries()) {
      const args = cases[i] ?? []
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^dtao: /)
    }
  })

  test('a dead node is one line naming the typed error, exit 1', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
    await new Promise<void>((r) => server.once('listening', () => r()))
    const { port } = server.address() as { port: number }
    await new Promise<void>((r) => server.close(() => r()))
    const r = await dtao(
      'price',
      '--netuid',
      '1',
      '--url',
      `ws://127.0.0.1:${port}`,
      '--timeout',
      '3000',
    )
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^dtao: Client\.Rpc(Connection|Timeout)Error: /)
  })

  test('a snapshot file that is not one: exit 1, one line', async () => {
    const r = await dtao('price', '--netuid', '1', '--snapshot', join(dir, 'nope.json'))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^dtao: Client\.InvalidSnapshotError: .*cannot be read/)
  })

  test('simulate: a progress bar on stderr and an SVG chart', async () => {
    const plot = join(dir, 'sizes.svg')
    const r = await dtao(
      'simulate',
      '--netuid',
      '1',
      '--buy',
      '100',
      '--steps',
      '5',
      '--plot',
      plot,
    )
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('[##############################] 5/5')
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg /)
  })

  test('epoch with no source: one exact epoch over the real subnet-15 metagraph, or one line without it', async () => {
    const r = await dtao('epoch', '--json')
    if (!existsSync(join(sharedDataDir, 'metagraphs', 'subnet15-block4769998.json'))) {
      process.stderr.write('SKIPPING real-metagraph epoch: ../shared/data is absent\n')
      expect(r.code).toBe(2)
      return
    }
    expect(r.code).toBe(0)
    const { provenance, output } = JSON.parse(r.stdout)
    expect(provenance).toMatchObject({ block: 4769998, netuid: 15 })
    expect(output.incentive).toHaveLength(256) // the archive's n
    const missing = await dtao('epoch', { env: { DTAO_SHARED_DATA: join(dir, 'nowhere') } })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^dtao: no real metagraph at .*; pass --url/)
  })

  test('every command: --json parses, and one bad argument is one helpful line (exit 2)', async () => {
    const ok = await Promise.all([
      dtao('price', '--netuid', '1', '--json'),
      dtao('simulate', '--netuid', '1', '--sell', '10', '--steps', '2', '--json'),
      dtao('quote', '--netuid', '1', '--sell', '10', '--block', '6852690', '--json'),
    ])
    for (const r of ok) {
      expect(r.code, r.stderr).toBe(0)
      expect(() => JSON.parse(r.stdout)).not.toThrow()
    }
    // price = 22079400556774 · 10⁹ / 2316467425363654 rao per α = 9531.4… → 0.0095314 τ/α.
    expect(JSON.parse(ok[0]?.stdout ?? '').priceRao).toMatch(/^953\d{4}$/)
    expect(JSON.parse(ok[1]?.stdout ?? '').rows).toHaveLength(2)
    const bad = [
      ['price', '--netuid', '70000'],
      ['simulate', '--netuid', '1', '--buy', '1', '--steps', '0'],
      ['epoch', '--netuid', 'abc', '--snapshot', 'x.json'],
      ['epoch', '--netuid', '1', '--emission', 'lots', '--snapshot', 'x.json'],
      ['emission', '--blocks', 'many'],
      ['emission', '--plot', 'x.svg'],
      ['snapshot', '--netuids', '1'],
      ['quote', '--netuid', '1', '--buy', '1', '--block', 'yesterday'],
    ]
    const runs = await Promise.all(bad.map((args) => dtao(...args)))
    for (const [i, r] of runs.entries()) {
      const args = (bad[i] ?? []).join(' ')
      expect(r.code, args).toBe(2)
      expect(r.stderr.trim().split('\n'), args).toHaveLength(1)
      expect(r.stderr, args).toMatch(/^dtao: .*(--\w+|dtao snapshot)/)
    }
  })

  test('emission --blocks from the embedded spec-343 snapshot: one line naming why (exit 1)', async () => {
    const r = await dtao('emission', '--blocks', '7200')
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^dtao: Client\.SnapshotMissingError: /)
  })

  test('emission --blocks from a spec-425 snapshot file: a projection, a progress bar and an SVG chart', async () => {
    const tao = 10n ** 9n
    const provenance = {
      block: 1000,
      blockHash: `0x${'11'.repeat(32)}` as const,
      specVersion: 425,
      source: 'test',
    }
    const pool = {
      ...(embeddedSnapshot().pools[0] as PoolState),
      era: 'balancer' as const,
      feeRate: 33,
      quoteWeight: 5n * 10n ** 17n,
      provenance,
    }
    const emissionInputs: EmissionInputs = {
      global: { TotalIssuance: 5_000_000n * tao, TaoWeight: 0n, SubnetOwnerCut: 11_796 },
      subnets: {
        0: { SubnetTAO: 100n * tao },
        1: {
          SubnetMechanism: 1,
          SubnetMovingPrice: 1n << 30n,
          SubtokenEnabled: true,
          NetworkRegistrationAllowed: true,
          FirstEmissionBlockNumber: 10n,
          SubnetAlphaIn: 4000n * tao,
          SubnetAlphaOut: 1000n * tao,
          Tempo: 360,
          LastEpochBlock: 900n,
          PendingServerEmission: 0n,
          PendingValidatorEmission: 0n,
          PendingRootAlphaDivs: 0n,
          PendingOwnerCut: 0n,
        },
      },
      provenance,
    }
    const file = join(dir, 'spec425.json')
    writeFileSync(
      file,
      serializeSnapshot({ ...embeddedSnapshot(), provenance, pools: [pool], emissionInputs }),
    )
    const plot = join(dir, 'emission.svg')
    const [j, h] = await Promise.all([
      dtao('emission', '--snapshot', file, '--blocks', '720', '--json'),
      dtao('emission', '--snapshot', file, '--blocks', '720', '--plot', plot),
    ])
    expect(j.code, j.stderr).toBe(0)
    const out = JSON.parse(j.stdout)
    // Blocks 1000…1719 with tempo 360 and the last epoch at 900: the next two epochs fall near
    // 1260 and 1620, both inside the horizon (a third would need ~1980).
    expect(out).toMatchObject({ blocks: 720, provenance: { block: 1000, specVersion: 425 } })
    expect(out.projection.subnets[0]).toMatchObject({ netuid: 1, epochCount: 2 })
    expect(h.code, h.stderr).toBe(0)
    expect(h.stderr).toContain('1/1')
    expect(h.stdout).toMatch(/Emission projection over 720 blocks .* τ minted/)
    expect(h.stdout).toContain('block 1000 · spec 425 · source test')
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg /)
  })

  const recording = loadRecording()
  test.skipIf(recording === undefined)(
    'epoch and emission --url run against a local node (--json parses, human output has units)',
    async () => {
      const rec = recording as NonNullable<typeof recording>
      const builder = recordedBuilder(rec)
      const storage = new Map<string, string>()
      const put = (item: string, keys: unknown[], value: unknown): void => {
        const codec = builder.buildStorage('SubtensorModule', item)
        storage.set(
          (codec.keys.enc(...keys) as string).toLowerCase(),
          `0x${Buffer.from(codec.value.enc(value)).toString('hex')}`,
        )
      }
      const a = '5Cf4LPRv6tiyuFsfLRQaFYEEn3zJRGi4bAE9DwbbKmbCSHpV'
      const b = '5DkzsviNQr4ZePXMmEfNPDcE7cQ9cVyepmQbgUw6YT3odcwh'
      put('NetworksAdded', [1], true)
      put('SubnetworkN', [1], 2)
      put('Keys', [1, 0], a)
      put('Keys', [1, 1], b)
      put('Weights', [1, 0], [[1, 65535]])
      put('LastUpdate', [1], [5000n, 5000n])
      put('ValidatorPermit', [1], [true, false])
      put('Tempo', [1], 360)
      put('TotalHotkeyAlpha', [a, 1], 10n ** 12n)
      put('PendingServerEmission', [1], 500_000_000n)
      put('PendingValidatorEmission', [1], 500_000_000n)
      put('TotalIssuance', [], 7n * 10n ** 15n)
      for (const [k, v] of v3PoolStorage(builder, embeddedSnapshot().pools[0] as PoolState))
        storage.set(k, v)
      const chain = { spec: 343, block: 5000, storage, calls: new Map() }
      const node = await startTestNode(syntheticHandler(chain, rec))
      try {
        const [ej, eh, mj] = await Promise.all([
          dtao('epoch', '--netuid', '1', '--url', node.url, '--json'),
          dtao('epoch', '--netuid', '1', '--url', node.url),
          dtao('emission', '--netuids', '1', '--url', node.url, '--json'),
        ])
        expect(ej.code, ej.stderr).toBe(0)
        const e = JSON.parse(ej.stdout)
        // Legacy schedule: 360 − ((5000 + 2) mod 361) = 51 → block 5051; 0.5 + 0.5 α pending.
        expect(e).toMatchObject({ netuid: 1, block: '5051', input: { raoEmission: '1000000000' } })
        expect(e.output.incentive).toEqual([0, 65535])
        expect(eh.code, eh.stderr).toBe(0)
        expect(eh.stdout).toMatch(/at block 5051: 2 uids, 1 α to distribute/)
        expect(eh.stdout).toContain('block 5000 · spec 343 · source ws://127.0.0.1:')
        expect(mj.code, mj.stderr).toBe(0)
        expect(JSON.parse(mj.stdout).global.TotalIssuance).toBe('7000000000000000')
        // The same epoch from a snapshot file of that node.
        const file = join(dir, 'epoch-snap.json')
        const s = await dtao('snapshot', '--url', node.url, '--netuids', '1', '--out', file)
        expect(s.code, s.stderr).toBe(0)
        const fromFile = await dtao('epoch', '--netuid', '1', '--snapshot', file, '--json')
        expect(fromFile.code, fromFile.stderr).toBe(0)
        expect(JSON.parse(fromFile.stdout).output).toEqual(e.output)
        const given = await dtao(
          'epoch',
          '--netuid',
          '1',
          '--snapshot',
          file,
          '--emission',
          '2',
          '--json',
        )
        expect(JSON.parse(given.stdout).input.raoEmission).toBe('2000000000')
      } finally {
        await node.close()
      }
    },
  )

  test.skipIf(recording === undefined)(
    'snapshot --url writes a file that quote --snapshot reads back',
    async () => {
      const rec = recording as NonNullable<typeof recording>
      const pool = embeddedSnapshot().pools[0]
      if (pool === undefined) throw new Error('no pool')
      const chain = {
        spec: 343,
        block: 6_852_690,
        storage: v3PoolStorage(recordedBuilder(rec), pool),
        calls: new Map(),
      }
      const node = await startTestNode(syntheticHandler(chain, rec))
      try {
        const file = join(dir, 'snap.json')
        const s = await dtao(
          'snapshot',
          '--url',
          node.url,
          '--netuids',
          '1',
          '--out',
          file,
          '--no-epoch',
          '--json',
        )
        expect(s.code).toBe(0)
        expect(JSON.parse(s.stdout)).toMatchObject({
          file,
          provenance: { block: 6852690, specVersion: 343 },
        })
        expect(existsSync(file)).toBe(true)
        const fromFile = await dtao(
          'quote',
          '--snapshot',
          file,
          '--netuid',
          '1',
          '--buy',
          '1.5',
          '--json',
        )
        const fromEmbedded = await dtao('quote', '--netuid', '1', '--buy', '1.5', '--json')
        expect(fromFile.code).toBe(0)
        const a = JSON.parse(fromFile.stdout)
        const b = JSON.parse(fromEmbedded.stdout)
        expect([a.amountOut, a.fee]).toEqual([b.amountOut, b.fee])
        expect(a.provenance.source).toBe(node.url)
      } finally {
        await node.close()
      }
    },
  )
})
