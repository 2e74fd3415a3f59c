import type { EpochInput } from '../epochTypes.js'
import { InvalidFloatInputError } from './errors.js'
import { Arena, kernel, kernelCalls } from './internal/kernel.js'

/**
 * One stored sparse row in float mode: `(uid, value)` pairs in storage order, value on the u16
 * scale (0…65535). Weights are the submitted u16; bonds are u16 when `quantizeBondsU16` is on,
 * else unrounded values on the same scale.
 *
 * @example
 * ```ts
 * import type { ApproxSparseRow } from '@dtao/yuma'
 * const row: ApproxSparseRow = [[3, 65535], [4, 28086]]
 * ```
 */
export type ApproxSparseRow = readonly (readonly [uid: number, value: number])[]

/**
 * Sparse rows packed in typed arrays (compressed sparse rows): row i holds the entries
 * `ptr[i] … ptr[i+1]−1` of `col` (uids) and `val` (values), in storage order. Float mode reads
 * and writes this form without per-entry objects; build it with {@link toFloatCsr}.
 *
 * @example
 * ```ts
 * import { toFloatCsr } from '@dtao/yuma'
 * const w = toFloatCsr([[[1, 65535]], []]) // { ptr: [0, 1, 1], col: [1], val: [65535] }
 * ```
 */
export type FloatCsr = {
  /** Row starts, n + 1 entries. */
  readonly ptr: Int32Array
  /** Column (uid) of each entry. */
  readonly col: Int32Array
  /** Value of each entry. */
  readonly val: Float64Array
}

/**
 * Pack tuple rows into a {@link FloatCsr}.
 *
 * @param rows - One row of `(uid, value)` pairs per uid.
 * @returns The packed rows.
 * @example
 * ```ts
 * import { toFloatCsr } from '@dtao/yuma'
 * toFloatCsr([[[3, 65535], [4, 28086]], []]).col // Int32Array [3, 4]
 * ```
 */
export function toFloatCsr(rows: readonly ApproxSparseRow[]): FloatCsr {
  let nnz = 0
  for (const r of rows) nnz += r.length
  const ptr = new Int32Array(rows.length + 1)
  const col = new Int32Array(nnz)
  const val = new Float64Array(nnz)
  let p = 0
  rows.forEach((r, i) => {
    for (const e of r) {
      col[p] = e[0]
      val[p++] = e[1]
    }
    ptr[i + 1] = p
  })
  return { ptr, col, val }
}

/** Tuple rows or packed rows, as packed rows (tuples are packed into scratch `key`). */
function packed(rows: readonly ApproxSparseRow[] | FloatCsr, n: number, key: string): FloatCsr {
  if (!Array.isArray(rows)) return rows as FloatCsr
  const list = rows as readonly ApproxSparseRow[]
  let nnz = 0
  for (let i = 0; i < n; i++) nnz += list[i]?.length ?? 0
  const ptr = i32(`${key}Ptr`, n + 1, false)
  const col = i32(`${key}Col`, nnz, false)
  const val = f64(`${key}Val`, nnz, false)
  let p = 0
  ptr[0] = 0
  for (let i = 0; i < n; i++) {
    const row = list[i]
    if (row !== undefined)
      for (let t = 0; t < row.length; t++) {
        const e = row[t] as readonly [number, number]
        col[p] = e[0]
        val[p++] = e[1]
      }
    ptr[i + 1] = p
  }
  return { ptr, col, val }
}

/**
 * The input of {@link approxEpoch}: the same storage the chain's epoch reads, in `number`s.
 * Build it from an exact {@link EpochInput} with {@link toApproxEpochInput}, or directly.
 *
 * @example
 * ```ts
 * import type { ApproxEpochInput } from '@dtao/yuma'
 * const input: ApproxEpochInput = {
 *   n: 2, currentBlock: 1000, tempo: 360, activityCutoffFactorMilli: 13889,
 *   lastUpdate: [990, 990], blockAtRegistration: [0, 0], stake: [1e12, 0], stakeThreshold: 0,
 *   ownerUid: null, validatorPermit: [true, false], maxAllowedValidators: 64,
 *   weights: [[[1, 65535]], []], bonds: [[], []], kappa: 32767, bondsPenalty: 65535,
 *   bondsMovingAverage: 900_000, yuma3Enabled: true, liquidAlphaEnabled: false,
 *   alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000,
 *   lastMechanismStepBlock: 0, raoEmission: 1e9,
 * }
 * ```
 */
export type ApproxEpochInput = {
  /** Number of uids. */
  readonly n: number
  /** Current block. */
  readonly currentBlock: number
  /** `Tempo`. */
  readonly tempo: number
  /** `ActivityCutoffFactorMilli`. */
  readonly activityCutoffFactorMilli: number
  /** `LastUpdate` per uid (missing entries count as 0). */
  readonly lastUpdate: ArrayLike<number>
  /** `BlockAtRegistration` per uid. */
  readonly blockAtRegistration: ArrayLike<number>
  /** Stake weight per uid, rao: inherited alpha + τ·root TAO (before the threshold). */
  readonly stake: ArrayLike<number>
  /** `StakeThreshold`, rao. */
  readonly stakeThreshold: number
  /** The subnet owner's uid, or null. */
  readonly ownerUid: number | null
  /** The previous epoch's `ValidatorPermit`. */
  readonly validatorPermit: readonly boolean[]
  /** `MaxAllowedValidators`. */
  readonly maxAllowedValidators: number
  /**
   * `Weights` rows (u16 values, storage order), as tuples or packed in a {@link FloatCsr}; an
   * entry whose uid is not in 0 … n − 1 is ignored.
   */
  readonly weights: readonly ApproxSparseRow[] | FloatCsr
  /** `Bonds` rows (u16 scale), as tuples or packed in a {@link FloatCsr}. */
  readonly bonds: readonly ApproxSparseRow[] | FloatCsr
  /** `Kappa` (u16). */
  readonly kappa: number
  /** `BondsPenalty` (u16). */
  readonly bondsPenalty: number
  /** `BondsMovingAverage` (per million). */
  readonly bondsMovingAverage: number
  /** `Yuma3On`. */
  readonly yuma3Enabled: boolean
  /** `LiquidAlphaOn`. */
  readonly liquidAlphaEnabled: boolean
  /** `AlphaValues.0` (u16). */
  readonly alphaLow: number
  /** `AlphaValues.1` (u16). */
  readonly alphaHigh: number
  /** `AlphaSigmoidSteepness` (i16). */
  readonly alphaSigmoidSteepness: number
  /** `LastMechansimStepBlock` (0 = use currentBlock − tempo). */
  readonly lastMechanismStepBlock: number
  /** With commit-reveal: the earliest unexpired commit block per uid (`Infinity` = none). */
  readonly commitBlocks?: ArrayLike<number>
  /** Alpha to distribute, rao. */
  readonly raoEmission: number
}

/**
 * Options of {@link approxEpoch}.
 *
 * @example
 * ```ts
 * import type { ApproxEpochOptions } from '@dtao/yuma'
 * const o: ApproxEpochOptions = { quantizeBondsU16: false }
 * ```
 */
export type ApproxEpochOptions = {
  /** Store bonds as ⌊x·65535⌋ like the chain (default true), reproducing the 1/65535 drift. */
  readonly quantizeBondsU16?: boolean
  /**
   * Yuma 3 + liquid alpha: drop an old bond whose column is absent from the weight row, as the
   * live sparse epoch does (default true); false decays it, as the dense test variant does.
   */
  readonly chainDropRule?: boolean
}

/**
 * The result of {@link approxEpoch}: float versions of the chain's epoch terms. Its ten
 * `Float64Array`s are views of one `ArrayBuffer` made for that call (their `.buffer` is shared
 * with each other, never with another call; it also holds what the u16 outputs and the new
 * permits are made from until they are read):
 * `.slice()` one before transferring its buffer.
 *
 * @example
 * ```ts
 * import { approxEpoch, type ApproxEpochOutput } from '@dtao/yuma'
 * const out: ApproxEpochOutput = approxEpoch(input)
 * out.dividends // Float64Array of proportions
 * ```
 */
export type ApproxEpochOutput = {
  /** Stake weight T per uid (rao). */
  stake: Float64Array
  /** Normalised stake S. */
  stakeWeight: Float64Array
  /** Active stake A. */
  activeStake: Float64Array
  /** Consensus C. */
  consensus: Float64Array
  /** Validator trust. */
  validatorTrust: Float64Array
  /** Incentive I. */
  incentive: Float64Array
  /** Dividends D. */
  dividends: Float64Array
  /** Server emission, rao (floored). */
  serverEmission: Float64Array
  /** Validator emission, rao (floored). */
  validatorEmission: Float64Array
  /** Combined emission, rao (floored). */
  emission: Float64Array
  /** `active`: updated within the activity cutoff (made into an array on first read). */
  active: boolean[]
  /**
   * New validator permits (apply next epoch): the top `maxAllowedValidators` nonzero stake
   * weights (ties to the higher uid) and the owner, made on first read from the stake weights
   * as the call returned them.
   */
  newValidatorPermit: boolean[]
  /**
   * u16 outputs, ⌊x·65535⌋ (may differ by 1 from exact mode; NaN where the value is NaN). They
   * are taken when the call returns (writing to the float outputs later does not change them)
   * and made into arrays on first read.
   */
  u16: {
    /** ⌊S·65535⌋. */
    stakeWeight: number[]
    /** ⌊C·65535⌋. */
    consensus: number[]
    /** ⌊I·65535⌋. */
    incentive: number[]
    /** ⌊D·65535⌋. */
    dividend: number[]
    /** ⌊VT·65535⌋. */
    validatorTrust: number[]
  }
  /** The bond rows to persist (u16 scale; empty for uids without a new permit), built on first read. */
  bonds: [number, number][][]
  /** The same rows packed (feed it back as the next epoch's `bonds`), built on first read. */
  bondsCsr: FloatCsr
}

// Sparse matrices as CSR: row i holds entries ptr[i] … ptr[i+1]−1, in stored order.
type Csr = { ptr: Int32Array; col: Int32Array; val: Float64Array }

// Scratch buffers reused across calls (approxEpoch is not re-entrant): allocating dozens of typed
// arrays per epoch made garbage collection a quarter of the run time. Nothing here escapes a call.
const scratch = new Map<string, Float64Array | Int32Array | Uint8Array>()
/** Bumped by every call; a lazy output reads the scratch only while its generation is current. */
let generation = 0

function f64(key: string, size: number, zero: boolean): Float64Array {
  let b = scratch.get(key) as Float64Array | undefined
  if (b === undefined || b.length < size) {
    b = new Float64Array(Math.max(size, 2 * (b?.length ?? 0)))
    scratch.set(key, b)
  } else if (zero) b.fill(0, 0, size)
  return b.length === size ? b : b.subarray(0, size) // (a view only when smaller: no garbage)
}

function i32(key: string, size: number, zero: boolean): Int32Array {
  let b = scratch.get(key) as Int32Array | undefined
  if (b === undefined || b.length < size) {
    b = new Int32Array(Math.max(size, 2 * (b?.length ?? 0)))
    scratch.set(key, b)
  } else if (zero) b.fill(0, 0, size)
  return b.length === size ? b : b.subarray(0, size) // (a view only when smaller: no garbage)
}

function u8(key: string, size: number, zero: boolean): Uint8Array {
  let b = scratch.get(key) as Uint8Array | undefined
  if (b === undefined || b.length < size) {
    b = new Uint8Array(Math.max(size, 2 * (b?.length ?? 0)))
    scratch.set(key, b)
  } else if (zero) b.fill(0, 0, size)
  return b.length === size ? b : b.subarray(0, size) // (a view only when smaller: no garbage)
}

/**
 * Which engine runs {@link approxEpoch}'s hot loops here: `'webassembly'` when the bundled kernel
 * compiled (the engine has WebAssembly with SIMD, and nothing forbids it), `'typescript'`
 * otherwise. The two give the same bits; only the speed differs (about 2× on a 64 × 256
 * Yuma 3 subnet).
 *
 * @returns `'webassembly'` or `'typescript'`.
 * @example
 * ```ts
 * import { approxEpochEngine } from '@dtao/yuma'
 * approxEpochEngine() // 'webassembly' in Node 20 and current browsers
 * ```
 */
export function approxEpochEngine(): 'webassembly' | 'typescript' {
  return kernel() === null ? 'typescript' : 'webassembly'
}

