// A second implementation: the epoch as a plain composition of the exported math.rs
// primitives (each pinned by math.json), compared with runEpoch's fused typed-array path on
// random subnets, including the branches the vector files exercise least (β ∈ (0, 1), owner,
// threshold, root stake, commit-reveal, unsorted and duplicate entries, liquid alpha).
import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'
import { runEpoch } from './epoch.js'
import type { EpochInput, EpochOptions, EpochOutput, EpochTrace } from './epochTypes.js'
import {
  activityCutoff,
  emissionParts,
  inactiveMask,
  lastTempo,
  paddedLastUpdate,
  totalStake64,
  u64Of64,
} from './internal/common.js'
import { fx64to32, proportionToU16 } from './internal/fx.js'
import { validateEpochInput } from './internal/validate.js'
import {
  computeDisabledLiquidAlpha,
  emaBondsNormalAlpha,
  getFloatBondsPenalty,
  getFloatKappa,
  liquidAlphaParams,
  liquidAlphaSparse,
} from './liquidAlpha.js'
import {
  colClipSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceRowNormalizeSparse,
  interpolateSparse,
  maskDiagSparse,
  maskDiagSparseExceptIndex,
  maskRowsSparse,
  matEmaAlphaSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  matVecMulSparse,
  rowHadamardSparse,
  rowSumSparse,
  scalarVecMaskSparseMatrix,
  vecMaskSparseMatrix,
} from './math/sparse.js'
import {
  inplaceMaskVector,
  inplaceNormalize,
  inplaceNormalize64,
  isTopkNonzero,
  vecMul,
} from './math/vector.js'
import { weightedMedianColSparse } from './math/weightedMedian.js'
import type { SparseEntry } from './types.js'

const U64_MAX = 18446744073709551615n

function snap(m: readonly (readonly SparseEntry[])[]): SparseEntry[][] {
  return m.map((r) => r.slice())
}

/** `get_weights_sparse`: rows in stored order, columns < n, values I32F32(u16). */
function weightsSparse(input: EpochInput): SparseEntry[][] {
  const n = input.n
  const out: SparseEntry[][] = new Array(n)
  for (let i = 0; i < n; i++) {
    const row = input.weights[i] ?? []
    const r: SparseEntry[] = []
    for (const [j, w] of row) if (j < n) r.push([j, BigInt(w) << 32n])
    out[i] = r
  }
  return out
}

/** `get_bonds_sparse` (raw) or `get_bonds_sparse_fixed_proportion` (÷ 65535): all columns kept. */
function bondsSparse(input: EpochInput, proportion: boolean): SparseEntry[][] {
  const n = input.n
  const out: SparseEntry[][] = new Array(n)
  for (let i = 0; i < n; i++) {
    const row = input.bonds[i] ?? []
    out[i] = row.map(([j, b]) => {
      const x = BigInt(b) << 32n
      return [j, proportion ? x / 65535n : x] as const
    })
  }
  return out
}

/** The commit-reveal mask's `commit_blocks` (u64::MAX = no active commit). */
function commitBlocks(input: EpochInput): bigint[] {
  const n = input.n
  const cb = new Array<bigint>(n).fill(U64_MAX)
  const current = input.currentEpochWithLookahead ?? 0n
  const reveal = input.revealPeriod ?? 0n
  const expired = (epoch: bigint): boolean => {
    const s = epoch + reveal
    return current > (s > U64_MAX ? U64_MAX : s)
  }
  for (const { uid, queue } of input.weightCommitsV2 ?? []) {
    for (const { commitEpoch, commitBlock } of queue) {
      if (!expired(commitEpoch)) {
        if (uid < n && commitBlock < (cb[uid] as bigint)) cb[uid] = commitBlock
        break
      }
    }
  }
  for (const { commitEpoch, queue } of input.timelockedCommitsV4 ?? []) {
    if (expired(commitEpoch)) continue
    for (const { uid, commitBlock } of queue)
      if (uid < n && commitBlock < (cb[uid] as bigint)) cb[uid] = commitBlock
  }
  return cb
}

