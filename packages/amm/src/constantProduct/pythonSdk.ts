import { BaseError } from '@dtao/errors'

/*
 * The Python SDK's Balance and DynamicInfo helpers (bittensor 10.2.0, `bittensor/utils/balance.py`,
 * `bittensor/core/chain_data/dynamic_info.py`, `sim_swap.py`), reproduced with their float and
 * constant-product mistakes so SDK output can be predicted and compared. **This is not chain
 * truth**: for chain-exact amounts use the era's own functions (`quoteSwapCp`, `swapV3`, the
 * Balancer quotes). Python semantics are emulated exactly: Python `int` is `bigint`, Python
 * `float` is `number`, `int / int` is correctly rounded, `float` formatting rounds the exact
 * binary value half-to-even.
 */

/**
 * A Python SDK `Balance`: an arbitrary-precision rao integer tagged with a netuid (its unit).
 *
 * @example
 * ```ts
 * import type { PySdkBalance } from '@dtao/amm'
 * const b: PySdkBalance = { rao: 1_500_000_000n, netuid: 0 } // τ1.500000000
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance`
 */
export type PySdkBalance = {
  /** `Balance.rao` (a Python int). */
  readonly rao: bigint
  /** `Balance.netuid`: 0 is TAO, N is subnet N's alpha. */
  readonly netuid: number
}

/**
 * A value the Python SDK helpers accept: `bigint` is a Python `int`, `number` a Python `float`,
 * or a Balance.
 *
 * @example
 * ```ts
 * import type { PySdkValue } from '@dtao/amm'
 * const inputs: PySdkValue[] = [1n, 1.5, { rao: 1n, netuid: 0 }]
 * ```
 */
export type PySdkValue = bigint | number | PySdkBalance

// The code points of `UNITS` in balance.py, in order (netuid → symbol).
const unitCodePoints: readonly number[] = [
  964, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 963,
  116, 965, 966, 967, 968, 969, 1488, 1489, 1490, 1491, 1492, 1493, 1494, 1495, 1496, 1497, 1498,
  1499, 1500, 1501, 1502, 1503, 1504, 1505, 1506, 1507, 1508, 1509, 1510, 1511, 1512, 1513, 1514,
  1575, 1576, 1578, 1579, 1580, 1581, 1582, 1583, 1584, 1585, 1586, 1587, 1588, 1589, 1590, 1591,
  1592, 1593, 1594, 1601, 1602, 1603, 1604, 1605, 1606, 1607, 1608, 1610, 1609, 5792, 5794, 5798,
  5800, 5809, 5811, 1067, 5833, 5842, 5760, 5761, 5762, 5763, 5764, 5765, 5787, 4304, 4305, 4306,
  4307, 4308, 4309, 1329, 1330, 1331, 1332, 1333, 1334, 1374, 1024, 1025, 1026, 1027, 1028, 1029,
  1098, 11392, 11393, 11394, 11395, 11396, 11397, 69632, 69633, 69634, 69635, 69637, 3505, 3506,
  3507, 3508, 3509, 3510, 11264, 11265, 11266, 11267, 11268, 11269, 11270, 11271, 11272, 11273,
  11274, 11275, 11276, 11277, 11278, 11279, 11280, 11281, 11282, 11283, 11284, 11285, 11286, 11287,
  11288, 11289, 11290, 11291, 11292, 11293, 11294, 11295, 11296, 3585, 3586, 3587, 3588, 3589, 3590,
  3591, 3592, 3593, 3594, 3595, 3596, 3597, 3598, 3599, 3600, 3601, 3602, 3603, 3604, 3605, 3606,
  3607, 3608, 3609, 3610, 3611, 3612, 3613, 3614, 3615, 3616, 3617, 3618, 3619, 3621, 3623, 3624,
  3625, 3626, 3627, 3628, 3629, 3630, 4352, 4353, 4354, 4355, 4356, 4357, 4358, 4359, 4360, 4361,
  4362, 4363, 4364, 4365, 4449, 4450, 4451, 4452, 4453, 4454, 4455, 4456, 4457, 4458, 4459, 4460,
  4461, 4462, 4463, 4464, 4465, 4466, 4467, 4468, 4469, 4768, 4769, 4770, 4771, 4772, 4773, 4774,
  4775, 4808, 4809, 4810, 4811, 4812, 4813, 4814, 4784, 4785, 4786, 4787, 4788, 4789, 4790, 4752,
  4753, 4754, 4755, 4756, 4757, 4758, 2309, 2310, 2311, 2312, 2313, 2314, 2315, 2319, 2320, 2323,
  2324, 2325, 2326, 2327, 2328, 2329, 2330, 2331, 2332, 2333, 2334, 2335, 2336, 2337, 2338, 2339,
  2340, 2341, 2342, 2343, 2344, 2346, 2347, 2348, 2349, 2350, 2351, 2352, 2354, 2357, 2358, 2359,
  2360, 2361, 12450, 12452, 12454, 12456, 12458, 12459, 12461, 12463, 12465, 12467, 12469, 12471,
  12473, 12475, 12477, 12479, 12481, 12484, 12486, 12488, 12490, 12491, 12492, 12493, 12494, 12495,
  12498, 12501, 12504, 12507, 12510, 12511, 12512, 12513, 12514, 12516, 12518, 12520, 12521, 12522,
  12523, 12524, 12525, 12527, 12530, 12531, 11568, 11569, 11570, 11571, 11572, 11573, 11574, 11575,
  11576, 11577, 11578, 11579, 11580, 11581, 11582, 11583, 11584, 11585, 11586, 11587, 11588, 11589,
  11590, 11591, 11592, 11593, 11594, 11595, 11596, 11597, 11598, 11599, 11600, 11601, 11602, 11603,
  3461, 3462, 3463, 3464, 3465, 3466, 3467, 3468, 3471, 3472, 3473, 3474, 3475, 3476, 3477, 3478,
  3482, 3483, 3484, 3485, 3486, 3487, 3488, 3489, 3490, 3491, 3492, 3493, 3494, 3495, 3496, 3498,
  3499, 3500, 3501, 3502, 3503, 3504,
]

