import { isDtaoError } from '@dtao/errors'
import {
  convertAndNormalizeWeightsAndUids,
  convertBondUidsAndValsToTensor,
  convertMaybeSplitToU16,
  convertRootWeightUidsAndValsToTensor,
  convertWeightsAndUidsForEmit,
  convertWeightUidsAndValsToTensor,
  type FloatMatrix,
  floatMatrixFromRows,
  normalizeMaxWeight,
  processWeights,
  runYumaSimulation,
  YUMA_SIMULATION_VARIANTS,
  type YumaSimulationConfig,
  type YumaSimulationEpochOutput,
  type YumaSimulationVariant,
  yumaSimulationConsensus,
  yumaSimulationIncentive,
  yumaSimulationLiquidAlpha,
} from '@dtao/yuma'
import {
  big,
  type FileHandler,
  type Json,
  type JsonObject,
  parseJsonNumber,
  Tally,
} from '../runner.js'

/**
 * Tolerance for the float32 references: 1e-5 absolute, relative above magnitude 1 (Yuma 2C's
 * bonds are on a 2^64·stake scale, where float32 has ~1e12 of absolute resolution).
 */
const yumaTolerance = 1e-5

function close(got: number, want: number, tol: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got)
  if (!Number.isFinite(want)) return got === want
  return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want))
}

/** Compare a computed value (number, vector, matrix) with its JSON form. */
function compareValue(
  got: unknown,
  want: Json | undefined,
  tol: number,
  path: string,
): string | true {
  if (want === undefined) return `${path}: no expected value`
  if (Array.isArray(want)) {
    if (typeof got === 'object' && got !== null && 'data' in got && 'rows' in got) {
      const m = got as FloatMatrix
      if (want.length !== m.rows) return `${path}: ${m.rows} rows, expected ${want.length}`
      for (let i = 0; i < m.rows; i++) {
        const row = want[i]
        if (!Array.isArray(row) || row.length !== m.cols)
          return `${path}[${i}]: ${m.cols} columns, expected ${Array.isArray(row) ? row.length : 'a row'}`
        for (let j = 0; j < m.cols; j++) {
          const w = parseJsonNumber(row[j])
          const g = m.data[i * m.cols + j] as number
          if (!close(g, w, tol)) return `${path}[${i}][${j}]: got ${g}, expected ${w}`
        }
      }
      return true
    }
    if (got instanceof Float64Array || Array.isArray(got)) {
      const v = got as ArrayLike<number>
      if (v.length !== want.length) return `${path}: length ${v.length}, expected ${want.length}`
      for (let j = 0; j < v.length; j++) {
        const w = parseJsonNumber(want[j])
        if (!close(v[j] as number, w, tol)) return `${path}[${j}]: got ${v[j]}, expected ${w}`
      }
      return true
    }
    return `${path}: got ${typeof got}, expected an array`
  }
  const w = parseJsonNumber(want)
  if (typeof got !== 'number') return `${path}: got ${typeof got}, expected ${w}`
  return close(got, w, tol) ? true : `${path}: got ${got}, expected ${w}`
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())

function num(x: Json | undefined): number | undefined {
  return typeof x === 'number' ? x : undefined
}

