import {
  adjustProtocolLiquidityV3,
  type ConstantProductPool,
  type CpStakeState,
  calculateFeeAmountV3,
  calculateStakingFeeCp,
  convertDeltasV3,
  currentPriceV3,
  DEFAULT_MIN_STAKE_CP,
  DEFAULT_MINIMUM_POOL_LIQUIDITY,
  DEFAULT_STAKING_FEE,
  deltaInV3,
  getAlphaAmountForTaoV3,
  getAlphaPriceCp,
  getMaxAmountAddCp,
  getMaxAmountMoveCp,
  getMaxAmountRemoveCp,
  getProportionalAlphaTaoAndRemainders,
  isTickIndex,
  limitSqrtPriceV3,
  MAX_SQRT_PRICE,
  MAX_TICK_INDEX,
  MIN_SQRT_PRICE,
  MIN_TICK_INDEX,
  maybeInitializeV3,
  migrateSwapV3ToBalancer,
  simSwapAlphaForTaoCp,
  simSwapTaoForAlphaCp,
  simSwapV3,
  sqrtPriceTargetV3,
  sqrtPriceToTick,
  sqrtPriceToTickBounded,
  stakeIntoSubnetCp,
  swapStepV3,
  swapV3,
  tickToSqrtPrice,
  tickToSqrtPriceBounded,
  toTokenAmounts,
  unstakeFromSubnetCp,
  updateMovingPriceCp,
  V3_MAX_PRICE_RAO,
  V3_MIN_PRICE_RAO,
  type V3Pool,
  type V3Tick,
} from '@dtao/amm'
import { isDtaoError } from '@dtao/errors'
import { I64F64, U64F64 } from '@dtao/fixed'
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

type Check = true | string

function all(checks: readonly Check[]): Check {
  const bad = checks.filter((c) => c !== true)
  return bad.length === 0 ? true : bad.join('; ')
}

function at(label: string, expected: Json | undefined, got: unknown): Check {
  const r = expectValue(expected, { ok: true, value: got })
  return r === true ? true : `${label}: ${r}`
}

function bits(x: Json | undefined): bigint {
  return big((x as JsonObject).bits)
}

function obj(x: Json | undefined): JsonObject {
  return x as JsonObject
}

/** Error variant name ↔ our error code. */
function isChainError(e: unknown, variant: string): boolean {
  return isDtaoError(e, `Amm.${variant}Error`)
}

function parseTicks(v3: JsonObject): V3Tick[] {
  return ((v3.ticks ?? []) as readonly JsonObject[]).map((t) => ({
    index: t.tick as number,
    liquidityNet: big(t.liquidity_net),
    liquidityGross: big(t.liquidity_gross),
    feesOutTao: I64F64.fromBits(bits(t.fees_out_tao)),
    feesOutAlpha: I64F64.fromBits(bits(t.fees_out_alpha)),
  }))
}

function parsePool(
  input: JsonObject,
  extra: { scrapTao?: Json | undefined; scrapAlpha?: Json | undefined } = {},
): V3Pool {
  const v3 = obj(input.v3)
  const ticks = parseTicks(v3)
  const initialized = v3.initialized as boolean
  const users = (input.user_positions ?? []) as readonly JsonObject[]
  const minTick = ticks.find((t) => t.index === MIN_TICK_INDEX)
  let protocol: V3Pool['protocolPosition']
  if (initialized && minTick !== undefined) {
    const userAtMin = users
      .filter((u) => u.tick_low === MIN_TICK_INDEX)
      .reduce((s, u) => s + big(u.liquidity), 0n)
    protocol = {
      tickLow: MIN_TICK_INDEX,
      tickHigh: MAX_TICK_INDEX,
      liquidity: minTick.liquidityGross - userAtMin,
    }
  }
  return {
    era: 'v3',
    netuid: 1,
    mechanism: input.mechanism as number,
    feeRate:
      input.fee_rate === null || input.fee_rate === undefined ? 33 : (input.fee_rate as number),
    taoReserve: big(input.tao_reserve),
    alphaReserve: big(input.alpha_reserve),
    initialized,
    sqrtPrice: U64F64.fromBits(bits(v3.sqrt_price)),
    currentTick: v3.current_tick as number,
    currentLiquidity: big(v3.current_liquidity),
    feeGlobalTao: U64F64.fromBits(bits(v3.fee_global_tao)),
    feeGlobalAlpha: U64F64.fromBits(bits(v3.fee_global_alpha)),
    ticks,
    protocolPosition: protocol,
    scrapReservoirTao: extra.scrapTao === undefined ? 0n : big(extra.scrapTao),
    scrapReservoirAlpha: extra.scrapAlpha === undefined ? 0n : big(extra.scrapAlpha),
  }
}

