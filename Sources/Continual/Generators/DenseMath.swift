// Small dense-algebra helpers for the mixture code: log-sum-exp and row normalisation
// (Cholesky and the triangular inverse are the engine's `Cholesky`). N = samples,
// D = dimension, K = components. Everything row-major Double.
// Matrix products go through the engine's `sgemm` / `dgemm` (glr's fixed-order kernels by
// default); exp and log are `ReferenceMath`'s, so mixture likelihoods have the same bits on
// every machine.

import Engine

enum DenseMath {
    /// Rows per block so that a (rows×n)·(n×k)-shaped GEMM stays at most 200,000 multiply-adds:
    /// blocks stay in cache, and under the OpenBLAS backend such calls run on the calling
    /// thread (its threshold is 4·65,536) instead of queueing for its thread pool.
    static func singleThreadRows(columns n: Int, depth k: Int, limit: Int = 256) -> Int {
        max(1, min(limit, 200_000 / max(1, n * k)))
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
            if t > -700 { s += ReferenceMath.exp(t) }
        }
        return m + ReferenceMath.log(s)
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
            let e = t < -700 ? 0 : ReferenceMath.exp(t)
            row[k] = e
            s += e
        }
        for k in 0..<count { row[k] /= s }
        return m + ReferenceMath.log(s)
    }
}
