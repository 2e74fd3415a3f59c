import {
  alphaIssuance,
  blockEmissionForIssuance,
  blocksUntilNextAutoEpoch,
  type CoinbaseResult,
  type CoinbaseState,
  type CoinbaseSubnet,
  type DrainSubnet,
  drainPending,
  emitToSubnets,
  epochsDeferredThisBlock,
  inplacePowNormalize,
  nextEpochBlock,
  rootProportion,
  rootSellFlag,
  runCoinbase,
  type SubnetShareInput,
  shouldRunEpoch,
  subnetBlockEmissions,
  subnetShares,
  subnetsToEmitTo,
  subnetTerms,
  taoWeight,
  updateMovingPrice,
} from '@dtao/emission'
import {
  attempt,
  big,
  type CaseCheck,
  expectValue,
  type FileHandler,
  type Json,
  type JsonObject,
  runGroups,
} from '../runner.js'

/** Raw bits of a `{type, bits}` fixed-point JSON value. */
function bits(x: Json | undefined): bigint {
  const o = x as JsonObject
  return big(o.bits)
}

function optBig(x: Json | undefined): bigint | undefined {
  return x === null || x === undefined ? undefined : big(x)
}

/** Compare a netuid-keyed map of fixed values (or integers) with a Map. */
function mapEq(
  expected: Json | undefined,
  got: ReadonlyMap<number, bigint>,
  what: string,
): true | string {
  const e = expected as JsonObject
  const keys = Object.keys(e)
  if (keys.length !== got.size) return `${what}: expected ${keys.length} entries, got ${got.size}`
  for (const k of keys) {
    const v = e[k]
    const want = typeof v === 'object' && v !== null && !Array.isArray(v) ? bits(v) : big(v)
    const have = got.get(Number(k))
    if (have !== want) return `${what}[${k}]: expected ${want}, got ${have}`
  }
  return true
}

/** A subnet of a vector case as share input. */
function shareInput(s: JsonObject): SubnetShareInput {
  return {
    netuid: s.netuid as number,
    mechanism: s.mechanism as number,
    movingPrice: bits(s.subnet_moving_price),
    minerBurned: bits(s.miner_burned),
    firstEmissionBlock:
      s.first_emission_block_number === null ? null : big(s.first_emission_block_number),
    subtokenEnabled: s.subtoken_enabled as boolean,
    registrationAllowed: s.network_registration_allowed as boolean,
    emissionEnabled: s.subnet_emission_enabled as boolean,
  }
}

function sameList(a: readonly number[], b: Json | undefined): boolean {
  const e = (b ?? []) as readonly number[]
  return a.length === e.length && a.every((x, i) => x === e[i])
}

const checkShares: CaseCheck = (c) => {
  const subnets = (c.subnets as readonly JsonObject[]).map(shareInput)
  const r = c.r as JsonObject
  const s = subnetsToEmitTo(subnets)
  if (!sameList(s, r.get_subnets_to_emit_to))
    return `subnets_to_emit_to: expected ${JSON.stringify(r.get_subnets_to_emit_to)}, got ${JSON.stringify(s)}`
  const shares = mapEq(r.get_shares, subnetShares(subnets), 'get_shares')
  if (shares !== true) return shares
  const em = mapEq(
    r.get_subnet_block_emissions,
    subnetBlockEmissions(subnets, big(c.block_emission)),
    'get_subnet_block_emissions',
  )
  if (em !== true) return em
  const flag = rootSellFlag(subnets)
  return flag === r.get_network_root_sell_flag
    ? true
    : `root_sell_flag: expected ${r.get_network_root_sell_flag}, got ${flag}`
}

const checkMovingPrice: CaseCheck = (c) =>
  expectValue(
    (c.r as JsonObject).bits,
    attempt(() =>
      updateMovingPrice({
        netuid: c.netuid as number,
        mechanism: c.mechanism as number,
        movingPrice: bits(c.subnet_moving_price),
        spotPrice: bits(c.spot_price),
        block: big(c.block),
        firstEmissionBlock:
          c.first_emission_block_number === null ? null : big(c.first_emission_block_number),
        movingAlpha: bits(c.subnet_moving_alpha),
        ...(optBig(c.ema_price_halving_blocks) !== undefined
          ? { halvingBlocks: optBig(c.ema_price_halving_blocks) as bigint }
          : {}),
      }),
    ),
  )

