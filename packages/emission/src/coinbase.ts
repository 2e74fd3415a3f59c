import { BaseError } from '@dtao/errors'
import { U64F64, U96F32 } from '@dtao/fixed'
import { blockEmissionForIssuance } from './blockEmission.js'
import {
  DEFAULT_EMA_PRICE_HALVING_BLOCKS,
  DEFAULT_MAX_EPOCHS_PER_BLOCK,
  DEFAULT_SUBNET_MOVING_ALPHA,
  DEFAULT_SUBNET_OWNER_CUT,
  LATEST_SPEC_VERSION,
  TOTAL_SUPPLY,
} from './constants.js'
import { MAX_U64, u64, uniqueNetuids } from './internal/check.js'
import { defaultCoinbasePool } from './internal/pool.js'
import { updateMovingPrice } from './movingPrice.js'
import { alphaIssuance, rootProportion, taoWeight } from './rootProportion.js'
import { type RuleSet, rulesForSpec } from './rules.js'
import { drainPending, type EpochEvent, epochsDeferredThisBlock } from './schedule.js'
import {
  rootSellFlag,
  type SubnetShareInput,
  subnetBlockEmissions,
  subnetShares,
  subnetsToEmitTo,
} from './shares.js'
import { alphaOutSplit } from './split.js'
import { type SubnetTerms, subnetTerms } from './subnetTerms.js'

/**
 * The pool state the coinbase hands to its {@link CoinbasePool}.
 *
 * @example
 * ```ts
 * import type { PoolView } from '@dtao/emission'
 * const p: PoolView = { netuid: 1, mechanism: 1, taoReserve: 10n ** 12n, alphaReserve: 10n ** 13n,
 *   quoteParts: 500_000_000_000_000_000n, initialized: true }
 * ```
 */
export type PoolView = {
  /** The subnet id. */
  readonly netuid: number
  /** `SubnetMechanism`. */
  readonly mechanism: number
  /** `SubnetTAO`, rao. */
  readonly taoReserve: bigint
  /** `SubnetAlphaIn`, alpha-rao. */
  readonly alphaReserve: bigint
  /** `SwapBalancer` quote weight, Perquintill parts. */
  readonly quoteParts: bigint
  /** `PalSwapInitialized`. */
  readonly initialized: boolean
}

/**
 * A chain buy's outcome: the swap result and the pool's weight state after it.
 *
 * @example
 * ```ts
 * import type { BuyOutcome } from '@dtao/emission'
 * const o: BuyOutcome = { ok: false, error: 'Amm.ReservesTooLowError' }
 * ```
 */
export type BuyOutcome =
  | {
      /** The swap succeeded. */
      readonly ok: true
      /** `amount_paid_in` (TAO into the reserve). */
      readonly paidIn: bigint
      /** `amount_paid_out` (alpha bought). */
      readonly paidOut: bigint
      /** The quote weight after the swap (set by lazy initialisation). */
      readonly quoteParts?: bigint
      /** `PalSwapInitialized` after the swap. */
      readonly initialized?: boolean
    }
  | {
      /** The swap failed; the TAO stays unswapped. */
      readonly ok: false
      /** The error name. */
      readonly error: string
      /** The quote weight if a lazy initialisation was committed anyway. */
      readonly quoteParts?: bigint
      /** `PalSwapInitialized` if it was committed anyway. */
      readonly initialized?: boolean
    }

/**
 * The three pool operations `run_coinbase` needs for dynamic (mechanism 1) subnets. The default
 * delegates to `@dtao/amm`'s Balancer pool; pass your own to model another pool.
 *
 * @example
 * ```ts
 * import type { CoinbasePool } from '@dtao/emission'
 * const fixedPrice: CoinbasePool = {
 *   spotPrice: () => 1n << 63n,
 *   addLiquidity: (p) => ({ accepted: true, quoteParts: p.quoteParts }),
 *   buyAlpha: (_p, tao) => ({ ok: true, paidIn: tao, paidOut: tao * 2n }),
 * }
 * ```
 */
