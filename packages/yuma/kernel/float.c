// Float mode's hot kernels, compiled to WebAssembly by scripts/build-kernel.mjs (clang, wasm32,
// -O3 -ffp-contract=off: IEEE double arithmetic in source order, no fused multiply-add), so the
// values are bit for bit those of the TypeScript loops they replace. Every pointer is a byte
// offset into the module's memory, laid out by packages/yuma/src/float/internal/kernel.ts.

typedef int i32;
typedef unsigned char u8;

// 2^-32: the chain keeps I32F32 values > 0, so anything below it has floored to zero there.
#define CHAIN_EPSILON (1.0 / 4294967296.0)

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
