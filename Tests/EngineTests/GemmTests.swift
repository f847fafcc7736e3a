import Engine
import Testing
import TestSupport

@Suite struct GemmTests {
    /// sgemm (OpenBLAS, whatever kernel it selected) agrees with the Double naive GEMM,
    /// for every transpose combination and the CNN's shapes.
    @Test(arguments: [(5, 7, 3), (64, 64, 288), (32, 144, 196), (17, 9, 33), (128, 64, 1024)])
    func sgemmMatchesNaive(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = Fixtures.uniform(m * k, "a\(m)\(k)"), b = Fixtures.uniform(k * n, "b\(k)\(n)")
            var c1 = Fixtures.uniform(m * n, "c"), c2 = c1
            sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, b: b, beta: 0.25, c: &c1)
            gemmNaive(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 0.5, a: a, b: b, beta: 0.25, c: &c2)
            // |Σ| ≤ k terms of magnitude ≤ 1, float rounding ~ k·6e-8 relative to the sum of |terms|.
            expectClose(c1, c2, absolute: Float(k) * 2e-7, relative: 1e-5, "transA \(ta) transB \(tb) \(shape)")
        }
    }

    @Test func naiveGemmKnownProduct() {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
        var c = [Float](repeating: 0, count: 4)
        gemmNaive(transA: false, transB: false, m: 2, n: 2, k: 2, a: [1, 2, 3, 4], b: [5, 6, 7, 8], c: &c)
        #expect(c == [19, 22, 43, 50])
        var ct = [Float](repeating: 0, count: 4)
        sgemm(transA: true, transB: false, m: 2, n: 2, k: 2, a: [1, 3, 2, 4], b: [5, 6, 7, 8], c: &ct)
        #expect(ct == [19, 22, 43, 50])
    }
}