/**
 * `UNITS` of the Python SDK: the 439 unit symbols, indexed by netuid.
 *
 * @example
 * ```ts
 * import { PY_SDK_UNITS } from '@dtao/amm'
 * PY_SDK_UNITS[1] // 'α'
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `UNITS`
 */
export const PY_SDK_UNITS: readonly string[] = Object.freeze(
  unitCodePoints.map((c) => String.fromCodePoint(c)),
)

/**
 * `Balance.get_unit(netuid)`: `UNITS[netuid]`, or base-439 digits of UNITS for larger netuids.
 *
 * @param netuid - The subnet id (≥ 0).
 * @returns The unit symbol.
 * @example
 * ```ts
 * import { pySdkGetUnit } from '@dtao/amm'
 * pySdkGetUnit(439) // 'ατ'
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.get_unit`
 */
export function pySdkGetUnit(netuid: number): string {
  const base = PY_SDK_UNITS.length
  if (netuid < base) return PY_SDK_UNITS[netuid] as string
  let n = netuid
  let result = ''
  while (n > 0) {
    result = (PY_SDK_UNITS[n % base] as string) + result
    n = Math.floor(n / base)
  }
  return result
}

// ------------------------------------------------------------------ Python numeric semantics

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length
}

/** Python `int / int`: the correctly rounded quotient (round half to even). */
function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new PythonSdkError('ZeroDivisionError', 'division by zero')
  const neg = a < 0n !== b < 0n
  const x = a < 0n ? -a : a
  const y = b < 0n ? -b : b
  if (x === 0n) return neg ? -0 : 0
  const limit = 1n << 53n
  let q: number
  if (x < limit && y < limit) {
    q = Number(x) / Number(y)
  } else {
    const shift = 55 - (bitLength(x) - bitLength(y))
    const num = shift >= 0 ? x << BigInt(shift) : x
    const den = shift >= 0 ? y : y << BigInt(-shift)
    let quotient = num / den
    if (num % den !== 0n) quotient |= 1n // sticky bit below the rounding position
    q = Number(quotient) * 2 ** -shift
  }
  return neg ? -q : q
}

/** Python `int(x)` for a float: truncation toward zero. */
function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) {
    throw new PythonSdkError('ValueError', 'cannot convert float NaN to integer')
  }
  if (!Number.isFinite(x)) {
    throw new PythonSdkError('OverflowError', 'cannot convert float infinity to integer')
  }
  return BigInt(Math.trunc(x))
}

/** Python `float(int)`: round to nearest, ties to even. */
function intToFloat(n: bigint): number {
  return Number(n)
}

/** Python `float // float`. */
function floatFloorDiv(vx: number, wx: number): number {
  if (wx === 0) throw new PythonSdkError('ZeroDivisionError', 'float floor division by zero')
  let mod = vx % wx
  let div = (vx - mod) / wx
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx
      div -= 1
    }
  }
  if (div !== 0) {
    let floordiv = Math.floor(div)
    if (div - floordiv > 0.5) floordiv += 1
    return floordiv
  }
  return vx / wx < 0 || Object.is(vx / wx, -0) ? -0 : 0
}

