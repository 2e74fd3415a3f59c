import { BaseError } from '@dtao/errors'
import { U96F32 } from '@dtao/fixed'
import { blockEmissionForIssuance, halvingIndex, halvingThreshold } from './blockEmission.js'
import {
  DEFAULT_MAX_EPOCHS_PER_BLOCK,
  DEFAULT_SUBNET_OWNER_CUT,
  LATEST_SPEC_VERSION,
  MAX_TEMPO,
  TOTAL_SUPPLY,
} from './constants.js'
import { InvalidAmountError } from './errors.js'
import { u64, u128, uint, uniqueNetuids } from './internal/check.js'
import { type Heap, heapNew, heapPeek, heapPop, heapPush } from './internal/heap.js'
import { perBlockParts } from './internal/perBlock.js'
import { rootProportion, taoWeight } from './rootProportion.js'
import { type RuleSet, rulesForSpec } from './rules.js'
import {
  rootSellFlag,
  type SubnetShareInput,
  subnetBlockEmissions,
  subnetsToEmitTo,
} from './shares.js'
import { alphaOutSplit, ownerCutFraction } from './split.js'
import { subnetTerms } from './subnetTerms.js'

/**
 * One subnet of a projection snapshot.
 *
 * @example
 * ```ts
 * import type { ProjectionSubnet } from '@dtao/emission'
 * const s: ProjectionSubnet = {
 *   netuid: 1, mechanism: 1, movingPrice: 1n << 31n, firstEmissionBlock: 1n, subtokenEnabled: true,
 *   registrationAllowed: true, alphaIn: 10n ** 15n, alphaOut: 10n ** 15n, spotPrice: 1n << 63n,
 *   tempo: 360, lastEpochBlock: 0n,
 * }
 * ```
 */
export type ProjectionSubnet = SubnetShareInput & {
  /** `SubnetAlphaIn`, alpha-rao. */
  readonly alphaIn: bigint
  /** `SubnetAlphaOut`, alpha-rao. */
  readonly alphaOut: bigint
  /** The pool spot price (U64F64 bits), held constant unless a price path is given. */
  readonly spotPrice: bigint
  /** `Tempo`. */
  readonly tempo: number
  /** `LastEpochBlock`. */
  readonly lastEpochBlock: bigint
  /** `PendingEpochAt` (default 0). */
  readonly pendingEpochAt?: bigint
  /** `BlocksSinceLastStep` (default: blocks since `lastEpochBlock`). */
  readonly blocksSinceLastStep?: bigint
  /** Pending buckets `[server, validator, root, ownerCut]` at the snapshot (default zeros). */
  readonly pending?: readonly [bigint, bigint, bigint, bigint]
  /** `OwnerCutEnabled` (default true). */
  readonly ownerCutEnabled?: boolean
}

/**
 * The state a projection starts from: storage at the end of `block`.
 *
 * @example
 * ```ts
 * import type { ProjectionSnapshot } from '@dtao/emission'
 * const s: ProjectionSnapshot = { block: 0n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }
 * ```
 */
export type ProjectionSnapshot = {
  /** The last executed block. */
  readonly block: bigint
  /** subtensor `TotalIssuance`, rao. */
  readonly totalIssuance: bigint
  /** Root `SubnetTAO`, rao (held constant). */
  readonly rootSubnetTao: bigint
  /** Raw `TaoWeight`. */
  readonly taoWeight: bigint
  /** `SubnetOwnerCut` (default 11 796). */
  readonly ownerCut?: number
  /** `MaxEpochsPerBlock` (default 2). */
  readonly maxEpochsPerBlock?: number
  /** Every non-root subnet. */
  readonly subnets: readonly ProjectionSubnet[]
}

/** A price path for {@link projectEmissions}: sampled every `interval` blocks. */
export type PricePath = {
  /** Blocks between samples (> 0). */
  readonly interval: bigint
  /** Moving price (I96F32 bits) and spot price (U64F64 bits) of a subnet from `block` on. */
  readonly at: (
    netuid: number,
    block: bigint,
  ) => {
    /** `SubnetMovingPrice`, I96F32 bits. */
    readonly movingPrice: bigint
    /** Spot price, U64F64 bits. */
    readonly spotPrice: bigint
  }
}