/** The epoch written as a straight composition of the public math.rs primitives. */
function referenceEpoch(input: EpochInput, options: EpochOptions = {}): EpochOutput {
  validateEpochInput(input, options)
  const tracing = options.trace === true
  const n = input.n
  const cutoff = activityCutoff(input)
  const lastUpdate = paddedLastUpdate(input)
  const inactive = inactiveMask(input, cutoff)
  const active = inactive.map((b) => !b)
  const bar = input.blockAtRegistration
  const owner = input.ownerUid

  // Stake
  const total = totalStake64(input)
  const minStake = input.stakeThreshold
  const filtered = total.map((s, uid) => (owner !== uid && u64Of64(s) < minStake ? 0n : s))
  const filteredTrace = tracing ? filtered.slice() : []
  inplaceNormalize64(filtered)
  const stake = filtered.map(fx64to32)

  // Permits
  const validatorPermits = input.validatorPermit.slice()
  if (owner !== null && owner < validatorPermits.length) validatorPermits[owner] = true
  const forbids = validatorPermits.map((b) => !b)
  const newPermits = isTopkNonzero(stake, input.maxAllowedValidators)
  if (owner !== null && owner < newPermits.length) newPermits[owner] = true

  // Active stake
  const activeStake = stake.slice()
  inplaceMaskVector(inactive, activeStake)
  inplaceMaskVector(forbids, activeStake)
  inplaceNormalize(activeStake)

  // Weights
  const w0 = weightsSparse(input)
  const wPermit = maskRowsSparse(forbids, w0)
  const wDiag = owner !== null ? maskDiagSparseExceptIndex(wPermit, owner) : maskDiagSparse(wPermit)
  const wOutdate = vecMaskSparseMatrix(wDiag, lastUpdate, bar, 'first[i] <= second[j]')
  let weights = wOutdate
  if (input.commitRevealEnabled === true)
    weights = vecMaskSparseMatrix(weights, commitBlocks(input), bar, 'first[i] < second[j]')
  else weights = snap(weights)
  inplaceRowNormalizeSparse(weights)

  // Consensus, validator trust, incentive
  const consensus = weightedMedianColSparse(activeStake, weights, n, getFloatKappa(input.kappa))
  const clipped = colClipSparse(weights, consensus)
  const validatorTrust = rowSumSparse(clipped)
  const incentive = matmulSparse(clipped, activeStake, n)
  inplaceNormalize(incentive)

  // Bonds and dividends
  const wfb = interpolateSparse(weights, clipped, n, getFloatBondsPenalty(input.bondsPenalty))
  const lt = lastTempo(input)
  let dividends: bigint[]
  let emaBonds: SparseEntry[][]
  const t: Partial<EpochTrace> = {}
  if (input.yuma3Enabled) {
    const bonds0 = bondsSparse(input, true)
    const bonds = scalarVecMaskSparseMatrix(bonds0, lt, bar)
    if (input.liquidAlphaEnabled && consensus.length > 0 && consensus.some((c) => c !== 0n)) {
      const p = liquidAlphaParams(input.alphaLow, input.alphaHigh, input.alphaSigmoidSteepness)
      const alphas = liquidAlphaSparse(wfb, bonds, consensus, p.low, p.high, p.slope)
      if (tracing) t.alphas = alphas
      emaBonds = matEmaAlphaSparse(wfb, bonds, alphas)
    } else {
      emaBonds = matEmaSparse(wfb, bonds, computeDisabledLiquidAlpha(input.bondsMovingAverage))
    }
    const emaNorm = snap(emaBonds)
    inplaceColNormalizeSparse(emaNorm, n)
    const tbpv = rowSumSparse(matVecMulSparse(emaNorm, incentive))
    dividends = vecMul(tbpv, activeStake)
    inplaceNormalize(dividends)
    if (tracing) {
      t.bonds = bonds0
      t.bondsMasked = bonds
      t.weightsForBonds = wfb
      t.emaBonds = snap(emaBonds)
      t.emaBondsNorm = emaNorm
      t.totalBondsPerValidator = tbpv
    }
  } else {
    const bonds0 = bondsSparse(input, false)
    const bonds = scalarVecMaskSparseMatrix(bonds0, lt, bar)
    const bondsMasked = tracing ? snap(bonds) : []
    inplaceColNormalizeSparse(bonds, n)
    const delta = rowHadamardSparse(wfb, activeStake)
    const deltaTrace = tracing ? snap(delta) : []
    inplaceColNormalizeSparse(delta, n)
    emaBonds = matEmaSparse(delta, bonds, emaBondsNormalAlpha(input.bondsMovingAverage))
    const emaNormal = tracing ? snap(emaBonds) : []
    inplaceColNormalizeSparse(emaBonds, n)
    if (tracing) {
      t.bonds = bonds0
      t.bondsMasked = bondsMasked
      t.bondsMaskNorm = bonds
      t.bondsDelta = deltaTrace
      t.bondsDeltaNorm = delta
      t.emaBondsNormal = emaNormal
      t.emaBonds = snap(emaBonds)
    }
    dividends = matmulTransposeSparse(emaBonds, incentive)
    inplaceNormalize(dividends)
    inplaceColMaxUpscaleSparse(emaBonds, n)
  }

  // Emission
  const e = emissionParts(incentive, dividends, activeStake, stake, input.raoEmission)

  const bond: [number, number][][] = new Array(n)
  for (let uid = 0; uid < n; uid++) {
    bond[uid] =
      newPermits[uid] === true ? (emaBonds[uid] ?? []).map(([j, x]) => [j, proportionToU16(x)]) : []
  }
  const at = <T>(a: readonly T[], d: T): T[] => {
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) out[i] = a[i] ?? d
    return out
  }
  const out: EpochOutput = {
    stake: total.map(u64Of64),
    stakeWeight: at(stake.map(proportionToU16), 0),
    consensus: at(consensus.map(proportionToU16), 0),
    incentive: at(incentive.map(proportionToU16), 0),
    dividend: at(dividends.map(proportionToU16), 0),
    validatorTrust: at(validatorTrust.map(proportionToU16), 0),
    active: at(active, false),
    newValidatorPermit: at(newPermits, false),
    serverEmission: at(e.server, 0n),
    validatorEmission: at(e.validator, 0n),
    emission: at(e.combined, 0n),
    bond,
  }
  if (tracing) {
    out.trace = {
      filteredStake: filteredTrace,
      normalisedStake: stake,
      inactive,
      validatorPermits,
      newValidatorPermits: newPermits,
      activeStake,
      weights: w0,
      weightsPermit: wPermit,
      weightsPermitDiag: wDiag,
      weightsPermitDiagOutdate: wOutdate,
      weightsMaskNorm: weights,
      consensus,
      clippedWeights: clipped,
      validatorTrust,
      incentive,
      bonds: t.bonds ?? [],
      bondsMasked: t.bondsMasked ?? [],
      emaBonds: t.emaBonds ?? [],
      dividends,
      normalizedServerEmission: e.nSE,
      normalizedValidatorEmission: e.nVE,
      normalizedCombinedEmission: e.nCE,
      serverEmission: e.server,
      validatorEmission: e.validator,
      combinedEmission: e.combined,
      ...pick(t),
    }
  }
  return out
}

