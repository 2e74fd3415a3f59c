// Float mode's hot kernels, compiled to WebAssembly by scripts/build-kernel.mjs (clang, wasm32,
// -O2 -msimd128 -ffp-contract=off: IEEE double arithmetic in source order, with no fused
// multiply-add or reassociation, and SIMD lanes rounding as scalars do), so the values are bit
// for bit those of the TypeScript loops they replace. Every pointer is a byte offset into the
// module's memory, laid out by packages/yuma/src/float/approxEpoch.ts (its Arena).

typedef int i32;
typedef unsigned char u8;

#include <wasm_simd128.h>

// 2^-32: the chain keeps I32F32 values > 0, so anything below it has floored to zero there.
#define CHAIN_EPSILON (1.0 / 4294967296.0)

// voteBucket (approxEpoch.ts): a vote's value bucket from the top bits of its double (exponent
// and 3 mantissa bits, less `low`), clamped to 0..63.
static inline i32 vote_bucket(double v, i32 low) {
  unsigned long long bits;
  __builtin_memcpy(&bits, &v, sizeof bits);
  const i32 b = (i32)((unsigned)(bits >> 32) >> 17) - low;
  return b < 0 ? 0 : b > 63 ? 63 : b;
}

// weightsOf (approxEpoch.ts): the masked, row-normalised weights of the permitted rows, in
// storage order (uid outside 0..n-1, the diagonal except the owner's, and columns registered at
// or after the row's update or after its commit are dropped; a row summing to <= 0 divides by 1;
// wcol and wval may be sc and sv: entry q is written only after entry p >= q was read),
// and, with `fused`, each positive-stake row's votes (stake h = a[i] / total) added to the
// (column, bucket) table and linked into that cell's list (head -> entry + 1 -> link[entry]).
// flags[0]: every row strictly ascending; flags[1]: every weight a number >= 0, not -0. Returns
// the entry count.
i32 weights_of(const i32 *sp, const i32 *sc, const double *sv, i32 n, const u8 *permit,
               const double *a, double total, const double *lu, const double *cb, i32 owner,
               const double *bar, i32 fused, i32 low, double *table, i32 *head, i32 *link,
               double *vote_stake, i32 *wptr, i32 *wcol, double *wval, i32 *flags) {
  i32 q = 0, sorted = 1, bad = 0;
  wptr[0] = 0;
  for (i32 i = 0; i < n; i++) {
    const i32 start = q;
    double sum = 0;
    if (permit[i]) {
      const double lui = lu[i], cbi = cb[i];
      const i32 self = owner != i ? i : n;
      i32 prev = -1;
      const i32 p1 = sp[i + 1];
      for (i32 p = sp[i]; p < p1; p++) {
        const i32 j = sc[p];
        if ((unsigned)j < (unsigned)n && j != self) {
          const double r = bar[j];
          if (!(lui <= r || cbi < r)) {
            const double v = sv[p];
            sorted &= j > prev;
            prev = j;
            wcol[q] = j;
            wval[q++] = v;
            sum += v;
          }
        }
      }
      // the division in a loop of its own (one the compiler can vectorise): each entry still
      // rounds once, as w / d
      const double d = sum > 0 ? sum : 1;
      for (i32 p = start; p < q; p++) {
        const double v = wval[p] / d;
        wval[p] = v;
        bad |= !(v > 0) & ((v != 0) | (__builtin_signbit(v) != 0));
      }
      const double ai = a[i];
      if (ai > 0 && fused) {
        const double h = ai / total;
        for (i32 p = start; p < q; p++) {
          const i32 j = wcol[p];
          const i32 b = vote_bucket(wval[p], low);
          const i32 at = (j << 6) + b;
          table[at] += h;
          link[p] = head[at];
          head[at] = p + 1;
          vote_stake[p] = h;
        }
      }
    }
    wptr[i + 1] = q;
  }
  flags[0] = sorted;
  flags[1] = !bad;
  return q;
}