/**
 * Run the chain's live epoch (`epoch_mechanism`) in float64: the same steps, masks, zero-sum rules
 * and sparse semantics as `runEpoch` (row order, explicit zeros, the weighted-median consensus,
 * the merge-scan liquid-alpha look-up and the Yuma-3 drop rule), for sweeps where exactness is not
 * needed.
 *
 * **Expected deviation from exact mode** (checked by the property tests): proportions agree to
 * about 1e-6 absolute (the chain floors every I32F32 product and division to 2⁻³², ~2.3e-10 each,
 * and normalises stake in I64F64 first); u16 outputs may differ by 1 and rao emissions by about
 * 1e-8 relative (the unit of the last floor); a consensus exactly at a κ boundary may pick the
 * neighbouring weight level, which can move that column by more; liquid alpha uses `Math.exp`
 * where the chain uses a truncated Taylor series (exp(20) = 4.81e8 instead of 4.85e8), a
 * difference that matters only for |x| near 20. Bonds stored as u16 (`quantizeBondsU16`, the
 * default) keep the chain's 1/65535 round-trip drift. Commit-reveal masking takes `commitBlocks`
 * as given.
 *
 * Where WebAssembly (with SIMD) is available, the weight masking and normalisation, the bucketed
 * consensus, and Yuma 3's clip, bond EMA and dividends on dense rows run in a 7 kB kernel compiled
 * into the package (the same values, bit for bit: each sum in the same order); elsewhere, or if the
 * engine refuses it, the TypeScript loops do. The kernel's memory grows to what the largest call
 * so far needed (about 1 MB at n = 256; it grows with n and the entry counts) and is kept.
 *
 * @param input - Storage as numbers.
 * @param options - `quantizeBondsU16`, `chainDropRule`.
 * @returns Float epoch terms and the bond rows to persist.
 * @throws {@link InvalidFloatInputError} when a per-uid array is shorter than n or a value is not finite.
 * @see subtensor `pallets/subtensor/src/epoch/run_epoch.rs` · `epoch_mechanism`
 * @example
 * ```ts
 * import { approxEpoch } from '@dtao/yuma'
 * const out = approxEpoch({
 *   n: 2, currentBlock: 1000, tempo: 360, activityCutoffFactorMilli: 13889,
 *   lastUpdate: [990, 990], blockAtRegistration: [0, 0], stake: [1e12, 0], stakeThreshold: 0,
 *   ownerUid: null, validatorPermit: [true, false], maxAllowedValidators: 64,
 *   weights: [[[1, 65535]], []], bonds: [[], []], kappa: 32767, bondsPenalty: 65535,
 *   bondsMovingAverage: 900_000, yuma3Enabled: true, liquidAlphaEnabled: false,
 *   alphaLow: 45875, alphaHigh: 58982, alphaSigmoidSteepness: 1000,
 *   lastMechanismStepBlock: 0, raoEmission: 1e9,
 * })
 * out.incentive // Float64Array [0, 1]
 * out.serverEmission // Float64Array [0, 500000000]
 * ```
 */
export function approxEpoch(
  input: ApproxEpochInput,
  options: ApproxEpochOptions = {},
): ApproxEpochOutput {
  const n = input.n
  validate(input)
  generation++
  const gen = generation
  const quantize = options.quantizeBondsU16 ?? true
  const dropRule = options.chainDropRule ?? true
  const b = input.currentBlock
  const cutoff = Math.max(1, Math.floor((input.activityCutoffFactorMilli * input.tempo) / 1000))
  const luArr = input.lastUpdate
  const luLen = luArr.length
  const bar = input.blockAtRegistration
  const owner = input.ownerUid
  // The ten per-uid outputs: views of one buffer (one allocation instead of ten), which also
  // holds a copy of outputs 1 … 6 (S, A, C, VT, I, D) as the call returns them, for the new
  // permits and the u16 outputs, and the activity flags, all made into arrays on first read
  const buffer = new ArrayBuffer(129 * n)
  const view = (k: number) => new Float64Array(buffer, 8 * k * n, n)
  // Activity, stake (E2) and the stored permits (E3), in one pass; S is then normalised
  const active = new Uint8Array(buffer, 128 * n, n)
  const permit = u8('permit', n, false)
  const T = view(0)
  const S = view(1)
  const stake = input.stake
  const threshold = input.stakeThreshold
  const vp = input.validatorPermit
  let sumS = 0
  for (let i = 0; i < n; i++) {
    active[i] = (i < luLen ? (luArr[i] as number) : 0) + cutoff < b ? 0 : 1
    const t = stake[i] as number
    T[i] = t
    const s = owner !== i && Math.floor(t) < threshold ? 0 : t
    S[i] = s
    sumS += s
    permit[i] = vp[i] === true ? 1 : 0
  }
  if (sumS !== 0) for (let i = 0; i < n; i++) S[i] = (S[i] as number) / sumS
  if (owner !== null && owner < vp.length) permit[owner] = 1
  // New permits (E3, for the next epoch): made on first read, from the copy of S
  const copy = new Float64Array(buffer, 80 * n, 6 * n)
  let newPermit: boolean[] | undefined
  const permitsOf = (): boolean[] => {
    if (newPermit === undefined) {
      newPermit = topkNonzero(copy.subarray(0, n), input.maxAllowedValidators)
      if (owner !== null && owner < n) newPermit[owner] = true
    }
    return newPermit
  }

  // Active stake (E4), normalised in the pass that also counts, for the weights (E5), the
  // positive-stake rows and their entries (the dense path needs at least a quarter of the cells;
  // at most these are)
  const A = view(2)
  let sumA = 0
  for (let i = 0; i < n; i++) {
    const a = active[i] === 1 && permit[i] === 1 ? (S[i] as number) : 0
    A[i] = a
    sumA += a
  }
  let total = 0
  let voters = 0
  let entries = 0
  const wIn = input.weights
  const tupleRows = Array.isArray(wIn) ? (wIn as readonly ApproxSparseRow[]) : undefined
  const wp = (wIn as FloatCsr).ptr
  for (let i = 0; i < n; i++) {
    const a = sumA !== 0 ? (A[i] as number) / sumA : (A[i] as number)
    A[i] = a
    if (a > 0) {
      total += a
      voters++
      entries +=
        tupleRows !== undefined
          ? (tupleRows[i]?.length ?? 0)
          : (wp[i + 1] as number) - (wp[i] as number)
    }
  }
  // Weights (E5): permit rows, diagonal (owner kept), outdated, commit-reveal, row-normalised
  // … and, for the consensus, each positive-stake vote's stake per (column, value bucket)
  const byBucket = voters > 0 && n * voters <= denseVoteLimit && 4 * entries >= n * voters
  const wSrc = packed(input.weights, n, 'wIn')
  const src = packed(input.bonds, n, 'bondIn')
  // the WebAssembly kernel's memory for this call, reserved at once (its views stay valid)
  const arena = arenaFor(n, wSrc.ptr[n] as number, src.ptr[n] as number, byBucket)
  let table: Float64Array
  if (arena !== undefined && byBucket) {
    table = arena.f64(n << voteShift).view
    table.fill(0)
  } else table = f64('medTable', byBucket ? n << voteShift : 0, true)
  const W = weightsOf(input, wSrc, permit, A, total, table, arena)

  // Consensus (E6)
  const C = consensusOf(A, total, voters, W, n, input.kappa / 65535, table, view(3), arena)

  // Clip, trust, rank, incentive (E7, E8)
  const VT = view(4)
  const R = view(5)
  const beta = input.bondsPenalty / 65535
  const liquid = input.yuma3Enabled && input.liquidAlphaEnabled && C.some((c) => c !== 0)
  // Recently-registered bond mask (E10): columns whose bonds are dropped
  const lms = input.lastMechanismStepBlock
  const lastTempo = lms !== 0 ? lms + 1 : Math.max(0, b - input.tempo)
  const drop = u8('bondDrop', n, false)
  for (let j = 0; j < n; j++) drop[j] = lastTempo <= (bar[j] as number) ? 1 : 0
  const scale = input.yuma3Enabled ? 1 / 65535 : 1
  const alpha = 1 - input.bondsMovingAverage / 1e6
  // Yuma 3, no liquid alpha, full penalty (W_b = W̄): the EMA takes each clipped row as it is made
  // and masks the stored bonds inside its scatter (same values, same order of operations)
  const fuse = input.yuma3Enabled && !liquid && beta === 1
  const colSum = f64('colSum', n, true)
  const fused = fuse
    ? clipEma(W, C, A, src, n, alpha, { scale, drop, colSum, VT, R }, arena)
    : undefined
  const Wc = fuse ? W : clipRows(W, C, A, n, VT, R)
  const I = R
  normalizeInPlace(I)

  // Bonds penalty (E9)
  const Wb = fuse || beta === 0 ? W : beta === 1 ? Wc : interpolateRows(W, Wc, n, beta)

  // Recently-registered bond mask (E10), when not fused into the EMA
  const maskInEma = input.yuma3Enabled && !liquid
  const bcap = maskInEma ? 0 : (src.ptr[n] as number)
  const bbPtr = i32('bondPtr', n + 1, false)
  const bbCol = i32('bondCol', bcap, false)
  const bbVal = f64('bondVal', bcap, false)
  let bbP = 0
  const { ptr: sp, col: sc, val: sv } = src
  bbPtr[0] = 0
  for (let i = 0; i < n && !maskInEma; i++) {
    for (let p = sp[i] as number, pEnd = sp[i + 1] as number; p < pEnd; p++) {
      const j = sc[p] as number
      if (j < n && drop[j] === 1) continue
      bbCol[bbP] = j
      bbVal[bbP++] = (sv[p] as number) * scale
    }
    bbPtr[i + 1] = bbP
  }
  const B = { ptr: bbPtr, col: bbCol.subarray(0, bbP), val: bbVal.subarray(0, bbP) }

  const D = view(6)
  let storeBonds: () => [number, number][][]
  let storeCsr: () => FloatCsr
  if (input.yuma3Enabled) {
    const Bm = liquid
      ? liquidEma(Wb, B, C, n, input, dropRule)
      : (fused ?? emaUnion(Wb, src, n, alpha, { scale, drop, colSum }))
    // B̂ = colnorm(B′) folded into the incentive: tbᵢ = Σⱼ B′ᵢⱼ·(Iⱼ/Σcolⱼ)
    if (liquid) colSums(Bm as Csr, n, colSum)
    const weight = f64('incOverCol', n, false)
    for (let j = 0; j < n; j++) {
      const cs = colSum[j] as number
      weight[j] = cs === 0 ? (I[j] as number) : (I[j] as number) / cs
    }
    if ('dense' in Bm && Bm.kernel !== undefined) {
      // the same sums in the kernel, where it made the rows
      const { arena: ar, val: dvAt, slot: slotAt, a: aAt, rows } = Bm.kernel
      const w = ar.f64(n)
      const d = ar.f64(n)
      const sums = ar.f64(rows)
      w.view.set(weight.subarray(0, n))
      kernelCalls.dividends++
      // (four rows at a time there: four sums, each still in column order)
      ar.k.exports.dense_dividends(n, rows, slotAt, dvAt, w.at, aAt, sums.at, d.at)
      D.set(d.view)
    } else if ('dense' in Bm) {
      // every column in order: the absent entries add +0 (weight is finite and ≥ 0)
      const { val: dv, slot } = Bm
      for (let i = 0; i < n; i++) {
        const s = slot[i] as number
        let tb = 0
        if (s >= 0) {
          const base = s * n
          let j = 0
          // four columns per step: V8 re-checks each typed array once per loop iteration
          for (; j + 3 < n; j += 4) {
            const b0 = dv[base + j] as number
            const b1 = dv[base + j + 1] as number
            const b2 = dv[base + j + 2] as number
            const b3 = dv[base + j + 3] as number
            tb += b0 * (weight[j] as number)
            tb += b1 * (weight[j + 1] as number)
            tb += b2 * (weight[j + 2] as number)
            tb += b3 * (weight[j + 3] as number)
          }
          for (; j < n; j++) tb += (dv[base + j] as number) * (weight[j] as number)
        }
        D[i] = tb * (A[i] as number)
      }
    } else {
      const { ptr: bp, col: bc, val: bv } = Bm
      for (let i = 0; i < n; i++) {
        let tb = 0
        const pEnd = bp[i + 1] as number
        let p = bp[i] as number
        // two entries per step: V8 re-checks each typed array once per loop iteration
        for (; p + 1 < pEnd; p += 2) {
          const j0 = bc[p] as number
          const j1 = bc[p + 1] as number
          if (j0 < n) tb += (bv[p] as number) * (weight[j0] as number)
          if (j1 < n) tb += (bv[p + 1] as number) * (weight[j1] as number)
        }
        if (p < pEnd) {
          const j = bc[p] as number
          if (j < n) tb += (bv[p] as number) * (weight[j] as number)
        }
        D[i] = tb * (A[i] as number)
      }
    }
    normalizeInPlace(D)
    // dense rows are packed only when the stored rows are read
    let Bn: Csr | undefined
    const rowsOf = (): Csr => {
      Bn ??= 'dense' in Bm ? denseToCsr(Bm, n) : Bm
      return Bn
    }
    storeBonds = () => permitsOf().map((p, i) => (p ? toStored(rowsOf(), i, null, quantize) : []))
    storeCsr = () => toStoredCsr(rowsOf(), permitsOf(), null, quantize)
  } else {
    colNormalize(B, n)
    const dBVal = f64('dB', Wb.val.length, false)
    dBVal.set(Wb.val)
    const dB: Csr = { ptr: Wb.ptr, col: Wb.col, val: dBVal }
    for (let i = 0; i < n; i++)
      for (let p = dB.ptr[i] as number; p < (dB.ptr[i + 1] as number); p++)
        dB.val[p] = (dB.val[p] as number) * (A[i] as number)
    colNormalize(dB, n)
    const Bn = emaUnion(dB, B, n, alpha)
    colNormalize(Bn, n)
    const colMax = f64('colMax', n, true)
    for (let i = 0; i < n; i++) {
      let d = 0
      for (let p = Bn.ptr[i] as number; p < (Bn.ptr[i + 1] as number); p++) {
        const j = Bn.col[p] as number
        if (j >= n) continue
        const v = Bn.val[p] as number
        d += (I[j] as number) * v
        if (v > (colMax[j] as number)) colMax[j] = v
      }
      D[i] = d
    }
    normalizeInPlace(D)
    storeBonds = () => permitsOf().map((p, i) => (p ? toStored(Bn, i, colMax, quantize) : []))
    storeCsr = () => toStoredCsr(Bn, permitsOf(), colMax, quantize)
  }

  // Emission (E12)
  const E = input.raoEmission
  let sumC = 0
  for (let i = 0; i < n; i++) sumC += (I[i] as number) + (D[i] as number)
  const SE = view(7)
  const VE = view(8)
  const CE = view(9)
  if (sumC === 0) {
    const src = total !== 0 ? A : S
    for (let i = 0; i < n; i++) {
      VE[i] = Math.floor((src[i] as number) * E)
      CE[i] = VE[i] as number
    }
  } else
    for (let i = 0; i < n; i++) {
      SE[i] = Math.floor(((I[i] as number) / sumC) * E)
      VE[i] = Math.floor(((D[i] as number) / sumC) * E)
      CE[i] = Math.floor((((I[i] as number) + (D[i] as number)) / sumC) * E)
    }
  // what the new permits and the u16 outputs are made from: S, A, C, VT, I, D as they are now
  copy.set(new Float64Array(buffer, 8 * n, 6 * n))
  let u16: ApproxEpochOutput['u16'] | undefined
  let activeOut: boolean[] | undefined
  // The stored rows are materialised on first read (most sweeps never look at them), from the
  // scratch buffers while they still hold this epoch; after a later call reused them, the epoch is
  // recomputed from its (immutable) input.
  let rows: [number, number][][] | undefined
  let csr: FloatCsr | undefined
  return {
    stake: T,
    stakeWeight: S,
    activeStake: A,
    consensus: C,
    validatorTrust: VT,
    incentive: I,
    dividends: D,
    serverEmission: SE,
    validatorEmission: VE,
    emission: CE,
    get active() {
      if (activeOut === undefined) {
        activeOut = new Array<boolean>(n)
        for (let i = 0; i < n; i++) activeOut[i] = active[i] === 1
      }
      return activeOut
    },
    get newValidatorPermit() {
      return permitsOf()
    },
    get u16() {
      u16 ??= {
        stakeWeight: toU16(copy, 0, n),
        consensus: toU16(copy, 2 * n, n),
        incentive: toU16(copy, 4 * n, n),
        dividend: toU16(copy, 5 * n, n),
        validatorTrust: toU16(copy, 3 * n, n),
      }
      return u16
    },
    get bonds() {
      rows ??= gen === generation ? storeBonds() : approxEpoch(input, options).bonds
      return rows
    },
    get bondsCsr() {
      csr ??= gen === generation ? storeCsr() : approxEpoch(input, options).bondsCsr
      return csr
    },
  }
}