const checkRootProportion: CaseCheck = (c) => {
  const w = taoWeight(big(c.tao_weight))
  if (w !== bits(c.get_tao_weight))
    return `get_tao_weight: expected ${bits(c.get_tao_weight)}, got ${w}`
  return expectValue(
    (c.r as JsonObject).bits,
    attempt(() =>
      rootProportion({
        rootSubnetTao: big(c.root_subnet_tao),
        taoWeight: w,
        alphaIssuance: alphaIssuance(big(c.subnet_alpha_in), big(c.subnet_alpha_out)),
      }),
    ),
  )
}

const checkSubnetTerms: CaseCheck = (c) => {
  const rp = rootProportion({
    rootSubnetTao: big(c.root_subnet_tao),
    taoWeight: taoWeight(big(c.tao_weight)),
    alphaIssuance: alphaIssuance(big(c.subnet_alpha_in), big(c.subnet_alpha_out)),
  })
  if (rp !== bits(c.root_proportion))
    return `root_proportion: expected ${bits(c.root_proportion)}, got ${rp}`
  const a = blockEmissionForIssuance(alphaIssuance(big(c.subnet_alpha_in), big(c.subnet_alpha_out)))
  if (a !== big(c.alpha_emission)) return `alpha_emission: expected ${c.alpha_emission}, got ${a}`
  const t = subnetTerms({
    taoEmission: bits(c.tao_emission),
    alphaEmission: a,
    spotPrice: bits(c.spot_price),
    rootProportion: rp,
  })
  const r = c.r as JsonObject
  for (const [k, v] of [
    ['tao_in', t.taoIn],
    ['alpha_in', t.alphaIn],
    ['alpha_out', t.alphaOut],
    ['excess_tao', t.excessTao],
  ] as const)
    if (bits(r[k]) !== v) return `${k}: expected ${bits(r[k])}, got ${v}`
  return true
}

function schedOf(i: JsonObject) {
  return {
    netuid: i.netuid as number,
    tempo: i.tempo as number,
    lastEpochBlock: big(i.last_epoch_block),
    pendingEpochAt: big(i.pending_epoch_at),
    blocksSinceLastStep: big(i.blocks_since_last_step),
  }
}

const checkShouldRun: CaseCheck = (c) => {
  const i = c.input as JsonObject
  return expectValue(
    c.r,
    attempt(() => shouldRunEpoch(schedOf(i), big(i.block))),
  )
}

const checkBlocksUntil: CaseCheck = (c) => {
  const i = c.input as JsonObject
  return expectValue(
    c.r,
    attempt(() =>
      blocksUntilNextAutoEpoch(big(i.last_epoch_block), c.tempo_arg as number, big(i.block)),
    ),
  )
}

const checkNextStart: CaseCheck = (c) => {
  const i = c.input as JsonObject
  return expectValue(
    c.r,
    attempt(() => nextEpochBlock(schedOf(i))),
  )
}

/** Debug string of a drain event, as the chain prints it. */
function eventString(e: ReturnType<typeof drainPending>['events'][number]): string {
  return e.kind === 'deferred'
    ? `EpochDeferred { netuid: NetUid(${e.netuid}), from_block: ${e.fromBlock}, to_block: ${e.toBlock} }`
    : `EpochSkipped { netuid: NetUid(${e.netuid}), block: ${e.block} }`
}

