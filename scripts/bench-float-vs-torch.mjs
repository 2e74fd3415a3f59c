#!/usr/bin/env node
// Float mode against yuma-simulation's Yuma 3 in torch, timed the same way and interleaved: each
// pair runs scripts/bench-yuma-simulation.py (300 warm-up epochs, then 3,000 timed one by one),
// then float mode's `approxEpoch` on the same 64 × 256 input (yuma3-random of
// ../shared/bench/inputs/epoch-256.json, rows packed once as a sweep keeps them), with the same
// warm-up, count and statistics. It prints each pair and the ratios torch ÷ float mode of the
// medians, minimums and 10th percentiles, then their medians over the pairs.
//
//   pnpm build   # float mode is loaded from packages/yuma/dist
//   YUMA_SIMULATION_SRC=~/yuma-simulation/src TORCH_THREADS=1 node scripts/bench-float-vs-torch.mjs [pairs]
//
// Needs what bench-yuma-simulation.py needs (Debian: apt-get install python3-torch, and a checkout
// of bactensor/yuma-simulation); PYTHON picks the interpreter (default /usr/bin/python3).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'packages/yuma/dist/index.js')
const benchDir = process.env.DTAO_BENCH ?? join(root, '../shared/bench')
const pairs = Number(process.argv[2] ?? 5)
if (!existsSync(dist)) fail(`${dist} is missing: run pnpm build first`)
if (process.env.YUMA_SIMULATION_SRC === undefined)
  fail('set YUMA_SIMULATION_SRC to the src folder of a bactensor/yuma-simulation checkout')
const { approxEpoch, approxEpochEngine, toFloatCsr } = await import(dist)

// yuma3-random as float input: the conversion of packages/yuma/src/float/approxEpoch.bench.ts
const doc = JSON.parse(readFileSync(join(benchDir, 'inputs/epoch-256.json'), 'utf8'))
const g = doc.groups.find((x) => x.id === 'yuma3-random').input
const tau = Number(g.tao_weight) / Number(2n ** 64n - 1n)
const input = {
  n: Number(g.n),
  currentBlock: Number(g.current_block),
  tempo: Number(g.tempo),
  activityCutoffFactorMilli: Number(g.activity_cutoff_factor_milli),
  lastUpdate: g.last_update.map(Number),
  blockAtRegistration: g.block_at_registration.map(Number),
  stake: g.alpha_stake.map((a, k) => Number(a) + Number(g.tao_stake[k]) * tau),
  stakeThreshold: Number(g.stake_threshold),
  ownerUid: g.owner_uid === null || g.owner_uid === undefined ? null : Number(g.owner_uid),
  validatorPermit: g.validator_permit,
  maxAllowedValidators: Number(g.max_allowed_validators),
  weights: toFloatCsr(g.weights),
  bonds: toFloatCsr(g.bonds),
  kappa: Number(g.kappa),
  bondsPenalty: Number(g.bonds_penalty),
  bondsMovingAverage: Number(g.bonds_moving_average),
  yuma3Enabled: true,
  liquidAlphaEnabled: false,
  alphaLow: Number(g.alpha_low),
  alphaHigh: Number(g.alpha_high),
  alphaSigmoidSteepness: Number(g.alpha_sigmoid_steepness),
  lastMechanismStepBlock: Number(g.last_mechanism_step_block),
  raoEmission: Number(g.rao_emission),
}

function floatMode() {
  for (let i = 0; i < 300; i++) approxEpoch(input)
  const times = []
  for (let i = 0; i < 3000; i++) {
    const t0 = process.hrtime.bigint()
    approxEpoch(input)
    times.push(Number(process.hrtime.bigint() - t0))
  }
  return stats(times)
}

function torch() {
  const python = process.env.PYTHON ?? '/usr/bin/python3'
  const r = spawnSync(python, [join(root, 'scripts/bench-yuma-simulation.py')], {
    encoding: 'utf8',
  })
  if (r.status !== 0) fail(`bench-yuma-simulation.py failed:\n${r.error?.message ?? r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').pop())
}

const stats = (t) => {
  t.sort((a, b) => a - b)
  return { median_ns: t[t.length >> 1], min_ns: t[0], p10_ns: t[Math.floor(t.length / 10)] }
}
const us = (ns) => `${(ns / 1000).toFixed(1)} µs`
const mid = (x) => [...x].sort((a, b) => a - b)[x.length >> 1]

console.log(`float mode engine: ${approxEpochEngine()}; ${pairs} pairs`)
const ratios = { median_ns: [], min_ns: [], p10_ns: [] }
for (let p = 1; p <= pairs; p++) {
  const t = torch()
  const f = floatMode()
  const line = Object.keys(ratios).map((k) => {
    ratios[k].push(t[k] / f[k])
    return `${k.replace('_ns', '')} ${us(t[k])} / ${us(f[k])} = ${(t[k] / f[k]).toFixed(2)}×`
  })
  console.log(`pair ${p} (torch ${t.torch}, ${t.threads} thread(s)): ${line.join(', ')}`)
}
console.log(
  `median over pairs: ${Object.entries(ratios)
    .map(([k, r]) => `${k.replace('_ns', '')} ${mid(r).toFixed(2)}×`)
    .join(', ')}`,
)

function fail(message) {
  console.error(`bench-float-vs-torch: ${message}`)
  process.exit(1)
}
