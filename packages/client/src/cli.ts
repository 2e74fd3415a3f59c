#!/usr/bin/env node
/**
 * The `dtao` command line: quotes, prices, snapshots, emission and epoch inputs, from a node
 * (`--url`), a snapshot file (`--snapshot`) or, by default, the package's embedded snapshot of
 * real finney figures. Not part of the library's exports.
 *
 * @internal
 */
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isDtaoError } from '@dtao/errors'
import { alphaBalance, formatAlpha, formatTao, parseAlpha, parseTao, taoBalance } from '@dtao/fixed'
import { type BlockRef, type ChainClient, closeClient, createClient } from './chainClient.js'
import { embeddedSnapshot } from './embeddedSnapshot.js'
import { getEmissionInputs } from './emissionInputs.js'
import type { SubnetEpoch } from './epoch.js'
import { epoch } from './epoch.js'
import { metagraphEpoch } from './metagraphEpoch.js'
import { svgLinePlot } from './plot.js'
import { getPoolState, type Provenance } from './pool.js'
import { project } from './project.js'
import { poolPriceRao, type Quote, quote } from './quote.js'
import { getCurrentAlphaPrice } from './simSwap.js'
import { readSnapshot, serializeSnapshot, snapshot } from './snapshot.js'
import type { Source } from './snapshotLookup.js'

const usage = `Usage: dtao <command> [options]

Commands:
  quote     --netuid N (--buy TAO | --sell ALPHA) [--tolerance 0.005] [--limit TAO_PER_ALPHA] [--verify]
  price     --netuid N
  simulate  --netuid N (--buy TAO | --sell ALPHA) [--steps 20] [--plot file.svg]
  epoch     --netuid N [--emission ALPHA]  (the next epoch, run exactly; no source: a real subnet-15 epoch)
  emission  [--netuids 1,2,3] [--blocks N [--plot file.svg]]  (coinbase inputs, or a projection)
  snapshot  --url URL --netuids 1,2 [--out file.json] [--no-epoch]

Sources (one of): --url ws://host:port | --snapshot file.json | (default) the embedded snapshot
Common: --block N|0xHASH   --json   --timeout MS
`

/** A usage mistake: printed as one line, exit code 2. */
class UsageError extends Error {}

type Io = { out: (s: string) => void; err: (s: string) => void }

