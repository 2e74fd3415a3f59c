import { readFile, writeFile } from 'node:fs/promises'
import { BaseError } from '@dtao/errors'
import { type BlockRef, closeClient, createClient, resolveBlock } from './chainClient.js'
import { getEmissionInputs } from './emissionInputs.js'
import { getEpochInputs } from './epochInputs.js'
import { getPoolStates } from './pool.js'
import type { Snapshot } from './snapshotLookup.js'
import { getDynamicInfo, getHyperparameters } from './subnet.js'

/** The `format` tag of snapshot files written by this version. * @example
 * ```ts
 * import { SNAPSHOT_FORMAT } from '@dtao/client'
 *
 * SNAPSHOT_FORMAT // 'dtao-snapshot/1'
 * ```
 */
export const SNAPSHOT_FORMAT = 'dtao-snapshot/1'

const bigintTag = /^-?\d+n$/

/**
 * Serialises a snapshot to JSON text. `bigint`s become decimal strings with an `n` suffix
 * (`"22079400556774n"`), so every amount round-trips exactly.
 *
 * @param snapshot - The snapshot.
 * @returns JSON text, two-space indented.
 * @example
 * ```ts
 * import { embeddedSnapshot, serializeSnapshot } from '@dtao/client'
 *
 * serializeSnapshot(embeddedSnapshot()).includes('"22079400556774n"') // true
 * ```
 */
export function serializeSnapshot(snapshot: Snapshot): string {
  const { kind: _kind, ...rest } = snapshot
  return JSON.stringify({ format: SNAPSHOT_FORMAT, ...rest }, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value === undefined ? null : value,
  )
}

/**
 * Parses snapshot JSON text (as written by {@link serializeSnapshot}).
 *
 * @param text - JSON text.
 * @param options - `source`: what to name the origin in errors (a file path).
 * @returns The snapshot.
 * @throws {@link InvalidSnapshotError} If the text is not a snapshot of a known format.
 * @example
 * ```ts
 * import { embeddedSnapshot, parseSnapshot, serializeSnapshot } from '@dtao/client'
 *
 * parseSnapshot(serializeSnapshot(embeddedSnapshot())).pools[0].taoReserve // 22079400556774n
 * ```
 */
export function parseSnapshot(text: string, options: { readonly source?: string } = {}): Snapshot {
  const source = options.source ?? 'snapshot'
  let raw: unknown
  try {
    raw = JSON.parse(text, (_key, value: unknown) =>
      typeof value === 'string' && bigintTag.test(value)
        ? BigInt(value.slice(0, -1))
        : value === null
          ? undefined
          : value,
    )
  } catch (cause) {
    throw new InvalidSnapshotError({ source, reason: 'not JSON', cause })
  }
  const o = raw as Partial<Record<keyof Snapshot | 'format', unknown>> | undefined
  if (typeof o !== 'object' || o === null || o.format !== SNAPSHOT_FORMAT)
    throw new InvalidSnapshotError({ source, reason: `format is not ${SNAPSHOT_FORMAT}` })
  const p = o.provenance as Snapshot['provenance'] | undefined
  if (typeof p?.block !== 'number' || typeof p.specVersion !== 'number' || !Array.isArray(o.pools))
    throw new InvalidSnapshotError({ source, reason: 'provenance or pools missing' })
  return {
    kind: 'snapshot',
    provenance: p,
    notes: (o.notes as string[] | undefined) ?? [],
    pools: o.pools as Snapshot['pools'],
    dynamicInfo: (o.dynamicInfo as Snapshot['dynamicInfo'] | undefined) ?? {},
    hyperparameters: (o.hyperparameters as Snapshot['hyperparameters'] | undefined) ?? {},
    epochInputs: (o.epochInputs as Snapshot['epochInputs'] | undefined) ?? {},
    emissionInputs: o.emissionInputs as Snapshot['emissionInputs'],
  }
}

/**
 * Reads a snapshot file.
 *
 * @param file - Path of the JSON file.
 * @returns The snapshot; its provenance `source` keeps the node URL it was taken from.
 * @throws {@link InvalidSnapshotError} If the file cannot be read or is not a snapshot.
 * @example
 * ```ts
 * import { getPoolState, readSnapshot } from '@dtao/client'
 *
 * const snap = await readSnapshot('finney-6852690.json')
 * await getPoolState(snap, { netuid: 1 })
 * ```
 */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (cause) {
    throw new InvalidSnapshotError({ source: file, reason: 'cannot be read', cause })
  }
  return parseSnapshot(text, { source: file })
}