/** Options of {@link projectEmissions}. */
export type ProjectionOptions = {
  /** Rules (default spec 425). */
  readonly rules?: RuleSet
  /** Keep one record per epoch (default false). */
  readonly recordEpochs?: boolean
  /** A price path; default: the snapshot's prices forever. */
  readonly pricePath?: PricePath
}

/** One epoch of a subnet in a projection. */
export type EpochRecord = {
  /** The block whose `on_initialize` ran the epoch. */
  readonly block: bigint
  /** Miners' alpha drained (`PendingServerEmission`). */
  readonly server: bigint
  /** Validators' alpha drained. */
  readonly validator: bigint
  /** Root stakers' alpha drained. */
  readonly root: bigint
  /** Owner's alpha drained. */
  readonly ownerCut: bigint
  /** The subnet's cumulative TAO emission (injected + chain buys) through this block, rao. */
  readonly taoToDate: bigint
}

/** Totals over the horizon, per role (alpha-rao unless stated). */
export type RoleTotals = {
  /** Owner cut. */
  readonly owner: bigint
  /** Miners (server emission). */
  readonly miners: bigint
  /** Alpha validators. */
  readonly validators: bigint
  /** Root stakers (root alpha dividends). */
  readonly root: bigint
}

/** One subnet's projection. */
export type SubnetProjection = {
  /** The subnet id. */
  readonly netuid: number
  /** Whether it is in the emission set S. */
  readonly emits: boolean
  /** TAO injected into the pool, rao. */
  readonly taoIn: bigint
  /** TAO spent on chain buys, rao. */
  readonly chainBuyTao: bigint
  /** Alpha injected into the pool. */
  readonly alphaIn: bigint
  /** Alpha minted as alpha_out. */
  readonly alphaOut: bigint
  /** Root alpha recycled (root-sell flag off). */
  readonly rootRecycled: bigint
  /** Flooring dust left unallocated. */
  readonly dust: bigint
  /** Accrued into the pending buckets over the horizon, per role. */
  readonly accrued: RoleTotals
  /** Drained at epochs inside the horizon (includes the snapshot's pending), per role. */
  readonly distributed: RoleTotals
  /** Epochs run inside the horizon. */
  readonly epochCount: number
  /** Epoch records (when `recordEpochs`). */
  readonly epochs: EpochRecord[]
  /** Alpha issuance at the end. */
  readonly finalAlphaIssuance: bigint
}

/** The result of {@link projectEmissions}. */
export type Projection = {
  /** First projected block. */
  readonly fromBlock: bigint
  /** Last projected block. */
  readonly toBlock: bigint
  /** TAO minted (credit), rao. */
  readonly taoMinted: bigint
  /** Unspent credit recycled, rao. */
  readonly taoRecycled: bigint
  /** `TotalIssuance` at the end. */
  readonly finalTotalIssuance: bigint
  /** TAO halvings inside the horizon: the first block at the new emission. */
  readonly halvings: {
    /** The first block minted at the new emission. */
    readonly block: bigint
    /** The new emission per block, rao. */
    readonly emission: bigint
  }[]
  /** Epochs deferred by the per-block cap. */
  readonly deferrals: number
  /** Per subnet, ascending netuid. */
  readonly subnets: Map<number, SubnetProjection>
  /** The assumptions the numbers rest on. */
  readonly assumptions: readonly string[]
}

type PerBlock = {
  readonly taoIn: bigint
  readonly excess: bigint
  readonly alphaIn: bigint
  readonly created: bigint
  readonly owner: bigint
  readonly server: bigint
  readonly validator: bigint
  readonly root: bigint
  readonly rootRecycled: bigint
  readonly dust: bigint
  readonly dIss: bigint
}