/**
 * The weights of {@link weightsOf}, with what it saw besides the rows: `plain` when every row is
 * strictly ascending by uid (so no uid is repeated) and every (normalised) weight is a number ≥ 0
 * that is not −0.
 */
type WeightRows = Csr & {
  readonly plain: boolean
  /** The consensus lists {@link medianFast} reads (empty when no table was filled). */
  readonly votes: { head: Int32Array; link: Int32Array; voteStake: Float64Array }
  /**
   * Where the rows (and the active stake A they were made with) are in the kernel's memory, as
   * byte offsets, when the kernel made them.
   */
  readonly at?: { ptr: number; col: number; val: number; a: number }
}

/** The kernel's memory for one call, or undefined (no kernel, odd sizes, or no memory left). */
function arenaFor(n: number, nw: number, nb: number, byBucket: boolean): Arena | undefined {
  const k = kernel()
  if (k === null || !(nw >= 0 && nb >= 0)) return undefined
  try {
    return new Arena(k, arenaBytes(n, nw, nb, byBucket))
  } catch {
    return undefined // (the memory could not grow: the TypeScript loops need none)
  }
}

/** An upper bound of the kernel memory one call takes ({@link Arena}): every region below. */
function arenaBytes(n: number, nw: number, nb: number, byBucket: boolean): number {
  const cells = Math.min(n * n, denseEmaLimit)
  return (
    (byBucket ? 12 * (n << voteShift) : 0) + // the vote table and its list heads
    2 * 4 * (n + 1) +
    12 * nw + // the weights in and out (compacted in place)
    12 * nw + // links, vote stakes
    8 * 17 * n + // per-uid doubles (and the consensus's per-voter ones, m ≤ n)
    4 * 2 * n + // permit, drop (as bytes, rounded up), slot
    4 * (n + 1) +
    12 * nb + // the stored bonds
    8 * cells + // the dense rows
    8 * 32 // alignment
  )
}

/**
 * The masked, row-normalised weights (yuma.md E5). With a non-empty `table`, each vote of a
 * positive-stake validator (stake âᵢ = Aᵢ / `total`) is also added to `table` at its column's
 * value bucket ({@link voteBucket}), and the vote linked into that cell's list (the `medHead`,
 * `medLink` and `medVoteStake` scratch), for {@link medianFast}.
 */
function weightsOf(
  input: ApproxEpochInput,
  src: FloatCsr,
  permit: Uint8Array,
  A: Float64Array,
  total: number,
  table: Float64Array,
  arena: Arena | undefined,
): WeightRows {
  if (arena !== undefined) {
    const rows = weightsOfKernel(arena, input, src, permit, A, total, table)
    if (rows !== undefined) return rows
  }
  const n = input.n
  const bar = input.blockAtRegistration
  const luArr = input.lastUpdate
  const luLen = luArr.length
  const owner = input.ownerUid
  const cb = input.commitBlocks
  const cap = src.ptr[n] as number
  const wbPtr = i32('wPtr', n + 1, false)
  const wbCol = i32('wCol', cap, false)
  const wbVal = f64('wVal', cap, false)
  let wbP = 0
  let sorted = true
  let clean = true
  const fused = table.length > 0
  const low = voteLow(n)
  // each (column, bucket)'s votes as a list: head → entry + 1 → link[entry] → … → 0
  const head = i32('medHead', fused ? n << voteShift : 0, true)
  const link = i32('medLink', fused ? cap : 0, false)
  const voteStake = f64('medVoteStake', fused ? cap : 0, false)
  const { ptr: sp, col: sc, val: sv } = src
  const barF = f64('wBar', n, false) // (a typed copy: cheaper to index than the input array)
  for (let j = 0; j < n; j++) barF[j] = bar[j] as number
  wbPtr[0] = 0
  for (let i = 0; i < n; i++) {
    const start = wbP
    let sum = 0
    if (permit[i]) {
      const lui = i < luLen ? (luArr[i] as number) : 0
      const cbi = cb === undefined ? Number.POSITIVE_INFINITY : (cb[i] as number)
      const self = owner !== i ? i : n // the diagonal is masked, except the owner's
      let prev = -1
      const pEnd = sp[i + 1] as number
      let p = sp[i] as number
      // two entries per step (here and below): V8 re-checks each typed array once per iteration
      for (; p + 1 < pEnd; p += 2) {
        const j0 = sc[p] as number
        const j1 = sc[p + 1] as number
        if (j0 >>> 0 < n && j0 !== self) {
          const r = barF[j0] as number
          if (!(lui <= r || cbi < r)) {
            const v = sv[p] as number
            if (j0 <= prev) sorted = false
            prev = j0
            wbCol[wbP] = j0
            wbVal[wbP++] = v
            sum += v
          }
        }
        if (j1 >>> 0 < n && j1 !== self) {
          const r = barF[j1] as number
          if (!(lui <= r || cbi < r)) {
            const v = sv[p + 1] as number
            if (j1 <= prev) sorted = false
            prev = j1
            wbCol[wbP] = j1
            wbVal[wbP++] = v
            sum += v
          }
        }
      }
      if (p < pEnd) {
        const j = sc[p] as number
        if (j >>> 0 < n && j !== self) {
          const r = barF[j] as number
          if (!(lui <= r || cbi < r)) {
            const v = sv[p] as number
            if (j <= prev) sorted = false
            wbCol[wbP] = j
            wbVal[wbP++] = v
            sum += v
          }
        }
      }
      // inplace_row_normalize_sparse, and the vote buckets of positive-stake rows
      const a = A[i] as number
      if (a > 0 && fused) {
        const h = a / total
        const d = sum > 0 ? sum : 1 // a row summing to 0 stays as it is (v / 1 = v)
        for (p = start; p + 3 < wbP; p += 4) {
          const v0 = (wbVal[p + 0] as number) / d
          const v1 = (wbVal[p + 1] as number) / d
          const v2 = (wbVal[p + 2] as number) / d
          const v3 = (wbVal[p + 3] as number) / d
          wbVal[p + 0] = v0
          wbVal[p + 1] = v1
          wbVal[p + 2] = v2
          wbVal[p + 3] = v3
          const at0 = ((wbCol[p + 0] as number) << voteShift) + voteBucket(v0, low)
          const at1 = ((wbCol[p + 1] as number) << voteShift) + voteBucket(v1, low)
          const at2 = ((wbCol[p + 2] as number) << voteShift) + voteBucket(v2, low)
          const at3 = ((wbCol[p + 3] as number) << voteShift) + voteBucket(v3, low)
          table[at0] = (table[at0] as number) + h
          link[p + 0] = head[at0] as number
          head[at0] = p + 1
          table[at1] = (table[at1] as number) + h
          link[p + 1] = head[at1] as number
          head[at1] = p + 2
          table[at2] = (table[at2] as number) + h
          link[p + 2] = head[at2] as number
          head[at2] = p + 3
          table[at3] = (table[at3] as number) + h
          link[p + 3] = head[at3] as number
          head[at3] = p + 4
          voteStake[p + 0] = h
          voteStake[p + 1] = h
          voteStake[p + 2] = h
          voteStake[p + 3] = h
          if (!(v0 > 0) && (v0 !== 0 || 1 / v0 < 0)) clean = false
          if (!(v1 > 0) && (v1 !== 0 || 1 / v1 < 0)) clean = false
          if (!(v2 > 0) && (v2 !== 0 || 1 / v2 < 0)) clean = false
          if (!(v3 > 0) && (v3 !== 0 || 1 / v3 < 0)) clean = false
        }
        for (; p < wbP; p++) {
          const v = (wbVal[p] as number) / d
          wbVal[p] = v
          const at = ((wbCol[p] as number) << voteShift) + voteBucket(v, low)
          table[at] = (table[at] as number) + h
          link[p] = head[at] as number
          head[at] = p + 1
          voteStake[p] = h
          if (!(v > 0) && (v !== 0 || 1 / v < 0)) clean = false
        }
      } else {
        const d = sum > 0 ? sum : 1
        for (p = start; p < wbP; p++) {
          const v = (wbVal[p] as number) / d
          wbVal[p] = v
          if (!(v > 0) && (v !== 0 || 1 / v < 0)) clean = false
        }
      }
    }
    wbPtr[i + 1] = wbP
  }
  return {
    ptr: wbPtr,
    col: wbCol.subarray(0, wbP),
    val: wbVal.subarray(0, wbP),
    plain: sorted && clean,
    votes: { head, link, voteStake },
  }
}

