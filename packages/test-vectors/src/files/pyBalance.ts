import {
  PY_SDK_UNITS,
  type PySdkBalance,
  pySdkAlphaToTao,
  pySdkAlphaToTaoWithSlippage,
  pySdkBalance,
  pySdkBalanceFromRao,
  pySdkBalanceFromTao,
  pySdkBalanceOp,
  pySdkBalanceTao,
  pySdkDynamicInfo,
  pySdkFixedToFloat,
  pySdkFormatBalance,
  pySdkGetUnit,
  pySdkRichBalance,
  pySdkSimSwapFromDict,
  pySdkTaoToAlpha,
  pySdkTaoToAlphaWithSlippage,
} from '@dtao/amm'
import { isDtaoError } from '@dtao/errors'
import {
  big,
  type FileHandler,
  type Json,
  type JsonObject,
  parseJsonNumber,
  Tally,
} from '../runner.js'

type Check = true | string

function all(checks: readonly Check[]): Check {
  const bad = checks.filter((c) => c !== true)
  return bad.length === 0 ? true : bad.join('; ')
}

function obj(x: Json | undefined): JsonObject {
  return x as JsonObject
}

function eqNum(label: string, expected: Json | undefined, got: number): Check {
  const e = parseJsonNumber(expected)
  return Object.is(e, got) || (e === 0 && got === 0)
    ? true
    : `${label}: expected ${String(expected)}, got ${got}`
}

function eqStr(label: string, expected: Json | undefined, got: string): Check {
  return expected === got
    ? true
    : `${label}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`
}

function checkBalance(label: string, expected: Json | undefined, b: PySdkBalance): Check {
  const e = obj(expected)
  if (e === null || typeof e !== 'object') return `${label}: no expected balance`
  return all([
    big(e.rao) === b.rao ? true : `${label}.rao: expected ${String(e.rao)}, got ${b.rao}`,
    eqNum(`${label}.tao`, e.tao, pySdkBalanceTao(b)),
    e.netuid === b.netuid ? true : `${label}.netuid: expected ${String(e.netuid)}, got ${b.netuid}`,
    eqStr(`${label}.str`, e.str, pySdkFormatBalance(b)),
  ])
}

/** Run `f`; when the record holds `{error}`, require the same Python exception. */
function outcome(expected: Json | undefined, f: () => Check): Check {
  const e = obj(expected)
  if (e !== null && typeof e === 'object' && 'error' in e) {
    try {
      f()
    } catch (err) {
      if (
        isDtaoError(err, 'Amm.PythonSdkError') &&
        (err as { pythonError?: string }).pythonError === e.error
      ) {
        return true
      }
      return `expected ${String(e.error)}, threw ${String(err)}`
    }
    return `expected ${String(e.error)}, got a result`
  }
  return f()
}

/** A Python amount: `{"int": "n"}` is an int (`bigint`), a JSON number is a float. */
function pyAmount(x: Json | undefined): bigint | number {
  if (x !== null && typeof x === 'object' && 'int' in (x as JsonObject)) return big(obj(x).int)
  return parseJsonNumber(x)
}

function balanceSpec(spec: JsonObject): PySdkBalance {
  const netuid = (spec.netuid as number | undefined) ?? 0
  return spec.from === 'tao'
    ? pySdkBalanceFromTao(parseJsonNumber(spec.value), netuid)
    : pySdkBalanceFromRao(big(spec.value), netuid)
}

function operand(spec: JsonObject): bigint | number | PySdkBalance {
  if (spec.type === 'int') return big(spec.value)
  if (spec.type === 'float') return parseJsonNumber(spec.value)
  return balanceSpec(spec)
}

function opInput(i: JsonObject): bigint | number | PySdkBalance {
  switch (i.kind) {
    case 'float_tao':
      return parseJsonNumber(i.value)
    case 'int_tao':
      return big(i.value)
    case 'balance_from_rao':
      return pySdkBalanceFromRao(big(i.rao), i.unit_netuid as number)
    case 'balance_from_tao':
      return pySdkBalanceFromTao(parseJsonNumber(i.tao), i.unit_netuid as number)
    default:
      throw new Error(`unknown input kind ${String(i.kind)}`)
  }
}