const checkDrain: CaseCheck = (c) => {
  const subnets: DrainSubnet[] = (c.subnets as readonly JsonObject[]).map((s) => ({
    ...schedOf(s),
    epochIndex: optBig(s.subnet_epoch_index) ?? 0n,
    pending: (s.pending as readonly Json[]).map(big) as unknown as readonly [
      bigint,
      bigint,
      bigint,
      bigint,
    ],
    duplicateKeys: s.duplicate_keys === true,
  }))
  const max = c.max_epochs_per_block
  const opts = typeof max === 'number' ? { maxEpochsPerBlock: max } : {}
  const before = epochsDeferredThisBlock(subnets, big(c.block), opts)
  if (!sameList(before, c.epochs_deferred_this_block))
    return `epochs_deferred_this_block: expected ${JSON.stringify(c.epochs_deferred_this_block)}, got ${JSON.stringify(before)}`
  const r = drainPending(subnets, big(c.block), opts)
  const exp = c.r as JsonObject
  if (Object.keys(exp).length !== r.drained.size)
    return `drained: expected ${Object.keys(exp).length} subnets, got ${r.drained.size}`
  for (const [k, v] of Object.entries(exp)) {
    const got = r.drained.get(Number(k))
    const want = (v as readonly Json[]).map(big)
    if (got === undefined || got.some((x, j) => x !== want[j]))
      return `drained[${k}]: expected ${want}, got ${got}`
  }
  const after = c.after as readonly JsonObject[]
  for (const a of after) {
    const s = r.subnets.find((x) => x.netuid === a.netuid)
    if (s === undefined) return `after: netuid ${a.netuid} missing`
    const want = {
      blocksSinceLastStep: big(a.blocks_since_last_step),
      lastEpochBlock: big(a.last_epoch_block),
      pendingEpochAt: big(a.pending_epoch_at),
      epochIndex: big(a.subnet_epoch_index),
    }
    for (const [k, v] of Object.entries(want))
      if (s[k as keyof typeof want] !== v)
        return `after[${a.netuid}].${k}: expected ${v}, got ${s[k as keyof typeof want]}`
    const p = (a.pending as readonly Json[]).map(big)
    if (s.pending.some((x, j) => x !== p[j]))
      return `after[${a.netuid}].pending: expected ${p}, got ${s.pending}`
  }
  const ev = r.events.map(eventString)
  const want = (c.events ?? []) as readonly string[]
  if (ev.length !== want.length || ev.some((x, j) => x !== want[j]))
    return `events: expected ${JSON.stringify(want)}, got ${JSON.stringify(ev)}`
  return true
}

const checkAlphaEmission: CaseCheck = (c) => {
  const issuance = alphaIssuance(big(c.subnet_alpha_in), big(c.subnet_alpha_out))
  if (issuance !== big(c.alpha_issuance))
    return `alpha_issuance: expected ${c.alpha_issuance}, got ${issuance}`
  const r = c.r as JsonObject
  return expectValue(
    'ok' in r ? r.ok : { err: true },
    attempt(() => blockEmissionForIssuance(issuance)),
  )
}

const checkPowNormalize: CaseCheck = (c) => {
  const flows = new Map(
    Object.entries(c.offset_flows as JsonObject).map(([k, v]) => [Number(k), bits(v)]),
  )
  return mapEq(c.r, inplacePowNormalize(flows, bits(c.p)), 'offset_flows')
}

function opt(x: Json | undefined): bigint | undefined {
  return x === null || x === undefined ? undefined : big(x)
}

function subnetOf(s: JsonObject, state?: JsonObject): CoinbaseSubnet {
  const st = state ?? {}
  const o = (k: string) => opt(st[k])
  const base: CoinbaseSubnet = {
    ...shareInput(s),
    subnetTao: big(s.subnet_tao),
    alphaIn: big(s.subnet_alpha_in),
    alphaOut: big(s.subnet_alpha_out),
    palswapInitialized: s.palswap_initialized as boolean,
    ownerCutEnabled: s.owner_cut_enabled as boolean,
    tempo: s.tempo as number,
    lastEpochBlock: big(s.last_epoch_block),
    pendingEpochAt: big(s.pending_epoch_at),
    blocksSinceLastStep: big(s.blocks_since_last_step),
    epochIndex: big(s.subnet_epoch_index),
    pendingServer: big(s.pending_server_emission),
    pendingValidator: big(s.pending_validator_emission),
    pendingRoot: big(s.pending_root_alpha_divs),
    pendingOwnerCut: big(s.pending_owner_cut),
    protocolAlpha: big(s.subnet_protocol_alpha),
    duplicateKeys: s.duplicate_keys === true,
    lastMechanismStepBlock: o('last_mechanism_step_block') ?? null,
    rootProp: st.root_prop === undefined || st.root_prop === null ? null : bits(st.root_prop),
  }
  const extra: Record<string, bigint> = {}
  const fields: [string, string][] = [
    ['taoInEmission', 'subnet_tao_in_emission'],
    ['alphaInEmission', 'subnet_alpha_in_emission'],
    ['alphaOutEmission', 'subnet_alpha_out_emission'],
    ['excessTao', 'subnet_excess_tao'],
    ['volume', 'subnet_volume'],
    ['protocolFlow', 'subnet_protocol_flow'],
    ['alphaAssetsIssuance', 'alpha_assets_total_issuance'],
    ['alphaAssetsRecycled', 'alpha_assets_recycled'],
    ['alphaAssetsBurned', 'alpha_assets_burned'],
    ['accountBalance', 'subnet_account_free_balance'],
  ]
  for (const [k, j] of fields) {
    const v = o(j)
    if (v !== undefined) extra[k] = v
  }
  const q = opt(s.swap_balancer_quote_parts)
  const h = opt(s.ema_price_halving_blocks)
  return {
    ...base,
    ...extra,
    ...(q !== undefined ? { quoteParts: q } : {}),
    ...(h !== undefined ? { halvingBlocks: h } : {}),
  }
}