/** Python `int // int` (floor). */
function intFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new PythonSdkError('ZeroDivisionError', 'integer division or modulo by zero')
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** Python `int(x)` of an `int | float` arithmetic result. */
function toInt(x: bigint | number): bigint {
  return typeof x === 'bigint' ? x : floatToInt(x)
}

function numAdd(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a + b
  return (typeof a === 'bigint' ? intToFloat(a) : a) + (typeof b === 'bigint' ? intToFloat(b) : b)
}

function numMul(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a * b
  return (typeof a === 'bigint' ? intToFloat(a) : a) * (typeof b === 'bigint' ? intToFloat(b) : b)
}

function numTrueDiv(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return intTrueDiv(a, b)
  const x = typeof a === 'bigint' ? intToFloat(a) : a
  const y = typeof b === 'bigint' ? intToFloat(b) : b
  if (y === 0) throw new PythonSdkError('ZeroDivisionError', 'float division by zero')
  return x / y
}

function numFloorDiv(a: bigint | number, b: bigint | number): bigint | number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return intFloorDiv(a, b)
  return floatFloorDiv(
    typeof a === 'bigint' ? intToFloat(a) : a,
    typeof b === 'bigint' ? intToFloat(b) : b,
  )
}

/** The exact value of a finite double as `m · 2^e`. */
function decompose(x: number): readonly [bigint, number] {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, Math.abs(x))
  const hi = view.getUint32(0)
  const lo = view.getUint32(4)
  const exp = (hi >>> 20) & 0x7ff
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  if (exp === 0) return [mant, -1074]
  return [mant | (1n << 52n), exp - 1075]
}

/**
 * Python `format(x, ',.Nf')` / `'.Nf'`: the exact binary value rounded half to even at N digits,
 * with optional thousands separators.
 */
