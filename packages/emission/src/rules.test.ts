import { isDtaoError } from '@dtao/errors'
import { describe, expect, it } from 'vitest'
import { rulesForSpec } from './rules.js'

describe('rulesForSpec (spec §2.8)', () => {
  it.each([
    [233, 'price-ema', 'subsidy', 'legacy-modulo', 'recycle'],
    [334, 'gross-flow', 'subsidy', 'legacy-modulo', 'recycle'],
    [342, 'gross-flow', 'alpha-emission', 'legacy-modulo', 'recycle'],
    [362, 'gross-flow', 'min-alpha-tao', 'legacy-modulo', 'recycle'],
    [411, 'net-flow', 'min-alpha-tao', 'legacy-modulo', 'recycle'],
    [413, 'net-flow', 'min-alpha-tao', 'legacy-modulo', 'protocol-owned'],
    [421, 'price-ema-rootprop-burn', 'root-prop', 'legacy-modulo', 'protocol-owned'],
    [423, 'price-ema-rootprop-burn', 'root-prop', 'stateful', 'protocol-owned'],
    [425, 'price-ema-burn', 'root-prop', 'stateful', 'protocol-owned'],
  ] as const)('spec %i', (spec, shares, injectionCap, schedule, chainBuyAlpha) => {
    expect(rulesForSpec(spec)).toMatchObject({
      spec,
      shares,
      injectionCap,
      schedule,
      chainBuyAlpha,
    })
  })

  it('unknown specs are typed errors; future specs need allowFuture', () => {
    for (const bad of [100, 232, 426, 425.5, Number.NaN]) {
      try {
        rulesForSpec(bad)
        expect.unreachable()
      } catch (e) {
        expect(isDtaoError(e, 'Emission.UnknownSpecError')).toBe(true)
      }
    }
    expect(rulesForSpec(430, { allowFuture: true }).shares).toBe('price-ema-burn')
  })
})