const sections: Readonly<Record<string, (c: JsonObject) => Check>> = {
  from_tao: (c) =>
    outcome(c.result, () =>
      checkBalance('result', c.result, pySdkBalanceFromTao(pyAmount(c.amount), c.netuid as number)),
    ),
  balance_ctor: (c) =>
    outcome(c.result, () => {
      const input =
        c.input_type === 'int'
          ? big(obj(c.input).int)
          : c.input_type === 'float'
            ? parseJsonNumber(c.input)
            : c.input_type === 'str'
              ? 'str'
              : c.input_type === 'NoneType'
                ? null
                : []
      return checkBalance('result', c.result, pySdkBalance(input))
    }),
  from_rao: (c) => {
    const b = pySdkBalanceFromRao(big(c.rao), c.netuid as number)
    const r = pySdkRichBalance(b)
    return all([
      checkBalance('result', c.result, b),
      eqNum('float', c.float, pySdkBalanceTao(b)),
      big(c.int) === b.rao ? true : 'int',
      eqStr('str_rao', c.str_rao, r.strRao),
      eqStr('rich', c.rich, r.rich),
      eqStr('rich_rao', c.rich_rao, r.richRao),
    ])
  },
  arith: (c) =>
    outcome(c.result, () => {
      const a = balanceSpec(obj(c.a))
      const got = pySdkBalanceOp(c.op as string, a, operand(obj(c.b)))
      const r = obj(c.result)
      if ('bool' in r)
        return got === r.bool ? true : `expected ${String(r.bool)}, got ${String(got)}`
      return typeof got === 'boolean' ? 'expected a Balance' : checkBalance('result', r, got)
    }),
  fixed_to_float: (c) =>
    eqNum(
      'result',
      c.result,
      pySdkFixedToFloat(big(c.bits), {
        fracBits: c.frac_bits as number,
        totalBits: c.total_bits as number,
      }),
    ),
  helpers: (c) => {
    const b =
      c.fn === 'tao'
        ? pySdkBalanceFromTao(pyAmount(c.amount), c.netuid as number)
        : pySdkBalanceFromRao(big(c.amount), c.netuid as number)
    return checkBalance('result', c.result, b)
  },
  sim_swap_from_dict: (c) => {
    const d = obj(c.data)
    const r = obj(c.result)
    const got = pySdkSimSwapFromDict(
      {
        taoAmount: big(d.tao_amount),
        alphaAmount: big(d.alpha_amount),
        taoFee: big(d.tao_fee),
        alphaFee: big(d.alpha_fee),
      },
      c.netuid as number,
    )
    return all([
      checkBalance('tao_amount', r.tao_amount, got.taoAmount),
      checkBalance('alpha_amount', r.alpha_amount, got.alphaAmount),
      checkBalance('tao_fee', r.tao_fee, got.taoFee),
      checkBalance('alpha_fee', r.alpha_fee, got.alphaFee),
    ])
  },
  dynamic_info: (c) => {
    const build = () =>
      pySdkDynamicInfo({
        netuid: c.netuid as number,
        taoIn: big(c.tao_in_rao),
        alphaIn: big(c.alpha_in_rao),
        explicitPriceRao:
          c.explicit_price_rao === null ? undefined : big(c.explicit_price_rao as Json),
        movingPriceBits: big(c.moving_price_bits),
      })
    const k = obj(c.construct)
    if ('error' in k) {
      return outcome(k, () => {
        build()
        return true
      })
    }
    const info = build()
    const checks: Check[] = [
      info.isDynamic === k.is_dynamic ? true : 'is_dynamic',
      big(k.k) === info.k ? true : `k: expected ${String(k.k)}, got ${info.k}`,
      checkBalance('price', k.price, info.price),
      eqNum('moving_price', k.moving_price, info.movingPrice),
      checkBalance('tao_in', k.tao_in, info.taoIn),
      checkBalance('alpha_in', k.alpha_in, info.alphaIn),
      eqStr('symbol', k.symbol, info.symbol),
    ]
    ;((c.ops ?? []) as readonly JsonObject[]).forEach((o, i) => {
      const label = `ops[${i}] ${String(o.fn)}`
      const r = obj(o.result)
      checks.push(
        outcome(r, () => {
          const input = opInput(obj(o.input))
          const percentage = o.percentage === true
          switch (o.fn) {
            case 'tao_to_alpha':
              return checkBalance(`${label}.amount`, r.amount, pySdkTaoToAlpha(info, input))
            case 'alpha_to_tao':
              return checkBalance(`${label}.amount`, r.amount, pySdkAlphaToTao(info, input))
            case 'tao_to_alpha_with_slippage':
            case 'alpha_to_tao_with_slippage': {
              const f =
                o.fn === 'tao_to_alpha_with_slippage'
                  ? pySdkTaoToAlphaWithSlippage
                  : pySdkAlphaToTaoWithSlippage
              const got = f(info, input, { percentage })
              if ('pct' in r) {
                return got.pct === undefined
                  ? `${label}: expected pct`
                  : eqNum(`${label}.pct`, r.pct, got.pct)
              }
              if (got.amount === undefined || got.slippage === undefined)
                return `${label}: expected a pair`
              return all([
                checkBalance(`${label}.amount`, r.amount, got.amount),
                checkBalance(`${label}.slippage`, r.slippage, got.slippage),
              ])
            }
            default:
              return `${label}: unknown fn`
          }
        }),
      )
    })
    return all(checks)
  },
}

/**
 * `py-balance.json`: bittensor 10.2.0 Balance, `fixed_to_float`, DynamicInfo helpers and
 * `SimSwapResult.from_dict`, against `@dtao/amm`'s Python-SDK compat module. One case per
 * top-level entry (a DynamicInfo pool passes only if its construction and every op match) and
 * one per `get_unit` entry: 942 in the distributed file.
 */
export const pyBalanceFile: FileHandler = (doc, file) => {
  const t = new Tally()
  for (const key of Object.keys(doc)) {
    if (key === 'meta') continue
    if (key === 'units') {
      const u = obj(doc.units)
      const entries = (u.get_unit ?? []) as readonly JsonObject[]
      t.total += entries.length
      const listed = (u.UNITS ?? []) as readonly Json[]
      const listCheck: Check =
        u.len_UNITS === PY_SDK_UNITS.length &&
        listed.length === PY_SDK_UNITS.length &&
        listed.every((x, i) => x === PY_SDK_UNITS[i])
          ? true
          : 'UNITS differ'
      entries.forEach((e, i) => {
        t.one(`units.get_unit #${i}`, () =>
          all([listCheck, eqStr('unit', e.unit, pySdkGetUnit(e.netuid as number))]),
        )
      })
      continue
    }
    const list = doc[key] as readonly JsonObject[] | undefined
    const check = sections[key]
    if (check === undefined || !Array.isArray(list)) {
      t.total += Array.isArray(list) ? list.length : 0
      t.fail(`unknown top-level section ${JSON.stringify(key)}`)
      continue
    }
    t.total += list.length
    list.forEach((c, i) => {
      t.one(`${key} #${i}`, () => check(c))
    })
  }
  return t.result(file)
}