function globalOf(i: JsonObject, subnets: CoinbaseSubnet[]): CoinbaseState {
  const o = (k: string) => opt(i[k])
  const ownerCut = i.subnet_owner_cut
  const maxE = i.max_epochs_per_block
  const ma = i.subnet_moving_alpha
  return {
    block: big(i.block),
    totalIssuance: big(i.total_issuance),
    balancesTotalIssuance: big(i.balances_total_issuance),
    rootSubnetTao: big(i.root_subnet_tao),
    taoWeight: big(i.tao_weight),
    totalStake: o('total_stake') ?? 0n,
    ...(typeof ownerCut === 'number' ? { ownerCut } : {}),
    ...(typeof maxE === 'number' ? { maxEpochsPerBlock: maxE } : {}),
    ...(ma !== null && ma !== undefined ? { movingAlpha: bits(ma) } : {}),
    subnets,
  }
}

function cmp(what: string, want: bigint | boolean | null, got: unknown): string | undefined {
  return want === got ? undefined : `${what}: expected ${String(want)}, got ${String(got)}`
}

function checkSubnetOut(o: JsonObject, s: CoinbaseSubnet): string | undefined {
  const n = `subnet ${s.netuid}`
  const pairs: [string, bigint | null, unknown][] = [
    ['subnet_tao', big(o.subnet_tao), s.subnetTao],
    ['subnet_alpha_in', big(o.subnet_alpha_in), s.alphaIn],
    ['subnet_alpha_out', big(o.subnet_alpha_out), s.alphaOut],
    ['subnet_protocol_alpha', big(o.subnet_protocol_alpha), s.protocolAlpha ?? 0n],
    ['subnet_tao_in_emission', big(o.subnet_tao_in_emission), s.taoInEmission ?? 0n],
    ['subnet_alpha_in_emission', big(o.subnet_alpha_in_emission), s.alphaInEmission ?? 0n],
    ['subnet_alpha_out_emission', big(o.subnet_alpha_out_emission), s.alphaOutEmission ?? 0n],
    ['subnet_excess_tao', big(o.subnet_excess_tao), s.excessTao ?? 0n],
    ['pending_server_emission', big(o.pending_server_emission), s.pendingServer],
    ['pending_validator_emission', big(o.pending_validator_emission), s.pendingValidator],
    ['pending_root_alpha_divs', big(o.pending_root_alpha_divs), s.pendingRoot],
    ['pending_owner_cut', big(o.pending_owner_cut), s.pendingOwnerCut],
    ['subnet_moving_price', bits(o.subnet_moving_price), s.movingPrice],
    ['root_prop', o.root_prop === null ? null : bits(o.root_prop), s.rootProp ?? null],
    ['miner_burned', bits(o.miner_burned), s.minerBurned ?? 0n],
    [
      'swap_balancer_quote_parts',
      big(o.swap_balancer_quote_parts),
      s.quoteParts ?? 500_000_000_000_000_000n,
    ],
    ['subnet_volume', big(o.subnet_volume), s.volume ?? 0n],
    ['subnet_protocol_flow', big(o.subnet_protocol_flow), s.protocolFlow ?? 0n],
    ['last_epoch_block', big(o.last_epoch_block), s.lastEpochBlock],
    ['pending_epoch_at', big(o.pending_epoch_at), s.pendingEpochAt],
    ['blocks_since_last_step', big(o.blocks_since_last_step), s.blocksSinceLastStep],
    ['subnet_epoch_index', big(o.subnet_epoch_index), s.epochIndex],
    [
      'last_mechanism_step_block',
      o.last_mechanism_step_block === null ? null : big(o.last_mechanism_step_block),
      s.lastMechanismStepBlock ?? null,
    ],
    [
      'alpha_assets_total_issuance',
      big(o.alpha_assets_total_issuance),
      s.alphaAssetsIssuance ?? 0n,
    ],
    ['alpha_assets_recycled', big(o.alpha_assets_recycled), s.alphaAssetsRecycled ?? 0n],
    ['alpha_assets_burned', big(o.alpha_assets_burned), s.alphaAssetsBurned ?? 0n],
    ['subnet_account_free_balance', big(o.subnet_account_free_balance), s.accountBalance ?? 0n],
  ]
  for (const [k, want, got] of pairs) {
    const m = cmp(`${n}.${k}`, want, got)
    if (m !== undefined) return m
  }
  const m = cmp(
    `${n}.palswap_initialized`,
    o.palswap_initialized as boolean,
    s.palswapInitialized ?? true,
  )
  return m
}

