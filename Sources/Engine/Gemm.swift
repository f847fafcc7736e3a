// General matrix multiply: the fast path (OpenBLAS `cblas_sgemm`) and a naive reference
// kept beside it, as llm.c keeps `matmul_forward_naive`. Row-major throughout.
// C (m×n) = alpha · op(A) (m×k) · op(B) (k×n) + beta · C, op = transpose or not.

import CBLAS

/// `C = alpha·op(A)·op(B) + beta·C` with OpenBLAS `cblas_sgemm`, row-major.
///
/// `lda`, `ldb`, `ldc` are the row strides of A, B, C as stored (A is m×k, or k×m when
/// `transA`; B is k×n, or n×k when `transB`).
@inline(__always)
public func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
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
/// Slow (three nested loops); exists to test the fast path.
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