function formatFixed(x: number, digits: number, group: boolean): string {
  if (Number.isNaN(x)) return 'nan'
  const sign = x < 0 || Object.is(x, -0) ? '-' : ''
  if (!Number.isFinite(x)) return `${sign}inf`
  const [m, e] = decompose(x)
  const scale = 10n ** BigInt(digits)
  let n: bigint
  if (e >= 0) {
    n = (m << BigInt(e)) * scale
  } else {
    const num = m * scale
    const den = 1n << BigInt(-e)
    n = num / den
    const r2 = (num % den) * 2n
    if (r2 > den || (r2 === den && (n & 1n) === 1n)) n += 1n
  }
  let int = (n / scale).toString()
  const frac = (n % scale).toString().padStart(digits, '0')
  if (group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return digits > 0 ? `${sign}${int}.${frac}` : `${sign}${int}`
}

// ------------------------------------------------------------------ Balance

function isBalance(v: PySdkValue): v is PySdkBalance {
  return typeof v === 'object'
}

function balance(rao: bigint, netuid = 0): PySdkBalance {
  return Object.freeze({ rao, netuid })
}

/**
 * `Balance.from_tao(amount, netuid)`: rao = `int(amount · 10⁹)`, in binary float for a float
 * amount (so 8.2 → 8 199 999 999 rao) and exactly for an int.
 *
 * @param amount - TAO as a Python float (`number`) or int (`bigint`).
 * @param netuid - The unit (default 0, TAO).
 * @returns The Balance.
 * @throws {@link PythonSdkError} For non-finite floats (`ValueError`/`OverflowError`), as Python.
 * @example
 * ```ts
 * import { pySdkBalanceFromTao } from '@dtao/amm'
 * pySdkBalanceFromTao(8.2).rao // 8199999999n (8.2 · 1e9 = 8199999999.999999 in float64)
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.from_tao`
 */
export function pySdkBalanceFromTao(amount: number | bigint, netuid = 0): PySdkBalance {
  return balance(toInt(numMul(amount, 1_000_000_000n)), netuid)
}

/**
 * `Balance.from_rao(amount, netuid)`.
 *
 * @param amount - Rao (a Python int).
 * @param netuid - The unit (default 0).
 * @returns The Balance.
 * @example
 * ```ts
 * import { pySdkBalanceFromRao } from '@dtao/amm'
 * pySdkBalanceFromRao(5n, 3) // { rao: 5n, netuid: 3 }
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.from_rao`
 */
export function pySdkBalanceFromRao(amount: bigint, netuid = 0): PySdkBalance {
  return balance(amount, netuid)
}

/**
 * `Balance(x)`: an int is rao, a float is TAO (`int(x · 10⁹)`); anything else raises `TypeError`.
 *
 * @param input - A Python int (`bigint`) or float (`number`).
 * @returns The Balance (unit TAO).
 * @throws {@link PythonSdkError} `TypeError` for other inputs.
 * @example
 * ```ts
 * import { pySdkBalance } from '@dtao/amm'
 * pySdkBalance(1.5).rao // 1500000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.__init__`
 */
export function pySdkBalance(input: unknown): PySdkBalance {
  if (typeof input === 'bigint') return balance(input)
  if (typeof input === 'number') return balance(toInt(input * 1e9))
  const type =
    input === null
      ? 'NoneType'
      : Array.isArray(input)
        ? 'list'
        : typeof input === 'string'
          ? 'str'
          : typeof input
  throw new PythonSdkError(
    'TypeError',
    `Balance must be an int (rao) or a float (tao), not  \`<class '${type}'>\`.`,
  )
}

/**
 * `Balance.tao`: rao / 10⁹ as a Python float (correctly rounded).
 *
 * @param b - The Balance.
 * @returns TAO as a float.
 * @example
 * ```ts
 * import { pySdkBalanceTao } from '@dtao/amm'
 * pySdkBalanceTao({ rao: 1n, netuid: 0 }) // 1e-9
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.tao`
 */
export function pySdkBalanceTao(b: PySdkBalance): number {
  return intTrueDiv(b.rao, 1_000_000_000n)
}

/**
 * `str(Balance)`: `τ1,234.567890000` for TAO, `\u200e1.000000000α\u200e` for alpha — the float
 * TAO value with thousands separators, so rao ≥ 2⁵³ print float-rounded digits.
 *
 * @param b - The Balance.
 * @returns The SDK's string.
 * @example
 * ```ts
 * import { pySdkFormatBalance } from '@dtao/amm'
 * pySdkFormatBalance({ rao: 1_204_742_021_052n, netuid: 0 }) // 'τ1,204.742021052'
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.__str__`
 */
export function pySdkFormatBalance(b: PySdkBalance): string {
  const unit = pySdkGetUnit(b.netuid)
  const value = formatFixed(pySdkBalanceTao(b), 9, true)
  return unit === PY_SDK_UNITS[0] ? `${unit}${value}` : `\u200e${value}${unit}\u200e`
}

/**
 * The SDK's rich-console renderings: `__rich__` (`[green]α1.000000[/green]`, six decimals),
 * `__str_rao__` (`α1000`) and `__rich_rao__`.
 *
 * @param b - The Balance.
 * @returns The three strings.
 * @example
 * ```ts
 * import { pySdkRichBalance } from '@dtao/amm'
 * pySdkRichBalance({ rao: 1n, netuid: 3 }).strRao // 'γ1'
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.__rich__`, `__str_rao__`, `__rich_rao__`
 */
export function pySdkRichBalance(b: PySdkBalance): {
  /** `__rich__`. */
  readonly rich: string
  /** `__str_rao__`. */
  readonly strRao: string
  /** `__rich_rao__`. */
  readonly richRao: string
} {
  const unit = pySdkGetUnit(b.netuid)
  return {
    rich: `[green]${unit}${formatFixed(pySdkBalanceTao(b), 6, false)}[/green]`,
    strRao: `${unit}${b.rao}`,
    richRao: `[green]${unit}${b.rao}[/green]`,
  }
}

function checkCurrencies(a: PySdkBalance, b: PySdkBalance): void {
  if (a.netuid !== b.netuid) {
    throw new PythonSdkError(
      'BalanceUnitMismatchError',
      `Cannot perform any operations between balances of different currencies: ${pySdkFormatBalance(a)} and ${pySdkFormatBalance(b)}. Both Balance objects must reference the same netuid (Alpha currency).`,
    )
  }
}

function raw(v: PySdkValue): bigint | number {
  return isBalance(v) ? v.rao : v
}

function neg(v: bigint | number): bigint | number {
  return typeof v === 'bigint' ? -v : -v
}

/** The binary operators of `Balance`, each as Python dispatches it (`a OP b` with `a` a Balance). */
const binary: Readonly<Record<string, (a: PySdkBalance, b: PySdkValue) => PySdkBalance | boolean>> =
  {
    add: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return balance(toInt(numAdd(a.rao, raw(b))), a.netuid)
    },
    radd: (a, b) => binary.add?.(a, b) as PySdkBalance,
    sub: (a, b) => {
      if (isBalance(b)) {
        checkCurrencies(a, b)
        return binary.add?.(a, balance(-b.rao, b.netuid)) as PySdkBalance
      }
      return binary.add?.(a, neg(b)) as PySdkBalance
    },
    rsub: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return binary.add?.(balance(-a.rao, a.netuid), b) as PySdkBalance
    },
    mul: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return balance(toInt(numMul(a.rao, raw(b))), a.netuid)
    },
    rmul: (a, b) => binary.mul?.(a, b) as PySdkBalance,
    truediv: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return balance(toInt(numTrueDiv(a.rao, raw(b))), a.netuid)
    },
    rtruediv: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return balance(toInt(numTrueDiv(raw(b), a.rao)), a.netuid)
    },
    floordiv: (a, b) => {
      if (isBalance(b)) {
        checkCurrencies(a, b)
        return balance(toInt(floatFloorDiv(pySdkBalanceTao(a), pySdkBalanceTao(b))), a.netuid)
      }
      return balance(toInt(numFloorDiv(a.rao, b)), a.netuid)
    },
    rfloordiv: (a, b) => {
      if (isBalance(b)) checkCurrencies(a, b)
      return balance(toInt(numFloorDiv(raw(b), a.rao)), a.netuid)
    },
    eq: (a, b) => compare(a, b) === 0,
    ne: (a, b) => compare(a, b) !== 0,
    gt: (a, b) => compare(a, b) > 0,
    lt: (a, b) => compare(a, b) < 0,
    ge: (a, b) => compare(a, b) >= 0,
    le: (a, b) => compare(a, b) <= 0,
  }