export type CoinbasePool = {
  /** `current_alpha_price` (U64F64 bits). */
  readonly spotPrice: (pool: PoolView) => bigint
  /** `adjust_protocol_liquidity`: the new weight, or a refusal (weights out of bounds). */
  readonly addLiquidity: (
    pool: PoolView,
    tao: bigint,
    alpha: bigint,
  ) => {
    /** False when the new weight would leave [0.01, 0.99]: nothing is injected. */
    readonly accepted: boolean
    /** The quote weight after the call (unchanged when refused). */
    readonly quoteParts: bigint
  }
  /** `swap_tao_for_alpha(…, max_price, drop_fees = true)` through the Balancer pool. */
  readonly buyAlpha: (pool: PoolView, tao: bigint) => BuyOutcome
}

/**
 * The storage of one non-root subnet that the coinbase reads and writes (plain data).
 *
 * @example
 * ```ts
 * import type { CoinbaseSubnet } from '@dtao/emission'
 * const s: Pick<CoinbaseSubnet, 'netuid' | 'tempo'> = { netuid: 1, tempo: 360 }
 * ```
 */
export type CoinbaseSubnet = SubnetShareInput & {
  /** `SubnetTAO`, rao. */
  readonly subnetTao: bigint
  /** `SubnetAlphaIn` (pool reserve), alpha-rao. */
  readonly alphaIn: bigint
  /** `SubnetAlphaOut` (outstanding), alpha-rao. */
  readonly alphaOut: bigint
  /** `SwapBalancer` quote weight, Perquintill parts (10¹⁸ = 1); default ½. */
  readonly quoteParts?: bigint
  /** `PalSwapInitialized` (default true). */
  readonly palswapInitialized?: boolean
  /** `EMAPriceHalvingBlocks` (default 201 600). */
  readonly halvingBlocks?: bigint
  /** `OwnerCutEnabled` (default true). */
  readonly ownerCutEnabled?: boolean
  /** `Tempo`. */
  readonly tempo: number
  /** `LastEpochBlock`. */
  readonly lastEpochBlock: bigint
  /** `PendingEpochAt`. */
  readonly pendingEpochAt: bigint
  /** `BlocksSinceLastStep`. */
  readonly blocksSinceLastStep: bigint
  /** `SubnetEpochIndex`. */
  readonly epochIndex: bigint
  /** `PendingServerEmission`. */
  readonly pendingServer: bigint
  /** `PendingValidatorEmission`. */
  readonly pendingValidator: bigint
  /** `PendingRootAlphaDivs`. */
  readonly pendingRoot: bigint
  /** `PendingOwnerCut`. */
  readonly pendingOwnerCut: bigint
  /** `SubnetProtocolAlpha` (chain-bought alpha). */
  readonly protocolAlpha?: bigint
  /** Duplicate hotkeys in `Keys`: epochs are skipped. */
  readonly duplicateKeys?: boolean
  /** `SubnetTaoInEmission` (last block's). */
  readonly taoInEmission?: bigint
  /** `SubnetAlphaInEmission`. */
  readonly alphaInEmission?: bigint
  /** `SubnetAlphaOutEmission`. */
  readonly alphaOutEmission?: bigint
  /** `SubnetExcessTao`. */
  readonly excessTao?: bigint
  /** `RootProp` (display only), U96F32 bits. */
  readonly rootProp?: bigint | null
  /** `SubnetVolume` (u128). */
  readonly volume?: bigint
  /** `SubnetProtocolFlow` (i64). */
  readonly protocolFlow?: bigint
  /** `LastMechansimStepBlock` (`null` = never written). */
  readonly lastMechanismStepBlock?: bigint | null
  /** pallet-alpha-assets `TotalAlphaIssuance`. */
  readonly alphaAssetsIssuance?: bigint
  /** pallet-alpha-assets `AlphaRecycled`. */
  readonly alphaAssetsRecycled?: bigint
  /** pallet-alpha-assets `AlphaBurned`. */
  readonly alphaAssetsBurned?: bigint
  /** Free balance of the subnet account (TAO spent into it by the coinbase). */
  readonly accountBalance?: bigint
}

