// The mixtures' dense algebra against its definitions, bit for bit:
// - `Cholesky.factor` / `invertLower` against `CholeskyReference`'s one-output-at-a-time loops;
// - `dgemmGram` and `dgemmTimesLowerTransposed` against the plain `dgemm` call they replace;
// and the factor against its meaning (L·Lᵀ = A, L·L⁻¹ = I) within rounding.

import Engine
import Testing

@Suite struct CholeskyAndStructuredGemmTests {
    /// A symmetric positive-definite D×D matrix BᵀB/D + I from uniform B.
    static func positiveDefinite(_ d: Int, _ name: String) -> [Double] {
        let b = Fixtures.uniform(d * d, name).map(Double.init)
        var a = [Double](repeating: 0, count: d * d)
        for r in 0..<d {
            for s in 0..<d {
                var sum = 0.0
                for p in 0..<d { sum += b[p * d + r] * b[p * d + s] }
                a[r * d + s] = sum / Double(d) + (r == s ? 1 : 0)
            }
        }
        return a
    }

    static func differing(_ x: [Double], _ y: [Double]) -> Int {
        zip(x, y).filter { $0.0.bitPattern != $0.1.bitPattern }.count
    }

    // Sizes around the eight-row and eight-lane blocks, and the generators' 288.
    @Test(arguments: [1, 2, 7, 8, 9, 15, 16, 17, 40, 288])
    func choleskyAndInverseHaveTheReferenceBits(dimension d: Int) {
        let a = Self.positiveDefinite(d, "spd\(d)")
        var fast = a, reference = a
        #expect(Cholesky.factor(&fast, dimension: d))
        #expect(CholeskyReference.factor(&reference, dimension: d))
        #expect(Self.differing(fast, reference) == 0, "factor: D = \(d)")
        let inverse = Cholesky.invertLower(fast, dimension: d)
        #expect(Self.differing(inverse, CholeskyReference.invertLower(reference, dimension: d)) == 0, "inverse: D = \(d)")
        // Meaning: L·Lᵀ = A and L·L⁻¹ = I, both lower triangular.
        var worstProduct = 0.0, worstIdentity = 0.0
        for r in 0..<d {
            for s in 0..<d {
                var llt = 0.0, lInv = 0.0
                for p in 0..<d {
                    llt += fast[r * d + p] * fast[s * d + p]
                    lInv += fast[r * d + p] * inverse[p * d + s]
                }
                worstProduct = max(worstProduct, abs(llt - a[r * d + s]))
                worstIdentity = max(worstIdentity, abs(lInv - (r == s ? 1 : 0)))
                if s > r { #expect(fast[r * d + s] == 0 && inverse[r * d + s] == 0) }
            }
        }
        #expect(worstProduct < 1e-12 * Double(d + 1) && worstIdentity < 1e-12 * Double(d + 1), "D = \(d): \(worstProduct), \(worstIdentity)")
    }

    @Test func notPositiveDefiniteIsRefusedByBoth() {
        let d = 12
        var a = Self.positiveDefinite(d, "npd")
        a[9 * d + 9] = -1
        var fast = a, reference = a
        #expect(!Cholesky.factor(&fast, dimension: d))
        #expect(!CholeskyReference.factor(&reference, dimension: d))
    }

    // N crosses the 128-row chunks; D covers blocks narrower than a vector (5, 23) and 288.
    @Test(arguments: [(1, 5), (100, 8), (129, 16), (300, 23), (257, 40), (400, 288)])
    func gramHasThePlainProductsBits(shape: (Int, Int)) {
        let (n, d) = shape
        let a = Fixtures.uniform(n * d, "gram\(n)x\(d)").map(Double.init)
        for alpha in [1.0, 1.0 / 37] {
            var gram = [Double](repeating: .nan, count: d * d), plain = gram
            a.withUnsafeBufferPointer { pa in
                gram.withUnsafeMutableBufferPointer { pc in
                    dgemmGram(rows: n, columns: d, alpha: alpha, a: pa.baseAddress!, lda: d, c: pc.baseAddress!, ldc: d)
                }
                plain.withUnsafeMutableBufferPointer { pc in
                    dgemm(transA: true, transB: false, m: d, n: d, k: n, alpha: alpha, a: pa.baseAddress!, lda: d,
                          b: pa.baseAddress!, ldb: d, c: pc.baseAddress!, ldc: d)
                }
            }
            #expect(Self.differing(gram, plain) == 0, "N = \(n), D = \(d), alpha \(alpha)")
        }
    }

    @Test(arguments: [(3, 5), (64, 8), (100, 17), (37, 40), (200, 288)])
    func timesLowerTransposedHasThePlainProductsBits(shape: (Int, Int)) {
        let (m, d) = shape
        let x = Fixtures.uniform(m * d, "x\(m)x\(d)").map(Double.init)
        var l = Fixtures.uniform(d * d, "l\(d)").map(Double.init)
        for r in 0..<d { for s in (r + 1)..<max(r + 1, d) { l[r * d + s] = 0 } }
        var structured = [Double](repeating: .nan, count: m * d), plain = structured
        x.withUnsafeBufferPointer { px in
            l.withUnsafeBufferPointer { pl in
                structured.withUnsafeMutableBufferPointer { pc in
                    dgemmTimesLowerTransposed(rows: m, dimension: d, a: px.baseAddress!, lda: d, lower: pl.baseAddress!, ldl: d,
                                              c: pc.baseAddress!, ldc: d)
                }
                plain.withUnsafeMutableBufferPointer { pc in
                    dgemm(transA: false, transB: true, m: m, n: d, k: d, a: px.baseAddress!, lda: d, b: pl.baseAddress!, ldb: d,
                          c: pc.baseAddress!, ldc: d)
                }
            }
        }
        #expect(Self.differing(structured, plain) == 0, "M = \(m), D = \(d)")
    }
}
