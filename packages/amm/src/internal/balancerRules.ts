import { InvalidArgumentError } from '../errors.js'
import { type ChainRules, LATEST_KNOWN_SPEC_VERSION, rulesForSpec } from '../rules.js'

/** The rules to use for a Balancer-era computation: the given ones, or the latest spec's. @internal */
export function balancerRules(rules: ChainRules | undefined): ChainRules {
  const r = rules ?? rulesForSpec(LATEST_KNOWN_SPEC_VERSION)
  if (r.era !== 'balancer') {
    throw new InvalidArgumentError({
      argument: 'rules',
      value: `spec ${r.specVersion} (${r.era})`,
      expected: 'rules of a Balancer-era spec (≥ 423)',
    })
  }
  return r
}

/** The `exp_scaled` options of a spec: precision and the clamp to ≤ 1. @internal */
export type ExpOptions = { readonly precision: number; readonly clampToOne: boolean }

const cache = new WeakMap<ChainRules, ExpOptions>()

/** `exp_scaled` options for the rules (cached per rules object). @internal */
export function expOptions(rules: ChainRules): ExpOptions {
  let o = cache.get(rules)
  if (o === undefined) {
    o = Object.freeze({ precision: rules.expPrecision ?? 256, clampToOne: rules.clampExpToOne })
    cache.set(rules, o)
  }
  return o
}