function pick(t: Partial<EpochTrace>): Partial<EpochTrace> {
  const o: Partial<EpochTrace> = {}
  if (t.weightsForBonds) o.weightsForBonds = t.weightsForBonds
  if (t.bondsMaskNorm) o.bondsMaskNorm = t.bondsMaskNorm
  if (t.bondsDelta) o.bondsDelta = t.bondsDelta
  if (t.bondsDeltaNorm) o.bondsDeltaNorm = t.bondsDeltaNorm
  if (t.emaBondsNormal) o.emaBondsNormal = t.emaBondsNormal
  if (t.emaBondsNorm) o.emaBondsNorm = t.emaBondsNorm
  if (t.alphas) o.alphas = t.alphas
  if (t.totalBondsPerValidator) o.totalBondsPerValidator = t.totalBondsPerValidator
  return o
}

const u64 = (max: bigint): fc.Arbitrary<bigint> => fc.bigInt({ min: 0n, max })

const inputArb: fc.Arbitrary<EpochInput> = fc.integer({ min: 0, max: 10 }).chain((n) => {
  const uid = fc.integer({ min: 0, max: Math.max(0, n - 1) })
  const row = fc.array(
    fc.tuple(uid, fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 }))),
    {
      maxLength: n + 2,
    },
  )
  const rows = fc.array(row, { minLength: n, maxLength: n })
  // stale uids ≥ n, which the chain's loaders drop (weights) or keep and ignore (bonds)
  const wideUid = fc.integer({ min: 0, max: n + 2 })
  const wideRows = fc.array(
    fc.array(fc.tuple(wideUid, fc.integer({ min: 0, max: 65535 })), { maxLength: n + 2 }),
    {
      minLength: n,
      maxLength: n,
    },
  )
  const vec = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: n, maxLength: n })
  return fc.record({
    n: fc.constant(n),
    currentBlock: fc.constant(1000n),
    tempo: fc.integer({ min: 0, max: 400 }),
    activityCutoffFactorMilli: fc.integer({ min: 0, max: 20000 }),
    lastUpdate: fc.array(u64(1100n), { maxLength: n + 2 }),
    blockAtRegistration: vec(u64(1000n)),
    alphaStake: vec(fc.oneof(u64(10n ** 15n), fc.constant(0n), u64(1n << (64n - 1n)))),
    taoStake: vec(fc.oneof(fc.constant(0n), u64(10n ** 15n))),
    taoWeight: fc.oneof(fc.constant(0n), u64(18446744073709551615n)),
    stakeThreshold: fc.oneof(fc.constant(0n), u64(10n ** 12n)),
    ownerUid: fc.oneof(fc.constant(null), uid),
    validatorPermit: fc.array(fc.boolean(), { maxLength: n + 1 }),
    maxAllowedValidators: fc.integer({ min: 0, max: 12 }),
    weights: fc.oneof(rows, wideRows),
    bonds: fc.oneof(rows, wideRows),
    kappa: fc.integer({ min: 0, max: 65535 }),
    bondsPenalty: fc.oneof(fc.constant(0), fc.constant(65535), fc.integer({ min: 0, max: 65535 })),
    bondsMovingAverage: fc.oneof(fc.constant(900_000n), u64(2_000_000n)),
    yuma3Enabled: fc.boolean(),
    liquidAlphaEnabled: fc.boolean(),
    alphaLow: fc.integer({ min: 0, max: 65535 }),
    alphaHigh: fc.integer({ min: 0, max: 65535 }),
    alphaSigmoidSteepness: fc.integer({ min: -32768, max: 32767 }),
    lastMechanismStepBlock: fc.oneof(fc.constant(0n), u64(1000n)),
    commitRevealEnabled: fc.boolean(),
    currentEpochWithLookahead: u64(10n),
    revealPeriod: u64(3n),
    weightCommitsV2: fc.array(
      fc.record({
        uid,
        queue: fc.array(fc.record({ commitEpoch: u64(10n), commitBlock: u64(1000n) }), {
          maxLength: 3,
        }),
      }),
      { maxLength: n },
    ),
    timelockedCommitsV4: fc.array(
      fc.record({
        commitEpoch: u64(10n),
        queue: fc.array(fc.record({ uid, commitBlock: u64(1000n) }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    raoEmission: u64(10n ** 13n),
  })
})

describe('runEpoch against the primitive composition', () => {
  test.prop([inputArb], { numRuns: 300 })('same outputs and trace, bit for bit', (input) => {
    expect(runEpoch(input, { trace: true, uidRange: 'chain' })).toEqual(
      referenceEpoch(input, { trace: true, uidRange: 'chain' }),
    )
  })
})