function checkState(expected: Json | undefined, pool: V3Pool): Check {
  const e = obj(expected)
  const checks: Check[] = [
    at('initialized', e.initialized, pool.initialized),
    at('sqrt_price', obj(e.sqrt_price).bits, pool.sqrtPrice),
    at('current_tick', e.current_tick, pool.currentTick),
    at('current_liquidity', e.current_liquidity, pool.currentLiquidity),
    at('fee_global_tao', obj(e.fee_global_tao).bits, pool.feeGlobalTao ?? 0n),
    at('fee_global_alpha', obj(e.fee_global_alpha).bits, pool.feeGlobalAlpha ?? 0n),
  ]
  const ticks = (e.ticks ?? []) as readonly JsonObject[]
  if (ticks.length !== pool.ticks.length) {
    checks.push(`ticks: expected ${ticks.length}, got ${pool.ticks.length}`)
  } else {
    ticks.forEach((t, i) => {
      const g = pool.ticks[i] as V3Tick
      checks.push(
        at(`tick[${i}].tick`, t.tick, g.index),
        at(`tick[${i}].liquidity_net`, t.liquidity_net, g.liquidityNet),
        at(`tick[${i}].liquidity_gross`, t.liquidity_gross, g.liquidityGross),
        at(`tick[${i}].fees_out_tao`, obj(t.fees_out_tao).bits, g.feesOutTao),
        at(`tick[${i}].fees_out_alpha`, obj(t.fees_out_alpha).bits, g.feesOutAlpha),
      )
    })
  }
  return all(checks)
}

function checkPositions(expected: Json | undefined, pool: V3Pool): Check {
  const e = (expected ?? []) as readonly JsonObject[]
  const p = pool.protocolPosition
  if (e.length === 0) return p === undefined ? true : 'protocol position: expected none'
  if (e.length !== 1 || p === undefined) return `protocol positions: expected ${e.length}`
  const x = e[0] as JsonObject
  return all([
    at('position.tick_low', x.tick_low, p.tickLow),
    at('position.tick_high', x.tick_high, p.tickHigh),
    at('position.liquidity', x.liquidity, p.liquidity),
  ])
}

function side(direction: Json | undefined): 'buy' | 'sell' {
  if (direction === 'buy_alpha_with_tao') return 'buy'
  if (direction === 'sell_alpha_for_tao') return 'sell'
  throw new Error(`unknown direction ${String(direction)}`)
}

const swapCheck: CaseCheck = (c) => {
  const pool = parsePool(obj(c.input))
  const r = obj(c.r)
  const s = side(c.direction)
  const amount = big(c.amount)
  let result: ReturnType<typeof swapV3>
  try {
    if (c.call === 'sim_swap') result = simSwapV3(pool, { side: s, amount })
    else if (c.call === 'swap') {
      result = swapV3(pool, {
        side: s,
        amount,
        limitPriceRao: big(c.limit_price_rao),
        dropFees: c.drop_fees as boolean,
        shouldRollback: c.should_rollback as boolean,
      })
    } else return `unknown call ${String(c.call)}`
  } catch (e) {
    if (r.ok !== false) throw e
    if (!isChainError(e, r.error as string))
      return `expected ${String(r.error)}, threw ${String(e)}`
    const after =
      r.error === 'InsufficientLiquidity' && typeof e === 'object' && e !== null && 'poolAfter' in e
        ? ((e as { poolAfter: V3Pool | undefined }).poolAfter ?? pool)
        : pool
    return checkState(c.state_after, after)
  }
  if (r.ok !== true) return `expected error ${String(r.error)}, got a result`
  const rolledBack = c.call === 'sim_swap' || c.should_rollback === true
  return all([
    at('amount_paid_in', r.amount_paid_in, result.amountPaidIn),
    at('amount_paid_out', r.amount_paid_out, result.amountPaidOut),
    at('fee_paid', r.fee_paid, result.feePaid),
    at('fee_to_block_author', r.fee_to_block_author, result.feeToBlockAuthor),
    checkState(c.state_after, rolledBack ? pool : result.pool),
  ])
}