/**
 * The global storage the coinbase reads and writes, plus every non-root subnet.
 *
 * @example
 * ```ts
 * import type { CoinbaseState } from '@dtao/emission'
 * const g: Pick<CoinbaseState, 'block' | 'totalIssuance'> = { block: 1n, totalIssuance: 0n }
 * ```
 */
export type CoinbaseState = {
  /** The block being executed. */
  readonly block: bigint
  /** subtensor `TotalIssuance` (halving input), rao. */
  readonly totalIssuance: bigint
  /** balances pallet total issuance (21 M mint cap input); default `totalIssuance`. */
  readonly balancesTotalIssuance?: bigint
  /** `SubnetTAO[0]`, TAO staked on root. */
  readonly rootSubnetTao: bigint
  /** Raw `TaoWeight` (u64 over u64::MAX). */
  readonly taoWeight: bigint
  /** `SubnetOwnerCut` (u16, default 11 796). */
  readonly ownerCut?: number
  /** `SubnetMovingAlpha`, I96F32 bits (default 12 885). */
  readonly movingAlpha?: bigint
  /** `MaxEpochsPerBlock` (u8, default 2). */
  readonly maxEpochsPerBlock?: number
  /** `TotalStake`. */
  readonly totalStake?: bigint
  /** `BlockEmission` storage (default 10⁹). */
  readonly blockEmissionStorage?: bigint
  /** Every non-root subnet. */
  readonly subnets: readonly CoinbaseSubnet[]
}

/** What `run_coinbase` computed on the way, for inspection. */
export type CoinbaseIntermediates = {
  /** The minted credit E. */
  readonly blockEmission: bigint
  /** The eligible subnets S. */
  readonly subnetsToEmitTo: number[]
  /** Shares (U64F64). */
  readonly shares: Map<number, bigint>
  /** Per-subnet TAO emission (U96F32). */
  readonly subnetTaoEmission: Map<number, bigint>
  /** The root-sell flag. */
  readonly rootSellFlag: boolean
  /** `get_subnet_terms` per subnet. */
  readonly subnetTerms: Map<number, SubnetTerms>
  /** ρ before injection (U96F32). */
  readonly rootProportionPre: Map<number, bigint>
  /** Alpha issuance before the block. */
  readonly alphaIssuancePre: Map<number, bigint>
  /** Spot price before injection (U64F64). */
  readonly spotPricePre: Map<number, bigint>
  /** Drained buckets `[server, validator, root, ownerCut]`. */
  readonly drained: Map<number, readonly [bigint, bigint, bigint, bigint]>
  /** `epochs_deferred_this_block`, evaluated before `drain_pending` (as the chain's CRv3 step does). */
  readonly deferred: number[]
}

/** The result of {@link runCoinbase}. */
export type CoinbaseResult = {
  /** The state after the block. */
  readonly state: CoinbaseState
  /** Intermediates. */
  readonly intermediates: CoinbaseIntermediates
  /** Scheduler events. */
  readonly events: EpochEvent[]
  /** TAO recycled out of `TotalIssuance` this block (unspent credit). */
  readonly recycledTao: bigint
}

/** Options of {@link runCoinbase}. */
export type CoinbaseOptions = {
  /** The rules (default spec 425; specs 423–425 are implemented). */
  readonly rules?: RuleSet
  /** The pool model for spot prices, injections and chain buys (default: `@dtao/amm`'s Balancer). */
  readonly pool?: CoinbasePool
}

type Mut = { -readonly [K in keyof CoinbaseSubnet]: CoinbaseSubnet[K] }

const defaultQuote = 500_000_000_000_000_000n

function view(s: Mut): PoolView {
  return {
    netuid: s.netuid,
    mechanism: s.mechanism,
    taoReserve: s.subnetTao,
    alphaReserve: s.alphaIn,
    quoteParts: s.quoteParts ?? defaultQuote,
    initialized: s.palswapInitialized ?? true,
  }
}

function satAdd(a: bigint, b: bigint, max: bigint = MAX_U64): bigint {
  const s = a + b
  return s > max ? max : s
}

function satSub(a: bigint, b: bigint): bigint {
  return a > b ? a - b : 0n
}

