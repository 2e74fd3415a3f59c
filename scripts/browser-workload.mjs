// The computations the browser check runs both in Chromium and in Node (plain ESM, no Node APIs):
// a Balancer quote, a chain-exact epoch, and the fixed-point basics. Every bigint becomes a
// string so the two results compare as JSON.
import { balancerPool, currentAlphaPrice, limitPriceForBuy, quoteBuy, quoteSell } from '@dtao/amm'
import { formatTao, parseAlpha, parseTao, powRatioScaled, U64F64 } from '@dtao/fixed'
import { approxEpoch, approxEpochEngine, runEpoch, toApproxEpochInput } from '@dtao/yuma'

const str = (v) => JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x)))

export async function run() {
  // amm.md §4.7 pool A/B-style pool with a non-½ weight, so quotes take the ln/exp path
  const pool = balancerPool({
    netuid: 7,
    taoReserve: parseTao('1000'),
    alphaReserve: parseAlpha('4000'),
    quoteWeight: 487_654_321_000_000_000n,
    feeRate: 33,
  })
  const buy = quoteBuy(pool, parseTao('10'))
  const sell = quoteSell(pool, parseAlpha('40'))
  // yuma.md worked example W1
  const epochInput = {
    n: 5,
    currentBlock: 1000n,
    tempo: 360,
    activityCutoffFactorMilli: 13889,
    lastUpdate: [10n, 10n, 10n, 10n, 10n],
    blockAtRegistration: [0n, 0n, 0n, 0n, 0n],
    alphaStake: [600_000_000_000n, 300_000_000_000n, 100_000_000_000n, 0n, 0n],
    taoStake: [0n, 0n, 0n, 0n, 0n],
    taoWeight: 0n,
    stakeThreshold: 0n,
    ownerUid: null,
    validatorPermit: [true, true, true, false, false],
    maxAllowedValidators: 3,
    weights: [
      [
        [3, 45875],
        [4, 19660],
      ],
      [
        [3, 39321],
        [4, 26214],
      ],
      [[4, 65535]],
      [],
      [],
    ],
    bonds: [[], [], [], [], []],
    kappa: 32767,
    bondsPenalty: 65535,
    bondsMovingAverage: 900_000n,
    yuma3Enabled: true,
    liquidAlphaEnabled: true,
    alphaLow: 45875,
    alphaHigh: 58982,
    alphaSigmoidSteepness: 1000,
    lastMechanismStepBlock: 0n,
    raoEmission: 1_000_000_000n,
  }
  const epoch = runEpoch(epochInput)
  // float mode on the same subnet without liquid alpha, with stored bonds: its dense Yuma 3 case
  // (the WebAssembly kernel where the engine compiles it, else the TypeScript loop: same values)
  const approx = approxEpoch(
    toApproxEpochInput({
      ...epochInput,
      liquidAlphaEnabled: false,
      bonds: [
        [
          [3, 30000],
          [4, 10000],
        ],
        [
          [3, 5000],
          [4, 40000],
        ],
        [[4, 65535]],
        [],
        [],
      ],
    }),
  )
  return str({
    price: currentAlphaPrice(pool),
    limitPriceForBuy: limitPriceForBuy(pool, 50),
    buy: {
      amountOut: buy.amountOut,
      fee: buy.fee,
      spotAfter: buy.spotAfter,
      impact: buy.priceImpact,
    },
    sell: { amountOut: sell.amountOut, fee: sell.fee },
    epoch: {
      incentive: epoch.incentive,
      dividend: epoch.dividend,
      serverEmission: epoch.serverEmission,
      bond: epoch.bond,
    },
    approx: {
      engine: approxEpochEngine(), // (the same in both: the kernel runs in Chromium too)
      dividends: Array.from(approx.dividends),
      incentive: Array.from(approx.incentive),
      bonds: approx.bonds,
    },
    u64f64: U64F64.safeDiv(U64F64.fromNum(10n ** 14n), U64F64.fromNum(10n ** 15n)),
    roundTrip: formatTao(parseTao('1.5')),
    pow: powRatioScaled(
      21n * 10n ** 15n,
      21n * 10n ** 15n + 100n,
      499999999999500000n,
      500000000000500000n,
      256,
      10n ** 18n,
    ),
  })
}