/**
 * Whether packed rows' offsets run from ≥ 0 upwards (ptr[0] ≥ 0, ptr[i] ≤ ptr[i+1]): the kernel
 * reads only such rows (it copies ptr[0] … ptr[n] entries), the TypeScript loops the others.
 */
function offsetsAscend(ptr: Int32Array, n: number): boolean {
  if (!((ptr[0] as number) >= 0)) return false
  for (let i = 0; i < n; i++) if (!((ptr[i + 1] as number) >= (ptr[i] as number))) return false
  return true
}

/**
 * {@link weightsOf} in the WebAssembly kernel (`weights_of` in packages/yuma/kernel/float.c: the
 * same operations in the same order), its rows and lists left in the kernel's memory. Returns
 * undefined when the packed rows' offsets do not run from ≥ 0 upwards (the TypeScript loop then
 * reads them as it does).
 */
function weightsOfKernel(
  arena: Arena,
  input: ApproxEpochInput,
  src: FloatCsr,
  permit: Uint8Array,
  A: Float64Array,
  total: number,
  table: Float64Array,
): WeightRows | undefined {
  const n = input.n
  const sp = src.ptr
  if (!offsetsAscend(sp, n)) return undefined
  const cap = sp[n] as number
  const fused = table.length > 0
  const inPtr = arena.i32(n + 1)
  const inCol = arena.i32(cap)
  const inVal = arena.f64(cap)
  inPtr.view.set(sp.subarray(0, n + 1))
  inCol.view.set(src.col.subarray(0, cap))
  inVal.view.set(src.val.subarray(0, cap))
  const per = arena.u8(n)
  per.view.set(permit.subarray(0, n))
  const a = arena.f64(n)
  a.view.set(A.subarray(0, n))
  const lu = arena.f64(n)
  const luArr = input.lastUpdate
  for (let i = 0; i < n; i++) lu.view[i] = i < luArr.length ? (luArr[i] as number) : 0
  const cbv = arena.f64(n)
  const cb = input.commitBlocks
  if (cb === undefined) cbv.view.fill(Number.POSITIVE_INFINITY)
  else for (let i = 0; i < n; i++) cbv.view[i] = cb[i] as number
  const bar = arena.f64(n)
  for (let j = 0; j < n; j++) bar.view[j] = input.blockAtRegistration[j] as number
  const head = arena.i32(fused ? n << voteShift : 0)
  head.view.fill(0)
  const link = arena.i32(fused ? cap : 0)
  const voteStake = arena.f64(fused ? cap : 0)
  // the rows are compacted in place (entry q is written after entry p ≥ q was read): a smaller
  // working set than separate output rows
  const wPtr = arena.i32(n + 1)
  const wCol = inCol
  const wVal = inVal
  const flags = arena.i32(2)
  const owner = input.ownerUid
  kernelCalls.weightsOf++
  const nnz = arena.k.exports.weights_of(
    inPtr.at,
    inCol.at,
    inVal.at,
    n,
    per.at,
    a.at,
    total,
    lu.at,
    cbv.at,
    owner === null ? -1 : owner,
    bar.at,
    fused ? 1 : 0,
    voteLow(n),
    fused ? table.byteOffset : 0,
    head.at,
    link.at,
    voteStake.at,
    wPtr.at,
    wCol.at,
    wVal.at,
    flags.at,
  )
  return {
    ptr: wPtr.view,
    col: wCol.view.subarray(0, nnz),
    val: wVal.view.subarray(0, nnz),
    plain: flags.view[0] === 1 && flags.view[1] === 1,
    votes: { head: head.view, link: link.view, voteStake: voteStake.view },
    at: { ptr: wPtr.at, col: wCol.at, val: wVal.at, a: a.at },
  }
}

/**
 * `col_clip_sparse` (W̄ = min(W, C) per column, zeros dropped) with validator trust (row sums of
 * W̄, into `VT`) and the rank R = Aᵀ·W̄ (into `R`, added).
 */
function clipRows(
  W: Csr,
  C: Float64Array,
  A: Float64Array,
  n: number,
  VT: Float64Array,
  R: Float64Array,
): Csr {
  const { ptr, col, val } = W
  const outPtr = i32('clipPtr', n + 1, false)
  const outCol = i32('clipCol', col.length, false)
  const outVal = f64('clipVal', col.length, false)
  let q = 0
  outPtr[0] = 0
  for (let i = 0; i < n; i++) {
    const ai = A[i] as number
    let vt = 0
    for (let p = ptr[i] as number, pEnd = ptr[i + 1] as number; p < pEnd; p++) {
      const j = col[p] as number
      const v = val[p] as number
      const cj = C[j] as number
      let x: number
      if (v <= cj) x = v
      else if (cj > 0) x = cj
      else continue
      outCol[q] = j
      outVal[q++] = x
      vt += x
      R[j] = (R[j] as number) + ai * x
    }
    VT[i] = vt
    outPtr[i + 1] = q
  }
  return { ptr: outPtr, col: outCol.subarray(0, q), val: outVal.subarray(0, q) }
}

/**
 * Where the clip-and-EMA kernels put what they make besides the rows: validator trust `VT` and
 * the rank `R` (added to), the bond columns' sums `colSum` (added to); `scale` and `drop` are the
 * stored bonds' scale and recently-registered column mask.
 */
type EmaInto = {
  scale: number
  drop: Uint8Array
  colSum: Float64Array
  VT: Float64Array
  R: Float64Array
}

/**
 * {@link clipRows} and Yuma 3's `mat_ema_sparse` of the clipped rows against the stored bonds in
 * one pass over the rows (see {@link clipEmaRows}). When the weight rows repeat no uid and every
 * weight and consensus value is a finite number ≥ 0 (not −0), the same values come from a loop
 * without data-dependent branches: `Math.min` and the 2⁻³² test branch on every entry, and on
 * these inputs the branch goes either way at random, which cost more than the rest of the loop.
 * The minimum is w·k + c·(1 − k) with k = [w ≤ c], which is w or c exactly for such operands. A
 * weight row has each column once, so its EMA part is stored, not added to the cleared
 * accumulator (the same value, except that −0 stays −0, which is below 2⁻³² either way).
 *
 * When the entries could fill half of the non-empty rows (and they have at most
 * {@link denseEmaLimit} cells), each row is accumulated in its own dense row, which becomes the
 * output ({@link DenseRows}): the floor is v·[v ≥ 2⁻³²] in place, added to the column sum (a
 * non-finite stored bond, whose v·0 is NaN, is repaired after the pass). Otherwise one
 * accumulator is emptied into packed rows: an entry that is not kept is written past the row's
 * end (and overwritten) and adds +0, read back from a two-slot scratch, to its column sum.
 */
function clipEma(
  W: WeightRows,
  C: Float64Array,
  A: Float64Array,
  B: Csr,
  n: number,
  alpha: number,
  into: EmaInto,
  arena?: Arena,
): Csr | DenseRows {
  let plain = W.plain
  for (let j = 0; j < n && plain; j++) {
    const c = C[j] as number
    plain = (c > 0 && c < Number.POSITIVE_INFINITY) || (c === 0 && 1 / c > 0)
  }
  if (!plain) return clipEmaRows(W, C, A, B, n, alpha, into)
  const { scale, drop, colSum, VT, R } = into
  const { ptr, col, val } = W
  const bp = B.ptr
  const bc = B.col
  const bv = B.val
  let dropped = false
  for (let j = 0; j < n; j++) dropped ||= drop[j] === 1
  // a row per non-empty row, kept dense (its accumulator is its output), when the entries could
  // fill half of them; otherwise one accumulator, emptied into packed rows
  const slot = i32('emaSlot', n, false)
  let rows = 0
  for (let i = 0; i < n; i++)
    slot[i] =
      (ptr[i] as number) < (ptr[i + 1] as number) || (bp[i] as number) < (bp[i + 1] as number)
        ? rows++
        : -1
  const dense = rows * n <= denseEmaLimit && 2 * (col.length + (bp[n] as number)) >= rows * n
  if (dense && arena !== undefined) {
    const done = clipEmaKernel(arena, W, C, B, n, alpha, into, dropped, slot, rows)
    if (done !== undefined) return done
  }
  const acc = dense ? f64('emaDense', rows * n, false) : f64('emaAcc', n, true)
  const pick = f64('emaPick', 4, false)
  const cap = col.length + bc.length
  const outPtr = i32('emaPtr', n + 1, false)
  const outCol = i32('emaCol', cap + 2, false)
  const outVal = f64('emaVal', cap + 2, false)
  const keep = 1 - alpha
  let q = 0
  outPtr[0] = 0
  for (let i = 0; i < n; i++) {
    const ai = A[i] as number
    let vt = 0
    const w0 = ptr[i] as number
    const w1 = ptr[i + 1] as number
    const b0 = bp[i] as number
    const b1 = bp[i + 1] as number
    if (w0 === w1 && b0 === b1) {
      VT[i] = 0
      outPtr[i + 1] = q
      continue
    }
    const base = dense ? (slot[i] as number) * n : 0
    if (dense) acc.fill(0, base, base + n)
    // the row's columns span lo…hi (the weight row is ascending)
    let lo = w0 < w1 ? (col[w0] as number) : n
    let hi = w0 < w1 ? (col[w1 - 1] as number) : -1
    let p = w0
    // four entries per step (two below): V8 re-checks each typed array once per iteration
    for (; p + 3 < w1; p += 4) {
      const j0 = col[p + 0] as number
      const j1 = col[p + 1] as number
      const j2 = col[p + 2] as number
      const j3 = col[p + 3] as number
      const v0 = val[p + 0] as number
      const v1 = val[p + 1] as number
      const v2 = val[p + 2] as number
      const v3 = val[p + 3] as number
      const c0 = C[j0] as number
      const c1 = C[j1] as number
      const c2 = C[j2] as number
      const c3 = C[j3] as number
      // min by arithmetic: w·k + c·(1 − k) is w or c exactly (both finite, ≥ 0, not −0)
      const k0 = ((v0 <= c0) as unknown as number) | 0
      const k1 = ((v1 <= c1) as unknown as number) | 0
      const k2 = ((v2 <= c2) as unknown as number) | 0
      const k3 = ((v3 <= c3) as unknown as number) | 0
      const x0 = v0 * k0 + c0 * (1 - k0)
      const x1 = v1 * k1 + c1 * (1 - k1)
      const x2 = v2 * k2 + c2 * (1 - k2)
      const x3 = v3 * k3 + c3 * (1 - k3)
      vt += x0
      vt += x1
      vt += x2
      vt += x3
      R[j0] = (R[j0] as number) + ai * x0
      R[j1] = (R[j1] as number) + ai * x1
      R[j2] = (R[j2] as number) + ai * x2
      R[j3] = (R[j3] as number) + ai * x3
      acc[base + j0] = alpha * x0
      acc[base + j1] = alpha * x1
      acc[base + j2] = alpha * x2
      acc[base + j3] = alpha * x3
    }
    for (; p < w1; p++) {
      const j = col[p] as number
      const c = C[j] as number
      const v = val[p] as number
      const k = ((v <= c) as unknown as number) | 0
      const x = v * k + c * (1 - k)
      vt += x
      R[j] = (R[j] as number) + ai * x
      acc[base + j] = alpha * x
    }
    VT[i] = vt
    for (p = b0; p + 1 < b1; p += 2) {
      const j0 = bc[p] as number
      const j1 = bc[p + 1] as number
      if (j0 >>> 0 < n && (!dropped || drop[j0] !== 1)) {
        acc[base + j0] = (acc[base + j0] as number) + keep * ((bv[p] as number) * scale)
        lo = j0 < lo ? j0 : lo
        hi = j0 > hi ? j0 : hi
      }
      if (j1 >>> 0 < n && (!dropped || drop[j1] !== 1)) {
        acc[base + j1] = (acc[base + j1] as number) + keep * ((bv[p + 1] as number) * scale)
        lo = j1 < lo ? j1 : lo
        hi = j1 > hi ? j1 : hi
      }
    }
    if (p < b1) {
      const j = bc[p] as number
      if (j >>> 0 < n && (!dropped || drop[j] !== 1)) {
        acc[base + j] = (acc[base + j] as number) + keep * ((bv[p] as number) * scale)
        lo = j < lo ? j : lo
        hi = j > hi ? j : hi
      }
    }
    // emit lo…hi by column: the chain keeps I32F32 values > 0, so anything below 2⁻³² (and a
    // column that received no entry, holding 0) has floored to zero there
    pick[0] = 0
    pick[2] = 0
    if (dense) {
      // in place, branch-free: v·[v ≥ 2⁻³²] (a NaN from a non-finite bond is repaired below)
      let j = base + lo
      const end = base + hi
      for (; j + 3 <= end; j += 4) {
        const v0 = acc[j + 0] as number
        const v1 = acc[j + 1] as number
        const v2 = acc[j + 2] as number
        const v3 = acc[j + 3] as number
        const e0 = v0 * (((v0 >= chainEpsilon) as unknown as number) | 0)
        const e1 = v1 * (((v1 >= chainEpsilon) as unknown as number) | 0)
        const e2 = v2 * (((v2 >= chainEpsilon) as unknown as number) | 0)
        const e3 = v3 * (((v3 >= chainEpsilon) as unknown as number) | 0)
        acc[j + 0] = e0
        acc[j + 1] = e1
        acc[j + 2] = e2
        acc[j + 3] = e3
        colSum[j + 0 - base] = (colSum[j + 0 - base] as number) + e0
        colSum[j + 1 - base] = (colSum[j + 1 - base] as number) + e1
        colSum[j + 2 - base] = (colSum[j + 2 - base] as number) + e2
        colSum[j + 3 - base] = (colSum[j + 3 - base] as number) + e3
      }
      for (; j <= end; j++) {
        const v = acc[j] as number
        const e = v * (((v >= chainEpsilon) as unknown as number) | 0)
        acc[j] = e
        colSum[j - base] = (colSum[j - base] as number) + e
      }
      continue
    }
    if (2 * (w1 - w0 + b1 - b0) < hi - lo) {
      // a sparse row: most of lo…hi is empty, and the test predictable
      q = emitRow(acc, lo, hi, outCol, outVal, q, colSum)
      outPtr[i + 1] = q
      continue
    }
    let j = lo
    for (; j < hi; j += 2) {
      const v0 = acc[j] as number
      const v1 = acc[j + 1] as number
      acc[j] = 0
      acc[j + 1] = 0
      pick[1] = v0
      pick[3] = v1
      const k0 = ((v0 >= chainEpsilon) as unknown as number) | 0
      const k1 = ((v1 >= chainEpsilon) as unknown as number) | 0
      outCol[q] = j
      outVal[q] = v0
      colSum[j] = (colSum[j] as number) + (pick[k0] as number)
      q += k0
      outCol[q] = j + 1
      outVal[q] = v1
      colSum[j + 1] = (colSum[j + 1] as number) + (pick[2 + k1] as number)
      q += k1
    }
    if (j === hi) {
      const v = acc[j] as number
      acc[j] = 0
      pick[1] = v
      const k = ((v >= chainEpsilon) as unknown as number) | 0
      outCol[q] = j
      outVal[q] = v
      colSum[j] = (colSum[j] as number) + (pick[k] as number)
      q += k
    }
    outPtr[i + 1] = q
  }
  if (dense) {
    // v·0 is NaN for v = NaN or −∞ (a non-finite stored bond), where the floor gives 0: NaN
    // shows in that column's sum (all else is ≥ 0), and then those cells are zeroed and the
    // sums taken again in the same row order
    let nan = false
    for (let j = 0; j < n; j++) nan ||= Number.isNaN(colSum[j])
    if (nan) {
      colSum.fill(0)
      for (let s = 0; s < rows; s++)
        for (let j = 0; j < n; j++) {
          const v = acc[s * n + j] as number
          const e = Number.isNaN(v) ? 0 : v
          acc[s * n + j] = e
          colSum[j] = (colSum[j] as number) + e
        }
    }
    return { dense: true, val: acc, slot }
  }
  return { ptr: outPtr, col: outCol.subarray(0, q), val: outVal.subarray(0, q) }
}