/**
 * One block of the chain's emission, in `block_step` order: mint E from `TotalIssuance` (capped
 * at 21 M of balances issuance), `run_coinbase` (shares, terms, injection and chain buys through the
 * pool model, alpha_out split into pending buckets, recycling of unspent credit, `drain_pending`),
 * then the moving-price and `RootProp` updates. Drained subnets run no Yuma epoch here (a subnet
 * with no neurons: nothing is paid, `MinerBurned` becomes 0).
 *
 * @param state - Storage at the block's start.
 * @param options - `rules`, `pool`.
 * @returns The new state, intermediates, events and recycled TAO.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice.
 * @throws {@link InvalidAmountError} on a negative or non-bigint amount.
 * @throws {@link UnsupportedCoinbaseRulesError} for rules outside specs 423–425.
 * @example
 * ```ts
 * import { runCoinbase } from '@dtao/emission'
 * const r = runCoinbase({ block: 10n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] })
 * r.recycledTao // 1000000000n (no subnet to emit to: the whole credit is recycled)
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · run_coinbase
 */
export function runCoinbase(state: CoinbaseState, options: CoinbaseOptions = {}): CoinbaseResult {
  const rules = options.rules ?? rulesForSpec(LATEST_SPEC_VERSION)
  if (
    (rules.shares !== 'price-ema-burn' && rules.shares !== 'price-ema-rootprop-burn') ||
    rules.schedule !== 'stateful'
  )
    throw new UnsupportedCoinbaseRulesError({ spec: rules.spec })
  const pool = options.pool ?? defaultCoinbasePool
  uniqueNetuids(state.subnets)
  const block = u64('block', state.block)
  let totalIssuance = u64('totalIssuance', state.totalIssuance)
  let balancesIssuance = u64('balancesTotalIssuance', state.balancesTotalIssuance ?? totalIssuance)
  const rootTao = u64('rootSubnetTao', state.rootSubnetTao)
  const weight = taoWeight(state.taoWeight)
  let totalStake = u64('totalStake', state.totalStake ?? 0n)
  const subs: Mut[] = state.subnets
    .filter((s) => s.netuid !== 0)
    .map((s) => ({ ...s }))
    .sort((a, b) => a.netuid - b.netuid)
  const byNetuid = new Map(subs.map((s) => [s.netuid, s]))

  // block_step 2: get_block_emission (mint_tao).
  const e = blockEmissionForIssuance(totalIssuance)
  // get_block_emission_for_issuance writes `BlockEmission` on every call that does not return
  // early (issuance below the supply); the last such call wins.
  let blockEmissionStorage = state.blockEmissionStorage ?? 1_000_000_000n
  if (totalIssuance < TOTAL_SUPPLY) blockEmissionStorage = e
  let credit = 0n
  if (e > 0n) {
    const remaining = satSub(TOTAL_SUPPLY, balancesIssuance)
    credit = e < remaining ? e : remaining
    totalIssuance = satAdd(totalIssuance, credit)
    balancesIssuance = satAdd(balancesIssuance, credit)
  }

  const minted = credit

  // run_coinbase 1-3.
  const s = subnetsToEmitTo(subs, { rules })
  const ρPre = new Map<number, bigint>()
  const issuancePre = new Map<number, bigint>()
  for (const n of s) {
    const x = byNetuid.get(n) as Mut
    const iss = alphaIssuance(x.alphaIn, x.alphaOut)
    issuancePre.set(n, iss)
    ρPre.set(n, rootProportion({ rootSubnetTao: rootTao, taoWeight: weight, alphaIssuance: iss }))
  }
  const shareSubs =
    rules.shares === 'price-ema-rootprop-burn'
      ? subs.map((x) =>
          ρPre.has(x.netuid) ? { ...x, rootProportion: ρPre.get(x.netuid) as bigint } : x,
        )
      : subs
  const shares = subnetShares(shareSubs, { rules })
  const taoEmission = subnetBlockEmissions(shareSubs, credit, { rules })
  const rootSell = rootSellFlag(subs, { rules })

  const emitted = emitSteps(subs, byNetuid, {
    subnets: s,
    taoEmission,
    credit,
    rootSell,
    rootTao,
    weight,
    ownerCut: state.ownerCut ?? DEFAULT_SUBNET_OWNER_CUT,
    rules,
    pool,
    blockEmissionStorage,
  })
  blockEmissionStorage = emitted.blockEmissionStorage
  totalStake = satAdd(totalStake, emitted.stakeAdded)
  const recycledTao = emitted.recycledTao
  totalIssuance = satSub(totalIssuance, recycledTao)
  const { terms, spotPre } = emitted

  // run_coinbase 5-6: drain_pending and the (neuron-less) distribution.
  const schedules = subs.map((x) => ({
    netuid: x.netuid,
    tempo: x.tempo,
    lastEpochBlock: x.lastEpochBlock,
    pendingEpochAt: x.pendingEpochAt,
    blocksSinceLastStep: x.blocksSinceLastStep,
    duplicateKeys: x.duplicateKeys === true,
  }))
  const deferredBefore = epochsDeferredThisBlock(schedules, block, {
    maxEpochsPerBlock: state.maxEpochsPerBlock ?? DEFAULT_MAX_EPOCHS_PER_BLOCK,
  })
  const drain = drainPending(
    subs.map((x) => ({
      netuid: x.netuid,
      tempo: x.tempo,
      lastEpochBlock: x.lastEpochBlock,
      pendingEpochAt: x.pendingEpochAt,
      blocksSinceLastStep: x.blocksSinceLastStep,
      epochIndex: x.epochIndex,
      pending: [x.pendingServer, x.pendingValidator, x.pendingRoot, x.pendingOwnerCut] as const,
      duplicateKeys: x.duplicateKeys === true,
    })),
    block,
    { maxEpochsPerBlock: state.maxEpochsPerBlock ?? DEFAULT_MAX_EPOCHS_PER_BLOCK },
  )
  for (const d of drain.subnets) {
    const x = byNetuid.get(d.netuid) as Mut
    x.lastEpochBlock = d.lastEpochBlock
    x.pendingEpochAt = d.pendingEpochAt
    x.blocksSinceLastStep = d.blocksSinceLastStep
    x.epochIndex = d.epochIndex
    ;[x.pendingServer, x.pendingValidator, x.pendingRoot, x.pendingOwnerCut] = d.pending
  }
  for (const n of drain.drained.keys()) {
    const x = byNetuid.get(n) as Mut
    x.minerBurned = 0n
    x.lastMechanismStepBlock = block
  }

  // block_step 5-6: moving prices and RootProp, for S recomputed.
  const after = subnetsToEmitTo(subs, { rules })
  for (const n of after) {
    const x = byNetuid.get(n) as Mut
    const spot = x.mechanism === 1 ? pool.spotPrice(view(x)) : U64F64.ONE
    x.movingPrice = updateMovingPrice({
      netuid: n,
      mechanism: x.mechanism,
      movingPrice: x.movingPrice,
      spotPrice: spot,
      block,
      firstEmissionBlock: x.firstEmissionBlock,
      movingAlpha: state.movingAlpha ?? DEFAULT_SUBNET_MOVING_ALPHA,
      halvingBlocks: x.halvingBlocks ?? DEFAULT_EMA_PRICE_HALVING_BLOCKS,
    })
  }
  for (const n of after) {
    const x = byNetuid.get(n) as Mut
    x.rootProp = rootProportion({
      rootSubnetTao: rootTao,
      taoWeight: weight,
      alphaIssuance: alphaIssuance(x.alphaIn, x.alphaOut),
    })
  }

  return {
    state: {
      ...state,
      totalIssuance,
      balancesTotalIssuance: balancesIssuance,
      totalStake,
      blockEmissionStorage,
      subnets: subs,
    },
    intermediates: {
      blockEmission: minted,
      subnetsToEmitTo: s,
      shares,
      subnetTaoEmission: taoEmission,
      rootSellFlag: rootSell,
      subnetTerms: terms,
      rootProportionPre: ρPre,
      alphaIssuancePre: issuancePre,
      spotPricePre: spotPre,
      drained: drain.drained,
      deferred: deferredBefore,
    },
    events: drain.events,
    recycledTao,
  }
}