const options = {
  url: { type: 'string' },
  snapshot: { type: 'string' },
  block: { type: 'string' },
  json: { type: 'boolean' },
  netuid: { type: 'string' },
  netuids: { type: 'string' },
  buy: { type: 'string' },
  sell: { type: 'string' },
  tolerance: { type: 'string' },
  limit: { type: 'string' },
  verify: { type: 'boolean' },
  steps: { type: 'string' },
  blocks: { type: 'string' },
  emission: { type: 'string' },
  plot: { type: 'string' },
  out: { type: 'string' },
  'no-epoch': { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type Flags = {
  [K in keyof typeof options]?: (typeof options)[K]['type'] extends 'string' ? string : boolean
}

const int = (name: string, text: string | undefined, max = 0xffff): number => {
  if (text === undefined)
    throw new UsageError(`--${name} is required (an integer, e.g. --${name} 1)`)
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new UsageError(`--${name} must be an integer in [0, ${max}], got ${JSON.stringify(text)}`)
  return Number(text)
}
const blockOf = (text: string | undefined): BlockRef | undefined => {
  if (text === undefined) return undefined
  if (/^0x[0-9a-fA-F]{64}$/.test(text)) return text as `0x${string}`
  return int('block', text, Number.MAX_SAFE_INTEGER)
}
const json = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)
const provenanceLine = (p: Provenance): string =>
  `block ${p.block} · spec ${p.specVersion} · source ${p.source}`

const openSource = async (flags: Flags): Promise<{ source: Source; close: () => void }> => {
  if (flags.url !== undefined && flags.snapshot !== undefined)
    throw new UsageError('give either --url or --snapshot, not both')
  if (flags.url !== undefined) {
    const timeout = flags.timeout === undefined ? 30_000 : int('timeout', flags.timeout, 3_600_000)
    const client: ChainClient = createClient(flags.url, { timeout })
    return { source: client, close: () => closeClient(client) }
  }
  const snap =
    flags.snapshot === undefined ? embeddedSnapshot() : await readSnapshot(flags.snapshot)
  return { source: snap, close: () => {} }
}

const sideAmount = (flags: Flags): { side: 'buy' | 'sell'; amount: bigint } => {
  if ((flags.buy === undefined) === (flags.sell === undefined))
    throw new UsageError(
      'give exactly one of --buy TAO or --sell ALPHA (decimal amounts, e.g. --buy 1.5)',
    )
  try {
    return flags.buy !== undefined
      ? { side: 'buy', amount: parseTao(flags.buy) }
      : { side: 'sell', amount: parseAlpha(flags.sell as string) }
  } catch {
    throw new UsageError(
      `amount ${JSON.stringify(flags.buy ?? flags.sell)} is not a decimal amount with at most 9 places`,
    )
  }
}

const tao = (x: bigint): string => formatTao(taoBalance(x))
const alpha = (x: bigint): string => formatAlpha(alphaBalance(x))
const fmtIn = (side: 'buy' | 'sell', x: bigint) =>
  side === 'buy' ? `${tao(x)} τ` : `${alpha(x)} α`
const fmtOut = (side: 'buy' | 'sell', x: bigint) =>
  side === 'buy' ? `${alpha(x)} α` : `${tao(x)} τ`

const printQuote = (q: Quote, io: Io): void => {
  io.out(`${q.side === 'buy' ? 'Buy' : 'Sell'} on subnet ${q.netuid} (${q.era} pool)\n`)
  io.out(`  in        ${fmtIn(q.side, q.amountIn)}\n`)
  io.out(`  fee       ${fmtIn(q.side, q.fee)}\n`)
  io.out(`  out       ${fmtOut(q.side, q.amountOut)}\n`)
  io.out(`  spot      ${tao(q.spotPriceRao)} τ/α\n`)
  if (q.minAmountOut !== undefined) io.out(`  min out   ${fmtOut(q.side, q.minAmountOut)}\n`)
  if (q.limitPriceRao !== undefined)
    io.out(`  limit     ${tao(q.limitPriceRao)} τ/α (limit_price ${q.limitPriceRao} rao)\n`)
  if (q.verified) io.out('  verified  matches the node’s sim_swap to the rao\n')
  io.out(`  ${provenanceLine(q.provenance)}\n`)
}

const progress = (io: Io, done: number, total: number): void => {
  const width = 30
  const filled = Math.round((done / total) * width)
  io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`)
  if (done === total) io.err('\n')
}

// Display only: a rao amount as a float in whole units, for chart coordinates.
const raoToNumber = (x: bigint): number => Number(x) / 1e9

/** `../shared/data` beside the repository (or `$DTAO_SHARED_DATA`), read at run time, never copied. */
const sharedData = (): string =>
  process.env.DTAO_SHARED_DATA ??
  fileURLToPath(new URL('../../../../shared/data/', import.meta.url))

// `dtao epoch` with no source: one exact epoch (@dtao/yuma) over a real metagraph.
const realMetagraphEpoch = async (flags: Flags, io: Io): Promise<void> => {
  const file = join(sharedData(), 'metagraphs', 'subnet15-block4769998.json')
  if (!existsSync(file))
    throw new UsageError(
      `no real metagraph at ${file}; pass --url ws://host:port or --snapshot file.json`,
    )
  if (flags.netuid !== undefined && flags.netuid !== '15')
    throw new UsageError(
      'the bundled real metagraph is subnet 15; use --url or --snapshot for other subnets',
    )
  const e = await metagraphEpoch(file)
  const out = e.output
  const snapshot = e.metagraph
  const source = e.provenance.source
  const provenance = { block: snapshot.block, netuid: 15, source }
  if (flags.json) {
    io.out(`${json({ provenance, output: out })}\n`)
    return
  }
  const top = out.incentive
    .map((incentive, uid) => ({
      uid,
      incentive,
      dividend: out.dividend[uid] ?? 0,
      emission: out.emission[uid] ?? 0n,
    }))
    .sort((a, b) => (b.emission > a.emission ? 1 : b.emission < a.emission ? -1 : a.uid - b.uid))
    .slice(0, 10)
  io.out(`Epoch of subnet 15 at block ${snapshot.block}: ${snapshot.n} uids (top 10 by emission)\n`)
  io.out('  uid   incentive  dividend  emission\n')
  for (const r of top)
    io.out(
      `  ${String(r.uid).padStart(3)}   ${String(r.incentive).padStart(9)}  ${String(r.dividend).padStart(8)}  ${alpha(r.emission)} α\n`,
    )
  io.out(`  block ${snapshot.block} · source ${source}\n`)
}

