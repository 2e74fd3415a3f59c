// Float mode's WebAssembly kernel (packages/yuma/kernel/float.c): loaded on first use, with the
// TypeScript loops as the fallback wherever WebAssembly is missing or refuses to compile.
import { kernelWasm } from './kernelWasm.js'

// The little of the WebAssembly API used here (the packages compile without the DOM library)
type Exports = {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number }
  __heap_base: { readonly value: number }
  clip_ema_dense: (...args: number[]) => void
  weights_of: (...args: number[]) => number
  median_fast: (...args: number[]) => number
  dense_dividends: (...args: number[]) => void
}
type WasmApi = {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { readonly exports: object }
}

/** The loaded kernel and typed views of its memory (renewed whenever the memory grows). */
type Kernel = {
  exports: Exports
  f64: Float64Array
  i32: Int32Array
  u8: Uint8Array
  /** Where the per-call arena starts (after the module's stack and data). */
  base: number
}

let loaded: Kernel | null | undefined
let enabled = true
/** How many times each kernel function ran (for tests that must know the kernel was used). */
export const kernelCalls = { weightsOf: 0, medianFast: 0, clipEma: 0, dividends: 0 }

function load(): Kernel | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
    if (wasm === undefined) return null
    const bytes = fromBase64(kernelWasm)
    const instance = new wasm.Instance(new wasm.Module(bytes), {})
    const exports = instance.exports as unknown as Exports
    const buffer = exports.memory.buffer
    return {
      exports,
      f64: new Float64Array(buffer),
      i32: new Int32Array(buffer),
      u8: new Uint8Array(buffer),
      base: (exports.__heap_base.value + 7) & ~7,
    }
  } catch {
    return null // (e.g. an engine without SIMD, or a page whose CSP forbids WebAssembly)
  }
}

/** Base64 to bytes (no `atob`: it is not in every runtime's types). */
export function fromBase64(text: string): Uint8Array {
  // a-z, A-Z, 0-9, + and / (and = as 0: its bytes are not written)
  const digit = (c: number) =>
    c >= 97 ? c - 71 : c >= 65 ? c - 65 : c === 61 ? 0 : c >= 48 ? c + 4 : c === 43 ? 62 : 63
  const end = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array(((text.length * 3) >> 2) - end)
  for (let i = 0, o = 0; i < text.length; i += 4) {
    const n =
      (digit(text.charCodeAt(i)) << 18) |
      (digit(text.charCodeAt(i + 1)) << 12) |
      (digit(text.charCodeAt(i + 2)) << 6) |
      digit(text.charCodeAt(i + 3))
    if (o < out.length) out[o++] = n >> 16
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}

/** The kernel, or null when float mode uses its TypeScript loops. */
export function kernel(): Kernel | null {
  if (!enabled) return null
  if (loaded === undefined) loaded = load()
  return loaded
}

/**
 * Use the kernel where it applies (the default) or the TypeScript loops only: for tests that
 * compare the two.
 */
export function useKernel(on: boolean): void {
  enabled = on
}

/**
 * One call's regions of the kernel's memory, handed out in order (8-byte aligned) after one
 * reservation, so that no view of them is detached by a later growth within the call. A view's
 * `byteOffset` is its address for the kernel.
 */
export class Arena {
  readonly k: Kernel
  private at: number
  private readonly end: number
  constructor(k: Kernel, bytes: number) {
    reserve(k, bytes)
    this.k = k
    this.at = k.base
    this.end = k.base + bytes
  }
  private take(bytes: number): number {
    const at = this.at
    this.at = (at + bytes + 7) & ~7
    if (this.at > this.end) throw new RangeError('float kernel arena overrun')
    return at
  }
  /** `count` doubles: the byte offset and a view. */
  f64(count: number): { at: number; view: Float64Array } {
    const at = this.take(8 * count)
    return { at, view: this.k.f64.subarray(at >> 3, (at >> 3) + count) }
  }
  /** `count` int32s: the byte offset and a view. */
  i32(count: number): { at: number; view: Int32Array } {
    const at = this.take(4 * count)
    return { at, view: this.k.i32.subarray(at >> 2, (at >> 2) + count) }
  }
  /** `count` bytes: the byte offset and a view. */
  u8(count: number): { at: number; view: Uint8Array } {
    const at = this.take(count)
    return { at, view: this.k.u8.subarray(at, at + count) }
  }
}

/** Makes the kernel's memory hold `bytes` from its arena on, renewing the views if it grew. */
function reserve(k: Kernel, bytes: number): void {
  const memory = k.exports.memory
  const need = k.base + bytes
  if (need <= memory.buffer.byteLength) return
  memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536))
  const buffer = memory.buffer
  k.f64 = new Float64Array(buffer)
  k.i32 = new Int32Array(buffer)
  k.u8 = new Uint8Array(buffer)
}
