/**
 * Test-only local "nodes": a WebSocket JSON-RPC server on 127.0.0.1 (ephemeral port) that replays
 * the recorded finney traffic or misbehaves on purpose. Never exported from the package.
 *
 * @internal
 */
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders'
import { Bytes, decAnyMetadata, Option, unifyMetadata } from '@polkadot-api/substrate-bindings'
import { WebSocketServer, type WebSocket as WsSocket } from 'ws'
import type { DynamicBuilder } from '../chainClient.js'
import type { PoolState } from '../pool.js'

/** One JSON-RPC request as the test node received it. */
export type NodeRequest = {
  readonly id: unknown
  readonly method: string
  readonly params: unknown[]
}

/** What a handler answers: a result, a JSON-RPC error, a raw frame, silence, or a dropped socket. */
export type NodeAnswer =
  | { readonly result: unknown }
  | { readonly error: { code: number; message: string } }
  | { readonly raw: string }
  | { readonly silence: true }
  | { readonly drop: true }

/** Decides the answer to each request. */
export type NodeHandler = (request: NodeRequest) => NodeAnswer | Promise<NodeAnswer>

/** A running test node. */
export type TestNode = {
  readonly url: string
  readonly log: NodeRequest[]
  readonly close: () => Promise<void>
}

/** Starts a test node on 127.0.0.1 with an ephemeral port. */
export async function startTestNode(handler: NodeHandler): Promise<TestNode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const log: NodeRequest[] = []
  const sockets = new Set<WsSocket>()
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('message', async (data) => {
      const msg = JSON.parse(String(data)) as { id: unknown; method: string; params?: unknown[] }
      const request = { id: msg.id, method: msg.method, params: msg.params ?? [] }
      log.push(request)
      const answer = await handler(request)
      if ('drop' in answer) socket.terminate()
      else if ('raw' in answer) socket.send(answer.raw)
      else if ('silence' in answer) return
      else socket.send(JSON.stringify({ jsonrpc: '2.0', id: msg.id, ...answer }))
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.terminate()
        server.close(() => resolve())
      }),
  }
}

/** The recorded mainnet traffic (see `../shared/data/README.md`). */
export type Recording = {
  readonly metadata: {
    readonly state_getMetadata: string
    readonly Metadata_metadata_at_version: string
  }
  readonly responses: Record<string, Record<string, Record<string, unknown>>>
}

/** `/work/main/../shared/data` relative to the repository root. */
export const sharedDataDir: string = fileURLToPath(
  new URL('../../../../../shared/data/', import.meta.url),
)

/** Loads `chain-recordings/finney-recorded.json`, or `undefined` when `../shared` is absent. */
export function loadRecording(): Recording | undefined {
  const file = `${sharedDataDir}chain-recordings/finney-recorded.json`
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as Recording
}

// Which parameter of a method is the block hash (the replay matches the others exactly and
// prefers, but does not require, the same block: the recorder's SDK asked at parent hashes).
const blockParam: Record<string, number> = {
  state_getStorageAt: 1,
  state_getStorage: 1,
  state_call: 2,
  state_getKeysPaged: 3,
  state_queryStorageAt: 1,
  state_getRuntimeVersion: 0,
  state_getMetadata: 0,
  chain_getHeader: 0,
}
const aliases: Record<string, string> = {
  state_getStorage: 'state_getStorageAt',
  chain_getHead: 'chain_getBlockHash',
  chain_getBlockHash: 'chain_getHead',
}

const norm = (x: unknown): unknown =>
  typeof x === 'string' && /^(0x)?[0-9a-fA-F]*$/.test(x) && x.length > 0
    ? x.replace(/^0x/, '').toLowerCase()
    : Array.isArray(x)
      ? x.map(norm)
      : x

const withoutBlock = (method: string, params: unknown[]): string => {
  const p = [...params]
  const i = blockParam[method]
  if (i !== undefined) p.splice(i, 1)
  if (method === 'state_getKeysPaged') p.splice(1, 1) // the page size
  while (p.length > 0 && (p[p.length - 1] === null || p[p.length - 1] === undefined)) p.pop()
  return JSON.stringify(norm(p))
}

/**
 * A handler replaying one scenario of the recording: the same method and parameters get the
 * node's recorded answer (`__cycle__` answers in turn); metadata requests get the recorded
 * metadata; anything unrecorded gets JSON-RPC error -32601.
 */
export function replayHandler(
  recording: Recording,
  scenario: string,
  overrides: (request: NodeRequest) => NodeAnswer | undefined = () => undefined,
): NodeHandler {
  const table = recording.responses[scenario]
  if (table === undefined) throw new Error(`no scenario ${scenario}`)
  const cycles = new Map<unknown, number>()
  const pick = (answer: unknown): unknown => {
    if (typeof answer === 'object' && answer !== null && '__cycle__' in answer) {
      const list = (answer as { __cycle__: unknown[] }).__cycle__
      const n = cycles.get(answer) ?? 0
      cycles.set(answer, n + 1)
      return list[n % list.length]
    }
    return answer
  }
  return (request) => {
    const o = overrides(request)
    if (o) return o
    const { method, params } = request
    if (method === 'state_getMetadata') return { result: recording.metadata.state_getMetadata }
    if (method === 'state_call' && params[0] === 'Metadata_metadata_at_version')
      return { result: recording.metadata.Metadata_metadata_at_version }
    for (const m of [method, aliases[method]]) {
      const entries = m === undefined ? undefined : table[m]
      if (!entries) continue
      const parsed = Object.entries(entries).map(
        ([k, v]) => [JSON.parse(k) as unknown[], v] as const,
      )
      const exact = parsed.find(([k]) => JSON.stringify(norm(k)) === JSON.stringify(norm(params)))
      const loose =
        exact ??
        parsed.find(([k]) => withoutBlock(m as string, k) === withoutBlock(m as string, params))
      if (loose) {
        const answer = pick(loose[1]) as {
          result?: unknown
          error?: { code: number; message: string }
        }
        return answer.error ? { error: answer.error } : { result: answer.result ?? null }
      }
    }
    return { error: { code: -32601, message: `not recorded: ${method} ${JSON.stringify(params)}` } }
  }
}