/** The result of {@link emitToSubnets}. */
export type EmitResult = {
  /** The state after the step (`TotalIssuance` lowered by the recycled credit, `TotalStake` raised). */
  readonly state: CoinbaseState
  /** `get_subnet_terms` per subnet. */
  readonly subnetTerms: Map<number, SubnetTerms>
  /** Credit left unspent and recycled, rao. */
  readonly recycledTao: bigint
}

/**
 * `emit_to_subnets` alone: for the given subnets and their TAO emissions, compute the terms, inject
 * and chain-buy through the pool model, recycle unspent credit, then mint alpha_out and fill the
 * pending buckets. Use {@link runCoinbase} for a whole block.
 *
 * @param state - Storage before the step.
 * @param input - `subnets` (netuids, ascending), `taoEmission` (netuid → U96F32 bits), `credit`
 *   (rao available to spend) and `rootSell`.
 * @param options - `rules`, `pool`.
 * @returns The new state, the terms and the recycled credit.
 * @throws {@link DuplicateNetuidError} if a netuid appears twice in `state.subnets`.
 * @throws {@link UnknownNetuidError} if `input.subnets` names a netuid not in the state.
 * @throws {@link InvalidAmountError} on a negative or non-bigint amount.
 * @example
 * ```ts
 * import { emitToSubnets } from '@dtao/emission'
 * const r = emitToSubnets({ block: 1n, totalIssuance: 10n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] },
 *   { subnets: [], taoEmission: new Map(), credit: 10n, rootSell: false })
 * r.recycledTao // 10n
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · emit_to_subnets
 */