const swapStepCheck: CaseCheck = (c) => {
  const pool = parsePool(obj(c.input))
  const r = obj(c.r)
  const step = {
    side: side(c.direction),
    amountRemaining: big(c.amount_remaining),
    limitSqrtPrice: bits(c.limit_sqrt_price),
    dropFees: c.drop_fees as boolean,
  }
  let out: ReturnType<typeof swapStepV3>
  try {
    out = swapStepV3(pool, step)
  } catch (e) {
    if (r.ok !== false) throw e
    if (!isChainError(e, r.error as string))
      return `expected ${String(r.error)}, threw ${String(e)}`
    return checkState(c.state_after, pool)
  }
  if (r.ok !== true) return `expected error ${String(r.error)}, got a result`
  const x = out.result
  return all([
    at('action', r.action, x.action),
    at('amount_to_take', r.amount_to_take, x.amountToTake),
    at('fee_paid', r.fee_paid, x.feePaid),
    at('delta_in', r.delta_in, x.deltaIn),
    at('delta_out', r.delta_out, x.deltaOut),
    at('fee_to_block_author', r.fee_to_block_author, x.feeToBlockAuthor),
    checkState(c.state_after, out.pool),
  ])
}

function okOrErr(expected: Json | undefined, got: unknown, label: string): Check {
  const e = obj(expected)
  if ('ok' in e) {
    const ok = e.ok
    const want = typeof ok === 'object' && ok !== null && 'bits' in ok ? obj(ok).bits : ok
    return got === undefined ? `${label}: expected ok, got Err` : at(label, want, got)
  }
  return got === undefined ? true : `${label}: expected Err, got ${String(got)}`
}

