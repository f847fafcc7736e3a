// General matrix multiply, the one entry point for the engine and the mixtures: glr's own
// fixed-order kernels (`FixedOrderGemm`, the default) or OpenBLAS (`Numerics.backend =
// .blas`), and a naive Double reference beside them, as llm.c keeps `matmul_forward_naive`.
// Row-major throughout. C (m×n) = alpha · op(A) (m×k) · op(B) (k×n) + beta · C.

import CBLAS

/// `C = alpha·op(A)·op(B) + beta·C` in Float, row-major, on the active `Numerics.backend`.
///
/// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored (A is m×k, or k×m when
/// `transA`; B is k×n, or n×k when `transB`). The reference backend sums every output's
/// products in order p = 0..<k with fused multiply-adds (see `FixedOrderGemm`).
@inline(__always)
public func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                  beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
    switch Numerics.backend {
    case .reference:
        FixedOrderGemm.run(SIMD16<Float>.self, transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                           a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    case .blas:
        blasSgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                  a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// `C = alpha·op(A)·op(B) + beta·C` in Double, row-major, on the active `Numerics.backend`
/// (same conventions as `sgemm`).
@inline(__always)
public func dgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double = 1,
                  a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                  beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
    switch Numerics.backend {
    case .reference:
        FixedOrderGemm.run(SIMD8<Double>.self, transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                           a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    case .blas:
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// OpenBLAS `cblas_sgemm` with `sgemm`'s conventions, whatever the backend: the test oracle
/// of the reference kernels and the ceiling `glr bench` measures them against.
@inline(__always)
public func blasSgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// `sgemm` on whole arrays with packed strides (lda = columns of A as stored, etc.).
public func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                  a: [Float], b: [Float], beta: Float = 0, c: inout [Float]) {
    precondition(a.count == m * k && b.count == k * n && c.count == m * n,
                 "sgemm: A needs \(m * k), B \(k * n), C \(m * n) elements; got \(a.count), \(b.count), \(c.count)")
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                      a: pa.baseAddress!, lda: transA ? m : k, b: pb.baseAddress!, ldb: transB ? k : n,
                      beta: beta, c: pc.baseAddress!, ldc: n)
            }
        }
    }
}

/// Reference GEMM with the same meaning as the array `sgemm`, accumulating in Double.
///
/// Slow (three nested loops); exists to test the fast paths.
public func gemmNaive(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: [Float], b: [Float], beta: Float = 0, c: inout [Float]) {
    precondition(a.count == m * k && b.count == k * n && c.count == m * n,
                 "gemmNaive: A needs \(m * k), B \(k * n), C \(m * n) elements; got \(a.count), \(b.count), \(c.count)")
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let av = transA ? a[p * m + i] : a[i * k + p]
                let bv = transB ? b[j * k + p] : b[p * n + j]
                sum += Double(av) * Double(bv)
            }
            let old = beta == 0 ? 0 : Double(beta) * Double(c[i * n + j])
            c[i * n + j] = Float(Double(alpha) * sum + old)
        }
    }
}

/// The exact sequence the reference kernels compute for one output, in scalar code:
/// acc = Σ_p fma in order, then alpha and beta as in `FixedOrderGemm`. Tests compare the
/// kernels' bits with it.
public func gemmFixedOrderScalar(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                 a: [Float], b: [Float], beta: Float = 0, c: inout [Float]) {
    for i in 0..<m {
        for j in 0..<n {
            var acc: Float = 0
            for p in 0..<k {
                let av = transA ? a[p * m + i] : a[i * k + p]
                let bv = transB ? b[j * k + p] : b[p * n + j]
                acc = acc.addingProduct(av, bv)
            }
            let scaled = alpha == 1 ? acc : acc * alpha
            let old = c[i * n + j]
            c[i * n + j] = beta == 0 ? scaled : (beta == 1 ? old + scaled : old * beta + scaled)
        }
    }
}