export function emitToSubnets(
  state: CoinbaseState,
  input: {
    readonly subnets: readonly number[]
    readonly taoEmission: ReadonlyMap<number, bigint>
    readonly credit: bigint
    readonly rootSell: boolean
  },
  options: CoinbaseOptions = {},
): EmitResult {
  uniqueNetuids(state.subnets)
  const subs: Mut[] = state.subnets.map((x) => ({ ...x })).sort((a, b) => a.netuid - b.netuid)
  const byNetuid = new Map(subs.map((x) => [x.netuid, x]))
  for (const n of input.subnets) if (!byNetuid.has(n)) throw new UnknownNetuidError({ netuid: n })
  const r = emitSteps(subs, byNetuid, {
    subnets: [...input.subnets].sort((a, b) => a - b),
    taoEmission: input.taoEmission,
    credit: u64('credit', input.credit),
    rootSell: input.rootSell,
    rootTao: u64('rootSubnetTao', state.rootSubnetTao),
    weight: taoWeight(state.taoWeight),
    ownerCut: state.ownerCut ?? DEFAULT_SUBNET_OWNER_CUT,
    rules: options.rules ?? rulesForSpec(LATEST_SPEC_VERSION),
    pool: options.pool ?? defaultCoinbasePool,
    blockEmissionStorage: state.blockEmissionStorage ?? 1_000_000_000n,
  })
  return {
    state: {
      ...state,
      totalIssuance: satSub(u64('totalIssuance', state.totalIssuance), r.recycledTao),
      totalStake: satAdd(state.totalStake ?? 0n, r.stakeAdded),
      blockEmissionStorage: r.blockEmissionStorage,
      subnets: subs,
    },
    subnetTerms: r.terms,
    recycledTao: r.recycledTao,
  }
}

/**
 * A netuid named in an input list has no subnet in the state.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { emitToSubnets } from '@dtao/emission'
 * try {
 *   emitToSubnets({ block: 1n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] },
 *     { subnets: [5], taoEmission: new Map(), credit: 0n, rootSell: false })
 * } catch (e) { isDtaoError(e, 'Emission.UnknownNetuidError') } // true
 * ```
 */
