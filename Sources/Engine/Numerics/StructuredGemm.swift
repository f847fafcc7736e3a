// Products whose operands have structure `dgemm` would not see: a Gram matrix AᵀA is
// symmetric, and a lower-triangular factor has zeros above its diagonal. Each routine calls
// `dgemm` on column blocks and skips only work whose result is known, so it returns the
// same bits as the plain `dgemm` call it names:
//   - Gram: output (r, s) and (s, r) are the same fma sequence over the same products
//     (a·b = b·a exactly), so the upper triangle is a copy of the lower one.
//   - Times Lᵀ: output (i, r) = Σ_j A_ij·L_rj in order j = 0..<D; the terms j > r are
//     fma(A_ij, 0, acc), which leave acc unchanged (acc starts at +0 and an fma that adds 0
//     to it cannot give −0 unless the product underflows to −0, whose square is the same),
//     so the sum may stop after the block of columns holding r.

/// Width of the column blocks the structured products hand to `dgemm` (two 8-lane vectors).
private let structuredBlock = 16

/// `C = alpha·AᵀA` (D×D, both triangles) for A stored N×D with row stride `lda`, with the
/// bits of `dgemm(transA: true, transB: false, m: D, n: D, k: N, alpha:, a: A, b: A)` and
/// about half its multiply-adds: the lower triangle by column blocks, then mirrored. With the
/// reference numerics the sums walk N in chunks of rows that stay in cache while every column
/// block uses them (`FixedOrderGemm.continueSums`), which gives the same bits as one pass.
public func dgemmGram(rows n: Int, columns d: Int, alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
                      c: UnsafeMutablePointer<Double>, ldc: Int) {
    // Column blocks start..<start+width; each covers rows start..<D: its square and all below it.
    let starts = Array(stride(from: 0, to: d, by: structuredBlock))
    func width(_ start: Int) -> Int { min(structuredBlock, d - start) }
    let chunked = Numerics.backend == .reference ? starts.filter { width($0) >= SIMD8<Double>.scalarCount } : []
    for start in chunked {
        for r in start..<d { (c + r * ldc + start).update(repeating: 0, count: width(start)) }
    }
    var first = 0
    while first < n && !chunked.isEmpty {
        let rows = min(gramChunkRows, n - first)
        for start in chunked {
            let piece = a + first * lda + start
            FixedOrderGemm.continueSums(SIMD8<Double>.self, transA: true, m: d - start, n: width(start), k: rows,
                                        a: piece, lda: lda, b: piece, ldb: lda, c: c + start * ldc + start, ldc: ldc)
        }
        first += rows
    }
    for start in chunked where alpha != 1 {
        for r in start..<d {
            for s in start..<(start + width(start)) { c[r * ldc + s] = c[r * ldc + s] * alpha }
        }
    }
    for start in starts where !chunked.contains(start) {
        dgemm(transA: true, transB: false, m: d - start, n: width(start), k: n, alpha: alpha,
              a: a + start, lda: lda, b: a + start, ldb: lda, c: c + start * ldc + start, ldc: ldc)
    }
    for r in 0..<d {
        for s in 0..<r { c[s * ldc + r] = c[r * ldc + s] }
    }
}

/// Rows of A per pass of `dgemmGram`'s chunked sums: 128 rows of 288 Doubles stay in L2.
private let gramChunkRows = 128

/// `C = A·Lᵀ` (M×D) for A stored M×D and a lower-triangular L (D×D, zeros above the
/// diagonal), with the bits of `dgemm(transA: false, transB: true, m: M, n: D, k: D, a: A,
/// b: L)` and about half its multiply-adds: column block r₀..<r₀+16 of C sums only
/// j < r₀ + 16.
public func dgemmTimesLowerTransposed(rows m: Int, dimension d: Int, a: UnsafePointer<Double>, lda: Int,
                                      lower l: UnsafePointer<Double>, ldl: Int,
                                      c: UnsafeMutablePointer<Double>, ldc: Int) {
    var start = 0
    while start < d {
        let width = min(structuredBlock, d - start)
        dgemm(transA: false, transB: true, m: m, n: width, k: start + width, a: a, lda: lda,
              b: l + start * ldl, ldb: ldl, c: c + start, ldc: ldc)
        start += width
    }
}
