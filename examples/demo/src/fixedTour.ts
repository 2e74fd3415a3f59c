import { formatTao, I32F32, I96F32, parseTao, RAO_PER_TAO, U64F64, U96F32 } from '@dtao/fixed'

/** Lines of the `@dtao/fixed` part of the tour. */
export function fixedTour(): string[] {
  // A pool price as the chain computes it (balancer.rs · calculate_price with ½/½ weights):
  // (w_base ⊘ w_quote) ⊗ (tao_reserve ⊘ alpha_reserve), all U64F64.
  const taoReserve = 10n ** 14n // 100 000 TAO, in rao (spec fixed-point.md §11.3)
  const alphaReserve = 10n ** 15n
  const price = U64F64.safeDiv(U64F64.fromNum(taoReserve), U64F64.fromNum(alphaReserve))
  const priceRao = U64F64.saturatingToNum(
    U64F64.saturatingMul(price, U64F64.fromNum(RAO_PER_TAO)),
    'u64',
  )
  const amount = parseTao('1.5')
  // The coinbase narrows the price to U96F32 and divides (run_coinbase.rs · get_subnet_terms)
  const alphaFor1Tao = U96F32.safeDiv(
    U96F32.fromNum(RAO_PER_TAO),
    U96F32.saturatingFromFixed(U64F64, price),
  )
  return [
    "── @dtao/fixed: the chain's numbers, bit for bit",
    `  price of a 1e14-rao / 1e15-alpha pool: U64F64 bits ${price} = ${U64F64.toDecimalString(price, { digits: 22 })} TAO/alpha`,
    `  as the runtime API reports it (×1e9, floored): ${priceRao} rao — not 100 000 000`,
    `  1 TAO at that price through U96F32 (coinbase): ${U96F32.saturatingToNum(alphaFor1Tao, 'u64')} alpha rao — not 10 000 000 000`,
    `  parseTao('1.5') = ${amount} rao; formatTao back = '${formatTao(amount)}'`,
    `  I32F32.fromNum(0.1) = bits ${I32F32.fromNum(0.1)} (0.1·2³² = 429 496 729.6, rounded to nearest)`,
    `  u16 → I32F32 → u16 loses one: 11796/65535 = bits ${I32F32.safeDiv(I32F32.fromNum(11796n), I32F32.fromNum(65535n))} → ${I32F32.saturatingToNum(I32F32.saturatingMul(I32F32.safeDiv(I32F32.fromNum(11796n), I32F32.fromNum(65535n)), I32F32.fromNum(65535n)), 'u16')}`,
    `  exp::<I32F32>(20) = ${I32F32.toDecimalString(I32F32.exp(I32F32.fromNum(20n)) ?? 0n, { digits: 3 })} (substrate-fixed's series; e²⁰ = 485165195.410)`,
    `  log2::<I96F32>(4 − 2⁻³²) = ${I96F32.toDecimalString(I96F32.log2(4n * 2n ** 32n - 1n) ?? 0n)} exactly (the halving quirk block emission inherits)`,
  ]
}