export class UnknownNetuidError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.UnknownNetuidError'
  /** The netuid that is not in the state. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`Netuid ${netuid} is not among the state's subnets.`)
    this.netuid = netuid
  }
}

type EmitParams = {
  readonly subnets: readonly number[]
  readonly taoEmission: ReadonlyMap<number, bigint>
  credit: bigint
  readonly rootSell: boolean
  readonly rootTao: bigint
  readonly weight: bigint
  readonly ownerCut: number
  readonly rules: RuleSet
  readonly pool: CoinbasePool
  blockEmissionStorage: bigint
}

/** `emit_to_subnets`: terms, injection and chain buys, then alpha_out and the pending split. Mutates `subs`. */
function emitSteps(_subs: Mut[], byNetuid: Map<number, Mut>, p: EmitParams) {
  let credit = p.credit
  let blockEmissionStorage = p.blockEmissionStorage
  let stakeAdded = 0n
  const issuancePre = new Map<number, bigint>()
  const rootPre = new Map<number, bigint>()
  // emit_to_subnets 1: get_subnet_terms.
  const terms = new Map<number, SubnetTerms>()
  const spotPre = new Map<number, bigint>()
  for (const n of p.subnets) {
    const x = byNetuid.get(n) as Mut
    const x0 = byNetuid.get(n) as Mut
    const iss = alphaIssuance(x0.alphaIn, x0.alphaOut)
    issuancePre.set(n, iss)
    const rp = rootProportion({ rootSubnetTao: p.rootTao, taoWeight: p.weight, alphaIssuance: iss })
    rootPre.set(n, rp)
    const a = blockEmissionForIssuance(iss)
    if (iss < TOTAL_SUPPLY) blockEmissionStorage = a
    const spot = x.mechanism === 1 ? p.pool.spotPrice(view(x)) : U64F64.ONE
    spotPre.set(n, spot)
    terms.set(
      n,
      subnetTerms(
        {
          taoEmission: p.taoEmission.get(n) ?? 0n,
          alphaEmission: a,
          spotPrice: spot,
          rootProportion: rp,
          blockEmission: p.credit,
        },
        { rules: p.rules },
      ),
    )
  }

  // emit_to_subnets 2: inject_and_maybe_swap.
  const injectedAlpha = new Map<number, bigint>()
  for (const n of p.subnets) {
    const x = byNetuid.get(n) as Mut
    const t = terms.get(n) as SubnetTerms
    const taoIn = U96F32.saturatingToNum(t.taoIn, 'u64')
    const alphaIn = U96F32.saturatingToNum(t.alphaIn, 'u64')
    const toSwap = U96F32.saturatingToNum(t.excessTao, 'u64')
    const adj = p.pool.addLiquidity(view(x), taoIn, alphaIn)
    let actualTao = 0n
    let actualAlpha = 0n
    if (adj.accepted) {
      x.quoteParts = adj.quoteParts
      actualTao = taoIn
      actualAlpha = alphaIn
    }
    x.excessTao = 0n
    x.taoInEmission = 0n
    if (toSwap > 0n && credit >= toSwap) {
      credit -= toSwap
      x.accountBalance = satAdd(x.accountBalance ?? 0n, toSwap)
      const r =
        x.mechanism === 1
          ? p.pool.buyAlpha(view(x), toSwap)
          : ({ ok: true, paidIn: toSwap, paidOut: toSwap } as BuyOutcome)
      if (x.mechanism === 1) {
        if (r.quoteParts !== undefined) x.quoteParts = r.quoteParts
        if (r.initialized !== undefined) x.palswapInitialized = r.initialized
      }
      if (r.ok) {
        const outDelta = r.paidOut > 1n << 63n ? 1n << 63n : r.paidOut
        const inDelta = r.paidIn > (1n << 63n) - 1n ? (1n << 63n) - 1n : r.paidIn
        if (outDelta > 0n) x.alphaIn = satSub(x.alphaIn, outDelta)
        x.alphaOut = satAdd(x.alphaOut, r.paidOut)
        x.subnetTao = satAdd(x.subnetTao, inDelta)
        stakeAdded += toSwap
        x.volume = satAdd(x.volume ?? 0n, toSwap, (1n << 128n) - 1n)
        x.protocolAlpha = satAdd(x.protocolAlpha ?? 0n, r.paidOut)
        x.excessTao = r.paidIn
        x.protocolFlow = satAddI64(x.protocolFlow ?? 0n, r.paidIn)
      }
    }
    x.alphaInEmission = actualAlpha
    if (actualAlpha > 0n) {
      x.alphaAssetsIssuance = satAdd(x.alphaAssetsIssuance ?? 0n, actualAlpha)
      x.alphaIn = satAdd(x.alphaIn, actualAlpha)
    }
    injectedAlpha.set(n, actualAlpha)
    if (actualTao > 0n && credit >= actualTao) {
      credit -= actualTao
      x.accountBalance = satAdd(x.accountBalance ?? 0n, actualTao)
      x.taoInEmission = actualTao
      x.subnetTao = satAdd(x.subnetTao, actualTao)
      stakeAdded += actualTao
      x.protocolFlow = satAddI64(x.protocolFlow ?? 0n, actualTao)
    }
  }

  // emit_to_subnets 3: alpha_out and the pending split.
  for (const n of p.subnets) {
    const x = byNetuid.get(n) as Mut
    const t = terms.get(n) as SubnetTerms
    const created = U96F32.saturatingToNum(t.alphaOut, 'u64')
    x.alphaOutEmission = created
    if (created > 0n) {
      x.alphaAssetsIssuance = satAdd(x.alphaAssetsIssuance ?? 0n, created)
      x.alphaOut = satAdd(x.alphaOut, created)
    }
    const ρPost = rootProportion({
      rootSubnetTao: p.rootTao,
      taoWeight: p.weight,
      alphaIssuance: alphaIssuance(x.alphaIn, x.alphaOut),
    })
    const split = alphaOutSplit({
      alphaOut: t.alphaOut,
      rootProportion: ρPost,
      rootSell: p.rootSell,
      ownerCut: p.ownerCut,
      ownerCutEnabled: x.ownerCutEnabled ?? true,
    })
    if (x.ownerCutEnabled ?? true) x.pendingOwnerCut = satAdd(x.pendingOwnerCut, split.ownerCut)
    x.pendingServer = satAdd(x.pendingServer, split.server)
    x.pendingValidator = satAdd(x.pendingValidator, split.validator)
    if (p.rootSell) x.pendingRoot = satAdd(x.pendingRoot, split.root)
    else if (split.rootRecycled > 0n) {
      x.alphaOut = satSub(x.alphaOut, split.rootRecycled)
      x.alphaAssetsRecycled = satAdd(x.alphaAssetsRecycled ?? 0n, split.rootRecycled)
      x.alphaAssetsIssuance = satSub(x.alphaAssetsIssuance ?? 0n, split.rootRecycled)
    }
  }

  return {
    terms,
    spotPre,
    issuancePre,
    rootPre,
    recycledTao: credit,
    stakeAdded,
    blockEmissionStorage,
  }
}

function satAddI64(a: bigint, b: bigint): bigint {
  const s = a + BigInt.asIntN(64, b)
  const max = (1n << 63n) - 1n
  return s > max ? max : s
}

/**
 * {@link runCoinbase} was asked for a rule era whose coinbase pipeline this release does not model (only
 * specs 423–425, the price-EMA coinbase with the root-proportion cap and the stateful scheduler, are).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { rulesForSpec, runCoinbase } from '@dtao/emission'
 * try {
 *   runCoinbase({ block: 1n, totalIssuance: 0n, rootSubnetTao: 0n, taoWeight: 0n, subnets: [] }, { rules: rulesForSpec(400) })
 * } catch (e) { isDtaoError(e, 'Emission.UnsupportedCoinbaseRulesError') } // true
 * ```
 */
export class UnsupportedCoinbaseRulesError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.UnsupportedCoinbaseRulesError'
  /** The spec asked for. */
  readonly spec: number

  constructor({ spec }: { spec: number }) {
    super(`The coinbase pipeline of spec ${spec} is not modelled by this release.`, {
      metaMessages: [
        'Implemented: specs 423–425 (price-EMA shares, root-proportion cap, stateful epochs).',
      ],
    })
    this.spec = spec
  }
}