/** Little-endian hex of an unsigned integer of `bytes` bytes (SCALE fixed-width). */
export function leHex(value: bigint, bytes: number): string {
  let out = ''
  let x = value
  for (let i = 0; i < bytes; i++) {
    out += (x & 0xffn).toString(16).padStart(2, '0')
    x >>= 8n
  }
  return `0x${out}`
}

/** A synthetic chain: one best block, a spec that may change, storage and runtime-call answers. */
export type SyntheticChain = {
  /** Spec version served by `state_getRuntimeVersion` (read on every request). */
  spec: number
  /** Best block number (its hash is derived from it). */
  block: number
  /** Storage: key (lowercase hex) → SCALE value hex. */
  readonly storage: Map<string, string>
  /** `state_call` answers by method name. */
  readonly calls: Map<string, string>
}

/** The hash the synthetic chain gives block `n` (and the spec it had then, in the low bytes). */
export const syntheticHash = (n: number, spec: number): `0x${string}` =>
  `0x${n.toString(16).padStart(32, '0')}${spec.toString(16).padStart(32, '0')}`

/** A handler serving a {@link SyntheticChain} with the recorded spec-343 metadata. */
export function syntheticHandler(chain: SyntheticChain, recording: Recording): NodeHandler {
  return ({ method, params }) => {
    const best = syntheticHash(chain.block, chain.spec)
    switch (method) {
      case 'chain_getBlockHash':
        return { result: best }
      case 'chain_getHeader':
        return { result: { number: `0x${chain.block.toString(16)}`, parentHash: best } }
      case 'state_getRuntimeVersion': {
        const hash = String(params[0] ?? best)
        return {
          result: { specName: 'node-subtensor', specVersion: Number.parseInt(hash.slice(34), 16) },
        }
      }
      case 'state_getMetadata':
        return { result: recording.metadata.state_getMetadata }
      case 'state_getStorage':
        return { result: chain.storage.get(String(params[0]).toLowerCase()) ?? null }
      case 'state_queryStorageAt': {
        const keys = params[0] as string[]
        return {
          result: [
            {
              block: best,
              changes: keys.map((k) => [k, chain.storage.get(k.toLowerCase()) ?? null]),
            },
          ],
        }
      }
      case 'state_getKeysPaged': {
        const [prefix, count, start] = params as [string, number, string | null]
        const keys = [...chain.storage.keys()]
          .filter(
            (k) =>
              k.startsWith(prefix.toLowerCase()) && (start === null || k > start.toLowerCase()),
          )
          .sort()
          .slice(0, count)
        return { result: keys }
      }
      case 'state_call': {
        if (params[0] === 'Metadata_metadata_at_version')
          return { result: recording.metadata.Metadata_metadata_at_version }
        const answer = chain.calls.get(String(params[0]))
        return answer === undefined
          ? { error: { code: -32000, message: `no ${String(params[0])}` } }
          : { result: answer }
      }
      default:
        return { error: { code: -32601, message: `method ${method} not found` } }
    }
  }
}

/** Codecs built from the recording's spec-343 V15 metadata. */
export function recordedBuilder(recording: Recording): DynamicBuilder {
  const bytes = Option(Bytes()).dec(recording.metadata.Metadata_metadata_at_version) as Uint8Array
  return getDynamicBuilder(getLookupFn(unifyMetadata(decAnyMetadata(bytes))))
}

/** Storage entries (key → SCALE hex) holding a V3 pool state, encoded with the chain's codecs. */
export function v3PoolStorage(builder: DynamicBuilder, pool: PoolState): Map<string, string> {
  const storage = new Map<string, string>()
  const hex = (u: Uint8Array): string => `0x${Buffer.from(u).toString('hex')}`
  const put = (pallet: string, item: string, keys: unknown[], value: unknown): void => {
    const codec = builder.buildStorage(pallet, item)
    storage.set((codec.keys.enc(...keys) as string).toLowerCase(), hex(codec.value.enc(value)))
  }
  const n = pool.netuid
  put('SubtensorModule', 'SubnetTAO', [n], pool.taoReserve)
  put('SubtensorModule', 'SubnetAlphaIn', [n], pool.alphaReserve)
  put('SubtensorModule', 'SubnetMechanism', [n], pool.mechanism)
  put('Swap', 'AlphaSqrtPrice', [n], pool.alphaSqrtPrice ?? 0n)
  put('Swap', 'CurrentLiquidity', [n], pool.currentLiquidity ?? 0n)
  put('Swap', 'CurrentTick', [n], pool.currentTick ?? 0)
  put('Swap', 'SwapV3Initialized', [n], pool.initialized ?? false)
  put('Swap', 'FeeRate', [n], pool.feeRate ?? 33)
  for (const t of pool.ticks ?? [])
    put('Swap', 'Ticks', [n, t.index], {
      liquidity_net: t.liquidityNet,
      liquidity_gross: t.liquidityGross,
      fees_out_tao: t.feesOutTao,
      fees_out_alpha: t.feesOutAlpha,
    })
  return storage
}