const zeroBlock: PerBlock = {
  taoIn: 0n,
  excess: 0n,
  alphaIn: 0n,
  created: 0n,
  owner: 0n,
  server: 0n,
  validator: 0n,
  root: 0n,
  rootRecycled: 0n,
  dust: 0n,
  dIss: 0n,
}

type Sub = {
  readonly netuid: number
  readonly input: ProjectionSubnet
  emits: boolean
  movingPrice: bigint
  spot: bigint
  tau: bigint
  tempo: bigint
  last: bigint
  pendingAt: bigint
  lastDrain: bigint
  iss: bigint
  through: bigint
  per: PerBlock
  aCache: { lo: bigint; hi: bigint; a: bigint } | undefined
  alphaEvent: bigint
  pending: [bigint, bigint, bigint, bigint]
  t: {
    taoIn: bigint
    excess: bigint
    alphaIn: bigint
    created: bigint
    rootRecycled: bigint
    dust: bigint
    acc: [bigint, bigint, bigint, bigint]
    dist: [bigint, bigint, bigint, bigint]
  }
  epochCount: number
  epochs: EpochRecord[]
}

const never = 1n << 200n
const maxKey = 2n ** 53n

// Heap keys: block numbers as floats (exact: the horizon is checked to end below 2^53).
function key(b: bigint): number {
  return b >= maxKey ? Number.POSITIVE_INFINITY : Number(b)
}

function unkey(k: number | undefined): bigint {
  return k === undefined || k === Number.POSITIVE_INFINITY ? never : BigInt(k)
}

const assumptionText = [
  'Moving and spot prices, MinerBurned, eligibility flags, root stake and TaoWeight stay at the snapshot (or follow the supplied price path, sampled every interval blocks).',
  "Each subnet's root proportion and injection cap are re-evaluated at its epochs, at its alpha halvings, at TAO halvings and at price-path samples; in between its per-block quantities are constant (exact chain arithmetic on that state).",
  'Injections are accepted by the pool and chain buys succeed with the whole excess TAO; chain buys move alpha from the pool to outstanding (no change in alpha issuance).',
  'Every epoch runs (no duplicate keys, no owner triggers); the per-block cap of MaxEpochsPerBlock and the deferrals it causes are simulated exactly.',
  'No user trades, registrations, recycles or stake changes.',
]

/**
 * Project emissions from a snapshot over a horizon, per subnet and role (owner, miners,
 * validators, root stakers), with TAO halvings, alpha halvings, epoch draining and the per-block
 * epoch cap. Per-block quantities come from the exact chain functions; between state changes they
 * are constant, so the projection steps from event to event (epochs, halvings, price samples)
 * instead of block by block. See `assumptions` in the result.
 *
 * @param snapshot - The state at the end of `snapshot.block`.
 * @param horizon - `{ blocks }` to project (u64), or `{ epochs, netuid }`: until that subnet has run
 *   that many epochs (the projection then ends at the block of its last one).
 * @param options - `rules`, `recordEpochs`, `pricePath`.
 * @returns The projection.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @throws {@link InvalidAmountError} on a negative or non-bigint amount.
 * @throws {@link InvalidPricePathError} for a price path interval of 0.
 * @throws {@link InvalidHorizonError} for an epoch horizon on a missing or tempo-0 subnet.
 * @example
 * ```ts
 * import { projectEmissions } from '@dtao/emission'
 * const p = projectEmissions({ block: 0n, totalIssuance: 11_200_000n * 10n ** 9n, rootSubnetTao: 0n,
 *   taoWeight: 0n, subnets: [] }, { blocks: 7200n })
 * p.taoMinted // 3600000000000n (7200 blocks of 0.5 TAO)
 * p.taoRecycled // 3600000000000n (no subnet to emit to)
 * ```
 */