/**
 * Rows kept dense: row i's n values at `slot[i]`·n of `val` (every column, zeros included), or
 * none when `slot[i]` is −1 (an empty row).
 */
type DenseRows = {
  readonly dense: true
  readonly val: Float64Array
  readonly slot: Int32Array
  /** The kernel's memory and where the rows, their slots and A are in it, when it made them. */
  readonly kernel?: { arena: Arena; val: number; slot: number; a: number; rows: number }
}

/** Above this many cells {@link clipEmaDense} leaves the rows sparse. */
const denseEmaLimit = 1 << 20

/** {@link DenseRows} as packed rows (fresh arrays): the positive entries, by column. */
function denseToCsr(M: DenseRows, n: number): Csr {
  const { val: v, slot } = M
  let nnz = 0
  for (let t = 0; t < v.length; t++) if ((v[t] as number) > 0) nnz++
  const ptr = new Int32Array(n + 1)
  const col = new Int32Array(nnz)
  const val = new Float64Array(nnz)
  let q = 0
  for (let i = 0; i < n; i++) {
    const s = slot[i] as number
    if (s >= 0)
      for (let j = 0, base = s * n; j < n; j++) {
        const x = v[base + j] as number
        if (x > 0) {
          col[q] = j
          val[q++] = x
        }
      }
    ptr[i + 1] = q
  }
  return { ptr, col, val }
}

/**
 * {@link clipEma}'s dense case in the WebAssembly kernel (`clip_ema_dense` in
 * packages/yuma/kernel/float.c: the same operations in the same order, so the same bits; its
 * floor gives 0 for NaN directly, and covers the whole row, whose cells outside the span hold +0). It reads the weight rows and A where
 * {@link weightsOfKernel} left them, and the result's dense rows stay in the kernel's memory
 * (valid until the next call, like the scratch). Returns undefined, for the TypeScript loop,
 * when the weight rows are not in the kernel's memory or the stored bonds' row offsets do not
 * run from ≥ 0 upwards.
 */
function clipEmaKernel(
  arena: Arena,
  W: WeightRows,
  C: Float64Array,
  B: Csr,
  n: number,
  alpha: number,
  into: EmaInto,
  dropped: boolean,
  slot: Int32Array,
  rows: number,
): DenseRows | undefined {
  const bp = B.ptr
  if (!offsetsAscend(bp, n)) return undefined
  const nb = bp[n] as number
  // the weight rows where the kernel made them (it makes them whenever their offsets are sane)
  const w = W.at
  if (w === undefined) return undefined
  const c = arena.f64(n)
  const colSum = arena.f64(n)
  const vt = arena.f64(n)
  const r = arena.f64(n)
  const acc = arena.f64(rows * n)
  const bPtr = arena.i32(n + 1)
  const bCol = arena.i32(nb)
  const bVal = arena.f64(nb)
  const sl = arena.i32(n)
  const dr = arena.u8(n)
  c.view.set(C.subarray(0, n))
  colSum.view.fill(0)
  r.view.fill(0)
  bPtr.view.set(bp.subarray(0, n + 1))
  bCol.view.set(B.col.subarray(0, nb))
  bVal.view.set(B.val.subarray(0, nb))
  sl.view.set(slot.subarray(0, n))
  dr.view.set(into.drop.subarray(0, n))
  kernelCalls.clipEma++
  arena.k.exports.clip_ema_dense(
    w.ptr,
    w.col,
    w.val,
    c.at,
    w.a,
    bPtr.at,
    bCol.at,
    bVal.at,
    n,
    alpha,
    into.scale,
    dr.at,
    dropped ? 1 : 0,
    sl.at,
    colSum.at,
    vt.at,
    r.at,
    acc.at,
  )
  into.colSum.set(colSum.view)
  into.VT.set(vt.view)
  into.R.set(r.view)
  return {
    dense: true,
    val: acc.view,
    slot,
    kernel: { arena, val: acc.at, slot: sl.at, a: w.a, rows },
  }
}

/**
 * {@link clipEma} for any rows: {@link clipRows} and Yuma 3's `mat_ema_sparse` of the clipped
 * rows against the stored bonds in one pass over the rows: each clipped entry goes straight into
 * the EMA's accumulator (as {@link emaUnion} would read it from W̄), then the row's stored bonds
 * (masked and scaled), and the row's EMA entries are emitted by column with their column sums
 * added to `colSum`.
 */
function clipEmaRows(
  W: Csr,
  C: Float64Array,
  A: Float64Array,
  B: Csr,
  n: number,
  alpha: number,
  into: EmaInto,
): Csr {
  const { scale, drop, colSum, VT, R } = into
  const { ptr, col, val } = W
  const bp = B.ptr
  const bc = B.col
  const bv = B.val
  const acc = f64('emaAcc', n, true)
  const cap = col.length + bc.length
  const outPtr = i32('emaPtr', n + 1, false)
  const outCol = i32('emaCol', cap, false)
  const outVal = f64('emaVal', cap, false)
  const keep = 1 - alpha
  let q = 0
  outPtr[0] = 0
  for (let i = 0; i < n; i++) {
    const ai = A[i] as number
    let vt = 0
    let lo = n
    let hi = -1
    for (let p = ptr[i] as number, pEnd = ptr[i + 1] as number; p < pEnd; p++) {
      const j = col[p] as number
      const v = val[p] as number
      // min(W, C), or 0 where C ≤ 0 < W (an entry col_clip_sparse drops adds nothing here);
      // branch-free, as the comparison is unpredictable (weights are u16 values, ≥ 0)
      const x = Math.min(v, Math.max(C[j] as number, 0))
      vt += x
      R[j] = (R[j] as number) + ai * x
      acc[j] = (acc[j] as number) + alpha * x
      if (j < lo) lo = j
      if (j > hi) hi = j
    }
    VT[i] = vt
    for (let p = bp[i] as number, pEnd = bp[i + 1] as number; p < pEnd; p++) {
      const j = bc[p] as number
      if (j >= n || drop[j] === 1) continue
      acc[j] = (acc[j] as number) + keep * ((bv[p] as number) * scale)
      if (j < lo) lo = j
      if (j > hi) hi = j
    }
    q = emitRow(acc, lo, hi, outCol, outVal, q, colSum)
    outPtr[i + 1] = q
  }
  return { ptr: outPtr, col: outCol.subarray(0, q), val: outVal.subarray(0, q) }
}

/**
 * Empties the accumulator's columns lo…hi into a packed row from entry `from`, and returns where
 * the row ends: the chain keeps I32F32 values > 0, so only values ≥ 2⁻³² are kept (and added to
 * their column sums).
 */
function emitRow(
  acc: Float64Array,
  lo: number,
  hi: number,
  outCol: Int32Array,
  outVal: Float64Array,
  from: number,
  colSum: Float64Array,
): number {
  let q = from
  for (let j = lo; j <= hi; j++) {
    const v = acc[j] as number
    if (v >= chainEpsilon) {
      outCol[q] = j
      outVal[q++] = v
      colSum[j] = (colSum[j] as number) + v
    }
    acc[j] = 0
  }
  return q
}

function validate(input: ApproxEpochInput): void {
  const n = input.n
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidFloatInputError({ field: 'n', reason: `is ${n}` })
  for (const f of ['blockAtRegistration', 'stake'] as const)
    if (input[f].length < n)
      throw new InvalidFloatInputError({
        field: f,
        reason: `has ${input[f].length} entries for n = ${n}`,
      })
  for (const f of ['weights', 'bonds'] as const) {
    const m = input[f]
    const rows = Array.isArray(m) ? m.length : (m as FloatCsr).ptr.length - 1
    if (rows < n)
      throw new InvalidFloatInputError({ field: f, reason: `has ${rows} rows for n = ${n}` })
    if (!Array.isArray(m)) {
      const c = m as FloatCsr
      const nnz = c.ptr[c.ptr.length - 1] as number
      if (c.col.length < nnz || c.val.length < nnz)
        throw new InvalidFloatInputError({
          field: f,
          reason: `has ptr ending at ${nnz} but ${c.col.length} entries`,
        })
    }
  }
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(input.stake[i] as number) || (input.stake[i] as number) < 0)
      throw new InvalidFloatInputError({ field: `stake[${i}]`, reason: `is ${input.stake[i]}` })
  for (const f of [
    'currentBlock',
    'raoEmission',
    'kappa',
    'bondsPenalty',
    'bondsMovingAverage',
  ] as const)
    if (!Number.isFinite(input[f]))
      throw new InvalidFloatInputError({ field: f, reason: 'is not finite' })
}

