/**
 * A binary min-heap of `[key, id]` pairs ordered by key, then id (netuid order breaks ties). Keys
 * are block numbers as floats, exact below 2^53 (the projection checks its horizon).
 */
export type Heap = { keys: number[]; ids: number[] }

export function heapNew(): Heap {
  return { keys: [], ids: [] }
}

function less(h: Heap, i: number, j: number): boolean {
  const a = h.keys[i] as number
  const b = h.keys[j] as number
  return a < b || (a === b && (h.ids[i] as number) < (h.ids[j] as number))
}

function swap(h: Heap, i: number, j: number): void {
  const k = h.keys[i] as number
  h.keys[i] = h.keys[j] as number
  h.keys[j] = k
  const d = h.ids[i] as number
  h.ids[i] = h.ids[j] as number
  h.ids[j] = d
}

export function heapPush(h: Heap, key: number, id: number): void {
  h.keys.push(key)
  h.ids.push(id)
  let i = h.keys.length - 1
  while (i > 0) {
    const p = (i - 1) >> 1
    if (!less(h, i, p)) break
    swap(h, i, p)
    i = p
  }
}

export function heapPop(h: Heap): [number, number] | undefined {
  const n = h.keys.length
  if (n === 0) return undefined
  const top: [number, number] = [h.keys[0] as number, h.ids[0] as number]
  const lastK = h.keys.pop() as number
  const lastI = h.ids.pop() as number
  if (n > 1) {
    h.keys[0] = lastK
    h.ids[0] = lastI
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < n - 1 && less(h, l, m)) m = l
      if (r < n - 1 && less(h, r, m)) m = r
      if (m === i) break
      swap(h, i, m)
      i = m
    }
  }
  return top
}

export function heapPeek(h: Heap): number | undefined {
  return h.keys[0]
}
