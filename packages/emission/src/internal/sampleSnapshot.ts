import type { ProjectionSnapshot, ProjectionSubnet } from '../projection.js'

/**
 * A deterministic mainnet-like snapshot of `count` subnets (for benches and the example): EMA
 * prices 0.002–0.06 TAO/α, alpha issuance 1–9 M α, tempo 360 with the registration stagger,
 * TaoWeight 0.18 and 5 M TAO on root.
 */
export function sampleSnapshot(count: number, totalIssuance: bigint): ProjectionSnapshot {
  const subnets: ProjectionSubnet[] = []
  let seed = 12345n
  const next = (): bigint => {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n)
    return seed >> 33n
  }
  for (let i = 1; i <= count; i++) {
    const priceMilli = 2n + (next() % 59n) // 0.002 … 0.060
    const issuance = (1_000_000n + (next() % 8_000_000n)) * 10n ** 9n
    const movingPrice = (priceMilli << 32n) / 1000n
    subnets.push({
      netuid: i,
      mechanism: 1,
      movingPrice,
      minerBurned: i % 7 === 0 ? 1n << 30n : 0n,
      firstEmissionBlock: 1_000_000n,
      subtokenEnabled: true,
      registrationAllowed: true,
      emissionEnabled: true,
      alphaIn: issuance / 3n,
      alphaOut: issuance - issuance / 3n,
      spotPrice: (priceMilli << 64n) / 1000n,
      tempo: 360,
      lastEpochBlock: 7_000_000n - BigInt(i % 360),
    })
  }
  return {
    block: 7_000_000n,
    totalIssuance,
    rootSubnetTao: 5_000_000n * 10n ** 9n,
    taoWeight: 3_320_413_933_267_719_290n,
    subnets,
  }
}
