import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { embeddedSnapshot, svgLinePlot } from '@dtao/client'
import {
  BLOCKS_PER_YEAR,
  blockEmissionForIssuance,
  nextHalving,
  projectEmissions,
} from '@dtao/emission'
import { alphaBalance, formatAlpha, formatTao, taoBalance } from '@dtao/fixed'

/** Lines of the emission part of the tour: a year of subnet-1 emission, with a plot on disk. */
export function emissionTour(): string[] {
  const snap = embeddedSnapshot()
  // the recorded get_selective_mechagraph figures (see the snapshot's provenance)
  const sn1 = snap.dynamicInfo[1] as
    | { moving_price: bigint; alpha_in: bigint; alpha_out: bigint; tempo: number }
    | undefined
  if (sn1 === undefined) return ['── @dtao/emission: (no subnet 1 in the embedded snapshot)']
  const rao = 10n ** 9n
  // Recorded: subnet 1's alpha in/out, EMA price and tempo at block 6,852,690. Assumed (not in
  // the recording): total issuance 15.3 M TAO, 5 M TAO on root, the current (spec 425) rules.
  const totalIssuance = 15_300_000n * rao
  const block = BigInt(snap.provenance.block)
  const projection = projectEmissions(
    {
      block,
      totalIssuance,
      rootSubnetTao: 5_000_000n * rao,
      taoWeight: 3_320_413_933_267_719_290n,
      subnets: [
        {
          netuid: 1,
          mechanism: 1,
          movingPrice: sn1.moving_price,
          spotPrice: sn1.moving_price << 32n,
          minerBurned: 0n,
          firstEmissionBlock: 1_000_000n,
          subtokenEnabled: true,
          registrationAllowed: true,
          emissionEnabled: true,
          alphaIn: sn1.alpha_in,
          alphaOut: sn1.alpha_out,
          tempo: sn1.tempo,
          lastEpochBlock: block - 1n,
        },
      ],
    },
    { blocks: BLOCKS_PER_YEAR },
    { recordEpochs: true },
  )
  const s = projection.subnets.get(1)
  const lines = ['── @dtao/emission: a year of emission, exact per block']
  lines.push(
    `  block emission at ${formatTao(taoBalance(totalIssuance))} TAO issued: ${formatTao(taoBalance(blockEmissionForIssuance(totalIssuance)))} TAO/block; next halving at ${formatTao(taoBalance(nextHalving(totalIssuance)?.threshold ?? 0n))} TAO issued`,
  )
  if (s === undefined) return lines
  const dir = join(tmpdir(), 'dtao-demo')
  mkdirSync(dir, { recursive: true })
  const svg = join(dir, 'subnet1-emission.svg')
  // display only: rao → TAO as floats for the chart
  const pts = s.epochs.map(
    (e) => [Number(e.block - block) / 7200, Number(e.taoToDate / rao)] as const,
  )
  writeFileSync(
    svg,
    svgLinePlot(pts, {
      title: 'Subnet 1: cumulative TAO in over a year',
      xLabel: 'days',
      yLabel: 'TAO',
    }),
  )
  lines.push(
    `  subnet 1 over ${BLOCKS_PER_YEAR} blocks (${s.epochCount} epochs): ${formatTao(taoBalance(s.taoIn + s.chainBuyTao))} TAO in, alpha to miners ${formatAlpha(alphaBalance(s.distributed.miners))}, validators ${formatAlpha(alphaBalance(s.distributed.validators))}, owner ${formatAlpha(alphaBalance(s.distributed.owner))}`,
    `  halvings in range: ${projection.halvings.map((h) => `block ${h.block}`).join(', ') || 'none'}`,
    `  assumptions (${projection.assumptions.length}, in projection.assumptions): constant prices and shares, exact per-block arithmetic between events; issuance and root stake assumed`,
    `  plot written to ${svg}`,
  )
  return lines
}