function checkGlobalOut(g: JsonObject, st: CoinbaseState): string | undefined {
  const pairs: [string, bigint, unknown][] = [
    ['total_issuance', big(g.total_issuance), st.totalIssuance],
    ['balances_total_issuance', big(g.balances_total_issuance), st.balancesTotalIssuance],
    ['total_stake', big(g.total_stake), st.totalStake],
    ['block_emission_storage', big(g.block_emission_storage), st.blockEmissionStorage],
    ['root_subnet_tao', big(g.root_subnet_tao), st.rootSubnetTao],
  ]
  for (const [k, want, got] of pairs) {
    const m = cmp(`global.${k}`, want, got)
    if (m !== undefined) return m
  }
  return undefined
}

function checkIntermediates(im: JsonObject, r: CoinbaseResult): string | undefined {
  const i = r.intermediates
  if (big(im.block_emission) !== i.blockEmission)
    return `block_emission: expected ${im.block_emission}, got ${i.blockEmission}`
  const s = (im.subnets_to_emit_to ?? []) as readonly number[]
  if (s.length !== i.subnetsToEmitTo.length || s.some((x, j) => x !== i.subnetsToEmitTo[j]))
    return `subnets_to_emit_to: expected ${JSON.stringify(s)}, got ${JSON.stringify(i.subnetsToEmitTo)}`
  for (const [k, m] of [
    ['shares', i.shares],
    ['subnet_tao_emission', i.subnetTaoEmission],
    ['root_proportion_pre', i.rootProportionPre],
    ['alpha_issuance_pre', i.alphaIssuancePre],
    ['spot_price_pre', i.spotPricePre],
  ] as const) {
    const e = mapEq(im[k], m, k)
    if (e !== true) return e
  }
  if (im.root_sell_flag !== i.rootSellFlag)
    return `root_sell_flag: expected ${im.root_sell_flag}, got ${i.rootSellFlag}`
  for (const [n, t] of Object.entries(im.subnet_terms as JsonObject)) {
    const got = i.subnetTerms.get(Number(n))
    const w = t as JsonObject
    if (got === undefined) return `subnet_terms[${n}] missing`
    for (const [k, v] of [
      ['tao_in', got.taoIn],
      ['alpha_in', got.alphaIn],
      ['alpha_out', got.alphaOut],
      ['excess_tao', got.excessTao],
    ] as const)
      if (bits(w[k]) !== v) return `subnet_terms[${n}].${k}: expected ${bits(w[k])}, got ${v}`
  }
  const d = (im.epochs_deferred_this_block ?? []) as readonly number[]
  if (d.length !== i.deferred.length || d.some((x, j) => x !== i.deferred[j]))
    return `epochs_deferred_this_block: expected ${JSON.stringify(d)}, got ${JSON.stringify(i.deferred)}`
  const dr = im.drained as JsonObject
  if (Object.keys(dr).length !== i.drained.size)
    return `drained: expected ${Object.keys(dr).length}, got ${i.drained.size}`
  for (const [n, v] of Object.entries(dr)) {
    const got = i.drained.get(Number(n))
    const want = (v as readonly Json[]).map(big)
    if (got === undefined || got.some((x, j) => x !== want[j]))
      return `drained[${n}]: expected ${want}, got ${got}`
  }
  return undefined
}