export function projectEmissions(
  snapshot: ProjectionSnapshot,
  horizon: { readonly blocks: bigint } | { readonly epochs: number; readonly netuid: number },
  options: ProjectionOptions = {},
): Projection {
  const rules = options.rules ?? rulesForSpec(LATEST_SPEC_VERSION)
  uniqueNetuids(snapshot.subnets)
  const block0 = u64('block', snapshot.block)
  const target = 'epochs' in horizon ? horizon : undefined
  let end: bigint
  if ('blocks' in horizon) end = block0 + u64('horizon.blocks', horizon.blocks)
  else if (target !== undefined) {
    uint('horizon.epochs', target.epochs, 2 ** 32 - 1)
    const t = snapshot.subnets.find((x) => x.netuid === target.netuid)
    if (t === undefined || t.tempo === 0) throw new InvalidHorizonError({ netuid: target.netuid })
    // Upper bound: each epoch is at most tempo blocks after the previous one, plus deferrals.
    end = block0 + BigInt(target.epochs + 1) * BigInt(Math.min(t.tempo, MAX_TEMPO + 1) + 256)
  } else throw new InvalidHorizonError({ netuid: -1 })
  if (end >= maxKey)
    throw new InvalidAmountError({
      field: 'horizon',
      value: end,
      expected: 'an end block below 2^53',
    })
  const rootTao = u64('rootSubnetTao', snapshot.rootSubnetTao)
  const weight = taoWeight(snapshot.taoWeight)
  const weighted = U96F32.saturatingMul(U96F32.fromNum(rootTao), weight)
  const ownerCut = uint('ownerCut', snapshot.ownerCut ?? DEFAULT_SUBNET_OWNER_CUT, 65535)
  const kappa = ownerCutFraction(ownerCut)
  const cap = uint(
    'maxEpochsPerBlock',
    snapshot.maxEpochsPerBlock ?? DEFAULT_MAX_EPOCHS_PER_BLOCK,
    255,
  )
  const record = options.recordEpochs === true
  const path = options.pricePath
  if (path !== undefined && (typeof path.interval !== 'bigint' || path.interval <= 0n))
    throw new InvalidPricePathError({ interval: path.interval })

  const subs: Sub[] = snapshot.subnets
    .filter((s) => s.netuid !== 0)
    .map((s): Sub => {
      const alphaIn = u64('alphaIn', s.alphaIn)
      const alphaOut = u64('alphaOut', s.alphaOut)
      const bsls = s.blocksSinceLastStep ?? block0 - u64('lastEpochBlock', s.lastEpochBlock)
      return {
        netuid: s.netuid,
        input: s,
        emits: false,
        movingPrice: s.movingPrice,
        spot: u128('spotPrice', s.spotPrice),
        tau: 0n,
        tempo: BigInt(uint('tempo', s.tempo, 65535)),
        last: u64('lastEpochBlock', s.lastEpochBlock),
        pendingAt: u64('pendingEpochAt', s.pendingEpochAt ?? 0n),
        lastDrain: block0 - u64('blocksSinceLastStep', bsls),
        iss: alphaIn + alphaOut,
        through: block0,
        per: zeroBlock,
        aCache: undefined,
        alphaEvent: never,
        pending: [...(s.pending ?? [0n, 0n, 0n, 0n])] as [bigint, bigint, bigint, bigint],
        t: {
          taoIn: 0n,
          excess: 0n,
          alphaIn: 0n,
          created: 0n,
          rootRecycled: 0n,
          dust: 0n,
          acc: [0n, 0n, 0n, 0n],
          dist: [0n, 0n, 0n, 0n],
        },
        epochCount: 0,
        epochs: [],
      }
    })
    .sort((a, b) => a.netuid - b.netuid)
  const byNetuid = new Map(subs.map((s) => [s.netuid, s]))

  let ti = u64('totalIssuance', snapshot.totalIssuance)
  let tiThrough = block0
  let spendTotal = 0n
  let e = blockEmissionForIssuance(ti)
  let minted = 0n
  let recycled = 0n
  const halvings: { block: bigint; emission: bigint }[] = []
  let rootSell = false

  const flushTi = (t: bigint): void => {
    if (t <= tiThrough) return
    const n = t - tiThrough
    const spent = spendTotal * n
    minted += e * n
    recycled += e * n - spent
    ti += spent
    tiThrough = t
  }

  const flush = (s: Sub, t: bigint): void => {
    if (t <= s.through) return
    const n = t - s.through
    const p = s.per
    s.pending[0] += p.server * n
    s.pending[1] += p.validator * n
    s.pending[2] += p.root * n
    s.pending[3] += p.owner * n
    s.t.acc[0] += p.server * n
    s.t.acc[1] += p.validator * n
    s.t.acc[2] += p.root * n
    s.t.acc[3] += p.owner * n
    s.t.taoIn += p.taoIn * n
    s.t.excess += p.excess * n
    s.t.alphaIn += p.alphaIn * n
    s.t.created += p.created * n
    s.t.rootRecycled += p.rootRecycled * n
    s.t.dust += p.dust * n
    s.iss += p.dIss * n
    s.through = t
  }

  const alphaEmission = (s: Sub): bigint => {
    const c = s.aCache
    if (c !== undefined && s.iss >= c.lo && s.iss < c.hi) return c.a
    const a = blockEmissionForIssuance(s.iss > (1n << 64n) - 1n ? (1n << 64n) - 1n : s.iss)
    const k = s.iss < TOTAL_SUPPLY ? halvingIndex(s.iss) : undefined
    s.aCache =
      k === undefined
        ? { lo: TOTAL_SUPPLY, hi: never, a }
        : { lo: halvingThreshold(k), hi: halvingThreshold(k + 1), a }
    return a
  }

  // Recompute a subnet's per-block quantities from its state at the end of block `s.through`.
  const recompute = (s: Sub, heapA: Heap): void => {
    const old = s.per.taoIn + s.per.excess
    if (!s.emits) {
      s.per = zeroBlock
    } else if (rules.injectionCap === 'root-prop') {
      s.per = perBlockParts({
        tau: s.tau,
        alphaEmission: alphaEmission(s),
        spot: s.spot,
        weighted,
        issuance: s.iss > (1n << 64n) - 1n ? (1n << 64n) - 1n : s.iss,
        kappa: (s.input.ownerCutEnabled ?? true) ? kappa : 0n,
        rootSell,
      })
    } else {
      const a = alphaEmission(s)
      const iss = s.iss > (1n << 64n) - 1n ? (1n << 64n) - 1n : s.iss
      const rpPre = rootProportion({
        rootSubnetTao: rootTao,
        taoWeight: weight,
        alphaIssuance: iss,
      })
      const t = subnetTerms(
        {
          taoEmission: s.tau,
          alphaEmission: a,
          spotPrice: s.spot,
          rootProportion: rpPre,
          blockEmission: e,
        },
        { rules },
      )
      const aIn = U96F32.saturatingToNum(t.alphaIn, 'u64')
      const created = U96F32.saturatingToNum(t.alphaOut, 'u64')
      const post = iss + aIn + created
      const rpPost = rootProportion({
        rootSubnetTao: rootTao,
        taoWeight: weight,
        alphaIssuance: post > (1n << 64n) - 1n ? (1n << 64n) - 1n : post,
      })
      const split = alphaOutSplit({
        alphaOut: t.alphaOut,
        rootProportion: rpPost,
        rootSell,
        ownerCut,
        ownerCutEnabled: s.input.ownerCutEnabled ?? true,
      })
      s.per = {
        taoIn: U96F32.saturatingToNum(t.taoIn, 'u64'),
        excess: U96F32.saturatingToNum(t.excessTao, 'u64'),
        alphaIn: aIn,
        created,
        owner: split.ownerCut,
        server: split.server,
        validator: split.validator,
        root: split.root,
        rootRecycled: split.rootRecycled,
        dust: split.dust,
        dIss: aIn + created - split.rootRecycled,
      }
    }
    spendTotal += s.per.taoIn + s.per.excess - old
    // Next alpha halving: the first block whose starting issuance reaches the next threshold.
    const c = s.aCache
    if (s.emits && c !== undefined && c.hi !== never && s.per.dIss > 0n) {
      const need = c.hi - s.iss
      s.alphaEvent = s.through + (need + s.per.dIss - 1n) / s.per.dIss + 1n
      heapPush(heapA, key(s.alphaEvent), s.netuid)
    } else s.alphaEvent = never
  }

  const applyPrices = (at: bigint): void => {
    if (path !== undefined)
      for (const s of subs) {
        const p = path.at(s.netuid, at)
        s.movingPrice = p.movingPrice
        s.spot = u128('spotPrice', p.spotPrice)
      }
    const shareIn = subs.map((s) => ({ ...s.input, movingPrice: s.movingPrice }))
    const set = new Set(subnetsToEmitTo(shareIn, { rules }))
    rootSell = rootSellFlag(shareIn, { rules })
    const tau = subnetBlockEmissions(shareIn, e, { rules })
    for (const s of subs) {
      s.emits = set.has(s.netuid)
      s.tau = tau.get(s.netuid) ?? 0n
    }
  }

  let nextTaoHalving = never
  let taoThreshold: bigint | undefined
  let taoThresholdFor = -1n
  const planTaoHalving = (): void => {
    if (taoThresholdFor !== e) {
      const k = ti < TOTAL_SUPPLY ? halvingIndex(ti) : undefined
      taoThreshold = k === undefined ? undefined : halvingThreshold(k + 1)
      taoThresholdFor = e
    }
    if (taoThreshold === undefined || e === 0n || spendTotal === 0n) {
      nextTaoHalving = never
      return
    }
    const need = taoThreshold - ti
    nextTaoHalving = tiThrough + (need > 0n ? (need + spendTotal - 1n) / spendTotal : 0n) + 1n
  }

  const heapE = heapNew()
  const heapA = heapNew()
  const nextDue = (s: Sub): bigint => {
    if (s.tempo === 0n) return never
    let d = s.last + s.tempo
    if (s.pendingAt > 0n && s.pendingAt < d) d = s.pendingAt
    const net = s.lastDrain + BigInt(MAX_TEMPO) + 1n
    if (net < d) d = net
    return d <= s.through ? s.through + 1n : d
  }
  let nextPath = path !== undefined ? block0 + path.interval : never

  applyPrices(block0 + 1n)
  for (const s of subs) recompute(s, heapA)
  for (const s of subs) heapPush(heapE, key(nextDue(s)), s.netuid)
  planTaoHalving()

  let deferrals = 0
  for (;;) {
    while (heapA.keys.length > 0) {
      const k = heapPeek(heapA) as number
      const id = heapA.ids[0] as number
      if (key((byNetuid.get(id) as Sub).alphaEvent) !== k) heapPop(heapA)
      else break
    }
    const candidates = [unkey(heapPeek(heapE)), unkey(heapPeek(heapA)), nextTaoHalving, nextPath]
    let nb = never
    for (const c of candidates) if (c < nb) nb = c
    if (nb > end) break
    // Start-of-block events: TAO halving, price sample (everything), alpha halving (one subnet).
    if (nextTaoHalving === nb || nextPath === nb) {
      flushTi(nb - 1n)
      for (const s of subs) flush(s, nb - 1n)
      const eNew = blockEmissionForIssuance(ti)
      if (nextTaoHalving === nb && eNew !== e) halvings.push({ block: nb, emission: eNew })
      e = eNew
      if (nextPath === nb) nextPath = nb + (path as PricePath).interval
      applyPrices(nb)
      for (const s of subs) recompute(s, heapA)
      planTaoHalving()
    }
    const nbKey = key(nb)
    while (heapA.keys.length > 0 && heapPeek(heapA) === nbKey) {
      const [, id] = heapPop(heapA) as [number, number]
      const s = byNetuid.get(id) as Sub
      if (s.alphaEvent !== nb) continue
      flushTi(nb - 1n)
      flush(s, nb - 1n)
      recompute(s, heapA)
      planTaoHalving()
    }
    // Epochs due at nb, in netuid order, at most `cap` of them.
    let run = 0
    let changed = false
    while (heapE.keys.length > 0 && heapPeek(heapE) === nbKey) {
      const [, id] = heapPop(heapE) as [number, number]
      const s = byNetuid.get(id) as Sub
      if (run >= cap) {
        s.pendingAt = nb + 1n
        deferrals++
        heapPush(heapE, key(nb + 1n), id)
        continue
      }
      if (!changed) flushTi(nb)
      changed = true
      flush(s, nb)
      const [sv, vl, rt, oc] = s.pending
      s.t.dist[0] += sv
      s.t.dist[1] += vl
      s.t.dist[2] += rt
      s.t.dist[3] += oc
      s.pending = [0n, 0n, 0n, 0n]
      s.epochCount++
      if (record)
        s.epochs.push({
          block: nb,
          server: sv,
          validator: vl,
          root: rt,
          ownerCut: oc,
          taoToDate: s.t.taoIn + s.t.excess,
        })
      s.last = nb
      s.pendingAt = 0n
      s.lastDrain = nb
      recompute(s, heapA)
      heapPush(heapE, key(nextDue(s)), id)
      run++
    }
    if (changed) planTaoHalving()
    if (target !== undefined && (byNetuid.get(target.netuid) as Sub).epochCount >= target.epochs) {
      end = nb
      break
    }
  }
  flushTi(end)
  for (const s of subs) flush(s, end)

  const out = new Map<number, SubnetProjection>()
  for (const s of subs) {
    const role = (x: readonly bigint[]): RoleTotals => ({
      miners: x[0] as bigint,
      validators: x[1] as bigint,
      root: x[2] as bigint,
      owner: x[3] as bigint,
    })
    out.set(s.netuid, {
      netuid: s.netuid,
      emits: s.emits,
      taoIn: s.t.taoIn,
      chainBuyTao: s.t.excess,
      alphaIn: s.t.alphaIn,
      alphaOut: s.t.created,
      rootRecycled: s.t.rootRecycled,
      dust: s.t.dust,
      accrued: role(s.t.acc),
      distributed: role(s.t.dist),
      epochCount: s.epochCount,
      epochs: s.epochs,
      finalAlphaIssuance: s.iss,
    })
  }
  return {
    fromBlock: block0 + 1n,
    toBlock: end,
    taoMinted: minted,
    taoRecycled: recycled,
    finalTotalIssuance: ti,
    halvings,
    deferrals,
    subnets: out,
    assumptions: assumptionText,
  }
}