function normalizeInPlace(x: Float64Array): void {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i] as number
  if (s === 0) return
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) / s
}

/**
 * min(65535, max(0, ⌊x·65535⌋)) for the `n` entries of x from `at` (NaN stays NaN), without the
 * three calls.
 */
function toU16(x: Float64Array, at: number, n: number): number[] {
  const out: number[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const v = (x[at + i] as number) * 65535
    // on [0, 65535) truncation is the floor; −0 gives 0
    out[i] = v >= 0 ? (v < 65535 ? v | 0 : 65535) : v < 0 ? 0 : Number.NaN
  }
  return out
}

/** All stored rows, packed: rows without a new permit are empty. */
function toStoredCsr(
  M: Csr,
  permit: readonly boolean[],
  colMax: Float64Array | null,
  quantize: boolean,
): FloatCsr {
  const n = permit.length
  let nnz = 0
  for (let i = 0; i < n; i++) if (permit[i]) nnz += (M.ptr[i + 1] as number) - (M.ptr[i] as number)
  const ptr = new Int32Array(n + 1)
  const col = new Int32Array(nnz)
  const val = new Float64Array(nnz)
  let q = 0
  for (let i = 0; i < n; i++) {
    if (permit[i])
      for (let p = M.ptr[i] as number; p < (M.ptr[i + 1] as number); p++) {
        const j = M.col[p] as number
        let x = M.val[p] as number
        if (colMax !== null) {
          const m = j < colMax.length ? (colMax[j] as number) : 0
          x = m === 0 ? 0 : x / m
        }
        const v = x * 65535
        col[q] = j
        val[q++] = quantize ? Math.min(65535, Math.max(0, Math.floor(v))) : v
      }
    ptr[i + 1] = q
  }
  return { ptr, col, val }
}

/** Row i as stored: ⌊x·65535⌋ (after the column max-upscale when `colMax` is given). */
function toStored(
  M: Csr,
  i: number,
  colMax: Float64Array | null,
  quantize: boolean,
): [number, number][] {
  const out: [number, number][] = []
  for (let p = M.ptr[i] as number; p < (M.ptr[i + 1] as number); p++) {
    const j = M.col[p] as number
    let x = M.val[p] as number
    if (colMax !== null) {
      const m = j < colMax.length ? (colMax[j] as number) : 0
      x = m === 0 ? 0 : x / m
    }
    const v = x * 65535
    out.push([j, quantize ? Math.min(65535, Math.max(0, Math.floor(v))) : v])
  }
  return out
}

/** `is_topk_nonzero`: top k by S with ties going to the higher uid (stable sort), then S ≠ 0. */
function topkNonzero(S: Float64Array, k: number): boolean[] {
  const n = S.length
  const out: boolean[] = new Array(n)
  if (n < k || k <= 0) {
    for (let i = 0; i < n; i++) out[i] = k > 0 && S[i] !== 0
    return out
  }
  const t = kthLargest(S, k)
  let above = 0
  for (let i = 0; i < n; i++) if ((S[i] as number) > t) above++
  let tiesLeft = k - above // ties at t that still get a slot: the highest uids
  // (each entry written once; NaN, which is neither below nor at t, keeps its slot)
  for (let i = n - 1; i >= 0; i--) {
    const v = S[i] as number
    if (v < t) out[i] = false
    else if (v === t) {
      out[i] = tiesLeft > 0 && v !== 0
      tiesLeft--
    } else out[i] = v !== 0
  }
  return out
}

/**
 * The k-th largest of S (1 ≤ k ≤ n), as `S.slice().sort()[n − k]` gives it: a quickselect on a
 * scratch copy, or that sort when S holds a NaN (which sorts above every number).
 */
function kthLargest(S: Float64Array, k: number): number {
  const n = S.length
  const x = f64('topk', n, false)
  let nan = false
  for (let i = 0; i < n; i++) {
    const v = S[i] as number
    x[i] = v
    nan ||= Number.isNaN(v)
  }
  if (nan) return x.sort()[n - k] as number
  // Hoare's selection of rank r = n − k (ascending): x[r] ends up as that order statistic
  const r = n - k
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const pivot = x[(lo + hi) >> 1] as number
    let i = lo
    let j = hi
    while (i <= j) {
      while ((x[i] as number) < pivot) i++
      while ((x[j] as number) > pivot) j--
      if (i <= j) {
        const v = x[i] as number
        x[i++] = x[j] as number
        x[j--] = v
      }
    }
    if (r <= j) hi = j
    else if (r >= i) lo = i
    else break
  }
  return x[r] as number
}

/**
 * `weighted_median_col_sparse` in float: per column, the chain's weighted-median level over the
 * positive-stake validators (stake â, normalised). Validators without an entry vote 0, and a uid
 * repeated in a row votes its last value, as in the chain's dense `use_score` table. `table`
 * holds the vote buckets {@link weightsOf} filled (empty when it did not); `total` and `m` are the
 * sum and the count of the positive entries of A.
 */
function consensusOf(
  A: Float64Array,
  total: number,
  m: number,
  W: WeightRows,
  n: number,
  kappa: number,
  table: Float64Array,
  C: Float64Array,
  arena?: Arena,
): Float64Array {
  if (m === 0) return C
  const { ptr, col, val } = W
  let nnz = 0
  for (let i = 0; i < n; i++)
    if ((A[i] as number) > 0) nnz += (ptr[i + 1] as number) - (ptr[i] as number)
  // a sparse vote table (under a quarter full) or a huge one: the positive votes per column
  if (4 * nnz < n * m || n * m > denseVoteLimit) return consensusSparse(A, W, n, kappa, C, total, m)
  const hat = f64('hatDense', m, false)
  for (let i = 0, k = 0; i < n; i++) {
    const a = A[i] as number
    if (a > 0) hat[k++] = a / total
  }
  const buckets = f64('buckets', medianBuckets, false)
  const inVals = f64('inVals', m, false)
  const inStks = f64('inStks', m, false)
  // no repeated uid and every vote ≥ 0: from the buckets, unless a support is too close to κ
  if (table.length > 0 && W.plain)
    if (
      arena !== undefined && W.at !== undefined
        ? medianFastKernel(arena, W, W.at.val, n, m, kappa, hat, table, C)
        : medianFast(W, n, m, kappa, hat, table, C, buckets)
    )
      return C
  // the chain's `use_score`: column-major, one cell per (column, positive-stake validator),
  // prefilled with zeros, the row's entries written in storage order (a repeated uid: last wins)
  const votes = f64('votes', n * m, true)
  // an upper bound of each column's largest vote (a value overwritten by a repeated uid stays in)
  const bound = f64('voteBound', n, true)
  let k = 0
  for (let i = 0; i < n; i++) {
    if (!((A[i] as number) > 0)) continue
    for (let p = ptr[i] as number, pEnd = ptr[i + 1] as number; p < pEnd; p++) {
      const j = col[p] as number
      if (j < n) {
        const v = val[p] as number
        votes[j * m + k] = v
        bound[j] = Math.max(bound[j] as number, v)
      }
    }
    k++
  }
  for (let j = 0; j < n; j++)
    C[j] = medianOfColumn(votes, j * m, hat, m, kappa, bound[j] as number, buckets, inVals, inStks)
  return C
}

const medianBuckets = 32

/**
 * How far (in stake) every support compared with κ must be from it for {@link medianFast}: the
 * weighted-median walk adds at most a few thousand stakes ≤ 1 in some order, each sum within
 * 1e-12 of the exact one, so at this distance any order of addition takes the same side.
 */
const medianMargin = 1e-9

/** Vote buckets per column for {@link medianFast} (a power of two), and their log2. */
const voteBuckets = 64
const voteShift = 6

/**
 * {@link voteBucket}'s bucket 0 for n uids, as the top 20 bits of a double (sign, exponent and 8
 * mantissa bits) shifted down to its exponent and 3 mantissa bits: v from 2⁻⁽ᵏ⁺²⁾ with 2ᵏ ≤ n, a
 * quarter of what a row spread evenly over n columns gives each. Only the speed depends on it
 * (how many votes share a bucket), not the result.
 */
function voteLow(n: number): number {
  return (1023 - (31 - Math.clz32(n | 1)) - 2) << 3
}

/** A double's high 32 bits, through a shared buffer (at index `voteHi`: 1 on little-endian). */
const voteBits = new Float64Array([1])
const voteWords = new Uint32Array(voteBits.buffer)
const voteHi = voteWords[0] === 0 ? 1 : 0 // 1.0 is 0x3ff00000_00000000

/**
 * A vote's value bucket for {@link medianFast}: eighth-octaves of v from the octave `low` (see
 * {@link voteLow}) up, 8 octaves; below them bucket 0 (zeros included), above them the last.
 * Non-decreasing in v for v ≥ 0 (not −0): the bits of such a double order like its value.
 */
function voteBucket(v: number, low: number): number {
  voteBits[0] = v
  const b = ((voteWords[voteHi] as number) >>> 17) - low
  return b < 0 ? 0 : b > voteBuckets - 1 ? voteBuckets - 1 : b
}

/**
 * The weighted median of every column from the vote buckets {@link weightsOf} filled, when no
 * row repeats a uid and every vote is ≥ 0 (not −0). Each column's scan from the top bucket finds
 * the bucket where the support crosses κ; that cell's list holds the votes in it, and
 * {@link pickLevel} picks the level there. The level is the exact weighted median (the largest
 * vote whose support Σ{â : vote ≥ it} reaches κ) when the supports at it and at the next level
 * up are more than {@link medianMargin} from κ: then every comparison of the chain walk
 * ({@link medianOfColumn}, which buckets by value from 0 and sums in validator order) comes out
 * the same way, and so does its level, bit for bit (a level is one of the votes). Returns false,
 * leaving C to that walk, when some column's supports are closer, or κ is not inside (0, Σâ).
 */
function medianFast(
  W: WeightRows,
  n: number,
  m: number,
  kappa: number,
  hat: Float64Array,
  table: Float64Array,
  C: Float64Array,
  buckets: Float64Array,
): boolean {
  let all = 0
  for (let k = 0; k < m; k++) all += hat[k] as number
  if (!(kappa > 2 * medianMargin && all >= kappa + medianMargin)) return false
  const { val } = W
  const { head, link, voteStake } = W.votes
  const gVals = f64('medGatherVals', m, false)
  const gStks = f64('medGatherStks', m, false)
  const lo = kappa - medianMargin
  const hi = kappa + medianMargin
  const sums = f64('medSums', 2, false)
  const top = voteBuckets - 1
  for (let j = 0; j < n; j++) {
    // the crossing bucket (0 when the support above the lowest stays below κ), the support above
    const base = j << voteShift
    let cum = 0
    let bx = 0
    // four buckets per step (from the top down to 4, then one by one down to 1): V8 re-checks
    // the table once per step
    let b = top
    for (; b >= 4; b -= 4) {
      const t0 = table[base + b] as number
      const t1 = table[base + b - 1] as number
      const t2 = table[base + b - 2] as number
      const t3 = table[base + b - 3] as number
      const n0 = cum + t0
      if (n0 >= kappa) {
        bx = b
        break
      }
      const n1 = n0 + t1
      if (n1 >= kappa) {
        cum = n0
        bx = b - 1
        break
      }
      const n2 = n1 + t2
      if (n2 >= kappa) {
        cum = n1
        bx = b - 2
        break
      }
      const n3 = n2 + t3
      if (n3 >= kappa) {
        cum = n2
        bx = b - 3
        break
      }
      cum = n3
    }
    if (bx === 0)
      for (; b > 0; b--) {
        const next = cum + (table[base + b] as number)
        if (next >= kappa) {
          bx = b
          break
        }
        cum = next
      }
    // … and its votes, from its list (latest first: the order does not change the level)
    let c = 0
    for (let e = head[base + bx] as number; e !== 0; e = link[e - 1] as number) {
      gVals[c] = val[e - 1] as number
      gStks[c++] = voteStake[e - 1] as number
    }
    if (bx === 0) {
      // the lowest bucket: when all positive votes together stay below κ, the level is 0 (the
      // missing votes and zeros hold the rest of the stake)
      let positive = cum
      for (let t = 0; t < c; t++) if ((gVals[t] as number) > 0) positive += gStks[t] as number
      if (positive < lo) {
        C[j] = 0
        continue
      }
    }
    const level = c > 0 ? pickLevel(gVals, gStks, 0, c, cum, kappa, buckets, sums) : Number.NaN
    // the supports at the level and at the next level up
    if (level > 0 && (sums[1] as number) >= hi && (sums[0] as number) < lo) {
      C[j] = level
      continue
    }
    return false
  }
  return true
}