function compare(a: PySdkBalance, b: PySdkValue): number {
  let other: bigint
  if (isBalance(b)) {
    checkCurrencies(a, b)
    other = b.rao
  } else {
    other = toInt(b)
  }
  return a.rao < other ? -1 : a.rao > other ? 1 : 0
}

const unary: Readonly<Record<string, (a: PySdkBalance) => PySdkBalance | boolean>> = {
  neg: (a) => balance(-a.rao, a.netuid),
  pos: (a) => balance(a.rao, a.netuid),
  abs: (a) => balance(a.rao < 0n ? -a.rao : a.rao, a.netuid),
  // Balance defines the Python 2 `__nonzero__`, not `__bool__`: every Balance is truthy.
  bool: () => true,
}

/**
 * A `Balance` operator as the Python SDK evaluates it, with `a` the Balance: `add`, `sub`, `mul`,
 * `truediv`, `floordiv` (`a OP b`), their reflected forms `radd` … `rfloordiv` (`b OP a`),
 * comparisons `eq ne gt lt ge le`, and unary `neg pos abs bool`. A raw int/float operand is rao;
 * Balance × Balance multiplies rao by rao; Balance // Balance returns `int(tao // tao)` **rao**;
 * mixing netuids raises `BalanceUnitMismatchError`.
 *
 * @param op - The operator name.
 * @param a - The Balance.
 * @param b - The other operand (ignored by unary operators).
 * @returns A Balance, or a boolean for comparisons and `bool`.
 * @throws {@link PythonSdkError} Python's exception (`BalanceUnitMismatchError`, `ZeroDivisionError`, …).
 * @example
 * ```ts
 * import { pySdkBalanceOp } from '@dtao/amm'
 * pySdkBalanceOp('add', { rao: 10n ** 10n, netuid: 14 }, 5000n).rao // 10000005000n (5000 is rao)
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `Balance.__add__` … `__abs__`
 */
export function pySdkBalanceOp(
  op: string,
  a: PySdkBalance,
  b?: bigint | number | PySdkBalance,
): PySdkBalance | boolean {
  const u = unary[op]
  if (u !== undefined) return u(a)
  const f = binary[op]
  if (f === undefined || b === undefined)
    throw new PythonSdkError('TypeError', `unsupported operator ${op}`)
  return f(a, b)
}

/**
 * `fixed_to_float(bits, frac_bits, total_bits)`: integer part taken as `bits >> (total − frac)`
 * (right only when total = 2·frac), plus the fraction — so an I96F32 read with (32, 128) loses its
 * integer part.
 *
 * @param bits - The raw bits (a Python int).
 * @param options - `fracBits` (default 64) and `totalBits` (default 128).
 * @returns The float.
 * @example
 * ```ts
 * import { pySdkFixedToFloat } from '@dtao/amm'
 * pySdkFixedToFloat(6442450944n, { fracBits: 32 }) // 0.5 (the bits of 1.5 in I96F32)
 * ```
 * @see bittensor 10.2.0 `bittensor/utils/balance.py` · `fixed_to_float`
 */