function configOf(c: JsonObject, maxint: number | undefined): YumaSimulationConfig {
  const mode = c.liquid_alpha_consensus_mode
  const out: Record<string, unknown> = {
    kappa: num(c.kappa),
    bondPenalty: num(c.bond_penalty),
    bondMovingAvg: num(c.bond_moving_avg),
    liquidAlpha: c.liquid_alpha === true,
    alphaHigh: num(c.alpha_high),
    alphaLow: num(c.alpha_low),
    decayRate: num(c.decay_rate),
    capacityAlpha: num(c.capacity_alpha),
    alphaSigmoidSteepness: num(c.alpha_sigmoid_steepness),
    liquidAlphaConsensusMode:
      mode === 'CURRENT' || mode === 'PREVIOUS' || mode === 'MIXED' ? mode : undefined,
    winnerTakesAll: c.winner_takes_all === true,
    consensusPrecision: num(c.consensus_precision),
    maxint,
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
  return out as YumaSimulationConfig
}

const matrix = (x: Json | undefined): FloatMatrix => {
  if (!Array.isArray(x)) throw new Error(`expected a matrix, got ${JSON.stringify(x)}`)
  return floatMatrixFromRows((x as readonly (readonly Json[])[]).map((r) => r.map(parseJsonNumber)))
}
const vector = (x: Json | undefined): number[] => {
  if (!Array.isArray(x)) throw new Error(`expected a vector, got ${JSON.stringify(x)}`)
  return x.map(parseJsonNumber)
}
const pick = (e: JsonObject, ...keys: string[]): Json | undefined => {
  for (const k of keys) if (e[k] !== undefined) return e[k]
  return undefined
}

/** `components` of py-yuma-random*.json: direct calls of upstream helpers. */
const componentChecks: Readonly<
  Record<string, (e: JsonObject, precision: 'float32' | 'float64') => true | string>
> = {
  consensus: (e, precision) => {
    const W = matrix(e.W)
    const S = vector(e.S)
    const kappa = num(e.kappa)
    const consensusPrecision = num(e.consensus_precision)
    const base = {
      ...(kappa !== undefined ? { kappa } : {}),
      ...(consensusPrecision !== undefined ? { consensusPrecision } : {}),
    }
    const opt = compareValue(
      yumaSimulationConsensus(W, S, { precision, config: { ...base, consensus: 'optimized' } }),
      e.optimized,
      yumaTolerance,
      'optimized',
    )
    if (opt !== true) return opt
    return compareValue(
      yumaSimulationConsensus(W, S, { precision, config: { ...base, consensus: 'binarySearch' } }),
      e.binary_search,
      yumaTolerance,
      'binary_search',
    )
  },
  liquid_alpha: (e, precision) => {
    const steep = num(pick(e, 'alpha_sigmoid_steepness', 'steepness'))
    const low = num(e.alpha_low)
    const high = num(e.alpha_high)
    const got = yumaSimulationLiquidAlpha(
      { weights: matrix(e.W), bonds: matrix(e.B), consensus: vector(e.C) },
      {
        precision,
        config: {
          ...(steep !== undefined ? { alphaSigmoidSteepness: steep } : {}),
          ...(low !== undefined ? { alphaLow: low } : {}),
          ...(high !== undefined ? { alphaHigh: high } : {}),
        },
      },
    )
    return compareValue(got, pick(e, 'alpha', 'result', 'out'), yumaTolerance, 'alpha')
  },
  incentive: (e, precision) => {
    const got = yumaSimulationIncentive(vector(e.R), {
      precision,
      config: { winnerTakesAll: e.winner_takes_all === true },
    })
    return compareValue(got, pick(e, 'I', 'incentive', 'result', 'out'), yumaTolerance, 'incentive')
  },
}

const yumaSections = new Set(['meta', 'functions', 'cases', 'components'])

/** Run one `runs[]` entry of a case: `true`, or the first mismatch. */
function checkRun(c: JsonObject, run: JsonObject, precision: 'float32' | 'float64'): true | string {
  const variant = run.variant_key as YumaSimulationVariant
  if (!YUMA_SIMULATION_VARIANTS.includes(variant))
    return `unknown variant ${String(run.variant_key)}`
  const consts = (run.call_constants ?? {}) as JsonObject
  const full = c.use_full_matrices === true
  const W = c.W as readonly (readonly (readonly Json[])[])[]
  const S = c.S as readonly (readonly Json[])[]
  const weights = W.map((m) => floatMatrixFromRows(m.map((row) => row.map(parseJsonNumber))))
  const stakes = S.map((s) => s.map(parseJsonNumber))
  const nanEpochs = (run.nan_cast_epochs ?? []) as readonly number[]
  const firstNan = nanEpochs.length > 0 ? Math.min(...nanEpochs) : weights.length
  const stop = weights.length
  const numValidators = num(consts.num_validators) ?? (c.validators as readonly Json[]).length
  const numServers = num(consts.num_servers) ?? (c.servers as readonly Json[]).length
  const outs = runYumaSimulation(
    variant,
    {
      weights,
      stakes,
      numValidators,
      numServers,
      useFullMatrices: full,
      resetBonds: c.reset_bonds === true,
      ...(typeof c.reset_bonds_index === 'number' ? { resetBondsIndex: c.reset_bonds_index } : {}),
      ...(typeof c.reset_bonds_epoch === 'number' ? { resetBondsEpoch: c.reset_bonds_epoch } : {}),
    },
    { config: configOf((run.config ?? {}) as JsonObject, num(consts.maxint)), precision },
  )
  const shared = (c.shared_out ?? {}) as JsonObject
  const own = (run.out ?? {}) as JsonObject
  const returns = (run.returns ?? []) as readonly string[]
  const stateKey =
    variant === 'YUMA2C' || variant === 'YUMA3' || variant === 'YUMA3_LIQUID'
      ? 'validatorBonds'
      : 'validatorEmaBond'
  for (let e = 0; e < stop; e++) {
    const out = outs[e] as YumaSimulationEpochOutput
    for (const f of returns) {
      const series = (own[f] ?? shared[f]) as readonly Json[] | undefined
      if (series === undefined) return `epoch ${e}: no expected ${f}`
      const got = (out as Record<string, unknown>)[camel(f)]
      if (got === undefined) return `epoch ${e}: ${f} was not produced`
      const r = compareValue(got, series[e], yumaTolerance, `epoch ${e} ${f}`)
      // From the first NaN-cast epoch on, the reference holds upstream's platform-dependent
      // NaN→int cast (x86: INT_MIN); we emulate x86, but a mismatch there is not a failure.
      if (r !== true) return e < firstNan ? r : true
    }
    // the recorded post-reset B_old must equal our previous state with the reset applied
    const override = ((run.in_overrides ?? {}) as JsonObject)[String(e)] as JsonObject | undefined
    if (override?.B_old !== undefined && e > 0) {
      const prev = (outs[e - 1] as YumaSimulationEpochOutput)[stateKey] as FloatMatrix
      const col = (full ? numValidators : 0) + (c.reset_bonds_index as number)
      const data = Float64Array.from(prev.data)
      for (let i = 0; i < prev.rows; i++) data[i * prev.cols + col] = 0
      const r = compareValue(
        { ...prev, data },
        override.B_old,
        yumaTolerance,
        `epoch ${e} in_overrides.B_old`,
      )
      if (r !== true) return r
    }
  }
  return true
}

/**
 * `py-yuma*.json`: every run (case × variant/config) replayed with `runYumaSimulation` and
 * compared field by field at every epoch, within 1e-5. From a run's first `nan_cast_epochs` entry
 * on, the reference is corrupt (upstream casts NaN to int when ΣC = 0: INT_MIN on x86, 0 on ARM;
 * see PY-FORMAT.md). The port emulates x86 and is still compared there, but a mismatch from that
 * epoch on does not fail the run.
 */
export const pyYumaFile: FileHandler = (doc, file) => {
  const t = new Tally()
  for (const key of Object.keys(doc))
    if (!yumaSections.has(key)) t.fail(`unknown top-level section ${JSON.stringify(key)}`)
  const meta = (doc.meta ?? {}) as JsonObject
  const precision = meta.default_dtype === 'float64' ? 'float64' : 'float32'
  const components = (doc.components ?? {}) as JsonObject
  for (const [kind, list] of Object.entries(components)) {
    const entries = Array.isArray(list) ? (list as readonly JsonObject[]) : []
    const check = componentChecks[kind]
    t.total += entries.length
    if (check === undefined) {
      t.fail(`components.${kind}: unknown component (${entries.length} entries not run)`)
      continue
    }
    entries.forEach((e, i) => {
      t.one(`components.${kind} #${i}`, () => check(e, precision))
    })
  }
  for (const c of (doc.cases ?? []) as readonly JsonObject[]) {
    for (const run of (c.runs ?? []) as readonly JsonObject[]) {
      t.total++
      t.one(`${String(c.case_id)} ${String(run.run_id)}`, () => checkRun(c, run, precision))
    }
  }
  return t.result(file)
}

// ---- py-weights.json

/** Float outputs of `weight_utils` are compared within 1e-7 absolute; integers exactly. */
const weightsTolerance = 1e-7

type Arr = { dtype: string; values: readonly Json[] }

function arr(x: Json | undefined): Arr {
  if (
    x !== null &&
    typeof x === 'object' &&
    !Array.isArray(x) &&
    Array.isArray((x as JsonObject).values)
  )
    return x as unknown as Arr
  if (Array.isArray(x)) return { dtype: 'list', values: x }
  throw new Error(`expected an array, got ${JSON.stringify(x)}`)
}

/** Values as numbers; float32 arrays are recovered exactly with `Math.fround` (PY-FORMAT.md). */
const nums = (x: Json | undefined): number[] => {
  const a = arr(x)
  const v = a.values.map(parseJsonNumber)
  return a.dtype === 'float32' ? v.map(Math.fround) : v
}

function sameFloats(got: ArrayLike<number>, want: Json | undefined, what: string): true | string {
  const w = nums(want)
  if (got.length !== w.length) return `${what}: length ${got.length}, expected ${w.length}`
  for (let i = 0; i < w.length; i++)
    if (
      !(Math.abs((got[i] as number) - (w[i] as number)) <= weightsTolerance) &&
      !Object.is(got[i], w[i])
    )
      return `${what}[${i}]: got ${got[i]}, expected ${w[i]}`
  return true
}

function sameInts(
  got: readonly (number | bigint)[],
  want: Json | undefined,
  what: string,
): true | string {
  const w = arr(want).values
  if (got.length !== w.length) return `${what}: length ${got.length}, expected ${w.length}`
  for (let i = 0; i < w.length; i++) {
    const g = got[i]
    const ok = typeof g === 'bigint' ? g === big(w[i]) : g === parseJsonNumber(w[i])
    if (!ok) return `${what}[${i}]: got ${String(g)}, expected ${JSON.stringify(w[i])}`
  }
  return true
}

function both(a: true | string, b: true | string): true | string {
  return a === true ? b : a
}

/** An expected upstream exception must be a typed dtao error; otherwise run `ok`. */
function expectOr(result: Json | undefined, run: () => true | string): true | string {
  const isErr =
    result !== null && typeof result === 'object' && !Array.isArray(result) && 'error' in result
  if (!isErr) return run()
  try {
    const r = run()
    return `expected ${String((result as JsonObject).error)}, got a result (${r === true ? 'matching' : r})`
  } catch (e) {
    return isDtaoError(e) ? true : `expected a typed error, threw ${String(e)}`
  }
}

function emitCheck(res: Json | undefined, got: () => [number[], number[]]): true | string {
  return expectOr(res, () => {
    const [u, v] = got()
    const r = res as JsonObject
    return both(sameInts(u, r.uids, 'uids'), sameInts(v, r.vals, 'vals'))
  })
}

function dtypeOk(got: string, want: Json | undefined): true | string {
  const d = arr(want).dtype
  return d === 'list' || d === got ? true : `dtype ${got}, expected ${d}`
}

const weightChecks: Readonly<Record<string, (c: JsonObject) => true | string>> = {
  normalize_max_weight: (c) => {
    const x = arr(c.x)
    const dtype = x.dtype === 'float64' ? 'float64' : 'float32'
    return expectOr(c.result, () => {
      const got = normalizeMaxWeight(nums(c.x), { limit: parseJsonNumber(c.limit), dtype })
      return both(dtypeOk(dtype, c.result), sameFloats(got, c.result, 'result'))
    })
  },
  convert_weights_and_uids_for_emit: (c) =>
    emitCheck(c.result, () => convertWeightsAndUidsForEmit(nums(c.uids), nums(c.weights))),
  convert_and_normalize_weights_and_uids: (c) =>
    emitCheck(c.result, () => convertAndNormalizeWeightsAndUids(nums(c.uids), nums(c.weights))),
  convert_weight_uids_and_vals_to_tensor: (c) =>
    expectOr(c.result, () =>
      sameFloats(
        convertWeightUidsAndValsToTensor(c.n as number, nums(c.uids), nums(c.weights)),
        c.result,
        'result',
      ),
    ),
  convert_root_weight_uids_and_vals_to_tensor: (c) =>
    expectOr(c.result, () =>
      sameFloats(
        convertRootWeightUidsAndValsToTensor(c.n as number, nums(c.uids), nums(c.weights), {
          subnets: nums(c.subnets),
        }),
        c.result,
        'result',
      ),
    ),
  convert_bond_uids_and_vals_to_tensor: (c) =>
    expectOr(c.result, () =>
      sameInts(
        convertBondUidsAndValsToTensor(c.n as number, nums(c.uids), arr(c.bonds).values.map(big)),
        (c.result as JsonObject).values,
        'result',
      ),
    ),
  process_weights: (c) =>
    expectOr(c.result, () => {
      const p = processWeights(nums(c.uids), nums(c.weights), {
        numNeurons: c.num_neurons as number,
        minAllowedWeights: c.min_allowed_weights as number,
        maxWeightLimit: parseJsonNumber(c.max_weight_limit),
        excludeQuantile: parseJsonNumber(c.exclude_quantile),
      })
      const r = c.result as JsonObject
      return both(
        both(sameInts(p.uids, r.uids, 'uids'), dtypeOk(p.dtype, r.weights)),
        sameFloats(p.weights, r.weights, 'weights'),
      )
    }),
  process_weights_for_netuid: (c) =>
    expectOr(c.result, () => {
      const p = processWeights(nums(c.uids), nums(c.weights), {
        numNeurons: c.metagraph_n as number,
        minAllowedWeights: c.subtensor_min_allowed_weights as number,
        maxWeightLimit: parseJsonNumber(c.subtensor_max_weight_limit),
        excludeQuantile: parseJsonNumber(c.exclude_quantile),
      })
      const r = c.result as JsonObject
      return both(
        both(sameInts(p.uids, r.uids, 'uids'), dtypeOk(p.dtype, r.weights)),
        sameFloats(p.weights, r.weights, 'weights'),
      )
    }),
  convert_maybe_split_to_u16: (c) =>
    expectOr(c.result, () =>
      sameInts(convertMaybeSplitToU16(nums(c.maybe_split)), c.result, 'result'),
    ),
}

/** `py-weights.json`: bittensor 10.2.0 `weight_utils`, one case per vector. */
export const pyWeightsFile: FileHandler = (doc, file) => {
  const t = new Tally()
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'meta') continue
    const check = weightChecks[key]
    const list = Array.isArray(value) ? (value as readonly JsonObject[]) : undefined
    if (check === undefined || list === undefined) {
      t.total += list?.length ?? 0
      t.fail(`unknown top-level section ${JSON.stringify(key)}`)
      continue
    }
    t.total += list.length
    list.forEach((c, i) => {
      t.one(`${key} #${i}${typeof c.tag === 'string' ? ` (${c.tag})` : ''}`, () => check(c))
    })
  }
  return t.result(file)
}