/**
 * {@link medianFast} in the WebAssembly kernel (`median_fast` in packages/yuma/kernel/float.c, the
 * same operations in the same order, except that its scan skips the buckets with an empty list,
 * whose +0 leaves the sum as it is), on the table and lists {@link weightsOfKernel} left in the
 * kernel's memory; C is written only when every column resolves. The kernel also gives up (and
 * the walk then decides) where a crossing bucket's votes span less than 8 / DBL_MAX, which the
 * TypeScript loop would bucket through a non-finite scale.
 */
function medianFastKernel(
  arena: Arena,
  W: WeightRows,
  valAt: number,
  n: number,
  m: number,
  kappa: number,
  hat: Float64Array,
  table: Float64Array,
  C: Float64Array,
): boolean {
  const h = arena.f64(m)
  h.view.set(hat.subarray(0, m))
  const out = arena.f64(n)
  const gv = arena.f64(m)
  const gs = arena.f64(m)
  kernelCalls.medianFast++
  const done = arena.k.exports.median_fast(
    n,
    m,
    kappa,
    medianMargin,
    h.at,
    table.byteOffset,
    W.votes.head.byteOffset,
    W.votes.link.byteOffset,
    W.votes.voteStake.byteOffset,
    valAt,
    out.at,
    gv.at,
    gs.at,
  )
  if (done !== 1) return false
  C.set(out.view)
  return true
}

/** Sub-buckets per round of {@link pickLevel} (its votes are few: a vote bucket's). */
const pickBuckets = 8

/**
 * The level among the `c` votes from `off` of `vals` (stake `stks`; `cum` is the support above
 * them) where the support reaches κ, for {@link medianFast}: the votes are bucketed over their
 * range while there are many, the bucket where the support crosses κ kept (in place), and the
 * few left sorted. The supports at the next level up and at the level go to `sums` [0] and [1]
 * (NaN when no level reaches κ).
 */
function pickLevel(
  vals: Float64Array,
  stks: Float64Array,
  off: number,
  c: number,
  cum: number,
  kappa: number,
  bucketStake: Float64Array,
  sums: Float64Array,
): number {
  const top = pickBuckets - 1
  let k = c
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (let t = off; t < off + k; t++) {
    const v = vals[t] as number
    lo = v < lo ? v : lo
    hi = v > hi ? v : hi
  }
  let above = cum
  while (k > 8 && hi > lo) {
    const scale = pickBuckets / (hi - lo)
    for (let b = 0; b <= top; b++) bucketStake[b] = 0
    for (let t = off; t < off + k; t++) {
      let b = (((vals[t] as number) - lo) * scale) | 0
      b = b > top ? top : b
      bucketStake[b] = (bucketStake[b] as number) + (stks[t] as number)
    }
    let bx = 0
    for (let b = top; b > 0; b--) {
      const next = above + (bucketStake[b] as number)
      if (next >= kappa) {
        bx = b
        break
      }
      above = next
    }
    // keep that bucket's votes (branch-free: each is written at the end, which moves on only
    // for the bucket's), and their range
    let kept = off
    const l0 = lo
    lo = Number.POSITIVE_INFINITY
    hi = Number.NEGATIVE_INFINITY
    for (let t = off; t < off + k; t++) {
      const v = vals[t] as number
      let b = ((v - l0) * scale) | 0
      b = b > top ? top : b
      vals[kept] = v
      stks[kept] = stks[t] as number
      kept += ((b === bx) as unknown as number) | 0
    }
    k = kept - off
    for (let t = off; t < off + k; t++) {
      const v = vals[t] as number
      lo = v < lo ? v : lo
      hi = v > hi ? v : hi
    }
  }
  // the few left, largest first
  for (let t = off + 1; t < off + k; t++) {
    const v = vals[t] as number
    const st = stks[t] as number
    let at = t
    while (at > off && (vals[at - 1] as number) < v) {
      vals[at] = vals[at - 1] as number
      stks[at] = stks[at - 1] as number
      at--
    }
    vals[at] = v
    stks[at] = st
  }
  let q = off
  while (q < off + k) {
    const level = vals[q] as number
    let next = above
    while (q < off + k && vals[q] === level) next += stks[q++] as number
    if (next >= kappa) {
      sums[0] = above
      sums[1] = next
      return level
    }
    above = next
  }
  sums[0] = Number.NaN
  sums[1] = Number.NaN
  return Number.NaN
}

/**
 * {@link weightedMedian} over one column of the dense vote table (`m` votes from `off`, stake
 * `stks[t]`), given an upper bound of its votes. One pass sums stake per value bucket; the votes of
 * the bucket where the support crosses κ are gathered and resolved by {@link medianInBucket}.
 */
function medianOfColumn(
  votes: Float64Array,
  off: number,
  stks: Float64Array,
  m: number,
  kappa: number,
  vmax: number,
  bucketStake: Float64Array,
  inVals: Float64Array,
  inStks: Float64Array,
): number {
  const end = off + m
  if (!(vmax > 0)) return minOf(votes, off, end)
  const top = medianBuckets - 1
  const scale = medianBuckets / vmax
  for (let b = 0; b <= top; b++) bucketStake[b] = 0
  for (let q = off; q < end; q++) {
    let b = ((votes[q] as number) * scale) | 0 // v ≥ 0: truncation is the floor
    b = b > top ? top : b
    bucketStake[b] = (bucketStake[b] as number) + (stks[q - off] as number)
  }
  let cum = 0
  let bx = -1
  for (let b = top; b >= 0; b--) {
    const next = cum + (bucketStake[b] as number)
    if (next >= kappa) {
      bx = b
      break
    }
    cum = next
  }
  if (bx < 0) return minOf(votes, off, end)
  // the votes in the crossing bucket
  let k = 0
  for (let q = off; q < end; q++) {
    const v = votes[q] as number
    let b = (v * scale) | 0
    b = b > top ? top : b
    if (b !== bx) continue
    inVals[k] = v
    inStks[k++] = stks[q - off] as number
  }
  return medianInBucket(inVals, inStks, k, cum, kappa, bucketStake)
}

/**
 * The level among the `k` votes of the crossing bucket (`inVals`, stake `inStks`, in validator
 * order; `cum` is the support above the bucket): while there are many of them (a column with one
 * outlying vote puts most votes in one bucket), they are bucketed again over their own range; the
 * few left are sorted.
 */
function medianInBucket(
  inVals: Float64Array,
  inStks: Float64Array,
  count: number,
  above: number,
  kappa: number,
  bucketStake: Float64Array,
): number {
  const top = medianBuckets - 1
  let k = count
  let cum = above
  while (k > 8) {
    let lo = Number.POSITIVE_INFINITY
    let hi = Number.NEGATIVE_INFINITY
    for (let t = 0; t < k; t++) {
      const v = inVals[t] as number
      lo = v < lo ? v : lo
      hi = v > hi ? v : hi
    }
    if (!(hi > lo)) return lo // one level, and it reaches κ
    const scale = medianBuckets / (hi - lo)
    for (let b = 0; b <= top; b++) bucketStake[b] = 0
    for (let t = 0; t < k; t++) {
      let b = (((inVals[t] as number) - lo) * scale) | 0
      b = b > top ? top : b
      bucketStake[b] = (bucketStake[b] as number) + (inStks[t] as number)
    }
    let bx = 0 // rounding could leave the total a hair short of κ: then the lowest bucket
    for (let b = top; b > 0; b--) {
      const next = cum + (bucketStake[b] as number)
      if (next >= kappa) {
        bx = b
        break
      }
      cum = next
    }
    // the votes in that sub-bucket, in order (branch-free: each vote is written at the end,
    // which moves on only for the sub-bucket's)
    let kept = 0
    for (let t = 0; t < k; t++) {
      const v = inVals[t] as number
      let b = ((v - lo) * scale) | 0
      b = b > top ? top : b
      const st = inStks[t] as number
      inVals[kept] = v
      inStks[kept] = st
      kept += ((b === bx) as unknown as number) | 0
    }
    k = kept
  }
  // the few left, largest first
  for (let t = 1; t < k; t++) {
    const v = inVals[t] as number
    const st = inStks[t] as number
    let at = t
    while (at > 0 && (inVals[at - 1] as number) < v) {
      inVals[at] = inVals[at - 1] as number
      inStks[at] = inStks[at - 1] as number
      at--
    }
    inVals[at] = v
    inStks[at] = st
  }
  let q = 0
  while (q < k) {
    const level = inVals[q] as number
    while (q < k && inVals[q] === level) cum += inStks[q++] as number
    if (cum >= kappa) return level
  }
  return inVals[k - 1] as number
}

function minOf(x: Float64Array, from: number, to: number): number {
  let v = Number.POSITIVE_INFINITY
  for (let q = from; q < to; q++) v = (x[q] as number) < v ? (x[q] as number) : v
  return v
}

/** Above this many (column, validator) cells the vote table is built from the positive votes only. */
const denseVoteLimit = 1 << 22

/** {@link consensusOf} for huge subnets: positive votes per column, the zero votes folded into one. */
function consensusSparse(
  A: Float64Array,
  W: Csr,
  n: number,
  kappa: number,
  C: Float64Array,
  total: number,
  m: number,
): Float64Array {
  const { ptr, col, val } = W
  // â in uid order, and its plain sum
  let sumHat = 0
  const hat = f64('hat', n, true)
  for (let i = 0; i < n; i++)
    if ((A[i] as number) > 0) {
      hat[i] = (A[i] as number) / total
      sumHat += hat[i] as number
    }
  // column-major positive votes (a missing entry or an explicit zero votes 0)
  const start = i32('start', n + 1, true)
  for (let i = 0; i < n; i++)
    if ((hat[i] as number) > 0)
      for (let p = ptr[i] as number, pEnd = ptr[i + 1] as number; p < pEnd; p++)
        if ((val[p] as number) > 0) {
          const j1 = (col[p] as number) + 1
          start[j1] = (start[j1] as number) + 1
        }
  for (let j = 0; j < n; j++) start[j + 1] = (start[j + 1] as number) + (start[j] as number)
  const nnz = start[n] as number
  const cv = f64('cv', nnz + n, false)
  const cs = f64('cs', nnz + n, false)
  const fill = i32('fill', n, false)
  fill.set(start.subarray(0, n))
  for (let i = 0; i < n; i++) {
    const h = hat[i] as number
    if (h > 0)
      for (let p = ptr[i] as number, pEnd = ptr[i + 1] as number; p < pEnd; p++) {
        const v = val[p] as number
        if (v > 0) {
          const j = col[p] as number
          const at = fill[j] as number
          cv[at] = v
          cs[at] = h
          fill[j] = at + 1
        }
      }
  }
  const vals = f64('vals', m + 1, false)
  const stk = f64('stk', m + 1, false)
  const buckets = f64('buckets', 32, false)
  const bucketOf = i32('bucketOf', m + 1, false)
  const inVals = f64('inVals', m + 1, false)
  const inStks = f64('inStks', m + 1, false)
  for (let j = 0; j < n; j++) {
    const s0 = start[j] as number
    const s1 = start[j + 1] as number
    let size = 0
    let voted = 0
    for (let q = s0; q < s1; q++) {
      vals[size] = cv[q] as number
      stk[size++] = cs[q] as number
      voted += cs[q] as number
    }
    if (s1 - s0 < m) {
      // the validators voting 0, as one level
      vals[size] = 0
      stk[size++] = sumHat - voted
    }
    C[j] = weightedMedian(vals, stk, size, kappa, buckets, bucketOf, inVals, inStks)
  }
  return C
}

