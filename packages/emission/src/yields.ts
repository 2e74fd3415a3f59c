import { BaseError } from '@dtao/errors'
import BigNumber from 'bignumber.js'
import { BLOCKS_PER_YEAR } from './constants.js'
import { u64, u128, uint } from './internal/check.js'
import type { Projection } from './projection.js'

const Decimal = BigNumber.clone({
  DECIMAL_PLACES: 40,
  ROUNDING_MODE: BigNumber.ROUND_DOWN,
  EXPONENTIAL_AT: 1e9,
})
type Dec = InstanceType<typeof Decimal>

/** A yield over a projection's horizon, as decimal strings (display values, not chain values). */
export type Yield = {
  /** The return over the horizon, e.g. `'0.0123'` for 1.23 %. */
  readonly periodReturn: string
  /** The return annualised to a 365-day year (`(1 + r)^(year / horizon) − 1`, or linear for simple yields). */
  readonly apy: string
  /** Blocks in the horizon. */
  readonly horizonBlocks: bigint
  /** What the number assumes. */
  readonly assumptions: readonly string[]
}

function ratio(num: bigint, den: bigint): Dec {
  return new Decimal(num.toString()).div(den.toString())
}

// ln(x) for x > 0 by argument halving and the atanh series, in the 40-digit context.
function ln(x: Dec): Dec {
  let k = 0
  let y = x
  const two = new Decimal(2)
  while (y.gt(two)) {
    y = y.sqrt()
    k++
  }
  while (y.lt(new Decimal('0.5'))) {
    y = y.sqrt()
    k++
  }
  const z = y.minus(1).div(y.plus(1))
  const z2 = z.times(z)
  let term = z
  let sum = new Decimal(0)
  for (let n = 1; n < 400; n += 2) {
    const add = term.div(n)
    if (add.abs().lt('1e-45')) break
    sum = sum.plus(add)
    term = term.times(z2)
  }
  return sum.times(2).times(new Decimal(2).pow(k))
}

function exp(x: Dec): Dec {
  let k = 0
  let y = x
  while (y.abs().gt(new Decimal('0.5'))) {
    y = y.div(2)
    k++
  }
  let term = new Decimal(1)
  let sum = new Decimal(1)
  for (let n = 1; n < 200; n++) {
    term = term.times(y).div(n)
    if (term.abs().lt('1e-45')) break
    sum = sum.plus(term)
  }
  for (let i = 0; i < k; i++) sum = sum.times(sum)
  return sum
}

// 30 significant digits, rounded half-even: the display form of a rate.
function show(x: Dec): string {
  return x.precision(30, BigNumber.ROUND_HALF_EVEN).toFixed()
}

function annualise(growth: Dec, horizon: bigint, year: bigint): Dec {
  if (horizon === year) return growth.minus(1)
  if (growth.lte(0)) return new Decimal(-1)
  return exp(ln(growth).times(ratio(year, horizon))).minus(1)
}

function share(s: readonly [bigint, bigint], field: string): readonly [bigint, bigint] {
  const [n, d] = s
  u128(`${field}[0]`, n)
  u128(`${field}[1]`, d)
  if (d === 0n || n > d) throw new InvalidShareError({ field, numerator: n, denominator: d })
  return s
}

/**
 * The alpha yield of a nominator of hotkey h on a subnet, from a projection with epoch records:
 * each epoch pays h `share × validator pool`, the delegate take keeps `take/65 535` of it, and the
 * rest is added to h's alpha pool, so it compounds: growth = Π (1 + (1 − t)·payoutₖ / alphaₖ),
 * with alphaₖ₊₁ = alphaₖ + payoutₖ. Returned as decimal strings (bignumber.js, 40 digits).
 *
 * @param projection - A projection made with `recordEpochs: true`.
 * @param position - `netuid`, `hotkeyAlpha` (h's total alpha on the subnet, alpha-rao), `share`
 *   (h's fraction of the validator pool as `[numerator, denominator]`, e.g. from the last epoch's
 *   `AlphaDividendsPerSubnet`), `take` (u16, default 11 796), `blocksPerYear`.
 * @returns The yield.
 * @throws {@link InvalidShareError} for a share above 1 or with a zero denominator.
 * @throws {@link MissingEpochRecordsError} if the projection has no epoch records for the subnet.
 * @throws {@link InvalidAmountError} on a non-bigint hotkey alpha.
 * @throws {@link ZeroStakeError} if `hotkeyAlpha` is 0.
 * @example
 * ```ts
 * import { alphaStakeYield, projectEmissions } from '@dtao/emission'
 * declare const p: ReturnType<typeof projectEmissions>
 * alphaStakeYield(p, { netuid: 1, hotkeyAlpha: 10n ** 15n, share: [1n, 10n] }).apy // e.g. '0.2113…'
 * ```
 */
export function alphaStakeYield(
  projection: Projection,
  position: {
    readonly netuid: number
    readonly hotkeyAlpha: bigint
    readonly share: readonly [bigint, bigint]
    readonly take?: number
    readonly blocksPerYear?: bigint
  },
): Yield {
  const sub = projection.subnets.get(position.netuid)
  if (sub === undefined || (sub.epochCount > 0 && sub.epochs.length === 0))
    throw new MissingEpochRecordsError({ netuid: position.netuid })
  const [n, d] = share(position.share, 'share')
  let alpha = u64('hotkeyAlpha', position.hotkeyAlpha)
  if (alpha === 0n) throw new ZeroStakeError({ field: 'hotkeyAlpha' })
  const take = uint('take', position.take ?? 11_796, 65535)
  let growth = new Decimal(1)
  for (const ep of sub.epochs) {
    const payout = (ep.validator * n) / d
    const kept = payout - (payout * BigInt(take)) / 65535n
    growth = growth.times(new Decimal(1).plus(ratio(kept, alpha))).decimalPlaces(45)
    alpha += payout
  }
  const horizon = projection.toBlock - projection.fromBlock + 1n
  return {
    periodReturn: show(growth.minus(1)),
    apy: show(annualise(growth, horizon, position.blocksPerYear ?? BLOCKS_PER_YEAR)),
    horizonBlocks: horizon,
    assumptions: [
      ...projection.assumptions,
      "The hotkey keeps its share of the validator pool; other stake on the hotkey is constant; the delegate take is constant; payouts compound into the hotkey's pool every epoch.",
      'The yield is in alpha of the subnet (convert at the spot price for TAO).',
    ],
  }
}