// clipEma's dense case (see approxEpoch.ts, clipEma and DenseRows): per non-empty row i (slot
// s = slot[i] >= 0), clip the ascending weight row to the consensus (x = min(w, c), both finite
// and >= 0), add it to the validator trust (vt[i]) and the rank (r[j] += a[i] * x), store
// alpha * x in the row's dense accumulator, add the masked, scaled stored bonds
// (keep * (b * scale), in storage order; a uid outside 0..n-1 is skipped), and floor the row to
// 0 below 2^-32 (NaN too), adding it to the column sums (the cells no entry reached add +0, as
// the span the TypeScript loop floors leaves them). col_sum and r must be zero on entry.
void clip_ema_dense(const i32 *ptr, const i32 *col, const double *val, const double *c,
                    const double *a, const i32 *bp, const i32 *bc, const double *bv, i32 n,
                    double alpha, double scale, const u8 *drop, i32 dropped, const i32 *slot,
                    double *col_sum, double *vt, double *r, double *acc) {
  const double keep = 1 - alpha;
  for (i32 i = 0; i < n; i++) {
    const i32 s = slot[i];
    if (s < 0) {
      vt[i] = 0;
      continue;
    }
    double *row = acc + (long)s * n;
    __builtin_memset(row, 0, sizeof(double) * (unsigned long)n);
    const i32 w0 = ptr[i], w1 = ptr[i + 1], b0 = bp[i], b1 = bp[i + 1];
    const double ai = a[i];
    double t = 0;
    for (i32 p = w0; p < w1; p++) {
      const i32 j = col[p];
      const double w = val[p], cj = c[j];
      const double x = w <= cj ? w : cj;
      t += x;
      r[j] += ai * x;
      row[j] = alpha * x;
    }
    vt[i] = t;
    if (dropped) {
      for (i32 p = b0; p < b1; p++) {
        const i32 j = bc[p];
        if ((unsigned)j < (unsigned)n && drop[j] != 1) row[j] += keep * (bv[p] * scale);
      }
    } else {
      for (i32 p = b0; p < b1; p++) {
        const i32 j = bc[p];
        if ((unsigned)j < (unsigned)n) row[j] += keep * (bv[p] * scale);
      }
    }
    for (i32 j = 0; j < n; j++) {
      const double v = row[j];
      const double e = v >= CHAIN_EPSILON ? v : 0;
      row[j] = e;
      col_sum[j] += e;
    }
  }
}