/**
 * What the chain's `weighted_median` computes (yuma.md E6): the largest vote v whose support
 * Σ{stake : vote ≥ v} reaches κ (ties form one level), or the smallest vote when none does.
 * Found with value buckets instead of quickselect: one pass for the maximum, one to sum stake per
 * bucket, a scan from the top bucket down to the one where the support crosses κ, and an exact
 * look at the few votes inside it.
 */
function weightedMedian(
  vals: Float64Array,
  stks: Float64Array,
  size: number,
  kappa: number,
  bucketStake: Float64Array,
  bucketOf: Int32Array,
  inVals: Float64Array,
  inStks: Float64Array,
): number {
  if (size === 0) return 0
  let vmax = 0
  let vmin = Number.POSITIVE_INFINITY
  for (let t = 0; t < size; t++) {
    const v = vals[t] as number
    vmax = v > vmax ? v : vmax
    vmin = v < vmin ? v : vmin
  }
  if (vmax <= 0) return vmin
  const nb = bucketStake.length
  const top = nb - 1
  const scale = nb / vmax
  for (let b = 0; b < nb; b++) bucketStake[b] = 0
  for (let t = 0; t < size; t++) {
    let b = ((vals[t] as number) * scale) | 0 // v ≥ 0: truncation is the floor
    b = b > top ? top : b
    bucketOf[t] = b
    bucketStake[b] = (bucketStake[b] as number) + (stks[t] as number)
  }
  let cum = 0
  let bx = -1
  for (let b = top; b >= 0; b--) {
    const next = cum + (bucketStake[b] as number)
    if (next >= kappa) {
      bx = b
      break
    }
    cum = next
  }
  if (bx < 0) return vmin
  // the votes in the crossing bucket, largest first
  let k = 0
  for (let t = 0; t < size; t++) {
    if (bucketOf[t] !== bx) continue
    const v = vals[t] as number
    let at = k++
    while (at > 0 && (inVals[at - 1] as number) < v) {
      inVals[at] = inVals[at - 1] as number
      inStks[at] = inStks[at - 1] as number
      at--
    }
    inVals[at] = v
    inStks[at] = stks[t] as number
  }
  let q = 0
  while (q < k) {
    const level = inVals[q] as number
    while (q < k && inVals[q] === level) cum += inStks[q++] as number
    if (cum >= kappa) return level
  }
  return inVals[k - 1] as number
}

function interpolateRows(W: Csr, Wc: Csr, n: number, beta: number): Csr {
  const dense = f64('dense', n, false)
  const denseC = f64('denseC', n, false)
  const outPtr = i32('ipPtr', n + 1, false)
  const outCol = i32('ipCol', n * n, false)
  const outVal = f64('ipVal', n * n, false)
  let outP = 0
  for (let i = 0; i < n; i++) {
    const a0 = W.ptr[i] as number
    const a1 = W.ptr[i + 1] as number
    if (a0 < a1 || (Wc.ptr[i] as number) < (Wc.ptr[i + 1] as number)) {
      dense.fill(0)
      denseC.fill(0)
      for (let p = a0; p < a1; p++) dense[W.col[p] as number] = W.val[p] as number
      for (let p = Wc.ptr[i] as number; p < (Wc.ptr[i + 1] as number); p++)
        denseC[Wc.col[p] as number] = Wc.val[p] as number
      for (let j = 0; j < n; j++) {
        const x = dense[j] as number
        const v = x + beta * ((denseC[j] as number) - x)
        if (v > 0) {
          outCol[outP] = j
          outVal[outP++] = v
        }
      }
    }
    outPtr[i + 1] = outP
  }
  return { ptr: outPtr, col: outCol.subarray(0, outP), val: outVal.subarray(0, outP) }
}

function colSums(M: Csr, n: number, into?: Float64Array): Float64Array {
  const s = into ?? f64('colSum', n, true)
  for (let p = 0; p < M.col.length; p++) {
    const j = M.col[p] as number
    if (j < n) s[j] = (s[j] as number) + (M.val[p] as number)
  }
  return s
}

function colNormalize(M: Csr, n: number): void {
  const s = colSums(M, n)
  for (let p = 0; p < M.col.length; p++) {
    const j = M.col[p] as number
    const sj = j < n ? (s[j] as number) : 0
    if (sj !== 0) M.val[p] = (M.val[p] as number) / sj
  }
}

/** The smallest positive I32F32 value. */
const chainEpsilon = 2 ** -32

/**
 * `mat_ema_sparse`: α·new + (1−α)·old over the union of entries, values > 0, sorted by column.
 * With `fused`, B is the raw stored bonds: entries of columns with `drop[j]` (the recently
 * registered, j < n) are skipped and values are scaled by `scale` on the way in (what the separate
 * mask pass did), and the output's column sums are added to `colSum` in row order (what a
 * separate `colSums` pass did).
 */
function emaUnion(
  Wn: Csr,
  B: Csr,
  n: number,
  alpha: number,
  fused?: { scale: number; drop: Uint8Array; colSum: Float64Array },
): Csr {
  const acc = f64('emaAcc', n, true)
  const outPtr = i32('emaPtr', n + 1, false)
  const outCol = i32('emaCol', Wn.col.length + B.col.length, false)
  const outVal = f64('emaVal', Wn.col.length + B.col.length, false)
  let outP = 0
  const keep = 1 - alpha
  for (let i = 0; i < n; i++) {
    const w0 = Wn.ptr[i] as number
    const w1 = Wn.ptr[i + 1] as number
    const b0 = B.ptr[i] as number
    const b1 = B.ptr[i + 1] as number
    if (w0 === w1 && b0 === b1) {
      outPtr[i + 1] = outP
      continue
    }
    let lo = n
    let hi = -1
    for (let p = w0; p < w1; p++) {
      const j = Wn.col[p] as number
      if (j >= n) continue
      acc[j] = (acc[j] as number) + alpha * (Wn.val[p] as number)
      if (j < lo) lo = j
      if (j > hi) hi = j
    }
    if (fused === undefined)
      for (let p = b0; p < b1; p++) {
        const j = B.col[p] as number
        if (j >= n) continue
        acc[j] = (acc[j] as number) + keep * (B.val[p] as number)
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    else {
      const { scale, drop } = fused
      for (let p = b0; p < b1; p++) {
        const j = B.col[p] as number
        if (j >= n || drop[j] === 1) continue
        acc[j] = (acc[j] as number) + keep * ((B.val[p] as number) * scale)
        if (j < lo) lo = j
        if (j > hi) hi = j
      }
    }
    const colSum = fused?.colSum
    // a column that received no entry holds 0 and is skipped like a sum below 2⁻³²
    for (let j = lo; j <= hi; j++) {
      const v = acc[j] as number
      // the chain keeps I32F32 values > 0: anything below 2⁻³² has floored to zero there
      if (v >= chainEpsilon) {
        outCol[outP] = j
        outVal[outP++] = v
        if (colSum !== undefined) colSum[j] = (colSum[j] as number) + v
      }
      acc[j] = 0
    }
    outPtr[i + 1] = outP
  }
  return { ptr: outPtr, col: outCol.subarray(0, outP), val: outVal.subarray(0, outP) }
}

/** Yuma 3 + liquid alpha: per-pair α from the sigmoid, the merge-scan look-up, and the EMA. */
function liquidEma(
  Wb: Csr,
  B: Csr,
  C: Float64Array,
  n: number,
  input: ApproxEpochInput,
  dropRule: boolean,
): Csr {
  const low = input.alphaLow / 65535
  const high = input.alphaHigh / 65535
  const slope = input.alphaSigmoidSteepness / -100
  const wAt = f64('wAt', n, false)
  const bAt = f64('bAt', n, false)
  const dec = f64('dec', n, false)
  const wDense = f64('wDense', n, false)
  const outPtr = i32('laPtr', n + 1, false)
  const outCol = i32('laCol', dropRule ? Wb.col.length : n * n, false)
  const outVal = f64('laVal', dropRule ? Wb.col.length : n * n, false)
  let outP = 0
  const alphaAt = (j: number): number => {
    if (j >= n) return 0
    const wv = wAt[j] as number
    const bv = bAt[j] as number
    const cj = C[j] as number
    const d = wv >= bv ? Math.min(Math.max(wv - cj, 0), 1) : Math.min(Math.max(bv - wv, 0), 1)
    const x = Math.min(Math.max(slope * (d - 0.5), -20), 20)
    const a = low + (high - low) / (1 + Math.exp(x))
    return Math.min(Math.max(a, low), high)
  }
  for (let i = 0; i < n; i++) {
    const w0 = Wb.ptr[i] as number
    const w1 = Wb.ptr[i + 1] as number
    const b0 = B.ptr[i] as number
    const b1 = B.ptr[i + 1] as number
    if (w0 === w1 && (dropRule || b0 === b1)) {
      outPtr[i + 1] = outP
      continue
    }
    // monotone merge scan: cursors never go back, so an entry after a larger uid is not read
    scan(Wb, i, wAt, n)
    scan(B, i, bAt, n)
    dec.fill(0)
    for (let p = b0; p < b1; p++) {
      const j = B.col[p] as number
      if (j < n) dec[j] = (1 - alphaAt(j)) * (B.val[p] as number)
    }
    if (dropRule) {
      for (let p = w0; p < w1; p++) {
        const j = Wb.col[p] as number
        const v = Math.min(
          1,
          (j < n ? (dec[j] as number) : 0) + Math.max(0, alphaAt(j) * (Wb.val[p] as number)),
        )
        if (v > 0) {
          outCol[outP] = j
          outVal[outP++] = v
        }
      }
    } else {
      // dense decay (the test-only dense variant): every (i, j) updates
      wDense.fill(0)
      for (let p = w0; p < w1; p++)
        if ((Wb.col[p] as number) < n) wDense[Wb.col[p] as number] = Wb.val[p] as number
      for (let j = 0; j < n; j++) {
        const v = Math.min(1, (dec[j] as number) + Math.max(0, alphaAt(j) * (wDense[j] as number)))
        if (v > 0) {
          outCol[outP] = j
          outVal[outP++] = v
        }
      }
    }
    outPtr[i + 1] = outP
  }
  return { ptr: outPtr, col: outCol.subarray(0, outP), val: outVal.subarray(0, outP) }
}

function scan(M: Csr, i: number, out: Float64Array, n: number): void {
  out.fill(0)
  const p1 = M.ptr[i + 1] as number
  let p = M.ptr[i] as number
  for (let j = 0; j < n && p < p1; j++) {
    while (p < p1 && (M.col[p] as number) < j) p++
    if (p < p1 && M.col[p] === j) out[j] = M.val[p] as number
  }
}

/**
 * Convert an exact {@link EpochInput} to float mode's input (lossy: u64 values become doubles;
 * stake becomes alpha + τ·TAO with τ = taoWeight/(2^64 − 1) in float).
 *
 * @param input - The exact input.
 * @returns The float input.
 * @example
 * ```ts
 * import { approxEpoch, toApproxEpochInput } from '@dtao/yuma'
 * const out = approxEpoch(toApproxEpochInput(input))
 * ```
 */
export function toApproxEpochInput(input: EpochInput): ApproxEpochInput {
  const tau = Number(input.taoWeight) / Number(2n ** 64n - 1n)
  return {
    n: input.n,
    currentBlock: Number(input.currentBlock),
    tempo: input.tempo,
    activityCutoffFactorMilli: input.activityCutoffFactorMilli,
    lastUpdate: input.lastUpdate.map(Number),
    blockAtRegistration: input.blockAtRegistration.map(Number),
    stake: input.alphaStake.map((a, i) => Number(a) + Number(input.taoStake[i] ?? 0n) * tau),
    stakeThreshold: Number(input.stakeThreshold),
    ownerUid: input.ownerUid,
    validatorPermit: input.validatorPermit,
    maxAllowedValidators: input.maxAllowedValidators,
    weights: input.weights,
    bonds: input.bonds,
    kappa: input.kappa,
    bondsPenalty: input.bondsPenalty,
    bondsMovingAverage: Number(input.bondsMovingAverage),
    yuma3Enabled: input.yuma3Enabled,
    liquidAlphaEnabled: input.liquidAlphaEnabled,
    alphaLow: input.alphaLow,
    alphaHigh: input.alphaHigh,
    alphaSigmoidSteepness: input.alphaSigmoidSteepness,
    lastMechanismStepBlock: Number(input.lastMechanismStepBlock),
    raoEmission: Number(input.raoEmission),
  }
}
