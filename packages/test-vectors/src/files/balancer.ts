import {
  type BalancerPool,
  baseWeight,
  calculateBaseDeltaIn,
  calculatePrice,
  calculateQuoteDeltaIn,
  checkConstraints,
  convertDeltasBuy,
  convertDeltasSell,
  expScaled,
  getAlphaAmountForTao,
  getBaseNeededForQuote,
  initQuoteWeightFromPrice,
  priceTarget,
  spotPrice,
  swapAlphaForTao,
  swapTaoForAlpha,
  updateWeightsForAddedLiquidity,
} from '@dtao/amm'
import { isDtaoError } from '@dtao/errors'
import {
  type AlphaBalance,
  Perquintill,
  type Perquintill as PerquintillParts,
  type TaoBalance,
} from '@dtao/fixed'
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

function bits(x: Json | undefined): bigint {
  return big((x as JsonObject).bits)
}

function q(c: JsonObject): PerquintillParts {
  return big(c.quote_parts) as PerquintillParts
}

function all(checks: readonly (true | string)[]): true | string {
  const bad = checks.filter((r) => r !== true)
  return bad.length === 0 ? true : bad.join('; ')
}

function labelled(what: string, r: true | string): true | string {
  return r === true ? true : `${what}: ${r}`
}

/** A pool exactly as the vector's mock storage holds it (no validation: the chain state is given). */
function pool(c: JsonObject): BalancerPool {
  return {
    era: 'balancer',
    netuid: 1,
    mechanism: 1,
    taoReserve: big(c.tao_reserve) as TaoBalance,
    alphaReserve: big(c.alpha_reserve) as AlphaBalance,
    quoteWeight: q(c),
    initialized: true,
    feeRate: typeof c.fee_rate === 'number' ? c.fee_rate : 33,
  }
}

function same(what: string, expected: bigint, got: bigint): true | string {
  return expected === got ? true : `${what}: expected ${expected}, got ${got}`
}

function checkSwap(c: JsonObject): true | string {
  const p = pool(c)
  const r = c.r as JsonObject
  const options = { limitPrice: bits(c.limit_price), dropFees: c.drop_fees === true }
  const amount = big(c.amount)
  const priceCheck = same('current_price', bits(c.current_price), spotPrice(p))
  const got = attempt(() =>
    c.direction === 'buy_alpha_with_tao'
      ? swapTaoForAlpha(p, amount as TaoBalance, options)
      : swapAlphaForTao(p, amount as AlphaBalance, options),
  )
  if (c.direction !== 'buy_alpha_with_tao' && c.direction !== 'sell_alpha_for_tao') {
    return `unknown direction ${String(c.direction)}`
  }
  if (r.ok === false) {
    if (got.ok) return `expected ${String(r.error)}, got a result`
    const e = got.error
    if (!isDtaoError(e)) return `threw a non-dtao error ${String(e)}`
    const chainError = (e as unknown as { chainError?: string }).chainError
    return chainError === r.error
      ? priceCheck
      : `expected ${String(r.error)}, threw ${e.name} (${String(chainError)})`
  }
  if (!got.ok) {
    const e = got.error
    return `expected ok, threw ${e instanceof Error ? e.name : String(e)}`
  }
  const v = got.value as {
    amountPaidIn: bigint
    amountPaidOut: bigint
    feePaid: bigint
    feeToBlockAuthor: bigint
  }
  return all([
    priceCheck,
    same('amount_paid_in', big(r.amount_paid_in), v.amountPaidIn),
    same('amount_paid_out', big(r.amount_paid_out), v.amountPaidOut),
    same('fee_paid', big(r.fee_paid), v.feePaid),
    same('fee_to_block_author', big(r.fee_to_block_author), v.feeToBlockAuthor),
  ])
}

function checkStep(c: JsonObject): true | string {
  const p = pool(c)
  const r = c.r as JsonObject
  const d = big(c.delta_in_amount)
  const prices = { currentPrice: bits(c.current_price), targetPrice: bits(c.target_price) }
  const buy = c.direction === 'buy_alpha_with_tao'
  if (!buy && c.direction !== 'sell_alpha_for_tao')
    return `unknown direction ${String(c.direction)}`
  return all([
    labelled(
      'convert_deltas',
      expectValue(
        r.convert_deltas,
        attempt(() =>
          buy ? convertDeltasBuy(p, d as TaoBalance) : convertDeltasSell(p, d as AlphaBalance),
        ),
      ),
    ),
    labelled(
      'price_target',
      expectValue(
        (r.price_target as JsonObject).bits,
        attempt(() => priceTarget(p, { side: buy ? 'buy' : 'sell', deltaIn: d })),
      ),
    ),
    labelled(
      'delta_in',
      expectValue(
        r.delta_in,
        attempt(() =>
          buy
            ? calculateQuoteDeltaIn(p.quoteWeight, prices, p.taoReserve)
            : calculateBaseDeltaIn(p.quoteWeight, prices, p.alphaReserve),
        ),
      ),
    ),
  ])
}