// pickLevel (approxEpoch.ts): the level among the c votes (vals, stake stks; cum is the support
// above them) where the support reaches kappa: while many, bucketed into 8 over their range and
// the crossing bucket kept (in order), then the few left sorted (largest first, stable) and
// walked. sums[0], sums[1]: the supports at the next level up and at the level. Returns -1 (the
// caller gives up) if a range is too narrow for 8 / (hi - lo) to be finite.
static i32 pick_level(double *vals, double *stks, i32 c, double cum, double kappa, double *sums,
                      double *level) {
  i32 k = c;
  double lo = __builtin_inf(), hi = -__builtin_inf();
  for (i32 t = 0; t < k; t++) {
    const double v = vals[t];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  double above = cum;
  double bucket[8];
  while (k > 8 && hi > lo) {
    const double scale = 8 / (hi - lo);
    if (!(scale < __builtin_inf())) return -1;
    for (i32 b = 0; b < 8; b++) bucket[b] = 0;
    for (i32 t = 0; t < k; t++) {
      i32 b = (i32)((vals[t] - lo) * scale);
      b = b > 7 ? 7 : b;
      bucket[b] += stks[t];
    }
    i32 bx = 0;
    for (i32 b = 7; b > 0; b--) {
      const double next = above + bucket[b];
      if (next >= kappa) {
        bx = b;
        break;
      }
      above = next;
    }
    i32 kept = 0;
    const double l0 = lo;
    lo = __builtin_inf();
    hi = -__builtin_inf();
    for (i32 t = 0; t < k; t++) {
      const double v = vals[t];
      i32 b = (i32)((v - l0) * scale);
      b = b > 7 ? 7 : b;
      vals[kept] = v;
      stks[kept] = stks[t];
      kept += b == bx;
    }
    k = kept;
    for (i32 t = 0; t < k; t++) {
      const double v = vals[t];
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  }
  for (i32 t = 1; t < k; t++) {
    const double v = vals[t], st = stks[t];
    i32 at = t;
    while (at > 0 && vals[at - 1] < v) {
      vals[at] = vals[at - 1];
      stks[at] = stks[at - 1];
      at--;
    }
    vals[at] = v;
    stks[at] = st;
  }
  i32 q = 0;
  while (q < k) {
    const double lv = vals[q];
    double next = above;
    while (q < k && vals[q] == lv) next += stks[q++];
    if (next >= kappa) {
      sums[0] = above;
      sums[1] = next;
      *level = lv;
      return 1;
    }
    above = next;
  }
  return 0;
}

// medianFast (approxEpoch.ts): every column's weighted-median level from the vote buckets and
// lists weights_of filled (hat: the m positive stakes, normalised), into c_out. The scan from the
// top visits only the buckets whose list is not empty (a mask made from the heads, 16 at a time):
// the others hold +0, which leaves the sum as it is and cannot make it reach kappa. Returns 1 when
// every column's supports at its level and the next one up are more than `margin` from kappa (the
// level is then the chain walk's), else 0 (the caller walks).
i32 median_fast(i32 n, i32 m, double kappa, double margin, const double *hat, const double *table,
                const i32 *head, const i32 *link, const double *vote_stake, const double *val,
                double *c_out, double *gvals, double *gstks) {
  double all = 0;
  for (i32 k = 0; k < m; k++) all += hat[k];
  if (!(kappa > 2 * margin && all >= kappa + margin)) return 0;
  const double lo = kappa - margin, hi = kappa + margin;
  double sums[2];
  for (i32 j = 0; j < n; j++) {
    const i32 base = j << 6;
    double cum = 0;
    i32 bx = 0;
    unsigned long long mk = 0;
    const v128_t zero = wasm_i32x4_const(0, 0, 0, 0);
    for (i32 b = 0; b < 64; b += 16) {
      const v128_t *h = (const v128_t *)(head + base + b);
      const unsigned m0 = wasm_i32x4_bitmask(wasm_i32x4_ne(wasm_v128_load(h), zero));
      const unsigned m1 = wasm_i32x4_bitmask(wasm_i32x4_ne(wasm_v128_load(h + 1), zero));
      const unsigned m2 = wasm_i32x4_bitmask(wasm_i32x4_ne(wasm_v128_load(h + 2), zero));
      const unsigned m3 = wasm_i32x4_bitmask(wasm_i32x4_ne(wasm_v128_load(h + 3), zero));
      mk |= (unsigned long long)(m0 | m1 << 4 | m2 << 8 | m3 << 12) << b;
    }
    mk &= ~1ull; // (bucket 0 is where the scan ends)
    while (mk != 0) {
      const i32 b = 63 - __builtin_clzll(mk);
      const double next = cum + table[base + b];
      if (next >= kappa) {
        bx = b;
        break;
      }
      cum = next;
      mk ^= 1ull << b;
    }
    i32 c = 0;
    for (i32 e = head[base + bx]; e != 0; e = link[e - 1]) {
      gvals[c] = val[e - 1];
      gstks[c++] = vote_stake[e - 1];
    }
    if (bx == 0) {
      double positive = cum;
      for (i32 t = 0; t < c; t++)
        if (gvals[t] > 0) positive += gstks[t];
      if (positive < lo) {
        c_out[j] = 0;
        continue;
      }
    }
    double level = 0;
    const i32 found = c > 0 ? pick_level(gvals, gstks, c, cum, kappa, sums, &level) : 0;
    if (found == 1 && level > 0 && sums[1] >= hi && sums[0] < lo) {
      c_out[j] = level;
      continue;
    }
    return 0;
  }
  return 1;
}

// Yuma 3's dividends on dense rows (approxEpoch.ts): d[i] = (sum over the row's columns, in
// order, of b[j] * weight[j]) * a[i], 0 for a row without a slot. The rows' sums (into ts, one
// per slot; slots 0..rows-1 go to the rows in uid order) are taken four rows at a time: four
// independent sums, each in column order.
void dense_dividends(i32 n, i32 rows, const i32 *slot, const double *dense, const double *weight,
                     const double *a, double *ts, double *d) {
  i32 s = 0;
  for (; s + 3 < rows; s += 4) {
    const double *r0 = dense + (long)s * n, *r1 = r0 + n, *r2 = r1 + n, *r3 = r2 + n;
    double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    for (i32 j = 0; j < n; j++) {
      const double w = weight[j];
      t0 += r0[j] * w;
      t1 += r1[j] * w;
      t2 += r2[j] * w;
      t3 += r3[j] * w;
    }
    ts[s] = t0;
    ts[s + 1] = t1;
    ts[s + 2] = t2;
    ts[s + 3] = t3;
  }
  for (; s < rows; s++) {
    const double *row = dense + (long)s * n;
    double t = 0;
    for (i32 j = 0; j < n; j++) t += row[j] * weight[j];
    ts[s] = t;
  }
  for (i32 i = 0; i < n; i++) {
    const i32 k = slot[i];
    d[i] = (k >= 0 ? ts[k] : 0) * a[i];
  }
}