export function pySdkFixedToFloat(
  bits: bigint,
  options: { readonly fracBits?: number; readonly totalBits?: number } = {},
): number {
  const { fracBits = 64, totalBits = 128 } = options
  const fractional = bits & ((1n << BigInt(fracBits)) - 1n)
  const integer = bits >> BigInt(totalBits - fracBits)
  return intToFloat(integer) + intTrueDiv(fractional, 1n << BigInt(fracBits))
}

// ------------------------------------------------------------------ DynamicInfo

/**
 * The quote-relevant fields of a Python SDK `DynamicInfo`.
 *
 * @example
 * ```ts
 * import type { PySdkDynamicInfo } from '@dtao/amm'
 * const k = (d: PySdkDynamicInfo): bigint => d.k
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo`
 */
export type PySdkDynamicInfo = {
  /** The subnet. */
  readonly netuid: number
  /** `netuid > 0` (root is not dynamic). */
  readonly isDynamic: boolean
  /** `tao_in.rao · alpha_in.rao`, an exact int. */
  readonly k: bigint
  /** The price Balance: the explicit one, else `from_tao(tao_in.tao / alpha_in.tao)` (truncated to 10⁻⁹). */
  readonly price: PySdkBalance
  /** `fixed_to_float(moving_price, 32)` (integer part dropped). */
  readonly movingPrice: number
  /** TAO reserve (unit 0). */
  readonly taoIn: PySdkBalance
  /** Alpha reserve (unit netuid). */
  readonly alphaIn: PySdkBalance
  /** The unit symbol. */
  readonly symbol: string
}

/**
 * `DynamicInfo._from_dict` for the fields the quote helpers use.
 *
 * @param input - `netuid`, reserves in rao, an optional explicit price in rao, and the raw
 * `moving_price` bits.
 * @returns The DynamicInfo.
 * @throws {@link PythonSdkError} `ZeroDivisionError` when the alpha reserve is 0 and no price is given.
 * @example
 * ```ts
 * import { pySdkDynamicInfo } from '@dtao/amm'
 * pySdkDynamicInfo({ netuid: 1, taoIn: 10n ** 9n, alphaIn: 10n ** 9n, movingPriceBits: 0n }).price.rao // 1000000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo._from_dict`
 */
export function pySdkDynamicInfo(input: {
  readonly netuid: number
  readonly taoIn: bigint
  readonly alphaIn: bigint
  readonly explicitPriceRao?: bigint | undefined
  readonly movingPriceBits: bigint
}): PySdkDynamicInfo {
  const { netuid } = input
  const taoIn = balance(input.taoIn, 0)
  const alphaIn = balance(input.alphaIn, netuid)
  const price =
    input.explicitPriceRao !== undefined
      ? balance(input.explicitPriceRao, netuid)
      : balance(
          pySdkBalanceFromTao(numTrueDiv(pySdkBalanceTao(taoIn), pySdkBalanceTao(alphaIn))).rao,
          netuid,
        )
  return Object.freeze({
    netuid,
    isDynamic: netuid > 0,
    k: taoIn.rao * alphaIn.rao,
    price,
    movingPrice: pySdkFixedToFloat(input.movingPriceBits, { fracBits: 32 }),
    taoIn,
    alphaIn,
    symbol: pySdkGetUnit(netuid),
  })
}

function asBalance(v: PySdkValue): PySdkBalance {
  return isBalance(v) ? v : pySdkBalanceFromTao(v)
}

/**
 * `DynamicInfo.tao_to_alpha`: `from_tao(tao / price)` at the truncated spot price, no slippage;
 * a netuid-0 zero Balance when the price is 0.
 *
 * @param info - The DynamicInfo.
 * @param tao - A Balance, or TAO as a Python float/int.
 * @returns Alpha as a Balance.
 * @example
 * ```ts
 * import { pySdkDynamicInfo, pySdkTaoToAlpha } from '@dtao/amm'
 * const d = pySdkDynamicInfo({ netuid: 1, taoIn: 10n ** 9n, alphaIn: 4n * 10n ** 9n, movingPriceBits: 0n })
 * pySdkTaoToAlpha(d, 1).rao // 4000000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo.tao_to_alpha`
 */
export function pySdkTaoToAlpha(info: PySdkDynamicInfo, tao: PySdkValue): PySdkBalance {
  const t = asBalance(tao)
  const p = pySdkBalanceTao(info.price)
  if (p !== 0) return balance(pySdkBalanceFromTao(pySdkBalanceTao(t) / p).rao, info.netuid)
  return pySdkBalanceFromTao(0)
}