const printEpoch = (e: SubnetEpoch, io: Io): void => {
  const out = e.output
  const top = out.emission
    .map((emission, uid) => ({ uid, emission }))
    .sort((a, b) => (b.emission > a.emission ? 1 : b.emission < a.emission ? -1 : a.uid - b.uid))
    .slice(0, 10)
  io.out(
    `Next epoch of subnet ${e.netuid} (mechanism ${e.mecid}) at block ${e.block}: ${e.input.n} uids, ${alpha(e.input.raoEmission)} α to distribute (top 10 by emission)\n`,
  )
  io.out('  uid   incentive  dividend  emission\n')
  for (const { uid, emission } of top)
    io.out(
      `  ${String(uid).padStart(3)}   ${String(out.incentive[uid] ?? 0).padStart(9)}  ${String(out.dividend[uid] ?? 0).padStart(8)}  ${alpha(emission)} α\n`,
    )
  for (const d of e.derived) io.out(`  derived: ${d}\n`)
  io.out(`  ${provenanceLine(e.provenance)}\n`)
}

// `dtao emission --blocks N`: the projection, in chunks so a progress bar can follow it.
const projectCommand = async (
  source: Source,
  flags: Flags,
  io: Io,
  blocks: number,
  netuids: number[] | undefined,
): Promise<void> => {
  const { projection, provenance } = await project(source, {
    blocks: BigInt(blocks),
    block: blockOf(flags.block),
    ...(netuids ? { netuids } : {}),
  })
  if (!flags.json) progress(io, 1, 1)
  const rows = [...projection.subnets.values()]
  if (flags.plot !== undefined) {
    const points = rows.map((r, i) => [i, raoToNumber(r.taoIn)] as const)
    await writeFile(
      flags.plot,
      svgLinePlot(points, {
        title: `TAO injected per subnet over ${blocks} blocks (${provenanceLine(provenance)})`,
        xLabel: `subnets ${rows.map((r) => r.netuid).join(', ')}`,
        yLabel: 'τ',
      }),
    )
  }
  if (flags.json)
    io.out(`${json({ blocks, provenance, projection: { ...projection, subnets: rows } })}\n`)
  else {
    io.out(
      `Emission projection over ${blocks} blocks (prices held constant): ${tao(projection.taoMinted)} τ minted\n`,
    )
    for (const r of rows)
      io.out(
        `  subnet ${String(r.netuid).padStart(3)}  ${tao(r.taoIn).padStart(20)} τ in  ${alpha(r.alphaOut).padStart(20)} α out  ${r.epochCount} epochs\n`,
      )
    if (flags.plot !== undefined) io.out(`  chart written to ${flags.plot}\n`)
    io.out(`  ${provenanceLine(provenance)}\n`)
  }
}

