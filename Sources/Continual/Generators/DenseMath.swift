// Small dense-algebra helpers for the mixture code: BLAS wrappers, log-sum-exp, Cholesky.
// N = samples, D = dimension, K = components. Everything row-major Double.

import CBLAS
import Foundation

enum DenseMath {
    /// C (m×n) = alpha · op(A) · op(B) + beta · C, row-major doubles (cblas_dgemm).
    @inline(__always)
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double = 1,
                     a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                     beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Rows per block so that a (rows×n)·(n×k)-shaped GEMM stays at most 200,000 multiply-adds:
    /// OpenBLAS runs such calls on the calling thread (its threshold is 4·65,536), so results do
    /// not depend on OPENBLAS_NUM_THREADS and parallel callers do not queue for its thread pool.
    static func singleThreadRows(columns n: Int, depth k: Int, limit: Int = 256) -> Int {
        max(1, min(limit, 200_000 / max(1, n * k)))
    }

    /// Single-precision counterpart of `gemm` (cblas_sgemm).
    @inline(__always)
    static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// log Σ_k exp(row[k]) for one row of `count` values, computed stably around the maximum.
    @inline(__always)
    static func logSumExp(_ row: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var m = -Double.infinity
        for k in 0..<count where row[k] > m { m = row[k] }
        if m == -Double.infinity { return m }
        var s = 0.0
        for k in 0..<count {
            let t = row[k] - m
            if t > -700 { s += exp(t) }
        }
        return m + log(s)
    }

    /// Replaces a row of log-weights v_k by responsibilities exp(v_k − L) and returns
    /// L = log Σ_k exp(v_k), computed around the maximum. Terms more than 700 nats below the
    /// maximum count as exactly 0 (exp would underflow there anyway, through a slow path).
    @inline(__always)
    static func normaliseLogRow(_ row: UnsafeMutablePointer<Double>, count: Int) -> Double {
        var m = -Double.infinity
        for k in 0..<count where row[k] > m { m = row[k] }
        if m == -Double.infinity {
            for k in 0..<count { row[k] = 1 / Double(count) }
            return m
        }
        var s = 0.0
        for k in 0..<count {
            let t = row[k] - m
            let e = t < -700 ? 0 : exp(t)
            row[k] = e
            s += e
        }
        for k in 0..<count { row[k] /= s }
        return m + log(s)
    }

    /// In-place lower Cholesky factor of a symmetric D×D matrix (upper triangle zeroed).
    /// Returns false when the matrix is not positive definite.
    static func cholesky(_ a: inout [Double], dimension d: Int) -> Bool {
        for j in 0..<d {
            var s = a[j * d + j]
            for p in 0..<j { s -= a[j * d + p] * a[j * d + p] }
            if !(s > 0) { return false }
            let ljj = s.squareRoot()
            a[j * d + j] = ljj
            for i in (j + 1)..<max(j + 1, d) {
                var t = a[i * d + j]
                for p in 0..<j { t -= a[i * d + p] * a[j * d + p] }
                a[i * d + j] = t / ljj
            }
            for p in (j + 1)..<max(j + 1, d) { a[j * d + p] = 0 }
        }
        return true
    }

    /// The inverse of a lower-triangular D×D matrix (cblas_dtrsm on the identity).
    static func invertLower(_ l: [Double], dimension d: Int) -> [Double] {
        var inv = [Double](repeating: 0, count: d * d)
        for i in 0..<d { inv[i * d + i] = 1 }
        l.withUnsafeBufferPointer { lp in
            inv.withUnsafeMutableBufferPointer { ip in
                cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit,
                            Int32(d), Int32(d), 1, lp.baseAddress!, Int32(d), ip.baseAddress!, Int32(d))
            }
        }
        return inv
    }
}