/**
 * `DynamicInfo.alpha_to_tao`: `from_tao(alpha · price)`, no slippage.
 *
 * @param info - The DynamicInfo.
 * @param alpha - A Balance, or alpha as a Python float/int.
 * @returns TAO as a Balance (unit 0).
 * @example
 * ```ts
 * import { pySdkAlphaToTao, pySdkDynamicInfo } from '@dtao/amm'
 * const d = pySdkDynamicInfo({ netuid: 1, taoIn: 10n ** 9n, alphaIn: 4n * 10n ** 9n, movingPriceBits: 0n })
 * pySdkAlphaToTao(d, 4).rao // 1000000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo.alpha_to_tao`
 */
export function pySdkAlphaToTao(info: PySdkDynamicInfo, alpha: PySdkValue): PySdkBalance {
  const a = asBalance(alpha)
  return pySdkBalanceFromTao(pySdkBalanceTao(a) * pySdkBalanceTao(info.price))
}

/** `slippage + returned != 0 ? 100·slippage/(slippage + returned) : 0`, as Python evaluates it. */
function slippagePct(slippage: PySdkBalance, returned: PySdkBalance): number {
  const sum = binary.add?.(slippage, returned) as PySdkBalance
  if (sum.rao === 0n) return 0
  return (100 * pySdkBalanceTao(slippage)) / pySdkBalanceTao(sum)
}

/**
 * `DynamicInfo.tao_to_alpha_with_slippage`: constant product on the raw reserves with a float
 * division (`int(k / (tao_in + τ))`), no fee, no Balancer weights; slippage against the
 * truncated spot price. The `percentage` form raises `BalanceUnitMismatchError` whenever the
 * slippage is zero on a subnet (the zero Balance carries unit 0).
 *
 * @param info - The DynamicInfo.
 * @param tao - A Balance, or TAO as a Python float/int.
 * @param options - `percentage` (default `false`).
 * @returns `{ amount, slippage }`, or `{ pct }` with `percentage`.
 * @throws {@link PythonSdkError} Python's exception (`BalanceUnitMismatchError`).
 * @example
 * ```ts
 * import { pySdkDynamicInfo, pySdkTaoToAlphaWithSlippage } from '@dtao/amm'
 * const d = pySdkDynamicInfo({ netuid: 1, taoIn: 10n ** 9n, alphaIn: 10n ** 9n, movingPriceBits: 0n })
 * pySdkTaoToAlphaWithSlippage(d, 1).amount.rao // 500000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo.tao_to_alpha_with_slippage`
 */
export function pySdkTaoToAlphaWithSlippage(
  info: PySdkDynamicInfo,
  tao: PySdkValue,
  options: { readonly percentage?: boolean } = {},
): {
  /** The alpha returned (unset with `percentage`). */
  readonly amount?: PySdkBalance
  /** The slippage against the spot price (unset with `percentage`). */
  readonly slippage?: PySdkBalance
  /** The slippage percentage (only with `percentage`). */
  readonly pct?: number
} {
  const t = asBalance(tao)
  let returned: PySdkBalance
  let slippage: PySdkBalance
  if (info.isDynamic) {
    const newTaoIn = binary.add?.(info.taoIn, t) as PySdkBalance
    // `return tao, Balance.from_rao(0)`: a tuple even when `percentage` is asked for.
    if (newTaoIn.rao === 0n) return { amount: t, slippage: balance(0n) }
    const newAlphaIn = binary.rtruediv?.(newTaoIn, info.k) as PySdkBalance
    returned = balance(info.alphaIn.rao - newAlphaIn.rao, info.netuid)
    const ideal = pySdkTaoToAlpha(info, t)
    const idealTao = pySdkBalanceTao(ideal)
    const returnedTao = pySdkBalanceTao(returned)
    slippage =
      idealTao > returnedTao
        ? balance(pySdkBalanceFromTao(idealTao - returnedTao).rao, info.netuid)
        : pySdkBalanceFromTao(0)
  } else {
    returned = balance(t.rao, info.netuid)
    slippage = pySdkBalanceFromTao(0)
  }
  if (options.percentage === true) return { pct: slippagePct(slippage, returned) }
  return { amount: returned, slippage }
}

