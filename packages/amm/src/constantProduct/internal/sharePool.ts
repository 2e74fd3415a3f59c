import { I64F64, U64F64 } from '@dtao/fixed'

/**
 * @internal The storage one hotkey's alpha share pool reads and writes, for one (hotkey, coldkey):
 * `TotalHotkeyAlpha` (u64), `TotalHotkeyShares` (U64F64), `Alpha` (U64F64, `undefined` = absent).
 */
export type ShareState = {
  totalHotkeyAlpha: bigint
  totalHotkeyShares: bigint
  alphaShare: bigint | undefined
}

const i64 = (v: bigint): bigint => BigInt.asIntN(64, v)
const zeroU = U64F64.ZERO

function sharedValue(s: ShareState): bigint {
  return U64F64.saturatingFromNum(s.totalHotkeyAlpha)
}

function setSharedValue(s: ShareState, value: bigint): void {
  s.totalHotkeyAlpha = value !== 0n ? U64F64.saturatingToNum(value, 'u64') : 0n
}

function setShare(s: ShareState, share: bigint): void {
  s.alphaShare = share !== 0n ? share : undefined
}

function setDenominator(s: ShareState, d: bigint): void {
  s.totalHotkeyShares = d
}

/** @internal `SharePool::get_value` (v1: spec < 244; v2 falls back to a multiply-first path). */
export function getValue(s: ShareState, v2: boolean): bigint {
  const shared = sharedValue(s)
  const share = s.alphaShare ?? zeroU
  const denom = s.totalHotkeyShares
  const vps = U64F64.checkedDiv(shared, denom)
  if (!v2) return U64F64.saturatingToNum(U64F64.saturatingMul(vps ?? zeroU, share), 'u64')
  const value =
    vps !== undefined
      ? U64F64.saturatingMul(vps, share)
      : (U64F64.checkedDiv(U64F64.saturatingMul(shared, share), denom) ?? zeroU)
  return U64F64.saturatingToNum(value, 'u64')
}

/** @internal `SharePool::update_value_for_all(update: i64)`. */
export function updateValueForAll(s: ShareState, update: bigint): void {
  const shared = sharedValue(s)
  setSharedValue(
    s,
    update >= 0n
      ? U64F64.saturatingAdd(shared, U64F64.saturatingFromNum(update))
      : U64F64.saturatingSub(shared, U64F64.saturatingFromNum(i64(-update))),
  )
}

/** @internal `SharePool::update_value_for_one(key, update: i64)` of share-pool @ e2b8367b8. */
export function updateValueForOneV1(s: ShareState, update: bigint): void {
  const shared = sharedValue(s)
  const share = s.alphaShare ?? zeroU
  const denom = s.totalHotkeyShares
  updateValueForAll(s, update)
  const newShared = sharedValue(s)
  if (denom === 0n) {
    setDenominator(s, newShared)
    setShare(s, newShared)
    return
  }
  const vps = I64F64.saturatingFromFixed(U64F64, U64F64.checkedDiv(shared, denom) ?? zeroU)
  const spu = I64F64.checkedDiv(I64F64.saturatingFromNum(update), vps) ?? I64F64.ZERO
  applyShares(s, denom, share, spu)
}

function applyShares(s: ShareState, denom: bigint, share: bigint, spu: bigint): void {
  if (spu >= 0n) {
    const inc = U64F64.saturatingFromFixed(I64F64, spu)
    setDenominator(s, U64F64.saturatingAdd(denom, inc))
    setShare(s, U64F64.saturatingAdd(share, inc))
  } else {
    const dec = U64F64.saturatingFromFixed(I64F64, I64F64.neg(spu))
    setDenominator(s, U64F64.saturatingSub(denom, dec))
    setShare(s, U64F64.saturatingSub(share, dec))
  }
}

const precisionFloor = U64F64.saturatingFromNum(0.00001)
const yearOfEmission = U64F64.saturatingFromNum(2_628_000_000_000_000n)

/**
 * @internal `SharePool::update_value_for_one(key, update: i64) -> i64` of share-pool @ 4c9836f8c
 * (returns the actual update).
 */
export function updateValueForOneV2(s: ShareState, update: bigint): bigint {
  const shared = sharedValue(s)
  const share = s.alphaShare ?? zeroU
  const denom = s.totalHotkeyShares
  const initialValue = i64(getValue(s, true))
  let actual = update
  if (denom === 0n) {
    const u = U64F64.saturatingFromNum(update)
    setDenominator(s, u)
    setShare(s, u)
  } else {
    const vps = U64F64.checkedDiv(shared, denom)
    const spu =
      vps !== undefined
        ? (I64F64.checkedDiv(
            I64F64.saturatingFromNum(update),
            I64F64.saturatingFromFixed(U64F64, vps),
          ) ?? I64F64.ZERO)
        : I64F64.saturatingMul(
            I64F64.checkedDiv(
              I64F64.saturatingFromNum(update),
              I64F64.saturatingFromFixed(U64F64, shared),
            ) ?? I64F64.ZERO,
            I64F64.saturatingFromFixed(U64F64, denom),
          )
    if (spu >= 0n) {
      applyShares(s, denom, share, spu)
    } else {
      const dec = U64F64.saturatingFromFixed(I64F64, I64F64.neg(spu))
      let newDenom = U64F64.saturatingSub(denom, dec)
      let newShare = U64F64.saturatingSub(share, dec)
      if (
        U64F64.safeDiv(newShare, share) < precisionFloor ||
        U64F64.checkedDiv(U64F64.saturatingAdd(shared, yearOfEmission), newDenom) === undefined
      ) {
        newShare = zeroU
        newDenom = U64F64.saturatingSub(denom, share)
        actual = i64(-initialValue)
      }
      setDenominator(s, newDenom)
      setShare(s, newShare)
    }
  }
  updateValueForAll(s, actual)
  return actual
}
