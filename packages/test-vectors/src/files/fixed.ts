import {
  type FixedFormat,
  f64FromRawBits,
  I32F32,
  I64F64,
  I96F32,
  I110F18,
  U64F64,
  U96F32,
  U110F18,
} from '@dtao/fixed'
import {
  attempt,
  big,
  type CaseCheck,
  expectValue,
  type FileHandler,
  type Json,
  type JsonObject,
  parseJsonNumber,
  runGroups,
} from '../runner.js'

const formats: Readonly<Record<string, FixedFormat<string>>> = {
  I32F32,
  I64F64,
  U64F64,
  U96F32,
  I96F32,
  U110F18,
  I110F18,
}

type F = FixedFormat<string>
type Unary = (f: F, a: bigint) => unknown
type Binary = (f: F, a: bigint, b: bigint) => unknown

const unary: Readonly<Record<string, Unary>> = {
  to_num_f64: (f, a) => f.toNum(a, 'f64'),
  saturating_to_num_u64: (f, a) => f.saturatingToNum(a, 'u64'),
  to_num_u64: (f, a) => f.toNum(a, 'u64'),
  to_num_i64: (f, a) => f.toNum(a, 'i64'),
  saturating_to_num_i64: (f, a) => f.saturatingToNum(a, 'i64'),
  saturating_to_num_u128: (f, a) => f.saturatingToNum(a, 'u128'),
  checked_to_num_u64: (f, a) => f.checkedToNum(a, 'u64'),
  checked_to_num_i64: (f, a) => f.checkedToNum(a, 'i64'),
  saturating_to_num_u16: (f, a) => f.saturatingToNum(a, 'u16'),
  floor: (f, a) => f.floor(a),
  ceil: (f, a) => f.ceil(a),
  round: (f, a) => f.round(a),
  frac: (f, a) => f.frac(a),
  int: (f, a) => f.int(a),
  checked_floor: (f, a) => f.checkedFloor(a),
  checked_ln: (f, a) => f.checkedLn(a),
  saturating_neg: (f, a) => f.saturatingNeg(a),
}

const binary: Readonly<Record<string, Binary>> = {
  saturating_add: (f, a, b) => f.saturatingAdd(a, b),
  saturating_sub: (f, a, b) => f.saturatingSub(a, b),
  saturating_mul: (f, a, b) => f.saturatingMul(a, b),
  saturating_div: (f, a, b) => f.saturatingDiv(a, b),
  checked_add: (f, a, b) => f.checkedAdd(a, b),
  checked_sub: (f, a, b) => f.checkedSub(a, b),
  checked_mul: (f, a, b) => f.checkedMul(a, b),
  checked_div: (f, a, b) => f.checkedDiv(a, b),
  safe_div: (f, a, b) => f.safeDiv(a, b),
  abs_diff: (f, a, b) => f.absDiff(a, b),
  op_add: (f, a, b) => f.add(a, b),
  op_sub: (f, a, b) => f.sub(a, b),
  op_mul: (f, a, b) => f.mul(a, b),
  op_div: (f, a, b) => f.div(a, b),
}

const transcendental: Readonly<Record<string, Unary>> = {
  transcendental_exp: (f, a) => f.exp(a),
  transcendental_ln: (f, a) => f.ln(a),
  transcendental_log2: (f, a) => f.log2(a),
}

function all(checks: readonly (true | string)[]): true | string {
  const bad = checks.filter((c) => c !== true)
  return bad.length === 0 ? true : bad.join('; ')
}

function fromChecks(f: F, a: bigint | number, c: JsonObject, nonFinite: boolean): true | string {
  const o = nonFinite ? ({ nonFinite: 'substrate' } as const) : {}
  return all([
    labelled(
      'saturating',
      expectValue(
        c.saturating,
        attempt(() => f.saturatingFromNum(a, o)),
      ),
    ),
    labelled(
      'checked',
      expectValue(
        c.checked,
        attempt(() => f.checkedFromNum(a, o)),
      ),
    ),
    labelled(
      'from_num',
      expectValue(
        c.from_num,
        attempt(() => f.fromNum(a, o)),
      ),
    ),
  ])
}

function labelled(what: string, r: true | string): true | string {
  return r === true ? true : `${what}: ${r}`
}

function dispatch(group: JsonObject): CaseCheck | undefined {
  const op = group.op as string
  const f = formats[group.type as string]
  if (f === undefined) return undefined
  const u = unary[op]
  if (u)
    return (c) =>
      expectValue(
        c.r,
        attempt(() => u(f, big(c.a))),
      )
  const b = binary[op]
  if (b)
    return (c) =>
      expectValue(
        c.r,
        attempt(() => b(f, big(c.a), big(c.b))),
      )
  const to = group.to === undefined ? undefined : formats[group.to as string]
  const t = transcendental[op]
  if (t) {
    if (to !== f) return undefined
    return (c) =>
      expectValue(
        c.r,
        attempt(() => t(f, big(c.a))),
      )
  }
  switch (op) {
    case 'checked_sqrt': {
      const eps = big(group.epsilon_bits as Json)
      return (c) =>
        expectValue(
          c.r,
          attempt(() => f.checkedSqrt(big(c.a), eps)),
        )
    }
    case 'checked_pow':
      return (c) =>
        expectValue(
          c.r,
          attempt(() => f.checkedPow(big(c.a), big(c.exp))),
        )
    case 'from_u64':
    case 'from_i64':
    case 'from_u128':
      return (c) => fromChecks(f, big(c.a), c, false)
    case 'from_f64':
      return (c) => {
        const x = f64FromRawBits(big(c.a_f64_bits))
        const named = parseJsonNumber(c.a)
        if (!Object.is(x, named) && !(Number.isNaN(x) && Number.isNaN(named))) {
          return `a (${String(c.a)}) disagrees with a_f64_bits`
        }
        return fromChecks(f, x, c, !Number.isFinite(x))
      }
    case 'convert': {
      if (to === undefined) return undefined
      return (c) =>
        all([
          labelled(
            'saturating',
            expectValue(
              c.saturating,
              attempt(() => to.saturatingFromFixed(f, big(c.a))),
            ),
          ),
          labelled(
            'checked',
            expectValue(
              c.checked,
              attempt(() => to.checkedFromFixed(f, big(c.a))),
            ),
          ),
        ])
    }
    default:
      return undefined
  }
}

/** `fixed.json`: substrate-fixed and safe-math `FixedExt` ops for every format. */
export const fixedFile: FileHandler = (doc, file) =>
  runGroups(
    doc,
    file,
    dispatch,
    (g) => `${String(g.op)}/${String(g.type)}${g.to ? `→${String(g.to)}` : ''}`,
  )
