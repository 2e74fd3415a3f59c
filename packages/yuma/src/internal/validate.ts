import type { EpochInput, EpochOptions } from '../epochTypes.js'
import { InvalidValueError, LengthMismatchError, UidOutOfRangeError } from '../errors.js'

const U64_MAX = 18446744073709551615n

function int(field: string, value: unknown, lo: number, hi: number, type: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi)
    throw new InvalidValueError({ field, value, expected: type })
}

function u64(field: string, value: unknown): void {
  if (typeof value !== 'bigint' || value < 0n || value > U64_MAX)
    throw new InvalidValueError({ field, value, expected: 'u64' })
}

function u64s(field: string, values: readonly bigint[]): void {
  for (let i = 0; i < values.length; i++) {
    const x = values[i]
    // asUintN(64, x) === x exactly for 0 ≤ x ≤ u64::MAX (one comparison instead of two)
    if (typeof x !== 'bigint' || BigInt.asUintN(64, x) !== x) u64(`${field}[${i}]`, x)
  }
}

function rows(
  field: string,
  m: EpochInput['weights'],
  n: number,
  uidRange: 'throw' | 'chain',
): void {
  for (let i = 0; i < m.length; i++) {
    const row = m[i]
    if (!Array.isArray(row))
      throw new InvalidValueError({ field: `${field}[${i}]`, value: row, expected: 'row' })
    for (let k = 0; k < row.length; k++) {
      const e = row[k] as readonly [number, number]
      const j = e[0]
      const w = e[1]
      // Plain checks first; the messages are built only on failure.
      // (x & 0xffff) === x exactly for the integers 0…65535 (and −0)
      if (typeof j !== 'number' || (j & 0xffff) !== j)
        int(`${field}[${i}] uid`, j, 0, 65535, 'u16 uid')
      if (typeof w !== 'number' || (w & 0xffff) !== w)
        int(`${field}[${i}][${j}]`, w, 0, 65535, 'u16')
      if (uidRange === 'throw' && j >= n)
        throw new UidOutOfRangeError({ field: `${field}[${i}]`, uid: j, n })
    }
  }
}

function len(field: string, a: readonly unknown[], n: number): void {
  if (!Array.isArray(a) || a.length !== n)
    throw new LengthMismatchError({ field, length: Array.isArray(a) ? a.length : -1, expected: n })
}

/**
 * Check an epoch input against its chain types. Per-uid arrays must have length n, except
 * `lastUpdate` and `validatorPermit`, whose length mismatches the chain tolerates.
 *
 * @internal
 */
export function validateEpochInput(input: EpochInput, options: EpochOptions): void {
  const uidRange = options.uidRange ?? 'throw'
  const n = input.n
  int('n', n, 0, 65535, 'u16')
  u64('currentBlock', input.currentBlock)
  int('tempo', input.tempo, 0, 65535, 'u16')
  int('activityCutoffFactorMilli', input.activityCutoffFactorMilli, 0, 4294967295, 'u32')
  if (uidRange === 'throw') {
    len('alphaStake', input.alphaStake, n)
    len('taoStake', input.taoStake, n)
    len('blockAtRegistration', input.blockAtRegistration, n)
    len('weights', input.weights, n)
    len('bonds', input.bonds, n)
  }
  u64s('alphaStake', input.alphaStake)
  u64s('taoStake', input.taoStake)
  u64s('blockAtRegistration', input.blockAtRegistration)
  u64s('lastUpdate', input.lastUpdate)
  u64('taoWeight', input.taoWeight)
  u64('stakeThreshold', input.stakeThreshold)
  if (input.ownerUid !== null) {
    int('ownerUid', input.ownerUid, 0, 65535, 'u16 uid')
    if (uidRange === 'throw' && input.ownerUid >= n)
      throw new UidOutOfRangeError({ field: 'ownerUid', uid: input.ownerUid, n })
  }
  for (const p of input.validatorPermit)
    if (typeof p !== 'boolean')
      throw new InvalidValueError({ field: 'validatorPermit', value: p, expected: 'bool' })
  int('maxAllowedValidators', input.maxAllowedValidators, 0, 65535, 'u16')
  rows('weights', input.weights, n, uidRange)
  rows('bonds', input.bonds, n, uidRange)
  int('kappa', input.kappa, 0, 65535, 'u16')
  int('bondsPenalty', input.bondsPenalty, 0, 65535, 'u16')
  u64('bondsMovingAverage', input.bondsMovingAverage)
  int('alphaLow', input.alphaLow, 0, 65535, 'u16')
  int('alphaHigh', input.alphaHigh, 0, 65535, 'u16')
  int('alphaSigmoidSteepness', input.alphaSigmoidSteepness, -32768, 32767, 'i16')
  u64('lastMechanismStepBlock', input.lastMechanismStepBlock)
  u64('raoEmission', input.raoEmission)
  if (input.currentEpochWithLookahead !== undefined)
    u64('currentEpochWithLookahead', input.currentEpochWithLookahead)
  if (input.revealPeriod !== undefined) u64('revealPeriod', input.revealPeriod)
  for (const q of input.weightCommitsV2 ?? []) {
    int('weightCommitsV2 uid', q.uid, 0, 65535, 'u16 uid')
    for (const e of q.queue) {
      u64('weightCommitsV2 commitEpoch', e.commitEpoch)
      u64('weightCommitsV2 commitBlock', e.commitBlock)
    }
  }
  for (const q of input.timelockedCommitsV4 ?? []) {
    u64('timelockedCommitsV4 commitEpoch', q.commitEpoch)
    for (const e of q.queue) {
      int('timelockedCommitsV4 uid', e.uid, 0, 65535, 'u16 uid')
      u64('timelockedCommitsV4 commitBlock', e.commitBlock)
    }
  }
}