const v3Dispatch: Readonly<Record<string, CaseCheck>> = {
  swap: swapCheck,
  swap_step: swapStepCheck,
  tick_to_sqrt_price: (c) => {
    const t = c.tick as number
    return all([
      at('new_ok', c.new_ok, isTickIndex(t)),
      okOrErr(c.try_to_sqrt_price, tickToSqrtPrice(t), 'try_to_sqrt_price'),
      at('as_sqrt_price_bounded', obj(c.as_sqrt_price_bounded).bits, tickToSqrtPriceBounded(t)),
    ])
  },
  sqrt_price_to_tick: (c) => {
    const p = bits(c.sqrt_price)
    return all([
      okOrErr(c.try_from_sqrt_price, sqrtPriceToTick(p), 'try_from_sqrt_price'),
      at('from_sqrt_price_bounded', c.from_sqrt_price_bounded, sqrtPriceToTickBounded(p)),
    ])
  },
  price_bounds: (c) =>
    all([
      at('max_price_rao', c.max_price_rao, V3_MAX_PRICE_RAO),
      at('min_price_rao', c.min_price_rao, V3_MIN_PRICE_RAO),
      at('max_sqrt_price', obj(c.max_sqrt_price).bits, MAX_SQRT_PRICE),
      at('min_sqrt_price', obj(c.min_sqrt_price).bits, MIN_SQRT_PRICE),
      at('max_tick', c.max_tick, MAX_TICK_INDEX),
      at('min_tick', c.min_tick, MIN_TICK_INDEX),
    ]),
  current_price: (c) => {
    const pool = parsePool(obj(c.input))
    const g = obj(c.get_alpha_amount_for_tao)
    return all([
      at('r', obj(c.r).bits, currentPriceV3(pool)),
      at('get_alpha_amount_for_tao', g.r, getAlphaAmountForTaoV3(pool, big(g.tao))),
    ])
  },
  maybe_initialize_v3: (c) => {
    const pool = maybeInitializeV3({
      era: 'v3',
      netuid: 1,
      mechanism: 1,
      feeRate: 33,
      taoReserve: big(c.tao_reserve),
      alphaReserve: big(c.alpha_reserve),
      initialized: false,
      sqrtPrice: U64F64.ZERO,
      currentTick: 0,
      currentLiquidity: 0n,
      ticks: [],
      protocolPosition: undefined,
    })
    if (obj(c.r).ok !== true) return 'expected an error case'
    return all([checkState(c.state_after, pool), checkPositions(c.protocol_positions, pool)])
  },
  limit_sqrt_price: (c) =>
    expectValue(
      c.r === null ? null : obj(c.r).bits,
      attempt(() => limitSqrtPriceV3(big(c.price_limit_rao))),
    ),
  to_token_amounts: (c) => {
    const r = obj(c.r)
    const got = attempt(() =>
      toTokenAmounts(
        {
          tickLow: c.tick_low as number,
          tickHigh: c.tick_high as number,
          liquidity: big(c.liquidity),
        },
        bits(c.sqrt_price),
      ),
    )
    if (r.ok === false) {
      return !got.ok && isChainError(got.error, r.error as string)
        ? true
        : `expected ${String(r.error)}`
    }
    if (!got.ok) return `threw ${String(got.error)}`
    const [tao, alpha] = got.value as readonly [bigint, bigint]
    return all([at('tao', r.tao, tao), at('alpha', r.alpha, alpha)])
  },
  get_proportional_alpha_tao_and_remainders: (c) => {
    const got = getProportionalAlphaTaoAndRemainders(bits(c.sqrt_price), {
      tao: big(c.amount_tao),
      alpha: big(c.amount_alpha),
    })
    const e = c.r as readonly Json[]
    return all(e.map((x, i) => at(`r[${i}]`, x, got[i])))
  },
  calculate_fee_amount: (c) =>
    at(
      'r',
      c.r,
      calculateFeeAmountV3(big(c.amount), {
        feeRate: c.fee_rate === null ? 33 : (c.fee_rate as number),
        mechanism: c.mechanism as number,
        dropFees: c.drop_fees as boolean,
      }),
    ),
  swap_step_fns: (c) => {
    const l = big(c.liquidity)
    const lFixed = U64F64.saturatingFromNum(l)
    const sp = bits(c.sqrt_price)
    const target = bits(c.sqrt_price_target)
    const delta = big(c.delta)
    const checks: Check[] = []
    for (const s of ['buy', 'sell'] as const) {
      const e = obj(c[s])
      checks.push(
        at(`${s}.delta_in`, e.delta_in, deltaInV3(s, lFixed, sp, target)),
        at(
          `${s}.sqrt_price_target`,
          obj(e.sqrt_price_target).bits,
          sqrtPriceTargetV3(s, lFixed, sp, delta),
        ),
        at(`${s}.convert_deltas`, e.convert_deltas, convertDeltasV3(s, l, sp, delta)),
      )
    }
    return all(checks)
  },
  adjust_protocol_liquidity: (c) => {
    const pool = parsePool(obj(c.input), {
      scrapTao: c.scrap_reservoir_tao,
      scrapAlpha: c.scrap_reservoir_alpha,
    })
    const after = adjustProtocolLiquidityV3(pool, {
      tao: big(c.tao_delta),
      alpha: big(c.alpha_delta),
    })
    const scrap = c.scrap_after as readonly Json[]
    return all([
      checkState(c.state_after, after),
      checkPositions(c.protocol_positions_after, after),
      at('scrap_after[0]', scrap[0], after.scrapReservoirTao ?? 0n),
      at('scrap_after[1]', scrap[1], after.scrapReservoirAlpha ?? 0n),
    ])
  },
  migrate_swapv3_to_balancer: (c) => {
    const r = obj(c.r)
    const m = migrateSwapV3ToBalancer(parsePool(obj(c.input)))
    return all([
      at('quote_weight_parts', r.quote_weight_parts, m.quoteWeightParts),
      at('balancer_stored', r.balancer_stored, m.balancerStored),
      at('palswap_initialized', r.palswap_initialized, m.palswapInitialized),
      at('price_after', obj(r.price_after).bits, m.priceAfter),
      at('v3_storage_left', r.v3_storage_left, false),
    ])
  },
}

