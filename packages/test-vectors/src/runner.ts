import { isDtaoError } from '@dtao/errors'

/** A JSON value as vector files hold it. */
export type Json =
  | null
  | boolean
  | number
  | string
  | readonly Json[]
  | { readonly [k: string]: Json }
/** A JSON object. */
export type JsonObject = { readonly [k: string]: Json }

/** What one file produced: counts and the first failure messages. */
export type FileResult = {
  readonly file: string
  /** Cases in the file, by the README's definition of a case. */
  readonly total: number
  /** Cases that were dispatched to an implementation. */
  readonly run: number
  readonly passed: number
  readonly failures: readonly string[]
}

/** Runs a whole vector file (a parsed JSON document) against the implementation. */
export type FileHandler = (doc: JsonObject, file: string) => FileResult

/** A case checker: `true` when it passes, else a description of the mismatch. */
export type CaseCheck = (c: JsonObject) => true | string

const maxMessages = 20

/** Collects counts and a bounded list of failure messages. */
export class Tally {
  total = 0
  run = 0
  passed = 0
  readonly failures: string[] = []
  failed = 0

  fail(message: string): void {
    this.failed++
    if (this.failures.length < maxMessages) this.failures.push(message)
  }

  /** Run one case through `check`, turning unexpected exceptions into failures. */
  one(label: string, check: () => true | string): void {
    this.run++
    let r: true | string
    try {
      r = check()
    } catch (e) {
      r = `threw ${e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e)}`
    }
    if (r === true) this.passed++
    else this.fail(`${label}: ${r}`)
  }

  result(file: string): FileResult {
    return { file, total: this.total, run: this.run, passed: this.passed, failures: this.failures }
  }
}

/** The header keys every vector file may carry besides its sections. */
export const headerKeys: ReadonlySet<string> = new Set([
  'format_version',
  'file',
  'kind',
  'seed',
  'subtensor_commit',
  'substrate_fixed',
  'safe_bigmath',
  'sp_arithmetic',
  'alloy_primitives',
  'spec_version',
  'variant',
  'subtensor_commits',
  'generator',
  'source',
  'notes',
  'note',
  'provenance',
])

/**
 * Run a file of the `groups: [{ …, cases: [...] }]` shape. `dispatch` returns the case checker
 * for a group, or `undefined` when the group is unknown (all its cases then fail).
 */
export function runGroups(
  doc: JsonObject,
  file: string,
  dispatch: (group: JsonObject) => CaseCheck | undefined,
  groupLabel: (group: JsonObject) => string,
): FileResult {
  const t = new Tally()
  for (const key of Object.keys(doc)) {
    if (key !== 'groups' && !headerKeys.has(key))
      t.fail(`unknown top-level section ${JSON.stringify(key)}`)
  }
  const groups = (doc.groups ?? []) as readonly JsonObject[]
  for (const group of groups) {
    const cases = (group.cases ?? []) as readonly JsonObject[]
    t.total += cases.length
    const label = groupLabel(group)
    let check: CaseCheck | undefined
    try {
      check = dispatch(group)
    } catch (e) {
      t.fail(`${label}: dispatcher threw ${String(e)}`)
      continue
    }
    if (check === undefined) {
      t.fail(`${label}: unknown group (${cases.length} cases not run)`)
      continue
    }
    cases.forEach((c, i) => {
      t.one(`${label} #${i}`, () => (check as CaseCheck)(c))
    })
  }
  return t.result(file)
}

/** What an implementation produced: a value, or the fact that it threw. */
export type Outcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown }

/** Call `f`, capturing a throw as an outcome. */
export function attempt(f: () => unknown): Outcome {
  try {
    return { ok: true, value: f() }
  } catch (error) {
    return { ok: false, error }
  }
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`
  if (v === undefined) return 'undefined'
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))
  } catch {
    return String(v)
  }
}

/**
 * Compare an outcome with an expected JSON value: `{"panic":true}` wants a typed dtao error,
 * `{"err":true}` and `null` want `undefined`, strings are exact integers, numbers are compared
 * exactly (`Object.is`, with the JSON spellings of non-finite values), booleans by identity.
 */
export function expectValue(expected: Json | undefined, got: Outcome): true | string {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const o = expected as JsonObject
    if (o.panic === true) {
      if (!got.ok && isDtaoError(got.error)) return true
      return got.ok
        ? `expected a panic (typed error), got ${show(got.value)}`
        : `threw a non-dtao error ${String(got.error)}`
    }
    if (o.err === true) {
      if (got.ok && got.value === undefined) return true
      return got.ok
        ? `expected Err (undefined), got ${show(got.value)}`
        : `threw ${String(got.error)}`
    }
  }
  if (!got.ok) {
    const e = got.error
    return `expected ${show(expected)}, threw ${e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e)}`
  }
  const v = got.value
  if (expected === null) return v === undefined ? true : `expected null (undefined), got ${show(v)}`
  if (typeof expected === 'string') {
    if (typeof v === 'bigint' && /^-?\d+$/.test(expected))
      return v === BigInt(expected) ? true : `expected ${expected}, got ${show(v)}`
    if (typeof v === 'number') {
      const x = parseJsonNumber(expected)
      return Object.is(v, x) ? true : `expected ${expected}, got ${show(v)}`
    }
    return v === expected ? true : `expected ${show(expected)}, got ${show(v)}`
  }
  if (typeof expected === 'number') {
    if (typeof v === 'number')
      return Object.is(v, expected) ? true : `expected ${expected}, got ${v}`
    if (typeof v === 'bigint')
      return Number.isInteger(expected) && v === BigInt(expected)
        ? true
        : `expected ${expected}, got ${show(v)}`
    return `expected ${expected}, got ${show(v)}`
  }
  if (typeof expected === 'boolean')
    return v === expected ? true : `expected ${expected}, got ${show(v)}`
  return `unsupported expected value ${show(expected)}`
}

/** A JSON number or its string spelling (`"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`). */
export function parseJsonNumber(x: Json | undefined): number {
  if (typeof x === 'number') return x
  if (x === 'NaN') return Number.NaN
  if (x === 'Infinity') return Number.POSITIVE_INFINITY
  if (x === '-Infinity') return Number.NEGATIVE_INFINITY
  if (x === '-0') return -0
  if (typeof x === 'string') return Number(x)
  throw new Error(`not a number: ${show(x)}`)
}

/** Require a field of a case to be a decimal integer string (or integer number) and parse it. */
export function big(x: Json | undefined): bigint {
  if (typeof x === 'string' && /^-?\d+$/.test(x)) return BigInt(x)
  if (typeof x === 'number' && Number.isInteger(x)) return BigInt(x)
  throw new Error(`expected an integer string, got ${show(x)}`)
}