const checks: Readonly<Record<string, CaseCheck>> = {
  new: (c) => {
    const parts = Perquintill.fromParts(big(c.quote_parts_in))
    const ok = checkConstraints(parts)
    return all([
      same('quote_parts', big(c.quote_parts), parts),
      ok === c.ok ? true : `ok: expected ${String(c.ok)}, got ${ok}`,
      c.base_parts === null
        ? ok
          ? 'base_parts: expected null'
          : true
        : same('base_parts', big(c.base_parts), baseWeight(parts)),
    ])
  },
  calculate_price: (c) =>
    expectValue(
      (c.r as JsonObject).bits,
      attempt(() => calculatePrice(q(c), big(c.x), big(c.y))),
    ),
  exp_base_quote: (c) =>
    expectValue(
      (c.r as JsonObject).bits,
      attempt(() => expScaled(q(c), big(c.reserve), big(c.delta), { baseQuote: true })),
    ),
  exp_quote_base: (c) =>
    expectValue(
      (c.r as JsonObject).bits,
      attempt(() => expScaled(q(c), big(c.reserve), big(c.delta), { baseQuote: false })),
    ),
  calculate_quote_delta_in: (c) =>
    expectValue(
      c.r,
      attempt(() =>
        calculateQuoteDeltaIn(
          q(c),
          { currentPrice: bits(c.current_price), targetPrice: bits(c.target_price) },
          big(c.reserve),
        ),
      ),
    ),
  calculate_base_delta_in: (c) =>
    expectValue(
      c.r,
      attempt(() =>
        calculateBaseDeltaIn(
          q(c),
          { currentPrice: bits(c.current_price), targetPrice: bits(c.target_price) },
          big(c.reserve),
        ),
      ),
    ),
  get_base_needed_for_quote: (c) =>
    expectValue(
      c.r,
      attempt(() =>
        getBaseNeededForQuote(
          q(c),
          { taoReserve: big(c.tao_reserve), alphaReserve: big(c.alpha_reserve) },
          big(c.delta_tao),
        ),
      ),
    ),
  update_weights_for_added_liquidity: (c) => {
    const r = c.r as JsonObject
    const got = updateWeightsForAddedLiquidity(q(c), {
      taoReserve: big(c.tao_reserve),
      alphaReserve: big(c.alpha_reserve),
      taoDelta: big(c.tao_delta),
      alphaDelta: big(c.alpha_delta),
    })
    return all([
      got.ok === r.ok ? true : `ok: expected ${String(r.ok)}, got ${got.ok}`,
      same('quote_parts', big(r.quote_parts), got.quoteParts),
    ])
  },
  swap: checkSwap,
  swap_step_fns: checkStep,
  init_quote_weight_from_price: (c) => {
    const r = c.r as JsonObject
    const got = initQuoteWeightFromPrice(
      { taoReserve: big(c.tao_reserve), alphaReserve: big(c.alpha_reserve) },
      bits(c.price),
    )
    if (r.ok === false) {
      return !got.ok && got.error === r.error
        ? true
        : `expected ${String(r.error)}, got ${got.ok ? `ok ${got.quoteParts}` : got.error}`
    }
    return got.ok
      ? same('quote_parts', big(r.quote_parts), got.quoteParts)
      : `expected ok, got ${got.error}`
  },
  get_alpha_amount_for_tao: (c) =>
    expectValue(
      c.r,
      attempt(() => getAlphaAmountForTao(pool(c), big(c.tao_amount) as TaoBalance)),
    ),
}

/** `balancer.json`: every group of the Balancer pool (balancer.rs, swap_step.rs, the swap path of impls.rs). */
export const balancerFile: FileHandler = (doc, file) =>
  runGroups(
    doc,
    file,
    (g) => (Object.hasOwn(checks, g.fn as string) ? checks[g.fn as string] : undefined),
    (g) => String(g.fn),
  )