/** `amm-v3.json`: the V3 swap pallet at spec 422 and the V3→Balancer migration. */
export const ammV3File: FileHandler = (doc, file) =>
  runGroups(
    doc,
    file,
    (g) => v3Dispatch[g.fn as string],
    (g) => String(g.fn),
  )

// ---------------------------------------------------------------- amm-cp.json

function cpPool(p: Json | undefined): ConstantProductPool {
  const o = obj(p)
  return {
    era: 'constantProduct',
    netuid: o.netuid as number,
    mechanism: o.mechanism as number,
    taoReserve: big(o.subnet_tao),
    alphaReserve: big(o.subnet_alpha_in),
    alphaOutstanding: big(o.subnet_alpha_out),
  }
}

function stakeState(c: JsonObject): CpStakeState {
  const sp = obj(c.share_pool)
  return {
    pool: cpPool(c.pool),
    totalStake: big(c.total_stake),
    subnetVolume: 0n,
    totalHotkeyAlpha: big(sp.total_hotkey_alpha),
    totalHotkeyShares: U64F64.fromBits(bits(sp.total_hotkey_shares)),
    alphaShare: sp.alpha_share === null ? undefined : U64F64.fromBits(bits(sp.alpha_share)),
    hotkeyListed: false,
  }
}

function checkStakeState(r: JsonObject, s: CpStakeState): Check {
  const p = obj(r.pool_after)
  const sp = obj(r.share_pool_after)
  const hotkeys = (sp.staking_hotkeys ?? []) as readonly Json[]
  return all([
    at('subnet_tao', p.subnet_tao, s.pool.taoReserve),
    at('subnet_alpha_in', p.subnet_alpha_in, s.pool.alphaReserve),
    at('subnet_alpha_out', p.subnet_alpha_out, s.pool.alphaOutstanding),
    at('total_stake', p.total_stake, s.totalStake),
    at('subnet_volume', p.subnet_volume, s.subnetVolume),
    at('total_hotkey_alpha', sp.total_hotkey_alpha, s.totalHotkeyAlpha),
    at('total_hotkey_shares', obj(sp.total_hotkey_shares).bits, s.totalHotkeyShares),
    sp.alpha_share === null
      ? s.alphaShare === undefined
        ? true
        : `alpha_share: expected null, got ${s.alphaShare}`
      : at('alpha_share', obj(sp.alpha_share).bits, s.alphaShare),
    at('staking_hotkeys', hotkeys.length === 1 && hotkeys[0] === '7', s.hotkeyListed),
    hotkeys.length > 1 || (hotkeys.length === 1 && hotkeys[0] !== '7')
      ? `unexpected staking_hotkeys ${JSON.stringify(hotkeys)}`
      : true,
  ])
}

function maxAmount(expected: Json | undefined, f: () => bigint): Check {
  const e = obj(expected)
  const got = attempt(f)
  if ('err' in e) {
    return !got.ok && isChainError(got.error, e.err as string)
      ? true
      : `expected Err(${String(e.err)}), got ${got.ok ? String(got.value) : String(got.error)}`
  }
  return expectValue(e.ok, got)
}

