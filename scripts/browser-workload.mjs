// The computations the browser check runs both in Chromium and in Node (plain ESM, no Node APIs).
// Every bigint is turned into a string so the two results compare as JSON.
import { formatTao, parseTao, powRatioScaled, U64F64 } from '@dtao/fixed'

export async function run() {
  const price = U64F64.safeDiv(U64F64.fromNum(10n ** 14n), U64F64.fromNum(10n ** 15n))
  return {
    price: String(price),
    roundTrip: formatTao(parseTao('1.5')),
    pow: String(
      powRatioScaled(
        21n * 10n ** 15n,
        21n * 10n ** 15n + 100n,
        499999999999500000n,
        500000000000500000n,
        256,
        10n ** 18n,
      ),
    ),
  }
}