/**
 * An epoch horizon for a subnet that is not in the snapshot or never runs epochs (tempo 0).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { projectEmissions } from '@dtao/emission'
 * const snap = { block: 0n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }
 * try { projectEmissions(snap, { epochs: 10, netuid: 1 }) } catch (e) { isDtaoError(e, 'Emission.InvalidHorizonError') } // true
 * ```
 */
export class InvalidHorizonError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidHorizonError'
  /** The subnet named by the horizon. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`Cannot project epochs of netuid ${netuid}: it is not in the snapshot or its tempo is 0.`)
    this.netuid = netuid
  }
}

/**
 * A price path whose sampling interval is not a positive `bigint`.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { projectEmissions } from '@dtao/emission'
 * const snap = { block: 0n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }
 * try {
 *   projectEmissions(snap, { blocks: 10n }, { pricePath: { interval: 0n, at: () => ({ movingPrice: 0n, spotPrice: 0n }) } })
 * } catch (e) { isDtaoError(e, 'Emission.InvalidPricePathError') } // true
 * ```
 */
export class InvalidPricePathError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidPricePathError'
  /** The rejected interval. */
  readonly interval: unknown

  constructor({ interval }: { interval: unknown }) {
    super(`Price path interval ${String(interval)} is not a positive bigint.`)
    this.interval = interval
  }
}
