// Float mode's hot kernels, compiled to WebAssembly by scripts/build-kernel.mjs (clang, wasm32,
// -O3 -ffp-contract=off: IEEE double arithmetic in source order, no fused multiply-add), so the
// values are bit for bit those of the TypeScript loops they replace. Every pointer is a byte
// offset into the module's memory, laid out by packages/yuma/src/float/internal/kernel.ts.

typedef int i32;
typedef unsigned char u8;

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
// or after the row's update or after its commit are dropped; a row summing to <= 0 divides by 1),
// and, with `fused`, each positive-stake row's votes (stake h = a[i] / total) added to the
// (column, bucket) table and linked into that cell's list (head -> entry + 1 -> link[entry]).
// flags[0]: every row strictly ascending; flags[1]: every weight a number >= 0, not -0. Returns
// the entry count.
i32 weights_of(const i32 *sp, const i32 *sc, const double *sv, i32 n, const u8 *permit,
               const double *a, double total, const double *lu, const double *cb, i32 owner,
               const double *bar, i32 fused, i32 low, double *table, i32 *head, i32 *link,
               double *vote_stake, i32 *wptr, i32 *wcol, double *wval, i32 *flags) {
  i32 q = 0, sorted = 1, clean = 1;
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
            if (j <= prev) sorted = 0;
            prev = j;
            wcol[q] = j;
            wval[q++] = v;
            sum += v;
          }
        }
      }
      const double ai = a[i];
      const double d = sum > 0 ? sum : 1;
      if (ai > 0 && fused) {
        const double h = ai / total;
        for (i32 p = start; p < q; p++) {
          const double v = wval[p] / d;
          wval[p] = v;
          const i32 at = (wcol[p] << 6) + vote_bucket(v, low);
          table[at] += h;
          link[p] = head[at];
          head[at] = p + 1;
          vote_stake[p] = h;
          if (!(v > 0) && (v != 0 || __builtin_signbit(v))) clean = 0;
        }
      } else {
        for (i32 p = start; p < q; p++) {
          const double v = wval[p] / d;
          wval[p] = v;
          if (!(v > 0) && (v != 0 || __builtin_signbit(v))) clean = 0;
        }
      }
    }
    wptr[i + 1] = q;
  }
  flags[0] = sorted;
  flags[1] = clean;
  return q;
}

// clipEma's dense case (see approxEpoch.ts, clipEma and DenseRows): per non-empty row i (slot
// s = slot[i] >= 0), clip the ascending weight row to the consensus (x = min(w, c), both finite
// and >= 0), add it to the validator trust (vt[i]) and the rank (r[j] += a[i] * x), store
// alpha * x in the row's dense accumulator, add the masked, scaled stored bonds
// (keep * (b * scale), in storage order; a uid outside 0..n-1 is skipped), and floor the row's
// lo..hi span to 0 below 2^-32 (NaN too), adding what stays to the column sums. col_sum and r
// must be zero on entry.
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
    i32 lo = w0 < w1 ? col[w0] : n;
    i32 hi = w0 < w1 ? col[w1 - 1] : -1;
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
    for (i32 p = b0; p < b1; p++) {
      const i32 j = bc[p];
      if ((unsigned)j < (unsigned)n && (!dropped || drop[j] != 1)) {
        row[j] += keep * (bv[p] * scale);
        lo = j < lo ? j : lo;
        hi = j > hi ? j : hi;
      }
    }
    for (i32 j = lo; j <= hi; j++) {
      const double v = row[j];
      const double e = v >= CHAIN_EPSILON ? v : 0;
      row[j] = e;
      col_sum[j] += e;
    }
  }
}