function cpDispatch(group: JsonObject): CaseCheck | undefined {
  const specVersion = group.spec_version as number
  const o = { specVersion }
  switch (group.fn) {
    case 'sim_swap_tao_for_alpha':
      return (c) =>
        expectValue(
          c.r,
          attempt(() => simSwapTaoForAlphaCp(cpPool(c.pool), big(c.tao), o)),
        )
    case 'sim_swap_alpha_for_tao':
      return (c) =>
        expectValue(
          c.r,
          attempt(() => simSwapAlphaForTaoCp(cpPool(c.pool), big(c.alpha), o)),
        )
    case 'stake_into_subnet':
      return (c) => {
        const r = obj(c.r)
        const out = stakeIntoSubnetCp(stakeState(c), { tao: big(c.tao), fee: big(c.fee) }, o)
        return all([at('alpha', r.alpha, out.alpha), checkStakeState(r, out.state)])
      }
    case 'unstake_from_subnet':
      return (c) => {
        const r = obj(c.r)
        const out = unstakeFromSubnetCp(stakeState(c), { alpha: big(c.alpha), fee: big(c.fee) }, o)
        return all([at('tao', r.tao, out.tao), checkStakeState(r, out.state)])
      }
    case 'get_max_amount_add':
      return (c) => maxAmount(c.r, () => getMaxAmountAddCp(cpPool(c.pool), big(c.limit_price), o))
    case 'get_max_amount_remove':
      return (c) =>
        maxAmount(c.r, () => getMaxAmountRemoveCp(cpPool(c.pool), big(c.limit_price), o))
    case 'get_max_amount_move':
      return (c) =>
        maxAmount(c.r, () =>
          getMaxAmountMoveCp(cpPool(c.origin), cpPool(c.destination), {
            limitPrice: big(c.limit_price),
            specVersion,
          }),
        )
    case 'get_alpha_price':
      return (c) => at('r', obj(c.r).bits, getAlphaPriceCp(cpPool(c.pool), o))
    case 'update_moving_price':
      return (c) =>
        at(
          'r',
          obj(c.r).bits,
          updateMovingPriceCp(
            cpPool(c.pool),
            {
              movingAlpha: bits(c.subnet_moving_alpha),
              movingPrice: bits(c.subnet_moving_price),
              ...(c.block !== undefined ? { block: big(c.block) } : {}),
              firstEmissionBlockNumber:
                c.first_emission_block_number === null ||
                c.first_emission_block_number === undefined
                  ? undefined
                  : big(c.first_emission_block_number),
              ...(c.ema_price_halving_blocks !== undefined
                ? { emaPriceHalvingBlocks: big(c.ema_price_halving_blocks) }
                : {}),
            },
            o,
          ),
        )
    case 'calculate_staking_fee':
      return (c) => {
        const kind = c.kind as string
        const origin = kind === 'add' ? undefined : cpPool(c.origin)
        // A same-subnet move names no separate destination pool: it is the origin's subnet.
        const destination =
          c.destination !== null && c.destination !== undefined
            ? cpPool(c.destination)
            : kind === 'move_same_subnet'
              ? origin
              : undefined
        return at(
          'r',
          c.r,
          calculateStakingFeeCp(
            origin,
            {
              destination,
              alphaEstimate: bits(c.alpha_estimate),
              alphaDividendsPerSubnet: big(c.alpha_dividends_per_subnet),
              totalHotkeyAlphaLastEpoch: big(c.total_hotkey_alpha_last_epoch),
            },
            o,
          ),
        )
      }
    case 'constants':
      return (c) =>
        all([
          at('DefaultStakingFee', c.DefaultStakingFee, DEFAULT_STAKING_FEE),
          at('DefaultMinStake', c.DefaultMinStake, DEFAULT_MIN_STAKE_CP),
          at(
            'DefaultMinimumPoolLiquidity',
            obj(c.DefaultMinimumPoolLiquidity).bits,
            DEFAULT_MINIMUM_POOL_LIQUIDITY,
          ),
        ])
    default:
      return undefined
  }
}

/** `amm-cp.json`: the constant-product staking code at specs 233 and 274. */
export const ammCpFile: FileHandler = (doc, file) =>
  runGroups(doc, file, cpDispatch, (g) => `${String(g.fn)}@${String(g.spec_version)}`)