/**
 * Writes a snapshot file.
 *
 * @param file - Path of the JSON file.
 * @param snapshot - The snapshot.
 * @example
 * ```ts
 * import { snapshot, writeSnapshot } from '@dtao/client'
 *
 * await writeSnapshot('snap.json', await snapshot('ws://127.0.0.1:9944', { netuids: [1] }))
 * ```
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeFile(file, `${serializeSnapshot(snapshot)}\n`)
}

/**
 * Takes a snapshot from a node: pool states, dynamic info, hyperparameters and epoch inputs of
 * `netuids`, and the emission inputs, all at one block.
 *
 * Parts the runtime at the block cannot answer (e.g. no `get_dynamic_info` before dTAO) are
 * left out and named in `notes`.
 *
 * @param url - The node's WebSocket URL.
 * @param options - `netuids`, `block` (best when omitted), `timeout` per request in ms,
 *   `epochInputs` (default true; false skips the per-uid reads).
 * @returns The snapshot.
 * @throws {@link RpcConnectionError} If the node cannot be reached.
 * @throws {@link UnknownSpecError} If the spec's pool rules are unknown.
 * @example
 * ```ts
 * import { snapshot } from '@dtao/client'
 *
 * const snap = await snapshot('ws://127.0.0.1:9944', { netuids: [1, 2], block: 6852690 })
 * snap.provenance // { block: 6852690, blockHash: '0x…', specVersion: 343, source: 'ws://127.0.0.1:9944' }
 * ```
 */
export async function snapshot(
  url: string,
  options: {
    readonly netuids: readonly number[]
    readonly block?: BlockRef | undefined
    readonly timeout?: number
    readonly epochInputs?: boolean
  },
): Promise<Snapshot> {
  const client = createClient(
    url,
    options.timeout === undefined ? {} : { timeout: options.timeout },
  )
  try {
    const at = await resolveBlock(client, options)
    const block = at.hash
    const { netuids } = options
    const pools = await getPoolStates(client, { netuids, block })
    const notes: string[] = []
    const optional = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await read()
      } catch (e) {
        // A dead or slow node aborts the snapshot; an answer the runtime cannot give is noted.
        if (
          !(e instanceof BaseError) ||
          e.name === 'Client.RpcConnectionError' ||
          e.name === 'Client.RpcTimeoutError'
        )
          throw e
        notes.push(`${what}: not captured (${e.shortMessage})`)
        return undefined
      }
    }
    const perSubnet = async <T>(what: string, read: (netuid: number) => Promise<T>) => {
      const out: Record<number, T> = {}
      for (const netuid of netuids) {
        const v = await optional(`${what} of subnet ${netuid}`, () => read(netuid))
        if (v !== undefined) out[netuid] = v
      }
      return out
    }
    const dynamicInfo = await perSubnet(
      'dynamic info',
      async (netuid) => (await getDynamicInfo(client, { netuid, block })).value,
    )
    const hyperparameters = await perSubnet(
      'hyperparameters',
      async (netuid) => (await getHyperparameters(client, { netuid, block })).value,
    )
    const epochInputs =
      options.epochInputs === false
        ? {}
        : await perSubnet('epoch inputs', (netuid) => getEpochInputs(client, { netuid, block }))
    const emissionInputs = await optional('emission inputs', () =>
      getEmissionInputs(client, { netuids, block }),
    )
    const provenance = (pools[0] ?? { provenance: undefined }).provenance ?? {
      block: at.number,
      blockHash: at.hash,
      specVersion: 0,
      source: url,
    }
    return {
      kind: 'snapshot',
      provenance,
      notes,
      pools,
      dynamicInfo,
      hyperparameters,
      epochInputs,
      emissionInputs,
    }
  } finally {
    closeClient(client)
  }
}

/** The text or file is not a snapshot this version can read.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 *
 * function explain(e: unknown): string {
 *   return isDtaoError(e, 'Client.InvalidSnapshotError') ? e.shortMessage : String(e)
 * }
 * ``` */
export class InvalidSnapshotError extends BaseError {
  override readonly name = 'Client.InvalidSnapshotError'
  /** The file path or label. */
  readonly source: string

  constructor({ source, reason, cause }: { source: string; reason: string; cause?: unknown }) {
    super(`${source} is not a dtao snapshot: ${reason}.`, {
      metaMessages: [`Snapshots are written by \`dtao snapshot\` (format ${SNAPSHOT_FORMAT}).`],
      cause,
    })
    this.source = source
  }
}