/**
 * `DynamicInfo.alpha_to_tao_with_slippage`: the constant-product sell, symmetric to
 * {@link pySdkTaoToAlphaWithSlippage}. A float/int alpha on a subnet raises
 * `BalanceUnitMismatchError` (it becomes a unit-0 Balance added to the alpha reserve).
 *
 * @param info - The DynamicInfo.
 * @param alpha - A Balance, or alpha as a Python float/int.
 * @param options - `percentage` (default `false`).
 * @returns `{ amount, slippage }`, or `{ pct }` with `percentage`.
 * @throws {@link PythonSdkError} Python's exception.
 * @example
 * ```ts
 * import { pySdkAlphaToTaoWithSlippage, pySdkDynamicInfo } from '@dtao/amm'
 * const d = pySdkDynamicInfo({ netuid: 1, taoIn: 10n ** 9n, alphaIn: 10n ** 9n, movingPriceBits: 0n })
 * pySdkAlphaToTaoWithSlippage(d, { rao: 10n ** 9n, netuid: 1 }).amount?.rao // 500000000n
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/dynamic_info.py` · `DynamicInfo.alpha_to_tao_with_slippage`
 */
export function pySdkAlphaToTaoWithSlippage(
  info: PySdkDynamicInfo,
  alpha: PySdkValue,
  options: { readonly percentage?: boolean } = {},
): {
  /** The TAO returned (unset with `percentage`). */
  readonly amount?: PySdkBalance
  /** The slippage against the spot price (unset with `percentage`). */
  readonly slippage?: PySdkBalance
  /** The slippage percentage (only with `percentage`). */
  readonly pct?: number
} {
  const a = asBalance(alpha)
  let returned: PySdkBalance
  let slippage: PySdkBalance
  if (info.isDynamic) {
    const newAlphaIn = binary.add?.(info.alphaIn, a) as PySdkBalance
    const newTaoReserve = binary.rtruediv?.(newAlphaIn, info.k) as PySdkBalance
    returned = balance(info.taoIn.rao - newTaoReserve.rao)
    const ideal = pySdkAlphaToTao(info, a)
    slippage =
      compare(ideal, returned) > 0
        ? pySdkBalanceFromTao(pySdkBalanceTao(ideal) - pySdkBalanceTao(returned))
        : pySdkBalanceFromTao(0)
  } else {
    returned = balance(a.rao, 0)
    slippage = pySdkBalanceFromTao(0)
  }
  if (options.percentage === true) return { pct: slippagePct(slippage, returned) }
  return { amount: returned, slippage }
}

/**
 * `SimSwapResult.from_dict(data, netuid)`: TAO fields in unit 0, alpha fields in the netuid's unit.
 *
 * @param data - `taoAmount`, `alphaAmount`, `taoFee`, `alphaFee` in rao.
 * @param netuid - The subnet.
 * @returns The four Balances.
 * @example
 * ```ts
 * import { pySdkSimSwapFromDict } from '@dtao/amm'
 * pySdkSimSwapFromDict({ taoAmount: 1n, alphaAmount: 2n, taoFee: 0n, alphaFee: 0n }, 5).alphaAmount.netuid // 5
 * ```
 * @see bittensor 10.2.0 `bittensor/core/chain_data/sim_swap.py` · `SimSwapResult.from_dict`
 */
export function pySdkSimSwapFromDict(
  data: {
    readonly taoAmount: bigint
    readonly alphaAmount: bigint
    readonly taoFee: bigint
    readonly alphaFee: bigint
  },
  netuid: number,
): {
  /** `tao_amount` (unit 0). */
  readonly taoAmount: PySdkBalance
  /** `alpha_amount` (unit netuid). */
  readonly alphaAmount: PySdkBalance
  /** `tao_fee` (unit 0). */
  readonly taoFee: PySdkBalance
  /** `alpha_fee` (unit netuid). */
  readonly alphaFee: PySdkBalance
} {
  return Object.freeze({
    taoAmount: balance(data.taoAmount, 0),
    alphaAmount: balance(data.alphaAmount, netuid),
    taoFee: balance(data.taoFee, 0),
    alphaFee: balance(data.alphaFee, netuid),
  })
}

/**
 * An exception the Python SDK raises for the same input; `pythonError` is Python's exception
 * class name (`BalanceUnitMismatchError`, `ZeroDivisionError`, `TypeError`, …).
 *
 * @example
 * ```ts
 * import { pySdkBalanceOp } from '@dtao/amm'
 * pySdkBalanceOp('add', { rao: 1n, netuid: 1 }, { rao: 1n, netuid: 2 }) // throws (BalanceUnitMismatchError)
 * ```
 */
export class PythonSdkError extends BaseError {
  override readonly name = 'Amm.PythonSdkError'
  /** Python's exception class name. */
  readonly pythonError: string

  constructor(pythonError: string, message: string) {
    super(`The Python SDK raises ${pythonError}: ${message}`)
    this.pythonError = pythonError
  }
}