const commands: Record<string, (flags: Flags, io: Io) => Promise<void>> = {
  async quote(flags, io) {
    const netuid = int('netuid', flags.netuid)
    const { side, amount } = sideAmount(flags)
    let limit: bigint | undefined
    try {
      limit = flags.limit === undefined ? undefined : parseTao(flags.limit)
    } catch {
      throw new UsageError(
        `--limit ${JSON.stringify(flags.limit)} is not a TAO-per-alpha price (e.g. 0.0095)`,
      )
    }
    const { source, close } = await openSource(flags)
    try {
      const q = await quote(source, {
        netuid,
        side,
        amount,
        tolerance: flags.tolerance,
        limit,
        verify: flags.verify === true,
        block: blockOf(flags.block),
      })
      if (flags.json) io.out(`${json(q)}\n`)
      else printQuote(q, io)
    } finally {
      close()
    }
  },
  async price(flags, io) {
    const netuid = int('netuid', flags.netuid)
    const { source, close } = await openSource(flags)
    try {
      const block = blockOf(flags.block)
      const pool = await getPoolState(source, { netuid, block })
      const price = poolPriceRao(pool)
      const node =
        source.kind === 'chain'
          ? await getCurrentAlphaPrice(source, { netuid, block: pool.provenance.blockHash })
          : undefined
      if (flags.json) io.out(`${json({ netuid, priceRao: price, nodePriceRao: node, pool })}\n`)
      else {
        io.out(`Subnet ${netuid} (${pool.era} pool)\n`)
        io.out(`  price     ${tao(price)} τ/α\n`)
        if (node !== undefined) io.out(`  node      ${tao(node)} τ/α (current_alpha_price)\n`)
        io.out(`  reserves  ${tao(pool.taoReserve)} τ · ${alpha(pool.alphaReserve)} α\n`)
        io.out(`  ${provenanceLine(pool.provenance)}\n`)
      }
    } finally {
      close()
    }
  },
  async simulate(flags, io) {
    const netuid = int('netuid', flags.netuid)
    const { side, amount } = sideAmount(flags)
    const steps = flags.steps === undefined ? 20 : int('steps', flags.steps, 10_000)
    if (steps < 1) throw new UsageError('--steps must be at least 1')
    const { source, close } = await openSource(flags)
    try {
      const first = await getPoolState(source, { netuid, block: blockOf(flags.block) })
      const block = first.provenance.blockHash
      const rows: { amountIn: bigint; amountOut: bigint; fee: bigint }[] = []
      for (let i = 1; i <= steps; i++) {
        const q = await quote(source, {
          netuid,
          side,
          amount: (amount * BigInt(i)) / BigInt(steps),
          block,
        })
        rows.push({ amountIn: q.amountIn, amountOut: q.amountOut, fee: q.fee })
        if (!flags.json) progress(io, i, steps)
      }
      if (flags.plot !== undefined) {
        const points = rows
          .filter((r) => r.amountOut > 0n && r.amountIn > 0n)
          .map((r) => {
            const price =
              side === 'buy'
                ? raoToNumber(r.amountIn) / raoToNumber(r.amountOut)
                : raoToNumber(r.amountOut) / raoToNumber(r.amountIn)
            return [raoToNumber(r.amountIn), price] as const
          })
        await writeFile(
          flags.plot,
          svgLinePlot(points, {
            title: `Subnet ${netuid}: average ${side} price vs size (${provenanceLine(first.provenance)})`,
            xLabel: side === 'buy' ? 'TAO in' : 'alpha in',
            yLabel: 'τ per α',
          }),
        )
      }
      if (flags.json) io.out(`${json({ netuid, side, provenance: first.provenance, rows })}\n`)
      else {
        io.out(`${side === 'buy' ? 'Buy' : 'Sell'} sizes on subnet ${netuid} (${first.era} pool)\n`)
        for (const r of rows)
          io.out(`  ${fmtIn(side, r.amountIn).padStart(24)} → ${fmtOut(side, r.amountOut)}\n`)
        if (flags.plot !== undefined) io.out(`  chart written to ${flags.plot}\n`)
        io.out(`  ${provenanceLine(first.provenance)}\n`)
      }
    } finally {
      close()
    }
  },
  async epoch(flags, io) {
    if (flags.url === undefined && flags.snapshot === undefined)
      return realMetagraphEpoch(flags, io)
    const netuid = int('netuid', flags.netuid)
    let raoEmission: bigint | undefined
    try {
      raoEmission = flags.emission === undefined ? undefined : parseAlpha(flags.emission)
    } catch {
      throw new UsageError(
        `--emission ${JSON.stringify(flags.emission)} is not an alpha amount (e.g. --emission 360)`,
      )
    }
    const { source, close } = await openSource(flags)
    try {
      const e = await epoch(source, { netuid, block: blockOf(flags.block), raoEmission })
      if (flags.json) io.out(`${json(e)}\n`)
      else printEpoch(e, io)
    } finally {
      close()
    }
  },
  async emission(flags, io) {
    const netuids = flags.netuids?.split(',').map((x) => int('netuids', x.trim()))
    const blocks = flags.blocks === undefined ? undefined : int('blocks', flags.blocks, 10_000_000)
    if (blocks === undefined && flags.plot !== undefined)
      throw new UsageError('--plot needs --blocks N (the projection to chart)')
    const { source, close } = await openSource(flags)
    try {
      if (blocks !== undefined) return await projectCommand(source, flags, io, blocks, netuids)
      const inputs = await getEmissionInputs(source, {
        block: blockOf(flags.block),
        ...(netuids ? { netuids } : {}),
      })
      if (flags.json) io.out(`${json(inputs)}\n`)
      else {
        const issuance = inputs.global.TotalIssuance
        io.out('Emission inputs\n')
        if (typeof issuance === 'bigint') io.out(`  TotalIssuance   ${tao(issuance)} τ\n`)
        for (const [netuid, s] of Object.entries(inputs.subnets)) {
          const price = s.SubnetMovingPrice
          io.out(`  subnet ${netuid.padStart(3)}  moving price ${json(price)} (I96F32 bits)\n`)
        }
        io.out(`  ${provenanceLine(inputs.provenance)}\n`)
      }
    } finally {
      close()
    }
  },
  async snapshot(flags, io) {
    if (flags.url === undefined)
      throw new UsageError('dtao snapshot needs --url ws://host:port (the node to read)')
    if (flags.netuids === undefined)
      throw new UsageError('dtao snapshot needs --netuids, e.g. --netuids 1,2,3')
    const netuids = flags.netuids.split(',').map((x) => int('netuids', x.trim()))
    const snap = await snapshot(flags.url, {
      netuids,
      block: blockOf(flags.block),
      epochInputs: flags['no-epoch'] !== true,
      ...(flags.timeout === undefined ? {} : { timeout: int('timeout', flags.timeout, 3_600_000) }),
    })
    const text = `${serializeSnapshot(snap)}\n`
    if (flags.out !== undefined) {
      await writeFile(flags.out, text)
      if (flags.json)
        io.out(`${json({ file: flags.out, provenance: snap.provenance, notes: snap.notes })}\n`)
      else
        io.out(
          `Snapshot of ${netuids.length} subnet(s) written to ${flags.out}\n  ${provenanceLine(snap.provenance)}\n`,
        )
    } else io.out(text)
  },
}

/** Runs the CLI; resolves with the exit code. */
async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(usage)
      return command === undefined ? 2 : 0
    }
    const run = commands[command]
    if (run === undefined)
      throw new UsageError(`unknown command ${JSON.stringify(command)}; try dtao --help`)
    let flags: Flags
    try {
      flags = parseArgs({ args: [...rest], options, strict: true, allowPositionals: false })
        .values as Flags
    } catch (e) {
      throw new UsageError(`${(e as Error).message.split('\n')[0]} (see dtao --help)`)
    }
    if (flags.help) {
      io.out(usage)
      return 0
    }
    await run(flags, io)
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`dtao: ${e.message}\n`)
      return 2
    }
    if (isDtaoError(e)) {
      io.err(`dtao: ${e.name}: ${e.shortMessage}\n`)
      return 1
    }
    io.err(`dtao: unexpected error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`)
    return 1
  }
}

main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code
})
