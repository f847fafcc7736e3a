// The lower Cholesky factor of a symmetric positive-definite matrix, and the inverse of a
// lower-triangular matrix, row-major Double. Their results feed the mixtures' likelihoods,
// so the order of operations is fixed and is that of `CholeskyReference` (the textbook
// loops), bit for bit: every output is one chain of separately rounded multiplications and
// subtractions in increasing p. These versions only work on several outputs at once (eight
// chains side by side, or eight columns in vector lanes) instead of one after another.

/// Fast, fixed-order Cholesky factorisation and triangular inverse (see the file comment).
public enum Cholesky {
    /// In-place lower Cholesky factor of a symmetric D×D matrix (upper triangle zeroed), with
    /// `CholeskyReference.factor`'s bits. Returns false when the matrix is not positive definite.
    public static func factor(_ a: inout [Double], dimension d: Int) -> Bool {
        a.withUnsafeMutableBufferPointer { buffer in
            let a = buffer.baseAddress!
            for j in 0..<d {
                let rowJ = a + j * d
                var s = rowJ[j]
                for p in 0..<j { s -= rowJ[p] * rowJ[p] }
                if !(s > 0) { return false }
                let ljj = s.squareRoot()
                rowJ[j] = ljj
                // Column j below the diagonal: eight rows' chains side by side, each in order p.
                var i = j + 1
                while i + 8 <= d {
                    let r0 = a + i * d, r1 = r0 + d, r2 = r1 + d, r3 = r2 + d
                    let r4 = r3 + d, r5 = r4 + d, r6 = r5 + d, r7 = r6 + d
                    var t0 = r0[j], t1 = r1[j], t2 = r2[j], t3 = r3[j]
                    var t4 = r4[j], t5 = r5[j], t6 = r6[j], t7 = r7[j]
                    for p in 0..<j {
                        let l = rowJ[p]
                        t0 -= r0[p] * l; t1 -= r1[p] * l; t2 -= r2[p] * l; t3 -= r3[p] * l
                        t4 -= r4[p] * l; t5 -= r5[p] * l; t6 -= r6[p] * l; t7 -= r7[p] * l
                    }
                    r0[j] = t0 / ljj; r1[j] = t1 / ljj; r2[j] = t2 / ljj; r3[j] = t3 / ljj
                    r4[j] = t4 / ljj; r5[j] = t5 / ljj; r6[j] = t6 / ljj; r7[j] = t7 / ljj
                    i += 8
                }
                while i < d {
                    let row = a + i * d
                    var t = row[j]
                    for p in 0..<j { t -= row[p] * rowJ[p] }
                    row[j] = t / ljj
                    i += 1
                }
                for p in (j + 1)..<max(j + 1, d) { rowJ[p] = 0 }
            }
            return true
        }
    }

    /// The inverse of a lower-triangular D×D matrix with `CholeskyReference.invertLower`'s bits.
    ///
    /// Row i of the inverse is computed eight columns at a time, one column per vector lane.
    /// A lane's chain for column j also meets the terms p in [j₀, j) of its block, whose
    /// factors inv[p][j] are the zeros above the diagonal: subtracting ±0 from the chain's
    /// value (+0 or 1 until then) leaves it unchanged, so the lane ends with the reference's bits.
    public static func invertLower(_ l: [Double], dimension d: Int) -> [Double] {
        var inverse = [Double](repeating: 0, count: d * d)
        l.withUnsafeBufferPointer { lBuffer in
            inverse.withUnsafeMutableBufferPointer { invBuffer in
                let l = lBuffer.baseAddress!, inv = invBuffer.baseAddress!
                for i in 0..<d {
                    let rowL = l + i * d, diagonal = rowL[i]
                    var j0 = 0
                    while j0 + 8 <= i + 1 {
                        var t = SIMD8<Double>()
                        if i < j0 + 8 { t[i - j0] = 1 }
                        for p in j0..<i {
                            let row = UnsafeRawPointer(inv + p * d + j0).loadUnaligned(as: SIMD8<Double>.self)
                            t -= SIMD8(repeating: rowL[p]) * row
                        }
                        UnsafeMutableRawPointer(inv + i * d + j0).storeBytes(of: t / SIMD8(repeating: diagonal), as: SIMD8<Double>.self)
                        j0 += 8
                    }
                    for j in j0..<(i + 1) {
                        var t = i == j ? 1.0 : 0.0
                        for p in j..<i { t -= rowL[p] * inv[p * d + j] }
                        inv[i * d + j] = t / diagonal
                    }
                }
            }
        }
        return inverse
    }
}