function checkEvents(want: Json | undefined, r: CoinbaseResult): string | undefined {
  const w = (want ?? []) as readonly string[]
  const got = r.events.map(eventString)
  return w.length === got.length && w.every((x, j) => x === got[j])
    ? undefined
    : `events: expected ${JSON.stringify(w)}, got ${JSON.stringify(got)}`
}

/** The coinbase `block` group (one full block through run_coinbase). */
const checkBlockCase: CaseCheck = (c) => {
  const input = c.input as JsonObject
  const subnets = (input.subnets as readonly JsonObject[]).map((s) => subnetOf(s))
  const r = runCoinbase(globalOf(input, subnets))
  const m =
    checkIntermediates(c.intermediates as JsonObject, r) ??
    checkEvents(c.events, r) ??
    checkGlobalOut((c.output as JsonObject).global as JsonObject, r.state)
  if (m !== undefined) return m
  for (const o of (c.output as JsonObject).subnets as readonly JsonObject[]) {
    const s = r.state.subnets.find((x) => x.netuid === o.netuid)
    if (s === undefined) return `subnet ${o.netuid} missing`
    const e = checkSubnetOut(o, s)
    if (e !== undefined) return e
  }
  return true
}

/**
 * The coinbase `emit_to_subnets_single` group. The case does not record the global storage before
 * the call (TotalIssuance, balances issuance, TotalStake), so only the subnet's storage, root
 * SubnetTAO and `BlockEmission` are checkable; the recycled credit is checked through the subnet
 * account balance.
 */
const checkEmitSingleCase: CaseCheck = (c) => {
  const i = c.input as JsonObject
  const sub = subnetOf(i.subnet as JsonObject, i.state as JsonObject)
  const ownerCut = i.subnet_owner_cut
  const st: CoinbaseState = {
    block: big(i.block),
    totalIssuance: 0n,
    rootSubnetTao: big(i.root_subnet_tao),
    taoWeight: big(i.tao_weight),
    ...(typeof ownerCut === 'number' ? { ownerCut } : {}),
    subnets: [sub],
  }
  const r = emitToSubnets(st, {
    subnets: [sub.netuid],
    taoEmission: new Map([[sub.netuid, big(i.tao_emission) << 32n]]),
    credit: big(i.credit),
    rootSell: i.root_sell_flag as boolean,
  })
  const out = c.r as JsonObject
  const g = out.global as JsonObject
  const m =
    cmp('global.root_subnet_tao', big(g.root_subnet_tao), r.state.rootSubnetTao) ??
    cmp(
      'global.block_emission_storage',
      big(g.block_emission_storage),
      r.state.blockEmissionStorage,
    ) ??
    checkSubnetOut(out.subnet as JsonObject, r.state.subnets[0] as CoinbaseSubnet)
  return m ?? true
}

const coinbaseChecks: Readonly<Record<string, CaseCheck>> = {
  block: checkBlockCase,
  shares: checkShares,
  update_moving_price: checkMovingPrice,
  root_proportion: checkRootProportion,
  get_subnet_terms: checkSubnetTerms,
  emit_to_subnets_single: checkEmitSingleCase,
  should_run_epoch: checkShouldRun,
  blocks_until_next_auto_epoch: checkBlocksUntil,
  get_next_epoch_start_block: checkNextStart,
  drain_pending: checkDrain,
  alpha_block_emission: checkAlphaEmission,
  inplace_pow_normalize: checkPowNormalize,
}

/** `emission.json`: `get_block_emission_for_issuance` over the supply range. */
export const emissionFile: FileHandler = (doc, file) =>
  runGroups(
    doc,
    file,
    (g) =>
      g.fn === 'get_block_emission_for_issuance'
        ? (c) => {
            const r = c.r as JsonObject
            return expectValue(
              'ok' in r ? r.ok : { err: true },
              attempt(() => blockEmissionForIssuance(big(c.issuance))),
            )
          }
        : undefined,
    (g) => String(g.fn),
  )

/** `coinbase.json`: the per-block coinbase and its helper groups (spec 425). */
export const coinbaseFile: FileHandler = (doc, file) =>
  runGroups(
    doc,
    file,
    (g) => coinbaseChecks[String(g.fn)],
    (g) => String(g.fn),
  )