/**
 * The TAO yield of root stake delegated to hotkey h: for each subnet, h earns `share × root pool`
 * per epoch, keeps the delegate take, and credits the rest as root-claimable alpha per rao of
 * root stake; the alpha is valued at the given spot price (U64F64 bits, TAO per alpha). Simple
 * (not compounded: claims restake only through auto-claim swaps), annualised linearly.
 *
 * @param projection - A projection.
 * @param position - `hotkeyRootStake` (rao), `shares` (netuid → h's fraction of the root pool),
 *   `prices` (netuid → spot U64F64 bits), `take`, `blocksPerYear`.
 * @returns The yield.
 * @throws {@link InvalidShareError} for a share above 1 or with a zero denominator.
 * @throws {@link InvalidAmountError} on a non-bigint root stake.
 * @throws {@link ZeroStakeError} if `hotkeyRootStake` is 0.
 * @example
 * ```ts
 * import { projectEmissions, rootStakeYield } from '@dtao/emission'
 * declare const p: ReturnType<typeof projectEmissions>
 * rootStakeYield(p, { hotkeyRootStake: 10n ** 15n, shares: new Map([[1, [1n, 2n]]]), prices: new Map([[1, 1n << 62n]]) }).apy
 * ```
 */
export function rootStakeYield(
  projection: Projection,
  position: {
    readonly hotkeyRootStake: bigint
    readonly shares: ReadonlyMap<number, readonly [bigint, bigint]>
    readonly prices: ReadonlyMap<number, bigint>
    readonly take?: number
    readonly blocksPerYear?: bigint
  },
): Yield {
  const stake = u64('hotkeyRootStake', position.hotkeyRootStake)
  if (stake === 0n) throw new ZeroStakeError({ field: 'hotkeyRootStake' })
  const take = uint('take', position.take ?? 11_796, 65535)
  let taoValue = new Decimal(0)
  for (const [netuid, s] of position.shares) {
    const sub = projection.subnets.get(netuid)
    if (sub === undefined) continue
    const [n, d] = share(s, `shares[${netuid}]`)
    const payout = (sub.distributed.root * n) / d
    const kept = payout - (payout * BigInt(take)) / 65535n
    const price = u128(`prices[${netuid}]`, position.prices.get(netuid) ?? 0n)
    taoValue = taoValue.plus(ratio(kept * price, 1n << 64n))
  }
  const horizon = projection.toBlock - projection.fromBlock + 1n
  const r = taoValue.div(stake.toString())
  return {
    periodReturn: show(r),
    apy: show(r.times(ratio(position.blocksPerYear ?? BLOCKS_PER_YEAR, horizon))),
    horizonBlocks: horizon,
    assumptions: [
      ...projection.assumptions,
      'The hotkey keeps its share of each root pool; its root stake and take are constant; claimed alpha is valued at the given constant spot price with no slippage; no compounding.',
    ],
  }
}

/**
 * A dividend share that is not a fraction in [0, 1].
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { InvalidShareError } from '@dtao/emission'
 * isDtaoError(new InvalidShareError({ field: 'share', numerator: 2n, denominator: 1n }), 'Emission.InvalidShareError') // true
 * ```
 */
export class InvalidShareError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.InvalidShareError'
  /** The input field. */
  readonly field: string
  /** The numerator given. */
  readonly numerator: bigint
  /** The denominator given. */
  readonly denominator: bigint

  constructor({
    field,
    numerator,
    denominator,
  }: { field: string; numerator: bigint; denominator: bigint }) {
    super(`${field}: ${numerator}/${denominator} is not a fraction in [0, 1].`)
    this.field = field
    this.numerator = numerator
    this.denominator = denominator
  }
}

/**
 * A yield asked of a projection that did not record epochs for the subnet.
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { MissingEpochRecordsError } from '@dtao/emission'
 * isDtaoError(new MissingEpochRecordsError({ netuid: 1 }), 'Emission.MissingEpochRecordsError') // true
 * ```
 */
export class MissingEpochRecordsError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.MissingEpochRecordsError'
  /** The subnet. */
  readonly netuid: number

  constructor({ netuid }: { netuid: number }) {
    super(`No epoch records for netuid ${netuid}.`, {
      metaMessages: ['Project with { recordEpochs: true } and include the subnet.'],
    })
    this.netuid = netuid
  }
}

/**
 * A yield asked for a position with zero stake (the return is undefined).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { ZeroStakeError } from '@dtao/emission'
 * isDtaoError(new ZeroStakeError({ field: 'hotkeyAlpha' }), 'Emission.ZeroStakeError') // true
 * ```
 */
export class ZeroStakeError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.ZeroStakeError'
  /** The input field. */
  readonly field: string

  constructor({ field }: { field: string }) {
    super(`${field} is 0: a yield needs a positive stake.`)
    this.field = field
  }
}
