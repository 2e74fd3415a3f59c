import { BaseError } from '@dtao/errors'
import { LATEST_SPEC_VERSION } from './constants.js'

/**
 * The emission rules of one runtime era, selected by `spec_version` with {@link rulesForSpec}.
 *
 * @example
 * ```ts
 * import { rulesForSpec, type RuleSet } from '@dtao/emission'
 * const r: RuleSet = rulesForSpec(424)
 * r.shares // 'price-ema-rootprop-burn'
 * ```
 */
export type RuleSet = {
  /** The runtime `spec_version` the rules were chosen for. */
  readonly spec: number
  /**
   * Subnet share rule: `'price-ema'` (p̄ᵢ/Σp̄, specs < 334), `'gross-flow'` (user TAO-flow EMA,
   * 334–410), `'net-flow'` (user minus normalised protocol flow, 411–420),
   * `'price-ema-rootprop-burn'` (p̄·ρ·(1 − MinerBurned), 421–424), `'price-ema-burn'`
   * (p̄·(1 − MinerBurned), ≥ 425).
   */
  readonly shares:
    | 'price-ema'
    | 'gross-flow'
    | 'net-flow'
    | 'price-ema-rootprop-burn'
    | 'price-ema-burn'
  /**
   * Alpha-injection cap: `'subsidy'` (< 342), `'alpha-emission'` (A, 342–361),
   * `'min-alpha-tao'` (min(A, E), 362–420), `'root-prop'` (ρ·A, ≥ 421).
   */
  readonly injectionCap: 'subsidy' | 'alpha-emission' | 'min-alpha-tao' | 'root-prop'
  /** Epoch schedule: `'legacy-modulo'` (< 423) or `'stateful'` (≥ 423). */
  readonly schedule: 'legacy-modulo' | 'stateful'
  /** What happens to chain-bought alpha: `'recycle'` (< 413) or `'protocol-owned'` (≥ 413). */
  readonly chainBuyAlpha: 'recycle' | 'protocol-owned'
  /** Whether subnets with registration disabled are excluded from emission (≥ 345). */
  readonly registrationFilter: boolean
  /** Whether root alpha is recycled when the root-sell flag is off (≥ 343). */
  readonly recycleRootAlphaWithoutRootSell: boolean
}

/** First dTAO runtime on main. */
const firstDtaoSpec = 233

/**
 * The rule set of a runtime `spec_version` (main-branch merge specs, §2.8 of the emission spec).
 * Specs before dTAO (233) are rejected, and so are specs after the latest known one (425) unless
 * `allowFuture` is set (they then get the latest rules).
 *
 * @param spec - The runtime `spec_version` at the block's parent.
 * @param options - `allowFuture`: accept specs above 425 with the spec-425 rules.
 * @returns The rules of that era.
 * @throws {@link UnknownSpecError} for a spec before 233, after 425 (without `allowFuture`) or not an integer.
 * @example
 * ```ts
 * import { rulesForSpec } from '@dtao/emission'
 * rulesForSpec(425)
 * // { spec: 425, shares: 'price-ema-burn', injectionCap: 'root-prop', schedule: 'stateful',
 * //   chainBuyAlpha: 'protocol-owned', registrationFilter: true, recycleRootAlphaWithoutRootSell: true }
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/subnet_emissions.rs · get_shares
 */
export function rulesForSpec(
  spec: number,
  options: { readonly allowFuture?: boolean } = {},
): RuleSet {
  if (
    !Number.isInteger(spec) ||
    spec < firstDtaoSpec ||
    (spec > LATEST_SPEC_VERSION && options.allowFuture !== true)
  )
    throw new UnknownSpecError({ spec })
  const shares: RuleSet['shares'] =
    spec >= 425
      ? 'price-ema-burn'
      : spec >= 421
        ? 'price-ema-rootprop-burn'
        : spec >= 411
          ? 'net-flow'
          : spec >= 334
            ? 'gross-flow'
            : 'price-ema'
  const injectionCap: RuleSet['injectionCap'] =
    spec >= 421
      ? 'root-prop'
      : spec >= 362
        ? 'min-alpha-tao'
        : spec >= 342
          ? 'alpha-emission'
          : 'subsidy'
  return {
    spec,
    shares,
    injectionCap,
    schedule: spec >= 423 ? 'stateful' : 'legacy-modulo',
    chainBuyAlpha: spec >= 413 ? 'protocol-owned' : 'recycle',
    registrationFilter: spec >= 345,
    recycleRootAlphaWithoutRootSell: spec >= 343,
  }
}

/**
 * A `spec_version` this package has no emission rules for (before dTAO, or not an integer).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { rulesForSpec } from '@dtao/emission'
 * try { rulesForSpec(100) } catch (e) { isDtaoError(e, 'Emission.UnknownSpecError') } // true
 * ```
 */
export class UnknownSpecError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.UnknownSpecError'
  /** The rejected spec version. */
  readonly spec: number

  constructor({ spec }: { spec: number }) {
    super(`No emission rules for spec_version ${spec}.`, {
      metaMessages: [
        `Known: integer spec versions ${firstDtaoSpec}–${LATEST_SPEC_VERSION}; pass allowFuture for later ones.`,
      ],
    })
    this.spec = spec
  }
}
