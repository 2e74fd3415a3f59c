import { BaseError } from '@dtao/errors'
import { U64F64, U96F32 } from '@dtao/fixed'
import { LATEST_SPEC_VERSION } from './constants.js'
import { u64, u128 } from './internal/check.js'
import { type RuleSet, rulesForSpec } from './rules.js'

/**
 * One subnet's per-block injection terms (all U96F32 bits), from {@link subnetTerms}.
 *
 * @example
 * ```ts
 * import type { SubnetTerms } from '@dtao/emission'
 * const t: SubnetTerms = { taoIn: 0n, alphaIn: 0n, alphaOut: 0n, excessTao: 0n }
 * ```
 */
export type SubnetTerms = {
  /** TAO injected into the pool. */
  readonly taoIn: U96F32
  /** Alpha injected into the pool. */
  readonly alphaIn: U96F32
  /** Alpha minted to participants (the alpha emission A). */
  readonly alphaOut: U96F32
  /** TAO that cannot be injected and is spent on a chain buy. */
  readonly excessTao: U96F32
}

/** Inputs of {@link subnetTerms}. */
export type SubnetTermsInput = {
  /** τᵢ, the subnet's TAO emission, U96F32 bits. */
  readonly taoEmission: bigint
  /** Aᵢ = blockEmissionForIssuance(alpha issuance), alpha-rao. */
  readonly alphaEmission: bigint
  /** The pool spot price (`current_alpha_price`), U64F64 bits. */
  readonly spotPrice: bigint
  /** ρ from the pre-block alpha issuance, U96F32 bits (read by the `root-prop` cap). */
  readonly rootProportion: bigint
  /** The block's minted credit E, rao (read by the `min-alpha-tao` cap of specs 362–420). */
  readonly blockEmission?: bigint
}

/**
 * `get_subnet_terms` for one subnet: αin = τ ⊘ P (0 if P = 0), capped at ρ ⊗ A (spec ≥ 421);
 * when capped, τin = αin ⊗ P; excess = τ − τin; αout = A. P is the spot price truncated to U96F32.
 *
 * @param input - See {@link SubnetTermsInput}.
 * @param options - `rules` (cap by era; default spec 425).
 * @returns The four terms.
 * @throws {@link InvalidAmountError} on a negative or non-bigint input.
 * @throws {@link UnsupportedRuleError} for the pre-342 subsidy rule.
 * @example
 * ```ts
 * import { subnetTerms } from '@dtao/emission'
 * // W3: τ = 333 333 333.33 rao, price 0.05, A = 10⁹, ρ = 0.1189
 * const t = subnetTerms({ taoEmission: 1431655765333333333n, alphaEmission: 10n ** 9n,
 *   spotPrice: (50_000n << 64n) / 1_000_000n, rootProportion: 510855140n })
 * t.alphaIn >> 32n // 118942731n
 * ```
 * @see subtensor pallets/subtensor/src/coinbase/run_coinbase.rs · get_subnet_terms
 */
export function subnetTerms(
  input: SubnetTermsInput,
  options: { readonly rules?: RuleSet } = {},
): SubnetTerms {
  const rules = options.rules ?? rulesForSpec(LATEST_SPEC_VERSION)
  const taoEmission = u128('taoEmission', input.taoEmission)
  const alphaEmission = U96F32.saturatingFromNum(u64('alphaEmission', input.alphaEmission))
  const price = U96F32.saturatingFromFixed(U64F64, u128('spotPrice', input.spotPrice))
  const rp = u128('rootProportion', input.rootProportion)
  let taoIn: bigint = taoEmission
  let alphaIn: bigint = U96F32.safeDivOr(taoEmission, price, U96F32.ZERO)
  let cap: bigint
  switch (rules.injectionCap) {
    case 'root-prop':
      cap = U96F32.saturatingMul(rp, alphaEmission)
      break
    case 'alpha-emission':
      cap = alphaEmission
      break
    case 'min-alpha-tao': {
      const e = U96F32.saturatingFromNum(u64('blockEmission', input.blockEmission ?? 0n))
      cap = alphaEmission < e ? alphaEmission : e
      break
    }
    default:
      throw new UnsupportedRuleError({
        rule: `injectionCap '${rules.injectionCap}'`,
        spec: rules.spec,
      })
  }
  if (alphaIn > cap) {
    alphaIn = cap
    taoIn = U96F32.saturatingMul(alphaIn, price)
  }
  const excessTao = U96F32.saturatingSub(taoEmission, taoIn)
  return {
    taoIn: taoIn as U96F32,
    alphaIn: alphaIn as U96F32,
    alphaOut: alphaEmission,
    excessTao,
  }
}

/**
 * A rule of an old era that this package recognises but does not implement (the pre-342
 * "subsidy" injection).
 *
 * @example
 * ```ts
 * import { isDtaoError } from '@dtao/errors'
 * import { rulesForSpec, subnetTerms } from '@dtao/emission'
 * try {
 *   subnetTerms({ taoEmission: 0n, alphaEmission: 0n, spotPrice: 0n, rootProportion: 0n }, { rules: rulesForSpec(300) })
 * } catch (e) { isDtaoError(e, 'Emission.UnsupportedRuleError') } // true
 * ```
 */
export class UnsupportedRuleError extends BaseError {
  /** The stable error code. */
  override readonly name = 'Emission.UnsupportedRuleError'
  /** The rule this release does not model. */
  readonly rule: string
  /** The spec version asked for. */
  readonly spec: number

  constructor({ rule, spec }: { rule: string; spec: number }) {
    super(`${rule} of spec ${spec} is not modelled by this release.`, {
      metaMessages: ['Implemented: injection caps from spec 342 on.'],
    })
    this.rule = rule
    this.spec = spec
  }
}
